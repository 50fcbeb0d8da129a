"""The export: the contract's JSON keys, CSV files, evidence spans, determinism, and the CLI command."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.export import CSV_HEADERS, dumps, export_json, write_csv
from dateline.store import open_store

CONTRACT_KEYS = {
    "top": {"documents", "stories", "events", "actors"},
    "document": {"id", "path", "title", "published", "source", "dateline", "story", "duplicate_of"},
    "story": {"id", "title", "documents", "events"},
    "event": {
        "id", "type", "title", "organization", "series", "ordinal", "start", "end", "location", "chair",
        "participants", "received_by", "next_venue", "documents", "evidence",
    },
    "place": {"city", "country"},
    "participant": {"actor", "role", "affiliation"},
    "evidence": {"document", "start", "end", "text"},
    "actor": {"id", "kind", "name", "aliases", "roles"},
    "role": {"title", "affiliation", "first_seen", "last_seen", "documents"},
}  # fmt: skip


@pytest.fixture
def filled_target(store_target, make_article, make_derived):
    """A store with two articles (one without a publication date) and derived records over them."""
    first = make_article("doc_a")
    second = make_article("doc_b", published=None)
    with open_store(store_target) as store:
        for annotated, extraction in (first, second):
            store.save_article(annotated, extraction)
        store.replace_derived(*make_derived([first[1], second[1]]))
    return store_target


def test_json_export_has_every_contract_key(filled_target):
    with open_store(filled_target) as store:
        data = export_json(store)
    assert set(data) >= CONTRACT_KEYS["top"]
    assert [d["id"] for d in data["documents"]] == ["doc_a", "doc_b"]
    for doc in data["documents"]:
        assert set(doc) >= CONTRACT_KEYS["document"]
    assert data["documents"][1]["published"] is None
    assert data["documents"][0]["published"] == "2021-05-04"
    assert data["documents"][1]["story"] == "story-0001"
    assert data["documents"][1]["duplicate_of"] == "doc_a"
    for story in data["stories"]:
        assert set(story) >= CONTRACT_KEYS["story"]
    (event,) = data["events"]
    assert set(event) >= CONTRACT_KEYS["event"] | {"status", "mode", "series", "conflicts", "signed"}
    assert set(event["location"]) == CONTRACT_KEYS["place"]
    assert set(event["next_venue"]) == CONTRACT_KEYS["place"]
    assert event["chair"] is None
    assert event["start"] == "2021-05-04"
    assert event["ordinal"] == 7
    for person in event["participants"] + event["received_by"]:
        assert set(person) >= CONTRACT_KEYS["participant"] | {"name"}
    assert [p["name"] for p in event["participants"]] == ["Ivan Petrov", "Anna Lee"]
    assert event["received_by"][0]["role"] == "President"
    for evidence in event["evidence"]:
        assert set(evidence) >= CONTRACT_KEYS["evidence"] | {"field"}
    assert event["conflicts"][0]["versions"][1] == {"value": "8", "documents": ["doc_b"]}
    for actor in data["actors"]:
        assert set(actor) >= CONTRACT_KEYS["actor"]
        assert all(isinstance(alias, str) for alias in actor["aliases"])
        assert len(actor["aliases"]) == len(set(actor["aliases"]))
        for role in actor["roles"]:
            assert set(role) >= CONTRACT_KEYS["role"]
    petrov = next(a for a in data["actors"] if a["name"] == "Ivan Petrov")
    assert petrov["aliases"] == ["Ivan Petrov", "Petrov"]
    json.loads(dumps(data))  # JSON-native throughout


def test_evidence_text_is_the_document_span(filled_target):
    with open_store(filled_target) as store:
        texts = {d.id: d.text for d in store.documents()}
        data = export_json(store)
    spans = [ev for event in data["events"] for ev in event["evidence"]]
    spans += [s["evidence"] for event in data["events"] for s in event["signed"] if s["evidence"]]
    assert len(spans) >= 3
    for ev in spans:
        assert ev["text"] == texts[ev["document"]][ev["start"] : ev["end"]]
        assert ev["text"]


def test_export_is_deterministic(filled_target, tmp_path):
    with open_store(filled_target) as store:
        first, second = dumps(export_json(store)), dumps(export_json(store))
        write_csv(store, tmp_path / "one")
        write_csv(store, tmp_path / "two")
    assert first == second
    for name in CSV_HEADERS:
        one, two = (tmp_path / run / f"{name}.csv" for run in ("one", "two"))
        assert one.read_bytes() == two.read_bytes()


def test_csv_files_are_written(filled_target, tmp_path):
    with open_store(filled_target) as store:
        paths = write_csv(store, tmp_path / "csv")
    assert sorted(p.name for p in paths) == sorted(f"{name}.csv" for name in CSV_HEADERS)
    tables = {}
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            tables[path.stem] = list(csv.DictReader(handle))
    assert [row["id"] for row in tables["documents"]] == ["doc_a", "doc_b"]
    assert tables["documents"][1]["duplicate_of"] == "doc_a"
    assert tables["documents"][1]["published"] == ""
    assert tables["events"][0]["city"] == "Port Vell"
    assert tables["events"][0]["documents"] == "doc_a;doc_b"
    assert [(r["part"], r["name"]) for r in tables["participants"]] == [
        ("participants", "Ivan Petrov"),
        ("participants", "Anna Lee"),
        ("received_by", "Karl Berg"),
    ]
    assert len(tables["actors"]) == 4
    assert len(tables["aliases"]) == 3 * 3
    assert tables["roles"][0]["documents"] == "doc_a;doc_b"
    assert all(int(r["end"]) > int(r["start"]) and r["text"] for r in tables["evidence"])


def test_empty_store_exports_empty_lists(tmp_path):
    with open_store(str(tmp_path / "empty.db")) as store:
        assert export_json(store) == {
            "documents": [],
            "stories": [],
            "events": [],
            "planned_events": [],
            "actors": [],
            "series": [],
        }
        paths = write_csv(store, tmp_path / "csv")
    assert (tmp_path / "csv" / "events.csv").read_text() == ",".join(CSV_HEADERS["events"]) + "\n"
    assert len(paths) == len(CSV_HEADERS)


# --- the `dateline export` command ---


def test_cli_export_json_to_stdout_and_file(filled_target, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--db", filled_target, "--format", "json"])
    assert result.exit_code == 0, result.output
    with open_store(filled_target) as store:
        expected = export_json(store)
    assert json.loads(result.stdout) == expected
    out = tmp_path / "export.json"
    result = runner.invoke(app, ["export", "--db", filled_target, "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8")) == expected


def test_cli_export_csv(filled_target, tmp_path):
    args = ["export", "--db", filled_target, "-f", "csv", "--out", str(tmp_path / "c")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in (tmp_path / "c").iterdir()) == sorted(CSV_HEADERS)


def test_cli_csv_without_out_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["export", "--db", str(tmp_path / "x.db"), "--format", "csv"])
    assert result.exit_code == 2
    assert "--out" in result.output


def test_cli_unreadable_store_exits_2_naming_it(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00garbage" * 100)
    result = CliRunner().invoke(app, ["export", "--db", str(bad), "--format", "json"])
    assert result.exit_code == 2
    assert str(bad) in result.output.replace("\n", "")
    assert "not a database" in result.output


def test_cli_unwritable_out_exits_2(filled_target, tmp_path):
    blocker = Path(tmp_path / "file")
    blocker.write_text("x")
    result = CliRunner().invoke(
        app, ["export", "--db", filled_target, "--format", "csv", "--out", str(blocker / "sub")]
    )
    assert result.exit_code == 2
    assert "cannot write" in result.output
