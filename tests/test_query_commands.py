"""The query commands (events, event, actor, who, series) through the CLI on real SQLite stores."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import build_article, build_derived
from dateline.cli import app
from dateline.cli.app import console, err_console
from dateline.model import Actor, Alias, Event, Evidence, Participation, Place, RoleHeld
from dateline.store import open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
runner = CliRunner()
EVIL = "[bold]Ivan[/bold] Petrov"


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wide tables, so that names are not wrapped inside their cells."""
    monkeypatch.setattr(console, "_width", 400)
    monkeypatch.setattr(err_console, "_width", 400)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def hand_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Two articles and derived records built by hand: a meeting series with a gap, a planned meeting, tenures."""
    target = str(tmp_path_factory.mktemp("hand") / "hand.db")
    first, second = build_article("doc_a"), build_article("doc_b")
    actors, events, stories = build_derived([first[1], second[1]])
    base = events[0]  # ev-0001: 7th meeting, RUR, with a conflict
    ev = Evidence("doc_b", 0, 9, "ASTRAVIA,", "start")
    later = Event(
        id="ev-0002", type="meeting", title="9th meeting", organization=base.organization,
        series="Council of the Harbour Ministers'", ordinal=9, start=date(2023, 5, 2), end=date(2023, 5, 3),
        location=Place("Fredville", "FRE"), mode=None, status="held", chair="FRE",
        participants=(Participation("person:evil", "Minister of Transport", "RUR", ("doc_b",), (ev,), name=EVIL),),
        received_by=(), next_venue=Place(None, "XXA"), signed=(), documents=("doc_b",), evidence=(ev,),
    )  # fmt: skip
    planned = Event(
        id="ev-0003", type="meeting", title="10th meeting", organization=base.organization,
        series=base.series, ordinal=None, start=date(2025, 5, 2), end=None, location=Place(None, "XXA"),
        mode=None, status="planned", chair=None, participants=(), received_by=(), next_venue=None, signed=(),
        documents=("doc_b",), evidence=(),
    )  # fmt: skip
    evil = Actor(
        id="person:evil", kind="person", name=EVIL,
        aliases=(Alias(EVIL, "doc_b", "first mention"), Alias("Petrov", "doc_b", "surname [red]x[/red]")),
        roles=(RoleHeld("Minister of Transport", "RUR", date(2023, 5, 2), date(2023, 5, 3), ("doc_b",)),),
    )  # fmt: skip
    with open_store(target) as store:
        for annotated, extraction in (first, second):
            store.save_article(annotated, extraction)
        store.replace_derived([*actors, evil], [base, later, planned], stories)
    return target


def test_events_lists_held_and_with_all_the_announced(hand_db):
    code, out, _ = run("events", "--db", hand_db)
    assert code == 0
    assert "ev-0001" in out and "ev-0002" in out and "ev-0003" not in out
    code, out, _ = run("events", "--db", hand_db, "--all")
    assert code == 0 and "announced: 1 planned" in out and "ev-0003" in out


def test_event_shows_fields_evidence_people_signed_and_conflicts(hand_db):
    code, out, _ = run("event", "ev-0001", "--db", hand_db)
    assert code == 0 and "The 7th meeting of the Council" not in out  # compact: no evidence
    assert "Karl Berg" in out and "Memorandum on Coastal Shipping" in out
    assert "most reports" in out and "ordinal" in out
    code, out, _ = run("event", "ev-0001", "--evidence", "--db", hand_db)
    assert code == 0
    assert "The 7th meeting of the Council" in out  # evidence sentence
    assert "Minister of Transport of Ruritania Ivan Petrov" in out  # a participant's sentence
    assert "Karl Berg" in out and "Memorandum on Coastal Shipping" in out
    assert "most reports" in out and "ordinal" in out


def test_event_accepts_a_unique_prefix_and_rejects_unknown_and_ambiguous(hand_db):
    code, out, _ = run("event", "ev-0002", "--db", hand_db)
    assert code == 0 and "Fredville" in out
    code, _, err = run("event", "nope", "--db", hand_db)
    assert code == 1 and "'nope'" in err
    code, _, err = run("event", "ev-", "--db", hand_db)
    assert code == 1 and "ev-0001" in err and "ev-0002" in err


def test_article_text_is_never_read_as_markup(hand_db):
    code, out, _ = run("event", "ev-0002", "--db", hand_db)
    assert code == 0 and EVIL in out
    code, out, _ = run("actor", "[bold]Ivan", "--db", hand_db)
    assert code == 0 and EVIL in out and "surname [red]x[/red]" in out
    code, out, _ = run("series", "--db", hand_db)
    assert code == 0 and EVIL in out


def test_actor_by_alias_case_and_accents_and_several_matches(hand_db):
    code, out, _ = run("actor", "kárl bérg", "--db", hand_db)
    assert code == 0
    assert "person:karl-berg" in out and "President" in out and "received by" in out and "ev-0001" in out
    code, out, _ = run("actor", "petrov", "--db", hand_db)
    assert code == 0 and "2 actors match" in out and "person:ivan-petrov" in out and "person:evil" in out
    code, _, err = run("actor", "Nobody Here", "--db", hand_db)
    assert code == 1 and "Nobody Here" in err


def test_who_finds_holders_in_time_order_and_on_a_day(hand_db):
    code, out, _ = run("who", "transport minister", "rur", "--db", hand_db)
    assert code == 0 and out.index("Ivan Petrov") < out.index(EVIL)
    code, out, _ = run("who", "Minister of Transport", "RUR", "--on", "2023-05-10", "--db", hand_db)
    assert code == 0 and EVIL in out and "Ivan Petrov" not in out
    code, _, err = run("who", "Minister of Transport", "RUR", "--on", "2022-01-01", "--db", hand_db)
    assert code == 1 and "nobody" in err
    code, _, _ = run("who", "Minister of Transport", "RUR", "--on", "May 2022", "--db", hand_db)
    assert code == 2


def test_series_shows_meetings_gap_matrix_chairs_and_venue(hand_db):
    code, out, _ = run("series", "harbour", "--db", hand_db)
    assert code == 0
    assert "ev-0001" in out and "ev-0002" in out and "(gap: no report)" in out
    assert "Ivan Petrov (Minister of Transport)" in out and "Anna Lee (Deputy Minister of Shipping)" in out
    assert "chair rotation: ? → FRE" in out
    assert "next venue (announced at the latest meeting): XXA" in out and "ev-0003" in out
    code, _, err = run("series", "no such series", "--db", hand_db)
    assert code == 1 and "no such series" in err


# --- on the seed articles ---


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    seeds = SHARED / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} is absent")
    target = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    result = runner.invoke(app, ["ingest", str(seeds), "--db", target, "--quiet"])
    assert result.exit_code == 0, result.output
    return target


def test_seeds_who_held_the_security_council_office_of_kazakhstan(seeds_db):
    office = "Secretary of the Security Council"
    code, out, _ = run("who", office, "KAZ", "--on", "2017-04-06", "--db", seeds_db)
    assert code == 0 and "Zhumakanov" in out and "Yermekbayev" not in out
    code, out, _ = run("who", office, "KAZ", "--on", "2016-04-14", "--db", seeds_db)
    assert code == 0 and "Yermekbayev" in out and "Zhumakanov" not in out
    code, out, _ = run("who", "security council secretary", "KAZ", "--db", seeds_db)
    assert code == 0 and out.index("Yermekbayev") < out.index("Zhumakanov")


def test_seeds_series_shows_both_meetings_chairs_venue_and_representatives(seeds_db):
    code, out, _ = run("series", "SCO", "--db", seeds_db)
    assert code == 0
    assert "2016-04-13" in out and "2017-04-05" in out
    assert "chair rotation: UZB → KAZ" in out
    assert "next venue (announced at the latest meeting): CHN" in out
    for name in ("Patrushev", "Zhumakanov", "Yermekbayev", "Guo Shengkun"):
        assert name in out


def test_seeds_event_actor_and_events(seeds_db):
    code, out, _ = run("events", "--db", seeds_db)
    assert code == 0 and "Tashkent" in out and "Astana" in out
    code, out, _ = run("actor", "Patrushev", "--db", seeds_db)
    assert code == 0 and "RUS" in out and "participant" in out
    event_id = next(
        line.split()[0] for line in out.splitlines() if line.startswith("meeting-") and "participant" in line
    )
    code, out, _ = run("event", event_id[:-3], "--db", seeds_db)
    assert code == 0 and "Patrushev" in out
    code, _, _ = run("event", "meeting-nothing", "--db", seeds_db)
    assert code == 1
