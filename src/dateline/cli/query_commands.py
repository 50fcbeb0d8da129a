"""Commands: events, event, actor, who, series, stories (read the store; the work is in dateline.queries).

Every value that comes from an article is printed as plain, cleaned text (dateline.cli.render).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from typing import Annotated as Arg

import typer

from dateline import export, queries
from dateline.actors.series import Series, series_export
from dateline.cli.app import DbOption, JsonOption, app, open_db
from dateline.cli.event_view import headline, place_text, show_event
from dateline.cli.help import UserCommand
from dateline.cli.render import cell, emit_json, say, show, span, table
from dateline.model import Event, Place

if TYPE_CHECKING:
    from dateline.store import Store


def _texts(store: Store, events: list[Event]) -> dict[str, str]:
    """The text of every document the events cite (to cut evidence for --json)."""
    wanted = {d for e in events for d in e.documents} | {ev.document for e in events for ev in e.evidence}
    return {d.id: d.text for d in store.documents_by_id(sorted(wanted))}


def _compact_span(start: date | None, end: date | None) -> str | None:
    """ "2021-07-13/14" for a range within a month, the two dates otherwise."""
    if start is None:
        return None
    if end is None or end == start:
        return start.isoformat()
    if (end.year, end.month) == (start.year, start.month):
        return f"{start.isoformat()}/{end.day:02d}"
    return f"{start.isoformat()}/{end.isoformat()}"


@app.command(cls=UserCommand)
def events(
    db: DbOption = None,
    all: Arg[bool, typer.Option("--all", "-a", help="also list meetings announced for the future")] = False,
    json: JsonOption = False,
) -> None:
    """List the events that took place, by date.

    Example: dateline events --db demo.db --all
    """
    with open_db(db) as store:
        held, planned = queries.list_events(store)
        label = store.label
        texts = _texts(store, held + planned) if json else {}
    if json:
        data: dict[str, Any] = {"events": [export.event_record(e, texts) for e in held]}
        if all:
            data["planned_events"] = [export.event_record(e, texts) for e in planned]
        emit_json(data)
        return
    if not held and not (all and planned):
        say(f"no events in {label}")
        return
    groups = [(f"{len(held)} events in {label}", held)]
    if all:
        groups.append((f"announced: {len(planned)} planned events", planned))
    for i, (title, items) in enumerate(groups):
        if not items:
            say(f"no {'planned ' if i else ''}events in {label}")
            continue
        result = table(title, "id", "what", "when", "where", "people", "sources")
        for e in items:
            result.add_row(
                cell(e.id), cell(headline(e)), cell(_compact_span(e.start, e.end)),
                cell(e.location.city or e.location.country), cell(len(e.participants) + len(e.received_by)),
                cell(len(e.documents)),
            )  # fmt: skip
        show(result, gap=i > 0)


@app.command(cls=UserCommand)
def event(
    event_id: Arg[str, typer.Argument(metavar="ID", help="an event id, or the start of one", show_default=False)],
    db: DbOption = None,
    evidence: Arg[bool, typer.Option("--evidence", "-e", help="also show the sentence behind each fact")] = False,
    json: JsonOption = False,
) -> None:
    """Show one event: fields, people, sources, disagreements.

    Example: dateline event meeting-2017 --evidence
    """
    with open_db(db) as store:
        found = queries.find_event(store, event_id)
        cited = {*found.documents, *(ev.document for ev in found.evidence)}
        documents = {d.id: d for d in store.documents_by_id(sorted(cited))}
        sentences = {doc_id: store.sentences(doc_id) for doc_id in documents} if evidence else None
    if json:
        emit_json(export.event_record(found, {d.id: d.text for d in documents.values()}))
        return
    show_event(found, documents, evidence=sentences)


@app.command(cls=UserCommand)
def actor(
    name: Arg[str, typer.Argument(help="a name or part of one (any alias; case and accents ignored)")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Show a person, country or organisation: aliases, roles, events.

    Example: dateline actor Patrushev
    """
    with open_db(db) as store:
        found = queries.find_actors(store, name)
        parts_by_actor = {a.id: queries.actor_parts(store, a.id) for a in found}
    if json:
        records = []
        for a in found:
            parts = parts_by_actor[a.id]
            events_of = [
                {"event": p.event.id, "part": p.part, "role": p.participation.role,
                 "affiliation": p.participation.affiliation, "start": p.event.start, "title": p.event.title}
                for p in parts
            ]  # fmt: skip
            records.append({**export.actor_record(a), "events": events_of})
        emit_json({"actors": records})
        return
    if len(found) > 1:
        result = table(f"{len(found)} actors match {name!r}", "id", "kind", "name", "aliases")
        for a in found:
            result.add_row(cell(a.id), cell(a.kind), cell(a.name), cell(", ".join(sorted({x.text for x in a.aliases}))))
        show(result)
        return
    a = found[0]
    say(f"{a.name} ({a.kind}, {a.id}{', code ' + a.code if a.code else ''})")
    aliases = table("aliases", "alias", "document", "why joined")
    for alias in a.aliases:
        aliases.add_row(cell(alias.text), cell(alias.document), cell(alias.reason))
    show(aliases, gap=True)
    if a.roles:
        roles = table("roles", "title", "affiliation", "first seen", "last seen", "documents")
        for r in a.roles:
            roles.add_row(cell(r.title), cell(r.affiliation), cell(r.first_seen), cell(r.last_seen),
                          cell(", ".join(r.documents)))  # fmt: skip
        show(roles, gap=True)
    parts = parts_by_actor[a.id]
    if parts:
        result = table("events", "event", "dates", "part", "role", "affiliation", "title")
        for p in parts:
            e = p.event
            result.add_row(
                cell(e.id), cell(span(e.start, e.end)), cell(p.part.replace("_", " ")), cell(p.participation.role),
                cell(p.participation.affiliation), cell(e.title or e.series),
            )  # fmt: skip
        show(result, gap=True)


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as err:
        raise typer.BadParameter(f"{value!r} is not a date like 2017-04-06", param_hint="--on") from err


@app.command(cls=UserCommand)
def who(
    role: Arg[str, typer.Argument(help='an office, e.g. "Secretary of the Security Council"', show_default=False)],
    country: Arg[
        str, typer.Argument(help="a country (code, name or demonym: BLR, Belarus, Belarusian) or an organisation")
    ],
    on: Arg[str | None, typer.Option("--on", metavar="YYYY-MM-DD", help="only who held it around that day")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Who held an office, in time order (or around --on DAY).

    Example: dateline who "Secretary of the Security Council" Kazakhstan --on 2017-04-06
    """
    day = _parse_day(on)
    with open_db(db) as store:
        code = queries.affiliation_code(store, country)
        holdings = queries.who_held(store, role, code, day)
    if json:
        emit_json({
            "role": role, "affiliation": code, "on": day,
            "holders": [{"actor": h.actor.id, "name": h.actor.name, "title": h.role.title,
                         "affiliation": h.role.affiliation, "first_seen": h.role.first_seen,
                         "last_seen": h.role.last_seen, "documents": list(h.role.documents)} for h in holdings],
        })  # fmt: skip
        return
    title = f"{role} ({code})" + (f" on {day.isoformat()}" if day else "")
    result = table(title, "name", "title as stated", "first seen", "last seen", "actor", "documents")
    for h in holdings:
        result.add_row(
            cell(h.actor.name), cell(h.role.title), cell(h.role.first_seen), cell(h.role.last_seen), cell(h.actor.id),
            cell(", ".join(h.role.documents)),
        )  # fmt: skip
    show(result)


def _show_series(s: Series, names: dict[str, str], events_by_id: dict[str, Event]) -> None:
    plural = "" if len(s.meetings) == 1 else "s"
    say(f"{s.name} ({s.organization or 'no organisation'}) — {len(s.meetings)} meeting{plural}")
    meetings = table("meetings", "number", "dates", "place", "chair", "people", "documents", "event")
    rows: list[tuple[int | None, date | None, list[Any]]] = []
    for m in s.meetings:
        cells = [
            cell(m.ordinal), cell(span(m.start, m.end)), cell(place_text(Place(m.city, m.country))), cell(m.chair),
            cell(m.participants), cell(", ".join(m.documents)), cell(m.event),
        ]  # fmt: skip
        rows.append((m.ordinal, m.start, cells))
    rows += [(n, None, [cell(n), cell("(gap: no report)"), *(cell("") for _ in range(5))]) for n in s.gaps]
    for _, _, cells in sorted(rows, key=lambda r: (r[0] if r[0] is not None else 10**9, r[1] or date.max)):
        meetings.add_row(*cells)
    show(meetings)

    headers = [f"{m.ordinal or ''} {m.start.isoformat() if m.start else ''}".strip() or m.event for m in s.meetings]
    matrix = table("representatives (member × meeting)", "member", *headers)
    for member in s.members:
        full = names.get(member, member)
        row = [cell(member if full == member else f"{member} {full}")]
        for m in s.meetings:
            reps = [r for r in s.representatives if r.member == member and r.event == m.event]
            row.append(cell("\n".join(f"{r.name} ({r.role})" if r.role else r.name for r in reps)))
        matrix.add_row(*row)
    unknown = [
        [p for p in events_by_id[m.event].participants if not p.affiliation] if m.event in events_by_id else []
        for m in s.meetings
    ]
    if any(unknown):
        matrix.add_row(
            cell("(affiliation unknown)"),
            *(cell("\n".join(f"{p.name} ({p.role})" if p.role else (p.name or p.actor) for p in people))
              for people in unknown),
        )  # fmt: skip
    show(matrix, gap=True)

    say(f"chair rotation: {' → '.join(chair or '?' for _, chair in s.chairs)}")
    say(f"next venue (announced at the latest meeting): {place_text(s.next_venue) or 'not announced'}")
    if s.announced:
        say(f"announced meetings: {', '.join(s.announced)}")


@app.command(cls=UserCommand)
def series(
    name: Arg[
        str | None, typer.Argument(help="part of a series name (default: every series)", show_default=False)
    ] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Meeting series: meetings, gaps, representatives, chairs, next venue.

    Example: dateline series SCO
    """
    with open_db(db) as store:
        found = queries.series(store, name)
        names = {a.code: a.name for a in store.coded_actors() if a.code}
        events_by_id = {e.id: e for e in store.events_by_ids(sorted({m.event for s in found for m in s.meetings}))}
        label = store.label
    if json:
        emit_json({"series": series_export(found)})
        return
    if not found:
        say(f"no meeting series in {label}")
        return
    for i, s in enumerate(found):
        if i:
            say("")
        _show_series(s, names, events_by_id)


@app.command(cls=UserCommand)
def stories(db: DbOption = None, json: JsonOption = False) -> None:
    """List the stories (reports of one real-world event), largest first: size, dates, title, main event.

    Example: dateline stories --db demo.db
    """
    with open_db(db) as store:
        found = sorted(store.stories(), key=lambda s: (-len(s.documents), s.start or date.max, s.id))
        label = store.label
    if json:
        emit_json({"stories": [export.story_record(s) for s in found]})
        return
    if not found:
        say(f"no stories in {label}")
        return
    rows = table(f"{len(found)} stories in {label}", "id", "size", "dates", "title", "main event", "copies")
    for story in found:
        rows.add_row(
            cell(story.id), cell(len(story.documents)), cell(span(story.start, story.end)), cell(story.title),
            cell(story.main_event), cell(len(story.duplicates) or ""),
        )  # fmt: skip
    show(rows)
