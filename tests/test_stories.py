"""Stories for any news: average-link clustering, document similarity, grouping, the CLI and store reads."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import ARTICLE, build_article
from dateline.cli import app
from dateline.derive import add_articles
from dateline.export import export_json
from dateline.model import DateMention, Document, EntityMention, Event, Place
from dateline.store import open_store
from dateline.stories.clustering import average_link
from dateline.stories.grouping import group_stories, near_duplicates
from dateline.stories.similarity import Weights, profile, similar_pairs

QUAKE_A = (
    "A magnitude 6.1 earthquake struck the northern coast of Valdoria on Sunday, toppling houses in the "
    "fishing town of Port Ameli and killing at least twelve people, the civil protection agency said."
)
QUAKE_B = (
    "Rescuers in Port Ameli searched collapsed houses after Sunday's magnitude 6.1 earthquake on Valdoria's "
    "northern coast; the civil protection agency put the toll at twelve dead."
)
AWARD = (
    "The novelist Mira Osterholt won the Halvard Prize for fiction on Thursday for her third book, a family "
    "saga set in a mining valley, the prize jury announced at a ceremony in Lindgrad."
)


def _doc(doc_id: str, text: str, published: date | None = date(2024, 3, 10)) -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, published=published)


def test_average_link_merges_while_the_mean_similarity_holds() -> None:
    pairs = {(0, 1): 0.9, (1, 2): 0.5, (0, 2): 0.1, (2, 3): 0.05}
    assert average_link(4, pairs, 0.4) == [[0, 1], [2], [3]]  # mean of 0-2 and 1-2 is 0.3
    assert average_link(4, pairs, 0.25) == [[0, 1, 2], [3]]
    assert average_link(4, pairs, 0.95) == [[0], [1], [2], [3]]


def test_average_link_keeps_must_links_and_respects_apart() -> None:
    pairs = {(0, 1): 0.9, (1, 2): 0.8}
    assert average_link(4, pairs, 0.5, groups=[[0, 3]]) == [[0, 3], [1, 2]]  # {0, 3} with 1: mean 0.45
    never_with_two = average_link(3, pairs, 0.5, apart=lambda a, b: 2 in a + b)
    assert never_with_two == [[0, 1], [2]]


def test_reports_of_one_event_are_more_alike_than_other_news() -> None:
    profiles = [profile(_doc(i, t), (), ()) for i, t in (("a", QUAKE_A), ("b", QUAKE_B), ("c", AWARD))]
    pairs = similar_pairs(profiles)
    assert pairs[(0, 1)] > 0.3
    assert pairs.get((0, 2), 0.0) < 0.1


def test_a_profile_is_anchored_on_a_full_date_of_its_first_sentences() -> None:
    text = "Posted March 11, 2024.\nThe quake struck. It recalled the quake of May 2, 1990."
    dates = [
        DateMention("March 11, 2024", 7, 21, 0, date(2024, 3, 11), date(2024, 3, 11), "day"),
        DateMention("May 2, 1990", 60, 71, 2, date(1990, 5, 2), date(1990, 5, 2), "day"),
    ]
    names = [EntityMention("Port  Ameli", "GPE", 0, 5, 1), EntityMention("Sunday", "DATE", 0, 5, 1)]
    found = profile(_doc("a", text, published=None), names, dates)
    assert found.anchor == date(2024, 3, 11)
    assert found.names == ("port_ameli",)


def test_stories_group_any_news_and_keep_meetings_apart() -> None:
    docs = [_doc("a", QUAKE_A), _doc("b", QUAKE_B), _doc("c", AWARD)]
    by_doc = {d: s for s in group_stories(docs, []) for d in s.documents}
    assert by_doc["a"] is by_doc["b"]
    assert by_doc["c"] is not by_doc["a"]
    # the same texts, but the events stage says a and b report two different held meetings
    meetings = [
        Event(id=f"m{i}", type="meeting", title=f"meeting {i}", organization=None, series=None, ordinal=None,
              start=None, end=None, location=Place(), mode=None, status="held", chair=None, participants=(),
              received_by=(), next_venue=None, signed=(), documents=(d,), evidence=())
        for i, d in ((1, "a"), (2, "b"))
    ]  # fmt: skip
    by_doc = {d: s for s in group_stories(docs, meetings) for d in s.documents}
    assert by_doc["a"] is not by_doc["b"]
    assert by_doc["a"].main_event == "m1"


QUAKE_C = (
    "The death toll from the earthquake on Valdoria's northern coast rose to twelve on Monday as rescuers "
    "in Port Ameli pulled the last bodies from collapsed houses."
)
AWARD_B = (
    "Mira Osterholt, whose third novel traces a family in a mining valley, received the Halvard Prize for "
    "fiction at Thursday's ceremony in Lindgrad, the jury said."
)


def test_a_short_report_joins_its_event_and_a_lone_article_stays_alone() -> None:
    short = "Valdoria mourned on Tuesday as Port Ameli buried the victims of the earthquake."  # few words shared
    lone = "The council of Lindgrad voted on Tuesday to close two schools and sell their buildings."
    texts = [("a", QUAKE_A), ("b", QUAKE_B), ("c", QUAKE_C), ("s", short), ("x", AWARD), ("y", AWARD_B), ("l", lone)]
    docs = [_doc(i, t, published=None) for i, t in texts]
    unscaled = similar_pairs([profile(d, (), ()) for d in docs], Weights(reach_floor=1.0, floor=0.0))
    assert max(unscaled[(i, 3)] for i in range(3)) < 0.2  # a plain cut at the mean similarity would leave it out
    stories = sorted(s.documents for s in group_stories(docs, []))
    assert stories == [("a", "b", "c", "s"), ("l",), ("x", "y")]
    # all published on one day: a date brings no pair over the floor, so the lone article stays alone
    same_day = sorted(s.documents for s in group_stories([_doc(i, t) for i, t in texts], []))
    assert same_day == stories


def test_a_story_keeps_its_id_when_a_later_report_joins_it() -> None:
    """The id comes from the earliest report: one more report rewrites no event for the id alone."""
    quake = [_doc("q1", QUAKE_A, date(2024, 3, 10)), _doc("q2", QUAKE_B, date(2024, 3, 11)), _doc("x", AWARD)]
    before = {s.documents: s.id for s in group_stories(quake, [])}
    after = {s.documents: s.id for s in group_stories([*quake, _doc("q0", QUAKE_C, date(2024, 3, 12))], [])}
    assert after[("q0", "q1", "q2")] == before[("q1", "q2")] and after[("x",)] == before[("x",)]
    earlier = {s.documents: s.id for s in group_stories([*quake, _doc("q0", QUAKE_C, date(2024, 3, 9))], [])}
    assert earlier[("q0", "q1", "q2")] != before[("q1", "q2")]  # named after its new earliest report


def test_store_reads_only_the_mentions_asked_for(store_target: str, make_article: Callable[..., Any]) -> None:
    annotated, extraction = make_article()
    doc_id = annotated.document.id
    with open_store(store_target) as store:
        store.save_article(annotated, extraction)
        entities, dates = store.mentions_by_document(labels={"GPE"}, date_sentences=1)[doc_id]
        assert entities == [e for e in store.entities(doc_id) if e.label == "GPE"] and entities
        assert dates == [d for d in store.dates(doc_id) if d.sentence < 1]


def test_a_copy_points_at_the_earliest_published_copy() -> None:
    copy = QUAKE_A.replace("said.", "said on Monday.")
    docs = [_doc("a", QUAKE_A, date(2024, 3, 11)), _doc("z", copy, date(2024, 3, 10))]
    assert near_duplicates(docs) == {"a": "z"}


def test_store_reads_every_documents_mentions_at_once(store_target: str, make_article: Callable[..., Any]) -> None:
    annotated, extraction = make_article()
    with open_store(store_target) as store:
        store.save_article(annotated, extraction)
        found = store.mentions_by_document()
        entities, dates = found[annotated.document.id]
        assert entities == store.entities(annotated.document.id)
        assert dates == store.dates(annotated.document.id)
        assert store.mentions_by_document(["nothing"]) == {}


def test_rebuild_and_stories_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    annotated, extraction = build_article()
    with open_store(db) as store:
        store.save_article(annotated, extraction)
    runner = CliRunner()
    rebuilt = runner.invoke(app, ["rebuild", "--db", db])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "1 stories" in rebuilt.output
    listed = runner.invoke(app, ["stories", "--db", db])
    assert listed.exit_code == 0, listed.output
    assert "Harbour" in listed.output
    as_json = runner.invoke(app, ["stories", "--db", db, "--json"])
    (story,) = json.loads(as_json.output)["stories"]
    assert story["documents"] == [annotated.document.id]
    assert story["size"] == 1


def test_add_articles_puts_every_stored_article_in_a_story(store_target: str, make_article: Callable[..., Any]) -> None:
    annotated, extraction = make_article()
    with open_store(store_target) as store:
        store.save_article(annotated, extraction)
        assert store.derived_is_stale()
        add_articles(store)
        assert not store.derived_is_stale()
        assert store.story_of(annotated.document.id) in {s.id for s in store.stories()}



EXTRA = [
    " Port officials said dredging of the outer channel would begin in June.",
    " Port officials said dredging of the outer channel would begin in June, officials added.",
    " A storm closed the northern ferry line for two days and stranded hundreds of travellers.",
    " Fishermen protested new quotas outside the ministry building on Monday morning.",
    " The harbour authority reported record container traffic for the first quarter.",
    " Fishermen protested new quotas outside the ministry building on Monday morning again.",
]
ORDERS = [  # the same six articles stored in three orders and batchings, derived after each batch
    [[0, 1, 2, 3, 4, 5]],
    [[5, 4], [3], [2, 1, 0]],
    [[2], [0, 5], [4, 1, 3]],
]


def test_derived_records_do_not_depend_on_the_order_articles_came_in(three_targets: list[str]) -> None:
    articles = [
        build_article(f"doc_{i}", ARTICLE + extra, date(2021, 5, 4 + i % 3)) for i, extra in enumerate(EXTRA)
    ]
    exports = []
    for target, batches in zip(three_targets, ORDERS, strict=True):
        with open_store(target) as store:
            for batch in batches:
                for i in batch:
                    store.save_article(*articles[i])
                add_articles(store)
            exports.append(export_json(store))
    assert exports[0]["stories"]  # something was derived
    assert exports[1] == exports[0]
    assert exports[2] == exports[0]


def test_queries_say_when_articles_were_stored_after_the_last_derive(tmp_path: Path) -> None:
    """An interrupted or running batch leaves derived records behind the articles: say so."""
    db = str(tmp_path / "stale.db")
    annotated, extraction = build_article()
    with open_store(db) as store:
        store.save_article(annotated, extraction)  # stored, not derived: as a batch stopped midway
    runner = CliRunner()
    behind = runner.invoke(app, ["events", "--db", db, "--json"])
    assert behind.exit_code == 0, behind.output
    assert "were last derived" in behind.stderr and "dateline rebuild" in behind.stderr
    json.loads(behind.stdout)  # stdout stays one JSON document
    assert runner.invoke(app, ["rebuild", "--db", db]).exit_code == 0
    current = runner.invoke(app, ["events", "--db", db])
    assert current.exit_code == 0 and "were last derived" not in current.stderr
