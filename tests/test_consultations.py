"""Visits and talks that name no meeting (events/consultations.py), read off the dependency parse.

Every sentence here was written for this test."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.events.detect import extract
from dateline.model import Document, EventReport, Place
from dateline.nlp import annotate

SENTENCES = {
    "visit_verb": "Foreign Minister Anna Kovacs visited Hanoi on Tuesday for two days of talks.",
    "visit_noun": "President Marek Novak arrived in Rabat on a state visit on 3 May 2023.",
    "talks": "Defence Minister Tomas Berg held talks with Interior Minister Ilse Hart in Oslo on Friday.",
    "met_with": "Prime Minister Karim Haddad met with President Sofia Lind on the sidelines of the forum.",
    "future": "Finance Minister Hugo Reyes will visit Japan next week.",
    "countries": "Israel and Lebanon renewed negotiations today on a troop pullback.",
    "negated": "The minister did not visit Paris.",
    "no_one_named": "Tourists visited the museum on Sunday.",
    "talked_about": "The ministers discussed preparations for the visit to Moscow.",
    "met_a_thing": "The plan met with resistance in Congress.",
    "surname_only": "Trade Minister Marek Novak arrived on Monday. Novak held talks with Foreign Minister Anna "
    "Kovacs in Oslo.",
    "named_meeting": "Foreign Minister Anna Kovacs visited Astana for the 9th meeting of the Council of Ministers.",
    "private_visit": "Daniel Whitlow was visiting his grandmother Ruth Whitlow in Springfield when the storm hit.",
    "private_meeting": "Officers met Carla Dunmore and her neighbour Paul Ashby at the clinic on Monday.",
    "deputy_to_country": "Chile's Deputy Trade Minister visited Vietnam on Monday.",
    "by_demonym": "A group of Peruvian diplomats held talks with Tomas Berg in Oslo on Friday.",
}


@pytest.fixture(scope="module")
def found() -> dict[str, list[EventReport]]:
    documents = [Document(id=key, path=f"{key}.txt", text=text, published=date(2023, 5, 5))
                 for key, text in SENTENCES.items()]  # fmt: skip
    return {a.document.id: [e for e in extract(a).events if e.type in ("visit", "talks")] for a in annotate(documents)}


def test_a_visit_stated_by_the_verb_names_the_visitor_place_and_day(found: dict[str, list[EventReport]]) -> None:
    (visit,) = found["visit_verb"]
    assert (visit.type, visit.status, visit.location) == ("visit", "held", Place("Hanoi", "VNM"))
    assert [(p.name, p.role) for p in visit.participants] == [("Anna Kovacs", "Foreign Minister")]
    assert visit.start == date(2023, 5, 2)  # "on Tuesday" before the publication date
    assert visit.evidence[0].text == SENTENCES["visit_verb"]


def test_a_visit_stated_by_the_noun_takes_the_place_of_its_verb(found: dict[str, list[EventReport]]) -> None:
    (visit,) = found["visit_noun"]
    assert (visit.location, visit.start) == (Place("Rabat", "MAR"), date(2023, 5, 3))
    assert [p.name for p in visit.participants] == ["Marek Novak"]


def test_talks_and_meetings_of_two_people_give_both_sides(found: dict[str, list[EventReport]]) -> None:
    (talks,) = found["talks"]
    assert talks.type == "talks" and talks.location == Place("Oslo", "NOR")
    assert [p.name for p in talks.participants] == ["Tomas Berg", "Ilse Hart"]
    (met,) = found["met_with"]
    assert [(p.name, p.role) for p in met.participants] == [("Karim Haddad", "Prime Minister"),
                                                           ("Sofia Lind", "President")]  # fmt: skip


def test_a_future_visit_is_planned_and_countries_may_be_the_sides(found: dict[str, list[EventReport]]) -> None:
    (planned,) = found["future"]
    assert (planned.status, planned.location) == ("planned", Place(None, "JPN"))
    (talks,) = found["countries"]
    assert talks.participants == () and "ISR" in talks.title and "LBN" in talks.title


@pytest.mark.parametrize(
    "key",
    ["negated", "no_one_named", "talked_about", "met_a_thing", "named_meeting", "private_visit", "private_meeting"],
)
def test_no_consultation_where_none_is_reported(found: dict[str, list[EventReport]], key: str) -> None:
    assert found[key] == []


def test_a_side_named_by_surname_alone_is_kept_as_written(found: dict[str, list[EventReport]]) -> None:
    (talks,) = found["surname_only"]
    assert [(p.name, p.role) for p in talks.participants] == [("Anna Kovacs", "Foreign Minister"),
                                                             ("Marek Novak", "Trade Minister")]  # fmt: skip
    assert talks.participants[1].evidence.text.startswith("Novak held talks")


def test_a_side_must_be_a_political_actor_a_country_an_office_or_a_whole_country_visited(
    found: dict[str, list[EventReport]],
) -> None:
    # private persons visiting or meeting (the two "private_" sentences) give nothing: see the test above
    (visit,) = found["deputy_to_country"]  # no name, but an office and a country visited
    assert (visit.type, visit.location) == ("visit", Place(None, "VNM"))
    (talks,) = found["by_demonym"]  # a side named by its country's demonym
    assert [p.name for p in talks.participants] == ["Tomas Berg"]
