"""Reports of one event → one ``Event``, every field with the reports that state it.

Two meeting reports are one meeting when they share organisation and ordinal, or
organisation, series words and a place or overlapping dates. Where reports disagree the
event keeps every version (``Conflict``) and picks one by a stated rule: the version
stated by more reports; then the more specific one (a date range that holds every other
reported date, a value over none); then the one of the first report.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateline.actors.names import slug
from dateline.actors.resolve import Resolution
from dateline.events.attendees import HOST_OF_STATE
from dateline.events.places import same_city
from dateline.events.series_key import named_apart, series_words, similar_series
from dateline.model import (
    Conflict,
    Document,
    Event,
    EventReport,
    Participation,
    PersonMention,
    Place,
    Version,
)
from dateline.roles import role_words


@dataclass(frozen=True)
class FusedEvents:
    events: tuple[Event, ...]
    member_of: dict[tuple[str, int], str]  # (document, report index) → event id


def _series_words(report: EventReport) -> frozenset[str]:
    return _words_of_series(report.series or "", report.organization or "")


@functools.lru_cache(maxsize=65536)
def _words_of_series(series: str, organization: str) -> frozenset[str]:
    """A series' words but the organisation's own name (memoised: ``same_event`` asks for every pair)."""
    return frozenset(series_words(series)) - {organization.lower()}


def same_event(
    a: EventReport,
    b: EventReport,
    published: dict[str, date | None] | None = None,
    resolution: Resolution | None = None,
) -> bool:
    """Whether two reports describe one event.

    Same organisation and ordinal; or similar series words and overlapping dates or one city;
    or, worded apart ("prime ministers of the EAEU" and "the Eurasian Intergovernmental
    Council"), overlapping dates and the same people taking part (``SHARED_PEOPLE``).
    A report that dates nothing is taken at its publication date, give or take ``DATE_SLACK``.
    """
    if a.type != b.type:
        return False
    if a.organization and b.organization and a.organization != b.organization:
        return False
    if named_apart(a.organization, _series_words(a), b.organization, _series_words(b)):
        return False
    if a.ordinal is not None and b.ordinal is not None:
        # one number names one meeting of one series: the same organisation, or (one unnamed) the same
        # series words; a report announcing the meeting and one of it held are one event
        if a.ordinal != b.ordinal:
            return False
        return bool(a.organization and a.organization == b.organization) or similar_series(
            _series_words(a), _series_words(b)
        )
    if a.status != b.status:
        return _announced_and_held(a, b, published)
    span_a, span_b = _span(a, published), _span(b, published)
    if (
        a.organization
        and a.organization == b.organization
        and a.start
        and b.start
        and same_city(a.location.city, b.location.city)
        and not (_series_words(a) and _series_words(b))
    ):
        # "the NATO meeting" in Bucharest on 29 November is the NATO foreign ministers' meeting there that day
        return not (span_a[0] > span_b[1] or span_b[0] > span_a[1])  # type: ignore[index]
    if not similar_series(_series_words(a), _series_words(b)):
        if not (resolution and span_a and span_b and a.organization == b.organization and a.organization):
            return False
        if span_a[0] - DATE_SLACK > span_b[1] or span_b[0] - DATE_SLACK > span_a[1]:
            return False
        people_a, people_b = _actors(a, resolution), _actors(b, resolution)
        shared = len(people_a & people_b)
        return shared >= SHARED_PEOPLE and shared * 2 >= min(len(people_a), len(people_b))
    if span_a and span_b:
        # two stated dates a day apart in one city: the two days of one meeting, each reported on its day
        one_city = same_city(a.location.city, b.location.city)
        slack = (timedelta(days=1) if one_city else timedelta(0)) if a.start and b.start else DATE_SLACK
        if span_a[0] - slack > span_b[1] or span_b[0] - slack > span_a[1]:
            return False
        one_city_unsaid = bool(a.location.city) != bool(b.location.city)
        if (a.start and b.start) or one_city_unsaid or one_city or a.location.city == b.location.city:
            return True
    return same_city(a.location.city, b.location.city)


DATE_SLACK = timedelta(days=3)
SHARED_PEOPLE = 2


def _announced_and_held(a: EventReport, b: EventReport, published: dict[str, date | None] | None) -> bool:
    """A report announcing a meeting for stated days and a report of it held: one organisation, like series
    words, and the announced days within the held report's (a report dating nothing: its publication
    date, give or take ``DATE_SLACK``)."""
    planned, held = (a, b) if a.status == "planned" else (b, a)
    if planned.status != "planned" or held.status != "held" or planned.start is None:
        return False
    if not (planned.organization and planned.organization == held.organization):
        return False
    if not similar_series(_series_words(planned), _series_words(held)):
        return False
    span = _span(held, published)
    if span is None:
        return False
    return not (planned.start > span[1] or (planned.end or planned.start) < span[0])


def _actors(report: EventReport, resolution: Resolution) -> set[str]:
    return {
        actor
        for p in (*report.participants, *report.received_by)
        if (actor := resolution.actor_of.get((p.evidence.document, p.name)))
    }


def _span(report: EventReport, published: dict[str, date | None] | None) -> tuple[date, date] | None:
    if report.start:
        return report.start, report.end or report.start
    day = (published or {}).get(report.document) if not report.partial_dates else None
    return (day - DATE_SLACK, day) if day else None


def fuse(reports: Sequence[EventReport], resolution: Resolution, documents: dict[str, Document]) -> FusedEvents:
    """Group meeting reports, then attach receptions and signings to their meeting's group."""
    meetings = [r for r in reports if r.type == "meeting"]
    published = {doc_id: document.published for doc_id, document in documents.items()}
    groups: list[list[EventReport]] = []
    by_organization: dict[str | None, list[list[EventReport]]] = {}  # only these can hold the same event
    numbers: dict[int, set[int | None]] = {}  # id of a group → the ordinals its reports state (None: none)
    for report in sorted(meetings, key=lambda r: (r.document, r.index)):
        candidates = groups if report.organization is None else (
            by_organization.get(report.organization, []) + by_organization.get(None, [])
        )  # fmt: skip
        home = next(
            (
                g for g in candidates
                if _may_number(report, numbers[id(g)]) and any(same_event(report, o, published, resolution) for o in g)
            ),
            None,
        )  # fmt: skip
        if home is None:
            home = [report]
            groups.append(home)
            by_organization.setdefault(report.organization, []).append(home)
        else:
            home.append(report)
        numbers.setdefault(id(home), set()).add(report.ordinal)
    groups = _join_unanchored(groups, published)
    calls = {
        (r.document, r.index): _meeting_of_reception(r, groups, published) for r in reports if r.type == "reception"
    }
    member_of: dict[tuple[str, int], str] = {}
    events: list[Event] = []
    for group in groups:
        event = _fuse_group(group, resolution, documents)
        if _bare(event):
            continue
        events.append(event)
        for report in group:
            member_of[(report.document, report.index)] = event.id
    others = [r for r in reports if r.type != "meeting"]
    by_meeting: dict[tuple[str, str], list[EventReport]] = {}
    for report in sorted(others, key=lambda r: (r.document, r.index)):
        meeting_id = member_of.get((report.document, report.related_to)) if report.related_to is not None else None
        meeting_id = meeting_id or calls.get((report.document, report.index))
        hosts = tuple(
            sorted(resolution.actor_of.get((p.evidence.document, p.name), p.name) for p in report.received_by)
        )
        signed = tuple(sorted(d.title.lower() for d in report.signed)) if report.type == "agreement" else ()
        key = (meeting_id or f"{report.document}:{report.index}", f"{report.type}:{hosts}:{signed}")
        by_meeting.setdefault(key, []).append(report)
    for _key, group in sorted(by_meeting.items()):
        event = _fuse_group(group, resolution, documents)
        events.append(event)
        for report in group:
            member_of[(report.document, report.index)] = event.id
    return FusedEvents(events=tuple(events), member_of=member_of)


def _may_number(report: EventReport, ordinals: set[int | None]) -> bool:
    """Whether a group whose reports state ``ordinals`` may hold ``report``: not when the report and
    every one of them state numbers, all others (``same_event`` says so for each pair; a shortcut)."""
    return report.ordinal is None or None in ordinals or report.ordinal in ordinals


def _bare(event: Event) -> bool:
    """A held meeting that every report of it leaves without a date, an organisation, a chair, a
    participant and a host: nothing is known of it but a name ("the Eastern Conference standings",
    "their first meeting this season"), so it is no record of a meeting."""
    return (
        event.type == "meeting" and event.status == "held" and event.start is None and event.organization is None
        and event.chair is None and not event.participants and not event.received_by
    )  # fmt: skip


def _meeting_of_reception(
    reception: EventReport, groups: list[list[EventReport]], published: dict[str, date | None]
) -> str | None:
    """A reception its article ties to no meeting ("the ministers called on the President") joins the one
    held meeting of its organisation in the batch whose days it falls in: the host becomes that meeting's
    too. Returns nothing when it joins none; once joined, the meeting's group holds the reception."""
    if reception.related_to is not None or reception.organization is None:
        return None
    span = _span(reception, published)
    if span is None:
        return None
    matching = [
        g for g in groups
        if any(
            r.status == "held" and r.organization == reception.organization
            and (theirs := _span(r, published)) is not None
            and not (span[0] - DATE_SLACK > theirs[1] or theirs[0] - DATE_SLACK > span[1])
            for r in g
        )
    ]  # fmt: skip
    if len(matching) != 1:
        return None
    # the host, the visitors and the document join the meeting; its dates, place and title stay its own
    matching[0].append(
        replace(reception, title=None, organization=None, start=None, end=None, location=Place(), partial_dates=None)
    )
    return _event_id(matching[0])


def _unanchored(report: EventReport, published: dict[str, date | None]) -> bool:
    """A held report that states no number and no day, in a document with no publication date: nothing
    places it in time, so ``same_event`` can join it to nothing that has no place in common with it.
    A month and day without a year ("Oct. 8", ``partial_dates``) place it only within a year."""
    return report.ordinal is None and _span(report, published) is None


def _holds_partial(report: EventReport, group: list[EventReport], published: dict[str, date | None]) -> bool:
    """Whether a group's stated days hold every month and day a yearless report states ("--10-08/--10-08")."""
    if not report.partial_dates:
        return True
    days = {(int(part[2:4]), int(part[5:7])) for part in report.partial_dates.split("/")}
    spans = [span for r in group if r.start and (span := _span(r, published))]
    return any(all(_within(month, day, span) for month, day in days) for span in spans)


def _within(month: int, day: int, span: tuple[date, date]) -> bool:
    for year in {span[0].year, span[1].year}:
        try:
            if span[0] <= date(year, month, day) <= span[1]:
                return True
        except ValueError:  # 29 February of a common year
            continue
    return False


def _join_unanchored(groups: list[list[EventReport]], published: dict[str, date | None]) -> list[list[EventReport]]:
    """A group of held, unanchored reports of one organisation ("the MERCOSUR summit", in an undated web
    copy) joins the one held event of that organisation in the batch that something does place (a number,
    a day), when no city and no series words set them apart and its month and day, if it states them,
    fall within that event's days; with several such events it stays on its own."""
    for group in [g for g in groups if all(_unanchored(r, published) for r in g)]:
        organization = group[0].organization
        if organization is None or any(r.organization != organization or r.status != "held" for r in group):
            continue
        others = [
            g for g in groups
            if g is not group
            and any(r.organization == organization and r.status == "held" for r in g)
            and not all(_unanchored(r, published) for r in g)
        ]  # fmt: skip
        if len(others) != 1:
            continue
        cities = {r.location.city for r in others[0] if r.location.city}
        if any(r.location.city and not any(same_city(r.location.city, c) for c in cities) for r in group):
            continue
        if not all(_holds_partial(r, others[0], published) for r in group):
            continue
        words = set().union(*(_series_words(r) for r in group))
        theirs = set().union(*(_series_words(r) for r in others[0]))
        if words and theirs and not similar_series(words, theirs):
            continue
        others[0].extend(group)
        groups.remove(group)
    return groups


def _event_id(group: Sequence[EventReport]) -> str:
    first = group[0]
    group = [r for r in group if r.type == first.type]  # a reception joined to a meeting leaves its id alone
    label = "-".join(str(p) for p in (first.type, first.organization, first.ordinal) if p)
    digest = hashlib.sha1("|".join(f"{r.document}#{r.index}" for r in group).encode()).hexdigest()[:8]
    return f"{slug(label)}-{digest}"


def _choose(
    field: str, values: list[tuple[object | None, str]], conflicts: list[Conflict], more_specific: object | None = None
) -> object | None:
    """The value most reports state; ties go to ``more_specific`` then to the first report's."""
    stated = [(value, doc) for value, doc in values if value is not None]
    if not stated:
        return None
    counts = Counter(value for value, _ in stated)
    best = max(counts.values())
    leaders = [value for value, _ in stated if counts[value] == best]
    chosen, rule = leaders[0], "stated by most reports"
    if len(counts) > 1 and more_specific is not None and more_specific in counts:
        chosen, rule = more_specific, "the most specific value: its range holds the most reports' dates"
    elif len(set(leaders)) > 1:
        rule = "tie: the value of the first report"
    if len(counts) > 1:
        versions = tuple(
            Version(value=_shown(value), documents=tuple(sorted({d for v, d in stated if v == value})))
            for value in counts
        )
        conflicts.append(Conflict(field=field, versions=versions, chosen=_shown(chosen), rule=rule))
    return chosen


def _shown(value: object) -> str:
    """A field value as text: dates in ISO form, a (start, end) range as "start/end"."""
    if isinstance(value, tuple):
        return "/".join(_shown(v) for v in value)
    return value.isoformat() if isinstance(value, date) else str(value)


def _year_of(group: Sequence[EventReport], documents: dict[str, Document]) -> int | None:
    years = [r.start.year for r in group if r.start] or [
        documents[r.document].published.year
        for r in group
        if r.document in documents and documents[r.document].published
    ]
    return Counter(years).most_common(1)[0][0] if years else None


def _dates(report: EventReport, year: int | None) -> tuple[date, date] | None:
    if report.start:
        return report.start, report.end or report.start
    if report.partial_dates and year:
        first, last = report.partial_dates.split("/")
        try:
            return (date.fromisoformat(f"{year}-{first[2:]}"), date.fromisoformat(f"{year}-{last[2:]}"))
        except ValueError:
            return None
    return None


def _consecutive_days(stated: list[tuple[date, date]]) -> tuple[date, date] | None:
    """The span of single days that follow each other (29 and 30 November), when the reports give nothing wider."""
    distinct = sorted(set(stated))
    if len(distinct) < 2 or any(first != last for first, last in distinct):
        return None
    if any((b[0] - a[0]).days != 1 for a, b in itertools.pairwise(distinct)) or len(distinct) > 3:
        return None
    return distinct[0][0], distinct[-1][0]


def _fuse_group(group: Sequence[EventReport], resolution: Resolution, documents: dict[str, Document]) -> Event:
    conflicts: list[Conflict] = []
    year = _year_of(group, documents)
    # what happened over what was announced: a held report's dates over a planned one's
    held_dated = any(r.status == "held" and _dates(r, year) for r in group)
    spans = [(_dates(r, year) if r.status == "held" or not held_dated else None, r.document) for r in group]
    stated = [s for s, _ in spans if s]
    # the most specific version: the range that holds the most other reports' dates (ties: none)
    holding = {s: sum(s[0] <= o[0] and o[1] <= s[1] for o in stated) for s in set(stated)}
    most = max(holding.values(), default=0)
    widest = [s for s, n in holding.items() if n == most]
    specific = widest[0] if len(widest) == 1 and most > 1 else None
    span = _choose("dates", spans, conflicts, specific)
    days = _consecutive_days(stated) if specific is None else None
    if days and conflicts and conflicts[-1].field == "dates":
        # reports of one meeting, each dated its own day (29 and 30 November): the meeting spans them
        span = days
        conflicts[-1] = replace(conflicts[-1], chosen=_shown(days), rule="consecutive days: the meeting spans them")
    place_values = _place_values(group)
    place = _choose("location", place_values, conflicts, _fullest_town(place_values))
    next_values = [((r.next_venue.city, r.next_venue.country) if r.next_venue else None, r.document) for r in group]
    next_venue = _choose("next_venue", next_values, conflicts)
    series = _choose("series", [(r.series, r.document) for r in group], [])
    evidence = tuple(e for r in group for e in r.evidence)
    signed = tuple({s.title.lower(): s for r in group for s in r.signed}.values())
    return Event(
        id=_event_id(group),
        type=group[0].type,
        title=_longest([r.title for r in group]),
        organization=_choose("organization", [(r.organization, r.document) for r in group], conflicts),  # type: ignore[arg-type]
        series=series,  # type: ignore[arg-type]
        ordinal=_choose("ordinal", [(r.ordinal, r.document) for r in group], conflicts),  # type: ignore[arg-type]
        start=span[0] if span else None,
        end=span[1] if span else None,  # type: ignore[index]
        location=Place(*place) if place else Place(),  # type: ignore[misc]
        mode=_choose("mode", [(r.mode, r.document) for r in group], []),  # type: ignore[arg-type]
        status="held" if any(r.status == "held" for r in group) else group[0].status,
        chair=_choose("chair", [(r.chair, r.document) for r in group], conflicts),  # type: ignore[arg-type]
        participants=_people([p for r in group for p in r.participants], resolution, conflicts),
        received_by=_hosts_of(_people([p for r in group for p in r.received_by], resolution, conflicts), place),
        next_venue=Place(*next_venue) if next_venue else None,  # type: ignore[misc]
        signed=signed,
        documents=tuple(sorted({r.document for r in group})),
        evidence=evidence,
        conflicts=tuple(conflicts),
    )


def _place_values(group: Sequence[EventReport]) -> list[tuple[object | None, str]]:
    """Each report's (city, country); a report naming only a country names no other place than a town of it
    that another report names ("in the Maldives" and "in Male, Maldives"): it counts for that town."""
    towns: dict[str, set[str]] = {}
    for r in group:
        if r.location.city and r.location.country:
            towns.setdefault(r.location.country, set()).add(r.location.city)
    values: list[tuple[object | None, str]] = []
    for r in group:
        named = towns.get(r.location.country or "", set())
        city = r.location.city or (next(iter(named)) if len(named) == 1 else None)
        values.append(((city, r.location.country) if city or r.location.country else None, r.document))
    return values


def _fullest_town(values: list[tuple[object | None, str]]) -> object | None:
    """Of names the gazetteer gives one town ("Panama", "Panama City"), the one holding the others' words: the
    more specific value."""
    stated = {v for v, _ in values if isinstance(v, tuple) and v[0]}
    if len(stated) < 2:
        return None
    words = {v: set(str(v[0]).lower().split()) for v in stated}
    for value in stated:
        if all(
            other == value or (same_city(value[0], other[0]) and value[1] == other[1] and words[other] < words[value])
            for other in stated
        ):
            return value
    return None


def _hosts_of(hosts: tuple[Participation, ...], place: object) -> tuple[Participation, ...]:
    """A head of state who received the delegations, named with no country, is the host country's."""
    country = place[1] if isinstance(place, tuple) else None
    return tuple(
        replace(h, affiliation=country) if h.affiliation is None and country and HOST_OF_STATE.search(h.role or "")
        else h
        for h in hosts
    )  # fmt: skip


def _longest(values: Sequence[str | None]) -> str | None:
    present = [v for v in values if v]
    return max(present, key=len) if present else None


def _people(
    mentions: Sequence[PersonMention], resolution: Resolution, conflicts: list[Conflict]
) -> tuple[Participation, ...]:
    by_actor: dict[str, list[PersonMention]] = {}
    for mention in mentions:
        actor = resolution.actor_of.get((mention.evidence.document, mention.name))
        if actor:
            by_actor.setdefault(actor, []).append(mention)
    people = []
    for actor, said in by_actor.items():
        # the fullest statement wins: with an affiliation, with a role, then the office (in any wording)
        # stated by more reports, then the longer role
        roles = Counter((m.role, m.affiliation) for m in said)
        offices = Counter(role_words(m.role) for m in said if m.role)
        role, affiliation = max(
            roles,
            key=lambda ra: (ra[1] is not None, ra[0] is not None, offices[role_words(ra[0] or "")], roles[ra],
                            len(ra[0] or "")),
        )
        affiliation = affiliation or resolution.sole_affiliation(actor)
        if role is None:  # the role the same report states for this person elsewhere
            stated = (resolution.stated_role(m.evidence.document, actor, affiliation) for m in said)
            role = next((r for r in stated if r), None)
        if len({m.affiliation for m in said if m.affiliation}) > 1:
            conflicts.append(
                Conflict(
                    field=f"affiliation of {resolution.names[actor]}",
                    versions=tuple(
                        Version(
                            value=str(a),
                            documents=tuple(sorted({m.evidence.document for m in said if m.affiliation == a})),
                        )
                        for a in sorted({m.affiliation for m in said if m.affiliation})
                    ),
                    chosen=str(affiliation),
                    rule="stated with the fullest title by most reports",
                )
            )
        people.append(
            Participation(
                actor=actor,
                role=role,
                affiliation=affiliation,
                documents=tuple(sorted({m.evidence.document for m in said})),
                evidence=tuple(m.evidence for m in said),
                name=resolution.names[actor],
            )
        )
    return tuple(people)
