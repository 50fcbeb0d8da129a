"""The pages: server-rendered HTML over the same queries as the CLI and the API.

``/`` recent events, stories and a search box; ``/search``; ``/events`` (filtered, paged)
and ``/events/{id}`` (each field with the sentences that state it: a click opens the
article with that sentence highlighted); ``/stories/{id}``; ``/documents/{id}`` (the
article with entities and event evidence marked); ``/actors`` and ``/actors/{id}``;
``/series`` and ``/series/{id}``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from dateline import queries
from dateline.model import Event, Evidence
from dateline.store.browse import MAX_PAGE
from dateline.web.api import StoreDep
from dateline.web.charts import Lane
from dateline.web.render import Span, annotated_text, day_span, href, ordinal, render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE = 50


def _html(name: str, **context: object) -> HTMLResponse:
    return HTMLResponse(render(name, **context))


@router.get("/")
def home(store: StoreDep) -> HTMLResponse:
    recent = queries.event_page(store, queries.EventFilter(newest_first=True), 15)
    planned = queries.event_page(store, queries.EventFilter(status="planned"), 10)
    return _html("home.html", recent=recent, planned=planned, stories=store.story_page(15),
                 documents=store.document_page(0), title="Dateline")  # fmt: skip


@router.get("/search")
def search(store: StoreDep, q: str = "", offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    page = queries.search(store, q, 20, offset) if q.strip() else None
    more = f"/search?{urlencode({'q': q, 'offset': offset + 20})}" if page and page.total > offset + 20 else None
    return _html("search.html", q=q, page=page, more=more, title=f"Search: {q}" if q else "Search")


@router.get("/events")
def events(
    store: StoreDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
    country: str | None = None,
    actor: str | None = None,
    series: str | None = None,
    status: Annotated[str, Query(pattern="^(held|planned|all)$")] = "held",
) -> HTMLResponse:
    filt = queries.EventFilter(status=None if status == "all" else status, date_from=date_from, date_to=date_to,
                               country=country or None, actor=actor or None, series=series or None)  # fmt: skip
    page = queries.event_page(store, filt, PAGE, offset)
    params = {k: v for k, v in {"from": date_from, "to": date_to, "country": country, "actor": actor,
                                "series": series, "status": status}.items() if v}  # fmt: skip
    nav = {
        "prev": f"/events?{urlencode({**params, 'offset': max(0, offset - PAGE)})}" if offset else None,
        "next": f"/events?{urlencode({**params, 'offset': offset + PAGE})}" if page.total > offset + PAGE else None,
    }
    return _html("events.html", page=page, params=params, nav=nav, title="Events")


def _fields(event: Event) -> list[dict[str, object]]:
    values = {
        "type": event.type, "title": event.title, "organization": event.organization, "series": event.series,
        "ordinal": ordinal(event.ordinal), "dates": day_span(event.start, event.end),
        "location": ", ".join(p for p in (event.location.city, event.location.country) if p),
        "mode": event.mode, "status": event.status, "chair": event.chair,
        "next_venue": ", ".join(p for p in (event.next_venue.city, event.next_venue.country) if p)
        if event.next_venue else None,
    }  # fmt: skip
    conflicts = {c.field: c for c in event.conflicts}
    rows = []
    for name, value in values.items():
        key = {"dates": "start"}.get(name, name)
        wanted = queries.FIELD_EVIDENCE.get(key, ())
        evidence = [ev for ev in event.evidence if ev.field in wanted] if value not in (None, "") else []
        conflict = conflicts.get(name) or conflicts.get(key) or (conflicts.get("end") if name == "dates" else None)
        rows.append({"name": name, "value": value, "evidence": evidence, "conflict": conflict})
    return rows


class Citations:
    """Numbers each evidence sentence of a page once: the first citation quotes it, later ones refer to it."""

    def __init__(self) -> None:
        self.numbers: dict[tuple[str, int, int], int] = {}

    def __call__(self, items: Iterable[Evidence]) -> list[tuple[Evidence, int, bool]]:
        cited = []
        for ev in {(ev.document, ev.start, ev.end): ev for ev in items}.values():
            key = (ev.document, ev.start, ev.end)
            first = key not in self.numbers
            number = self.numbers.setdefault(key, len(self.numbers) + 1)
            cited.append((ev, number, first))
        return cited


@router.get("/events/{event_id}")
def event(event_id: str, store: StoreDep) -> HTMLResponse:
    found = queries.find_event(store, event_id)
    titles = {d: store.document(d).title for d in found.documents}
    return _html("event.html", event=found, fields=_fields(found), titles=titles, cite=Citations(),
                 title=found.title or found.id)  # fmt: skip


@router.get("/stories/{story_id}")
def story(story_id: str, store: StoreDep) -> HTMLResponse:
    found = store.story(story_id)
    events = queries.event_page(store, queries.EventFilter(status=None, story=story_id), MAX_PAGE).items
    documents = [store.document(d) for d in found.documents]
    return _html("story.html", story=found, events=events, documents=documents, duplicates=dict(found.duplicates),
                 title=found.title or found.id)  # fmt: skip


def _focus(hl: str | None) -> tuple[int, int] | None:
    match = re.fullmatch(r"(\d+)-(\d+)", hl or "")
    return (int(match[1]), int(match[2])) if match else None


@router.get("/documents/{doc_id}")
def document(doc_id: str, store: StoreDep, hl: str | None = None) -> HTMLResponse:
    annotated = store.annotated(doc_id)
    events = store.events_of_document(doc_id)
    spans = [Span(m.start, m.end, ("entity", f"entity-{m.label}"), m.label) for m in annotated.entities]
    spans += [Span(m.char_start, m.char_end, ("date",), f"date: {day_span(m.start, m.end) or 'unresolved'}")
              for m in annotated.dates]  # fmt: skip
    evidence_of: dict[str, list[str]] = defaultdict(list)
    for e in events:
        for ev in [*e.evidence, *(x for p in (*e.participants, *e.received_by) for x in p.evidence)]:
            if ev.document == doc_id:
                evidence_of[f"{ev.start}-{ev.end}"].append(f"{e.id} {ev.field or 'participant'}")
    for key, notes in evidence_of.items():
        start, end = map(int, key.split("-"))
        spans.append(Span(start, end, ("ev-span",), "evidence: " + ", ".join(dict.fromkeys(notes))))
    passages = store.shared_passages(doc_id)
    spans += [Span(p.start, p.end, ("shared",), f"also in {p.other} ({p.words} words)") for p in passages]
    body = annotated_text(annotated.document.text, spans, _focus(hl))
    return _html("document.html", doc=annotated.document, body=body, events=events, passages=passages,
                 story=store.story_of(doc_id), duplicate_of=store.duplicate_of(doc_id),
                 title=annotated.document.title or doc_id)  # fmt: skip


@router.get("/actors")
def actors(store: StoreDep, q: str = "", offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    if q.strip():
        found = queries.find_actors(store, q)
        page = queries.Page(found[:MAX_PAGE], len(found), MAX_PAGE)
    else:
        page = store.actor_page(PAGE, offset)
    more = f"/actors?offset={offset + PAGE}" if not q and page.total > offset + PAGE else None
    return _html("actors.html", page=page, q=q, more=more, title="Actors")


@router.get("/actors/{actor_id}")
def actor(actor_id: str, store: StoreDep) -> HTMLResponse:
    found = store.actor(actor_id)
    parts = queries.actor_parts(store, actor_id)
    lanes = [Lane(f"{r.title}" + (f" ({r.affiliation})" if r.affiliation else ""), r.first_seen, r.last_seen,
                  note=f"{r.title}: {day_span(r.first_seen, r.last_seen)}", kind="office")
             for r in found.roles if r.first_seen]  # fmt: skip
    lanes += [Lane(p.event.title or p.event.series or p.event.id, p.event.start, p.event.end,
                   href("events", p.event.id), note=f"{p.part}: {day_span(p.event.start, p.event.end)}", kind="meeting")
              for p in parts if p.event.start]  # fmt: skip
    return _html("actor.html", actor=found, parts=parts, lanes=lanes, title=found.name)


@router.get("/series")
def series_list(store: StoreDep) -> HTMLResponse:
    return _html("series_list.html", series=queries.series(store), title="Meeting series")


@router.get("/series/{series_id}")
def series(series_id: str, store: StoreDep) -> HTMLResponse:
    found = queries.find_series(store, series_id)
    names = {a.code: a.name for a in store.coded_actors() if a.code}
    lanes = [Lane(f"{ordinal(m.ordinal) or m.start} · {m.city or m.country or ''}", m.start, m.end,
                  href("events", m.event), note=f"{day_span(m.start, m.end)} {m.city or ''}", kind="meeting")
             for m in found.meetings if m.start]  # fmt: skip
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in found.representatives:
        cells[(r.member, r.event)].append(f"{r.name} ({r.role})" if r.role else r.name)
    chairs = {event_id: chair for event_id, chair in found.chairs}
    return _html("series.html", series=found, names=names, lanes=lanes, cells=cells, chairs=chairs,
                 title=found.name)  # fmt: skip
