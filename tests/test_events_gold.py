"""tests/data/events_gold.json agrees with the articles beside it and has the seeds gold's shape."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
import pytest

from gold_checks import meeting_people

EVENTS = Path(__file__).resolve().parent / "data" / "events"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ORGANISATIONS = {"CSTO", "CIS", "SCO", "RATS", "SCO RATS", "SCO-RATS", "SCORATS", "BRICS", "ASEAN"}


def read_corpus(folder: Path) -> dict[str, str]:
    """Document id -> text, for .txt, .html (entities decoded) and .jsonl files."""
    docs: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".txt":
            docs[path.stem] = path.read_text(encoding="utf-8")
        elif path.suffix == ".html":
            docs[path.stem] = html.unescape(path.read_text(encoding="utf-8"))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                docs[record["id"]] = record["text"]
    return docs


def read_raw(folder: Path) -> dict[str, str]:
    """Document id -> the file (or JSON Lines record) as stored, metadata included."""
    raw: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix in (".txt", ".html"):
            raw[path.stem] = path.read_text(encoding="utf-8")
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                raw[json.loads(line)["id"]] = line
    return raw


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads((EVENTS.parent / "events_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def docs() -> dict[str, str]:
    return read_corpus(EVENTS)


def test_meeting_fields_are_well_formed(gold) -> None:
    keys = [m["key"] for m in gold["meetings"]]
    assert len(keys) == len(set(keys))

    def known_code(value: str) -> bool:
        return value in ORGANISATIONS or pycountry.countries.get(alpha_3=value) is not None

    for m in gold["meetings"]:
        assert all(known_code(o) for o in m["organization"]), m["key"]
        for value in [m["country"], m["next_venue_country"], *(m["chair"] or [])]:
            assert value is None or known_code(value), (m["key"], value)
        for entry in meeting_people(m):
            assert entry["affiliation"] and all(known_code(a) for a in entry["affiliation"]), entry
            assert entry["role"] == entry["role"].lower()
        if m["start"] is not None:
            assert date.fromisoformat(m["start"]) <= date.fromisoformat(m["end"]), m["key"]
        else:
            assert m["end"] is None
        assert m["status"] in {"held", "planned"} and m["mode"] in {None, "in_person", "videoconference"}
        if m["mode"] == "videoconference":
            assert m["city"] is None and m["country"] is None
        persons = [e["person"] for e in m["participants"]]
        assert len(persons) == len(set(persons)), m["key"]


def test_the_corpus_has_the_variety_it_promises(gold, docs) -> None:
    series = {re.sub(r"-\d.*$", "", m["key"]) for m in gold["meetings"]}
    assert len(docs) >= 30 and len(series) >= 6
    meetings = gold["meetings"]
    assert any(m["status"] == "planned" for m in meetings)
    assert any(m["mode"] == "videoconference" for m in meetings)
    assert any(m["received_by"] for m in meetings)
    assert any(m["signed"] for m in meetings)
    assert any(m["start"] is None for m in meetings)
    assert any(m["ordinal"] for m in meetings)
    in_two = [d for d in docs if sum(d in m["documents"] for m in meetings) >= 2]
    assert in_two, "no article reports two meetings"
    offices: dict[str, set[str]] = {}
    for tenure in gold["tenures"]:
        offices.setdefault(tenure["person"], set()).add(tenure["role"])
    assert any(len(roles) > 1 for roles in offices.values()), "nobody changes office"


@pytest.mark.shared
def test_same_shape_as_the_seeds_gold(gold) -> None:
    seeds_path = SHARED / "gold" / "seeds.json"
    if not seeds_path.exists():
        pytest.skip("../shared is absent")
    seeds = json.loads(seeds_path.read_text(encoding="utf-8"))
    assert set(gold) == set(seeds)
    document_keys = {k for d in seeds["documents"].values() for k in d}
    assert all(set(d) == document_keys for d in gold["documents"].values())
    seed_meeting_keys = {k for m in seeds["meetings"] for k in m}
    for m in gold["meetings"]:
        assert set(m) - seed_meeting_keys <= {"status", "mode", "signed"}
        assert seed_meeting_keys <= set(m)
    seed_people_keys = {k for m in seeds["meetings"] for p in meeting_people(m) for k in p}
    assert all(set(p) == seed_people_keys for m in gold["meetings"] for p in meeting_people(m))
    assert all(set(t) == set(seeds["tenures"][0]) for t in gold["tenures"])
