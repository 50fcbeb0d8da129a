"""Questions asked of the store: the library the CLI, the HTTP API and the pages call.

Every function takes an open Store and returns model dataclasses (or small frozen
dataclasses of its own); a record that is not there raises NotFoundError. Filtering,
sorting and paging happen in the store's indexed queries (``store/browse.py``): nothing
here loads a whole table.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pycountry
from rapidfuzz import fuzz, process

from dateline.actors.names import fold
from dateline.actors.series import Series, build_series
from dateline.errors import NotFoundError
from dateline.model import Actor, Event, Participation, RoleHeld
from dateline.roles import role_words
from dateline.store.browse import EventFilter, Page
from dateline.store.fulltext import Hit

if TYPE_CHECKING:
    from dateline.store import Store

log = logging.getLogger(__name__)

TENURE_SLACK = timedelta(days=10)  # a role seen at an event counts for this long around it

# which evidence fields state which event field
FIELD_EVIDENCE = {
    "type": ("type",), "title": ("title",), "organization": ("title",), "series": ("title",),
    "ordinal": ("title",), "start": ("start",), "end": ("start",), "location": ("location",),
    "mode": ("mode",), "chair": ("chair",), "next_venue": ("next_venue",),
}  # fmt: skip


@dataclass(frozen=True)
class Part:
    """An actor's part in an event: "participant" or "received_by"."""

    event: Event
    part: str
    participation: Participation


@dataclass(frozen=True)
class Holding:
    """An actor who held an office, and the role as stated."""

    actor: Actor
    role: RoleHeld


__all__ = ["EventFilter", "Hit", "Page", "fold"]


def event_sort_key(event: Event) -> tuple[date, str]:
    return (event.start or date.max, event.id)


def list_events(store: Store) -> tuple[list[Event], list[Event]]:
    """(held events, planned events), each by start date then id (undated last)."""
    return store.events_matching(EventFilter(status="held")), store.events_matching(EventFilter(status="planned"))


def event_page(store: Store, filt: EventFilter | None = None, limit: int = 50, offset: int = 0) -> Page[Event]:
    """One page of the events that pass ``filt`` (default: held events, oldest first)."""
    return store.event_page(filt or EventFilter(), limit, offset)


def find_event(store: Store, ident: str) -> Event:
    """The event with this id, or the one event whose id starts with it."""
    matches = store.events_by_id_prefix(ident)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"no event {ident!r} in {store.label}")
    ids = ", ".join(e.id for e in matches)
    raise NotFoundError(f"{ident!r} is the start of {len(matches)} events in {store.label}: {ids}")


def find_actors(store: Store, name: str) -> list[Actor]:
    """Actors whose name, an alias or the code equals ``name`` (case and diacritics ignored);
    when none does, those where each word of ``name`` starts a word of their name or an alias
    ("petr" finds Petrov, "ivan pet" Ivan Petrov).
    """
    wanted = fold(name)
    if not wanted:
        raise NotFoundError("no actor name given")
    found, _exact = store.actors_named(wanted)
    if not found:
        raise NotFoundError(f"no actor matches {name!r} in {store.label}")
    return found


def actor_parts(store: Store, actor_id: str) -> list[Part]:
    """Every event the actor took part in or hosted, by date (read through the participations index)."""
    return parts_of(store.events_matching(EventFilter(status=None, actor=actor_id)), actor_id)


def parts_of(events: list[Event], actor_id: str) -> list[Part]:
    """Every event the actor took part in or hosted, by date."""
    parts = []
    for event in sorted(events, key=event_sort_key):
        for kind, people in (("participant", event.participants), ("received_by", event.received_by)):
            parts += [Part(event, kind, p) for p in people if p.actor == actor_id]
    return parts


def who_held(store: Store, role: str, country: str, on: date | None = None) -> list[Holding]:
    """Holders of an office (all words of ``role``, affiliation ``country``), in time order.

    With ``on``, only those seen in the role within TENURE_SLACK of that day.
    """
    wanted = role_words(role)
    code = country.strip().upper()
    found: list[tuple[str, RoleHeld]] = []
    for actor_id, held in store.roles_of(code):
        if not wanted <= role_words(held.title):
            continue
        if on is not None:
            if held.first_seen is None or held.last_seen is None:
                continue
            if not held.first_seen - TENURE_SLACK <= on <= held.last_seen + TENURE_SLACK:
                continue
        found.append((actor_id, held))
    actors = {a.id: a for a in store.actors_by_id(sorted({actor_id for actor_id, _ in found}))} if found else {}
    holdings = [Holding(actors[actor_id], held) for actor_id, held in found]
    holdings.sort(key=lambda h: (h.role.first_seen or date.max, h.actor.name))
    if not holdings:
        when = f" on {on.isoformat()}" if on else ""
        raise NotFoundError(f"nobody held {role!r} of {code}{when} in {store.label}{_who_hint(store, wanted, code)}")
    return holdings


def _who_hint(store: Store, wanted: frozenset[str] | set[str], code: str) -> str:
    """What the store does know: where this office was held, or which offices this affiliation has."""
    roles = [held for actor in store.actors() for held in actor.roles]
    elsewhere = sorted({h.affiliation for h in roles if h.affiliation and wanted <= role_words(h.title)})
    if elsewhere:
        return f" (that office is seen for: {', '.join(elsewhere)})"
    offices = sorted({h.title for h in roles if h.affiliation == code and h.title})
    if offices:
        return f" (offices seen for {code}: {'; '.join(offices[:8])}{' …' if len(offices) > 8 else ''})"
    return ""


def affiliation_code(store: Store, text: str) -> str:
    """The code of a country or organisation given by code, name or demonym ("BLR", "Belarus", "Belarusian").

    Raises NotFoundError with a "did you mean" when nothing fits.
    """
    from dateline.events.places import country_code, organization_code

    raw = " ".join(text.split())
    if not raw:
        raise NotFoundError("no country or organisation given")
    actors = store.actors()
    known = {h.affiliation for a in actors for h in a.roles if h.affiliation} | {a.code for a in actors if a.code}
    if raw.upper() in known:
        return raw.upper()
    code = _iso_code(raw) or country_code(raw) or organization_code(raw)
    if code:
        return code
    names = {c.name: c.alpha_3 for c in pycountry.countries}
    names.update({a.name: a.code for a in actors if a.code and a.kind in ("country", "organization")})
    guess = process.extractOne(raw, list(names), scorer=fuzz.WRatio, score_cutoff=75)
    hint = f"; did you mean {guess[0]} ({names[guess[0]]})?" if guess else ""
    raise NotFoundError(f"{raw!r} is no country or organisation code, name or demonym Dateline knows{hint}")


def _iso_code(text: str) -> str | None:
    """ISO 3166 alpha-3 of an alpha-2 or alpha-3 code ("by" → "BLR"), or None."""
    if len(text) not in (2, 3) or not text.isalpha():
        return None
    found = pycountry.countries.get(**{"alpha_2" if len(text) == 2 else "alpha_3": text.upper()})
    return found.alpha_3 if found is not None else None


def series(store: Store, name: str | None = None) -> list[Series]:
    """Every meeting series, or those whose name (or organisation) contains ``name``."""
    found = build_series(store.meeting_events_with_series(), store.coded_actors())
    if name:
        wanted = fold(name)
        found = [s for s in found if wanted in fold(s.name) or wanted == fold(s.organization or "")]
        if not found:
            raise NotFoundError(f"no meeting series matches {name!r} in {store.label}")
    return found


def find_series(store: Store, series_id: str) -> Series:
    """The series with this id (as ``Series.id``)."""
    for found in series(store):
        if found.id == series_id:
            return found
    raise NotFoundError(f"no meeting series {series_id!r} in {store.label}")


def search(store: Store, query: str, limit: int = 20, offset: int = 0) -> Page[Hit]:
    """Full-text search over the stored articles' titles and text, best match first."""
    return store.search_documents(query, limit, offset)
