"""tests/data/heldout_gold.json agrees with the held-out articles beside it and has the seeds gold's shape.

The held-out articles were written blind to the extractor's rules (other series, outlets, years and
wordings than tests/data/events); the checks are those of test_events_gold.py, with the codes of
the organisations these articles name, and with planned meetings kept out of "meetings".
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
import pytest

from gold_checks import meeting_people
from test_events_gold import read_corpus

HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ORGANISATIONS = {
    "EAEU",
    "EEU",
    "EEC",
    "CIS",
    "OTS",
    "CICA",
    "ARF",
    "ASEAN",
    "BRICS",
    "LAS",
    "Arab League",
    "AU",
    "OSCE",
}


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads((HELDOUT.parent / "heldout_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def docs() -> dict[str, str]:
    return read_corpus(HELDOUT)


def known_code(value: str) -> bool:
    return value in ORGANISATIONS or pycountry.countries.get(alpha_3=value) is not None


def test_meeting_fields_are_well_formed(gold) -> None:
    keys = [m["key"] for m in gold["meetings"]]
    assert len(keys) == len(set(keys))
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
        assert m["status"] == "held", "planned meetings are exported apart and stay out of the gold"
        assert m["mode"] in {None, "in_person", "videoconference"}
        persons = [e["person"] for e in m["participants"]]
        assert len(persons) == len(set(persons)), m["key"]


def test_tenures_are_taken_from_a_meeting_of_that_day(gold) -> None:
    held: set[tuple[str, str, str]] = set()
    for m in gold["meetings"]:
        for entry in meeting_people(m):
            for day in {m["start"], m["end"]}:
                held.add((entry["person"], entry["role"], day))
    for tenure in gold["tenures"]:
        assert (tenure["person"], tenure["role"], tenure["on"]) in held, tenure


def test_the_corpus_has_the_variety_it_promises(gold, docs) -> None:
    series = {re.sub(r"-\d.*$", "", m["key"]) for m in gold["meetings"]}
    assert len(docs) >= 16 and len(series) >= 8
    meetings = gold["meetings"]
    assert sum(len(story) >= 2 for story in gold["stories"]) >= 4, "fewer than four pairs or triples"
    assert any(m["received_by"] for m in meetings)
    assert any(m["signed"] for m in meetings)
    assert any(m["ordinal"] for m in meetings)
    in_no_meeting = [d for d in docs if not any(d in m["documents"] for m in meetings)]
    assert in_no_meeting, "no article that only announces a meeting"
    in_two = [d for d in docs if sum(d in m["documents"] for m in meetings) >= 2]
    assert in_two, "no article reports two meetings"
    offices: dict[str, set[str]] = {}
    for tenure in gold["tenures"]:
        offices.setdefault(tenure["person"], set()).add(tenure["role"])
    assert any(len(roles) > 1 for roles in offices.values()), "nobody changes office"
    assert {p.suffix for p in HELDOUT.iterdir()} == {".txt", ".html", ".jsonl"}


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
