"""Shared fixtures: store targets (SQLite and PostgreSQL) and small hand-built articles.

``store_target`` runs a test once on a SQLite file and once on PostgreSQL (a fresh schema per
test in the database named by $DATELINE_TEST_PG_URL). Without that variable the PostgreSQL
run is skipped on a developer machine and fails in CI (CI=true), so CI cannot pass silently
without it. ``make_article`` builds an Annotated + Extraction by hand from the model
dataclasses (no spaCy), so store tests are fast; ``make_derived`` builds actors, events and
stories over such articles.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest

from dateline.model import (
    Actor,
    Alias,
    Annotated,
    Conflict,
    DateMention,
    Document,
    EntityMention,
    Event,
    EventReport,
    Evidence,
    Extraction,
    Participation,
    PersonMention,
    Place,
    RoleHeld,
    Sentence,
    SignedDocument,
    Story,
    Version,
)

PG_ENV = "DATELINE_TEST_PG_URL"

ARTICLE = (
    "ASTRAVIA, 4 May 2021 (Northwire). The 7th meeting of the Council of Harbour Ministers was held "
    "in Port Vell on Tuesday. Minister of Transport of Ruritania Ivan Petrov and Deputy Minister of "
    "Shipping of Freedonia Anna Lee took part. President of Ruritania Karl Berg received the heads of "
    "delegations. The parties signed a Memorandum on Coastal Shipping. The next meeting will be held "
    "in Freedonia."
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_target(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A target for open_store: a new SQLite file, or a PostgreSQL URL with an empty schema of its own."""
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("store") / "dateline.db")
        return
    yield from _pg_schema(pg_base_url())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def three_targets(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[list[str]]:
    """Three empty stores: SQLite files, or PostgreSQL schemas of their own (as ``store_target``)."""
    if request.param == "sqlite":
        yield [str(tmp_path / f"order{i}.db") for i in range(3)]
        return
    base = pg_base_url()
    with ExitStack() as stack:
        yield [stack.enter_context(contextmanager(_pg_schema)(base)) for _ in range(3)]


def pg_base_url() -> str:
    """$DATELINE_TEST_PG_URL; without it the test is skipped (and fails in CI)."""
    base = os.environ.get(PG_ENV)
    if not base:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} is not set in CI: .ci/run must start PostgreSQL and export it")
        pytest.skip(f"{PG_ENV} is not set (PostgreSQL tests run in CI)")
    return base


def _pg_schema(base: str) -> Iterator[str]:
    import psycopg

    libpq_url = base.replace("postgresql+psycopg://", "postgresql://", 1)
    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(libpq_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(libpq_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def evidence_of(text: str, doc_id: str, needle: str, field: str = "") -> Evidence:
    """The Evidence for the first occurrence of ``needle`` in ``text``."""
    start = text.index(needle)
    return Evidence(document=doc_id, start=start, end=start + len(needle), text=needle, field=field)


def build_article(doc_id: str = "doc_a", text: str = ARTICLE, published: date | None = date(2021, 5, 4)):
    """A hand-made Annotated + Extraction over ``text`` (which must contain the names in ARTICLE)."""
    digest = hashlib.sha256(f"{doc_id}\n{published}\n{text}".encode()).hexdigest()
    document = Document(
        id=doc_id, path=f"corpus/{doc_id}.txt", text=text, title="Harbour ministers meet",
        published=published, source="Northwire", dateline="Astravia", url=f"https://example.org/{doc_id}",
        format="txt", content_hash=digest,
    )  # fmt: skip
    bounds = [0]
    bounds += [i + 2 for i, ch in enumerate(text) if ch == "." and text[i + 1 : i + 2] == " "]
    bounds.append(len(text))
    sentences = tuple(Sentence(i, bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1))

    def sentence_of(offset: int) -> int:
        return next(s.index for s in sentences if s.start <= offset < s.end)

    def entity(needle: str, label: str) -> EntityMention:
        ev = evidence_of(text, doc_id, needle)
        return EntityMention(needle, label, ev.start, ev.end, sentence_of(ev.start))

    entities = (
        entity("Ivan Petrov", "PERSON"), entity("Ruritania", "GPE"), entity("Anna Lee", "PERSON"),
        entity("Freedonia", "GPE"), entity("Karl Berg", "PERSON"), entity("Port Vell", "GPE"),
    )  # fmt: skip
    weekday = re.search(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", text)
    assert weekday is not None, "the article text must name a weekday"
    dates = (
        DateMention("4 May 2021", text.index("4 May"), text.index("4 May") + 10, 0, date(2021, 5, 4),
                    date(2021, 5, 4), "day", False),
        DateMention(weekday[0], weekday.start(), weekday.end(), sentence_of(weekday.start()),
                    date(2021, 5, 4), date(2021, 5, 4), "day", True),
        DateMention("these days", 0, 4, 0),
    )  # fmt: skip
    annotated = Annotated(document, sentences, entities, dates, tokens=len(text.split()))

    petrov = PersonMention(
        "Ivan Petrov", "Minister of Transport", "RUR",
        evidence_of(text, doc_id, "Minister of Transport of Ruritania Ivan Petrov", "participant"),
        role_normalized="minister of transport",
    )  # fmt: skip
    lee = PersonMention(
        "Anna Lee", "Deputy Minister of Shipping", "FRE",
        evidence_of(text, doc_id, "Deputy Minister of Shipping of Freedonia Anna Lee", "participant"),
    )  # fmt: skip
    berg = PersonMention("Karl Berg", "President", "RUR", evidence_of(text, doc_id, "President of Ruritania Karl Berg"))
    meeting = EventReport(
        document=doc_id, index=0, type="meeting", title="7th meeting of the Council of Harbour Ministers",
        organization="CHM", series="Council of Harbour Ministers", ordinal=7, start=date(2021, 5, 4),
        end=date(2021, 5, 4), location=Place("Port Vell", "RUR"), mode="in_person", status="held",
        participants=(petrov, lee), next_venue=Place(None, "FRE"),
        evidence=(evidence_of(text, doc_id, "The 7th meeting of the Council", "type"),),
    )  # fmt: skip
    reception = EventReport(
        document=doc_id, index=1, type="reception", received_by=(berg,), related_to=0,
        evidence=(evidence_of(text, doc_id, "received the heads of delegations", "type"),),
    )  # fmt: skip
    signing = EventReport(
        document=doc_id, index=2, type="agreement", status="held", related_to=0,
        signed=(SignedDocument("Memorandum on Coastal Shipping", ("RUR", "FRE"),
                               evidence_of(text, doc_id, "Memorandum on Coastal Shipping")),),
    )  # fmt: skip
    extraction = Extraction(document, (meeting, reception, signing), (petrov, lee, berg))
    return annotated, extraction


def build_derived(extractions: list[Extraction]) -> tuple[list[Actor], list[Event], list[Story]]:
    """Actors, one fused event and one story over articles made by ``build_article``."""
    first = extractions[0]
    doc_ids = [x.document.id for x in extractions]
    meeting = first.events[0]
    people = {p.name: p for p in first.persons}
    actors = [
        Actor(
            id=f"person:{name.lower().replace(' ', '-')}", kind="person", name=name,
            aliases=(*(Alias(name, d, "first mention") for d in doc_ids),
                     Alias(name.split()[-1], doc_ids[0], f"surname of {name!r} in the same document")),
            roles=(RoleHeld(p.role or "", p.affiliation, first.document.published, first.document.published,
                            tuple(doc_ids), p.role_normalized),),
        )
        for name, p in sorted(people.items())
    ] + [Actor(id="country:RUR", kind="country", name="Ruritania", code="RUR")]  # fmt: skip

    def part(p: PersonMention) -> Participation:
        actor_id = f"person:{p.name.lower().replace(' ', '-')}"
        return Participation(actor_id, p.role, p.affiliation, tuple(doc_ids), (p.evidence,), name=p.name)

    event = Event(
        id="ev-0001", type=meeting.type, title=meeting.title, organization=meeting.organization,
        series=meeting.series, ordinal=meeting.ordinal, start=meeting.start, end=meeting.end,
        location=meeting.location, mode=meeting.mode, status=meeting.status, chair=None,
        participants=tuple(part(p) for p in meeting.participants),
        received_by=tuple(part(p) for p in first.events[1].received_by), next_venue=meeting.next_venue,
        signed=first.events[2].signed, documents=tuple(doc_ids),
        evidence=meeting.evidence + first.events[1].evidence,
        conflicts=(Conflict("ordinal", (Version("7", (doc_ids[0],)), Version("8", tuple(doc_ids[1:]))), "7",
                            "most reports"),) if len(doc_ids) > 1 else (),
        story="story-0001",
    )  # fmt: skip
    duplicates = tuple((d, doc_ids[0]) for d in doc_ids[1:])
    story = Story("story-0001", meeting.title, tuple(doc_ids), (event.id,), duplicates)
    return actors, [event], [story]


@pytest.fixture
def sample_extraction() -> tuple[Annotated, Extraction]:
    """One small article (Annotated + Extraction) built by hand: three reports, three persons."""
    return build_article()


@pytest.fixture
def make_article() -> Callable[..., tuple[Annotated, Extraction]]:
    """``make_article(doc_id, text=..., published=...)``: more articles like ``sample_extraction``."""
    return build_article


@pytest.fixture
def make_derived() -> Callable[[list[Extraction]], tuple[list[Actor], list[Event], list[Story]]]:
    """``make_derived(extractions)``: actors, one fused event and one story over those articles."""
    return build_derived
