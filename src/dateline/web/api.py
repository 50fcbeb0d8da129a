"""The JSON API under /api/: the record as the CLI shows it, paged (``?limit=&offset=``).

Records are the model dataclasses as JSON (dates as ISO strings); a list answers
``{"items": [...], "total": N, "limit": L, "offset": O}``.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.encoders import jsonable_encoder

from dateline import queries
from dateline.store import Store
from dateline.store.browse import MAX_PAGE
from dateline.web.render import unmark

router = APIRouter(prefix="/api", tags=["api"])


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(store_of)]
Limit = Annotated[int, Query(ge=0, le=MAX_PAGE, description="how many items (at most 500)")]
Offset = Annotated[int, Query(ge=0, description="how many items to skip")]


def _page(page: queries.Page[Any]) -> dict[str, Any]:
    return {
        "items": jsonable_encoder(page.items),
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
    }


def document_summary(doc: Any) -> dict[str, Any]:
    data = asdict(doc)
    data.pop("text")
    return jsonable_encoder(data)


@router.get("/documents")
def documents(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Stored documents, newest publication first (without their text)."""
    page = store.document_page(limit, offset)
    return {**_page(page), "items": [document_summary(d) for d in page.items]}


@router.get("/documents/{doc_id}")
def document(doc_id: str, store: StoreDep) -> dict[str, Any]:
    """One document with its text, sentences, entities, dates, story, the events it reports and
    the passages it shares with other documents."""
    annotated = store.annotated(doc_id)
    story, duplicate_of = store.story_of(doc_id), store.duplicate_of(doc_id)
    return jsonable_encoder(
        {
            **asdict(annotated.document),
            "story": story,
            "duplicate_of": duplicate_of,
            "sentences": annotated.sentences,
            "entities": annotated.entities,
            "dates": annotated.dates,
            "events": [e.id for e in store.events_of_document(doc_id)],
            "shared_passages": [asdict(p) for p in store.shared_passages(doc_id)],
        }
    )


@router.get("/events")
def events(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    date_from: Annotated[date | None, Query(alias="from", description="ends on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="starts on or before (YYYY-MM-DD)")] = None,
    country: Annotated[str | None, Query(description="venue country, ISO alpha-3")] = None,
    actor: Annotated[str | None, Query(description="an actor id that took part")] = None,
    series: Annotated[str | None, Query(description="series name as stored")] = None,
    status: Annotated[str | None, Query(pattern="^(held|planned|all)$")] = "held",
    type: Annotated[str | None, Query(description="meeting, reception or agreement")] = None,
    story: Annotated[str | None, Query()] = None,
) -> dict[str, Any]:
    """Events by start date, filtered by date range, country, actor, series, status, type or story."""
    filt = queries.EventFilter(
        status=None if status == "all" else status, date_from=date_from, date_to=date_to, country=country,
        actor=actor, series=series, type=type, story=story,
    )  # fmt: skip
    return _page(queries.event_page(store, filt, limit, offset))


@router.get("/events/{event_id}")
def event(event_id: str, store: StoreDep) -> Any:
    """One fused event: every field with its evidence, participants, documents, conflicts."""
    return jsonable_encoder(queries.find_event(store, event_id))


@router.get("/stories")
def stories(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return _page(store.story_page(limit, offset))


@router.get("/stories/{story_id}")
def story(story_id: str, store: StoreDep) -> Any:
    return jsonable_encoder(store.story(story_id))


@router.get("/actors")
def actors(
    store: StoreDep,
    q: Annotated[str | None, Query(description="a name or part of one (any alias)")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Actors by id, or those whose name or an alias matches ``q``."""
    if q:
        found = queries.find_actors(store, q)
        return _page(queries.Page(found[offset : offset + limit], len(found), limit, offset))
    return _page(store.actor_page(limit, offset))


@router.get("/actors/{actor_id}")
def actor(actor_id: str, store: StoreDep) -> dict[str, Any]:
    """One actor with aliases (and why they were joined), roles over time and the events taken part in."""
    found = store.actor(actor_id)
    parts = queries.actor_parts(store, actor_id)
    return jsonable_encoder(
        {
            **asdict(found),
            "events": [{"event": p.event.id, "part": p.part, "role": p.participation.role,
                        "affiliation": p.participation.affiliation, "start": p.event.start, "end": p.event.end,
                        "title": p.event.title} for p in parts],
        }
    )  # fmt: skip


@router.get("/series")
def series_list(store: StoreDep, name: Annotated[str | None, Query()] = None) -> dict[str, Any]:
    """Meeting series (institutions): meetings, gaps, members and representatives, chairs, next venue."""
    found = queries.series(store, name)
    return {"items": jsonable_encoder(found), "total": len(found), "limit": len(found), "offset": 0}


@router.get("/series/{series_id}")
def series(series_id: str, store: StoreDep) -> Any:
    return jsonable_encoder(queries.find_series(store, series_id))


@router.get("/search")
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, description='words and "quoted phrases"')],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Full-text search over stored articles, best first; ``highlights`` are [start, end) offsets in ``snippet``."""
    page = queries.search(store, q, limit, offset)
    items = []
    for hit in page.items:
        snippet, highlights = unmark(hit.snippet)
        items.append({**jsonable_encoder(hit), "snippet": snippet, "highlights": highlights})
    return {**_page(page), "items": items}
