"""Meeting series as institutions: the numbered meetings of one body, who chaired and who came.

Held meetings are grouped by organisation and the words of their series name; small wording
differences ("Security Council Secretaries", "Security Councils' Secretaries", "National
Security Council Secretaries") are folded by the one series normaliser that events and fusion
use too (``events/series_key.py``). Planned meetings of a series are its announced meetings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dateline.actors.names import slug
from dateline.events.series_key import series_words, similar_series
from dateline.model import Actor, Event, Place


@dataclass(frozen=True)
class SeriesMeeting:
    event: str
    ordinal: int | None
    start: date | None
    end: date | None
    city: str | None
    country: str | None
    chair: str | None
    participants: int
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Representative:
    """A member's representative at one meeting of the series."""

    member: str  # the participant's affiliation: a country or organisation code
    event: str
    actor: str
    name: str
    role: str | None


@dataclass(frozen=True)
class Series:
    id: str
    name: str
    organization: str | None
    meetings: tuple[SeriesMeeting, ...]  # in ordinal, then date order
    gaps: tuple[int, ...]  # ordinals missing between the lowest and the highest seen
    members: tuple[str, ...]  # affiliations of the participants, countries first
    representatives: tuple[Representative, ...]
    chairs: tuple[tuple[str, str | None], ...]  # (event id, chair) per meeting, in meeting order
    next_venue: Place | None  # as the latest meeting announced it
    announced: tuple[str, ...] = ()  # ids of planned events of the series


def _order(event: Event) -> tuple[int, date]:
    return (event.ordinal if event.ordinal is not None else 10**9, event.start or date.max)


def _group(events: Sequence[Event]) -> list[list[Event]]:
    groups: list[tuple[str | None, list[frozenset[str]], list[Event]]] = []
    for event in events:
        words = series_words(event.series or "")
        for organization, seen, members in groups:
            if organization == event.organization and any(similar_series(words, w) for w in seen):
                seen.append(words)
                members.append(event)
                break
        else:
            groups.append((event.organization, [words], [event]))
    return [members for _, _, members in groups]


def build_series(events: Sequence[Event], actors: Sequence[Actor]) -> list[Series]:
    """Every meeting series of the held meetings that name one, ordered by organisation and name."""
    kinds = {actor.code: actor.kind for actor in actors if actor.code}
    held = [e for e in events if e.type == "meeting" and e.status == "held" and e.series]
    planned = [e for e in events if e.type == "meeting" and e.status == "planned" and e.series]
    result = []
    for group in _group(sorted(held, key=lambda e: (e.start or date.max, e.id))):
        group.sort(key=_order)
        wordings = Counter(e.series for e in group if e.series)
        name = max(wordings, key=lambda w: (wordings[w], -[e.series for e in group].index(w)))
        organization = group[0].organization
        words = [series_words(e.series or "") for e in group]
        announced = tuple(
            e.id
            for e in planned
            if e.organization == organization and any(similar_series(series_words(e.series or ""), w) for w in words)
        )
        ordinals = sorted({e.ordinal for e in group if e.ordinal is not None})
        gaps = tuple(n for n in range(ordinals[0], ordinals[-1] + 1) if n not in ordinals) if ordinals else ()
        representatives = tuple(
            Representative(p.affiliation, e.id, p.actor, p.name or p.actor, p.role)
            for e in group
            for p in e.participants
            if p.affiliation
        )
        members = sorted({r.member for r in representatives}, key=lambda code: (kinds.get(code) != "country", code))
        latest = group[-1]
        result.append(
            Series(
                id=slug(f"{organization or ''} {name}"),
                name=name,
                organization=organization,
                meetings=tuple(
                    SeriesMeeting(
                        e.id,
                        e.ordinal,
                        e.start,
                        e.end,
                        e.location.city,
                        e.location.country,
                        e.chair,
                        len(e.participants),
                        e.documents,
                    )
                    for e in group
                ),
                gaps=gaps,
                members=tuple(members),
                representatives=representatives,
                chairs=tuple((e.id, e.chair) for e in group),
                next_venue=latest.next_venue,
                announced=announced,
            )
        )
    return sorted(result, key=lambda s: (s.organization or "", s.name))


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _place(place: Place | None) -> dict[str, str | None] | None:
    return {"city": place.city, "country": place.country} if place else None


def series_export(series: Sequence[Series]) -> list[dict[str, Any]]:
    """JSON-ready "series" objects (dates as ISO strings)."""
    return [
        {
            "id": s.id,
            "name": s.name,
            "organization": s.organization,
            "meetings": [
                {
                    "event": m.event,
                    "ordinal": m.ordinal,
                    "start": _day(m.start),
                    "end": _day(m.end),
                    "city": m.city,
                    "country": m.country,
                    "chair": m.chair,
                    "participants": m.participants,
                    "documents": list(m.documents),
                }
                for m in s.meetings
            ],
            "gaps": list(s.gaps),
            "members": list(s.members),
            "representatives": [
                {"member": r.member, "event": r.event, "actor": r.actor, "name": r.name, "role": r.role}
                for r in s.representatives
            ],
            "chairs": [{"event": event, "chair": chair} for event, chair in s.chairs],
            "next_venue": _place(s.next_venue),
            "announced": list(s.announced),
        }
        for s in series
    ]
