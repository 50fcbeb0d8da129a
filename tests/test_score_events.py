"""bench/score_events.py: a perfect prediction scores 1.0; each kind of damage lowers its own figure."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "events_gold.json"
SCORER = ROOT / "bench" / "score_events.py"


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_events", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_events"] = module
    spec.loader.exec_module(module)
    return module


scorer = load_scorer()


def perfect_export(gold: dict[str, Any]) -> dict[str, Any]:
    """What an exporter that got everything right would write, in the contract's shape."""
    story_of = {doc: f"story-{n}" for n, docs in enumerate(gold["stories"]) for doc in docs}
    documents = [
        {
            "id": doc_id,
            "path": f"{doc_id}.txt",
            "title": None,
            **meta,
            "story": story_of.get(doc_id),
            "duplicate_of": None,
        }
        for doc_id, meta in gold["documents"].items()
    ]
    stories = [
        {"id": f"story-{n}", "title": None, "documents": docs, "events": []} for n, docs in enumerate(gold["stories"])
    ]
    actors = []
    for person, forms in gold["persons"].items():
        roles = [
            {
                "title": t["role"],
                "affiliation": t["affiliation"][0],
                "first_seen": t["on"],
                "last_seen": t["on"],
                "documents": [],
            }
            for t in gold["tenures"]
            if t["person"] == person
        ]
        actors.append({"id": f"p-{person}", "kind": "person", "name": forms[0], "aliases": list(forms), "roles": roles})

    def people(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"actor": f"p-{e['person']}", "role": e["role"], "affiliation": e["affiliation"][0]} for e in entries]

    events = []
    for meeting in gold["meetings"]:
        events.append(
            {
                "id": meeting["key"],
                "type": "meeting",
                "title": meeting["key"],
                "organization": meeting["organization"][0],
                "series": None,
                "ordinal": meeting["ordinal"],
                "start": meeting["start"],
                "end": meeting["end"],
                "location": {"city": meeting["city"], "country": meeting["country"]},
                "chair": meeting["chair"][0] if meeting["chair"] else None,
                "participants": people(meeting["participants"]),
                "received_by": people(meeting["received_by"]),
                "next_venue": (
                    {"city": None, "country": meeting["next_venue_country"]} if meeting["next_venue_country"] else None
                ),
                "status": meeting.get("status", "held"),
                "mode": meeting.get("mode"),
                "documents": meeting["documents"],
                "evidence": [],
            }
        )
    return {"documents": documents, "stories": stories, "events": events, "actors": actors}


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def test_perfect_prediction_scores_one(gold: dict[str, Any]) -> None:
    report = scorer.score(gold, perfect_export(gold))
    assert report.errors == []
    assert report.figures and all(value == 1.0 for value in report.figures.values()), report.figures


def test_empty_prediction_scores_zero_where_it_counts(gold: dict[str, Any]) -> None:
    figures = scorer.score(gold, {}).figures
    for name in (
        "meetings.recall",
        "participants.recall",
        "aliases.pairwise_f1",
        "tenures.accuracy",
        "stories.pairwise_f1",
    ):
        assert figures[name] == 0.0, name
    assert figures["documents.source"] < 0.1  # only the gold's null sources agree with nothing


def test_missing_meeting_and_extra_meeting(gold: dict[str, Any]) -> None:
    pred = perfect_export(gold)
    dropped = pred["events"].pop(0)
    extra = copy.deepcopy(pred["events"][0])
    extra.update(id="bogus", ordinal=None, start="2001-01-01", location={"city": "Oslo", "country": "NOR"})
    pred["events"].append(extra)
    report = scorer.score(gold, pred)
    total = len(gold["meetings"])
    assert report.figures["meetings.recall"] == pytest.approx((total - 1) / total, abs=1e-4)
    assert report.figures["meetings.precision"] == pytest.approx((total - 1) / total, abs=1e-4)
    assert report.figures["participants.recall"] < 1.0
    assert f"meeting {dropped['id']}: missed" in report.errors
    assert any(line.startswith("extra meeting bogus") for line in report.errors)


def test_wrong_fields_are_named(gold: dict[str, Any]) -> None:
    pred = perfect_export(gold)
    # a single-day meeting with an ordinal: still matched by its ordinal when the city is wrong
    event = next(e for e in pred["events"] if e["ordinal"] is not None and e["start"] == e["end"])
    event["location"] = {"city": "Moscow", "country": "RUS"}
    event["end"] = None  # a single-day meeting may leave end null: not an error
    event["status"] = "planned"
    report = scorer.score(gold, pred)
    assert report.figures["fields.city"] < 1.0 and report.figures["fields.country"] < 1.0
    assert report.figures["fields.status"] < 1.0
    assert report.figures["fields.end"] == 1.0
    assert any(f"meeting {event['id']}: city gold=" in line for line in report.errors)


def test_matching_falls_back_to_city_and_start(gold: dict[str, Any]) -> None:
    pred = perfect_export(gold)
    for event in pred["events"]:
        event["ordinal"] = None
    report = scorer.score(gold, pred)
    assert report.figures["meetings.recall"] == 1.0  # every gold meeting has a city+start or org fallback
    assert report.figures["fields.ordinal"] < 1.0


def test_participant_needs_name_and_affiliation(gold: dict[str, Any]) -> None:
    pred = perfect_export(gold)
    participants = pred["events"][0]["participants"]
    participants[0]["affiliation"] = "XXX"  # right person, wrong country
    participants[1]["role"] = "Ambassador"  # right person, wrong role
    participants.append({"actor": "nobody", "role": "Minister", "affiliation": "FRA"})
    pred["actors"].append({"id": "nobody", "kind": "person", "name": "Jean Dupont", "aliases": []})
    report = scorer.score(gold, pred)
    assert report.figures["participants.recall"] < 1.0
    assert report.figures["participants.precision"] < 1.0
    assert report.figures["roles.accuracy"] < 1.0
    assert any("extra participant 'Jean Dupont'" in line for line in report.errors)


def test_names_match_across_spacing_accents_and_ranks() -> None:
    assert scorer.name_ok("N. P.Patrushev", "N. P. Patrushev")
    assert scorer.name_ok("Marcos Ribeiro Falcão", "Marcos Ribeiro Falcao")
    assert scorer.name_ok("Wichai Phromsiri", "General Wichai Phromsiri")
    assert not scorer.name_ok("Borodin", "Sergei Borodin")  # a surname must be seen as such
    assert not scorer.name_ok("Sergei Borodin", "Sergei Lyakhovich")
    assert scorer.role_ok("minister of defence", "Defense Minister")
    assert scorer.role_ok("minister of internal affairs", "Interior Minister")
    assert scorer.role_ok("secretary general", "Secretary-General of the CSTO")
    assert not scorer.role_ok("first deputy minister of defence", "Minister of Defence")


def test_merged_and_split_aliases_lower_alias_f1(gold: dict[str, Any]) -> None:
    pred = perfect_export(gold)
    first, second = pred["actors"][0], pred["actors"][1]
    first["aliases"] = first["aliases"] + second["aliases"]  # two people merged
    second["aliases"] = []
    second["name"] = "Someone Else"
    assert scorer.score(gold, pred).figures["aliases.pairwise_f1"] < 1.0


def test_tenure_needs_the_office_at_that_date(gold: dict[str, Any]) -> None:
    pred = perfect_export(gold)
    for actor in pred["actors"]:
        for role in actor["roles"]:
            role["first_seen"] = role["last_seen"] = "1990-01-01"
    report = scorer.score(gold, pred)
    assert report.figures["tenures.accuracy"] == 0.0


def test_merged_stories_lower_story_f1(gold: dict[str, Any]) -> None:
    pred = perfect_export(gold)
    for doc in pred["documents"]:
        doc["story"] = "one"
    pred["stories"] = []
    assert scorer.score(gold, pred).figures["stories.pairwise_f1"] < 0.5


def test_document_metadata(gold: dict[str, Any]) -> None:
    pred = perfect_export(gold)
    pred["documents"][0]["published"] = "1999-01-01"
    tass = next(d for d in pred["documents"] if d["source"] == "TASS")
    tass["source"] = "TASS Russian News Agency"  # more words than the gold: still right
    pred["documents"][2]["dateline"] = pred["documents"][2]["dateline"].upper()
    figures = scorer.score(gold, pred).figures
    assert figures["documents.published"] < 1.0
    assert figures["documents.source"] == 1.0
    assert figures["documents.dateline"] == 1.0


def test_command_line(tmp_path: Path, gold: dict[str, Any]) -> None:
    pred = perfect_export(gold)
    pred["events"].pop()
    pred_path = tmp_path / "export.json"
    pred_path.write_text(json.dumps(pred), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(GOLD), "--pred", str(pred_path), "--errors"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "meetings.recall" in done.stdout and ": missed" in done.stdout
    bad = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(GOLD), "--pred", str(tmp_path / "absent.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and "absent.json" in bad.stderr
