"""Meeting series as institutions: grouping held meetings, gaps, members, chairs, next venue, export."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from dateline.actors.series import build_series, series_export, series_words
from dateline.model import Actor, Event, Participation, Place

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def meeting(
    event_id: str,
    series: str | None,
    ordinal: int | None,
    start: date | None,
    chair: str | None = None,
    organization: str | None = "CHM",
    status: str = "held",
    people: tuple[tuple[str, str, str], ...] = (),
    next_venue: Place | None = None,
) -> Event:
    return Event(
        id=event_id, type="meeting", title=None, organization=organization, series=series, ordinal=ordinal,
        start=start, end=start + timedelta(days=1) if start else None, location=Place("Port Vell", chair),
        mode=None, status=status, chair=chair,
        participants=tuple(Participation(f"person:{n}", role, aff, ("doc",), (), name=n) for n, role, aff in people),
        received_by=(), next_venue=next_venue, signed=(), documents=(f"doc-{event_id}",), evidence=(),
    )  # fmt: skip


ACTORS = [
    Actor("country:RUR", "country", "Ruritania", code="RUR"),
    Actor("country:FRE", "country", "Freedonia", code="FRE"),
    Actor("organization:CHM", "organization", "CHM", code="CHM"),
]


def test_series_words_fold_plurals_possessives_and_filler():
    assert series_words("SCO Security Councils' Secretaries") == series_words("SCO Security Council Secretaries")
    assert series_words("SCO National Security Council Secretaries") == series_words("SCO Security Council Secretaries")
    assert "access" in series_words("Market Access Council")  # a word ending in -ss is kept whole


def test_build_series_groups_wordings_and_finds_gaps_members_chairs_venue():
    events = [
        meeting("m9", "Council of Harbour Ministers'", 9, date(2023, 5, 1), "FRE",
                people=(("bob", "Minister of Transport", "RUR"), ("eve", "Minister", "FRE")),
                next_venue=Place("Vell", "RUR")),
        meeting("m7", "Council of Harbour Ministers", 7, date(2021, 5, 4), "RUR",
                people=(("ann", "Minister of Transport", "RUR"), ("sg", "Secretary-General", "CHM"))),
        meeting("x1", "Council of Harbour Ministers", 7, date(2021, 5, 4), organization="OTHER"),
        meeting("p1", "Council of the Harbour Ministers", None, date(2025, 1, 1), status="planned"),
        meeting("p2", "Council of Heads of State", None, date(2025, 1, 1), status="planned"),
        meeting("h0", "Unrelated Forum of Judges", 1, date(2022, 1, 1)),
    ]  # fmt: skip
    found = {(s.organization, s.name): s for s in build_series(events, ACTORS)}
    assert set(found) == {
        ("CHM", "Council of Harbour Ministers"),
        ("CHM", "Unrelated Forum of Judges"),
        ("OTHER", "Council of Harbour Ministers"),
    }
    chm = found[("CHM", "Council of Harbour Ministers")]
    assert [m.event for m in chm.meetings] == ["m7", "m9"]
    assert chm.gaps == (8,)
    assert chm.members == ("FRE", "RUR", "CHM")  # countries first, then organisations
    assert [(r.member, r.event, r.name) for r in chm.representatives if r.member == "RUR"] == [
        ("RUR", "m7", "ann"),
        ("RUR", "m9", "bob"),
    ]
    assert chm.chairs == (("m7", "RUR"), ("m9", "FRE"))
    assert chm.next_venue == Place("Vell", "RUR")
    assert chm.announced == ("p1",)
    assert all(s.announced == () for key, s in found.items() if key != ("CHM", "Council of Harbour Ministers"))


def test_series_export_is_json_ready():
    events = [meeting("m7", "Council of Harbour Ministers", 7, date(2021, 5, 4), "RUR", next_venue=Place(None, "FRE"))]
    exported = series_export(build_series(events, ACTORS))
    assert json.loads(json.dumps(exported)) == exported
    (only,) = exported
    assert only["meetings"][0]["start"] == "2021-05-04"
    assert only["next_venue"] == {"city": None, "country": "FRE"}
    assert only["chairs"] == [{"event": "m7", "chair": "RUR"}]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not (SHARED / "corpus" / "seeds").is_dir():
        pytest.skip(f"{SHARED} is absent")
    from dateline.pipeline import ingest
    from dateline.store import open_store

    target = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    with open_store(target) as store:
        report = ingest([str(SHARED / "corpus" / "seeds")], store)
    assert not report.rejected
    return target


def test_seeds_make_one_series_of_two_meetings(seeds_db):
    from dateline.store import open_store

    with open_store(seeds_db) as store:
        found = build_series(store.events(), store.actors())
    (sco,) = [s for s in found if s.organization == "SCO" and len(s.meetings) >= 2]
    assert [m.ordinal for m in sco.meetings] == [11, 12]
    assert [chair for _, chair in sco.chairs] == ["UZB", "KAZ"]
    assert sco.next_venue is not None and sco.next_venue.country == "CHN"
    assert sco.gaps == ()
    kaz = {r.event: r.name for r in sco.representatives if r.member == "KAZ"}
    assert len(kaz) == 2 and any("Zhumakanov" in name for name in kaz.values())
