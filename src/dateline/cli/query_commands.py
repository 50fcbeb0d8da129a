"""Commands: events, event, actor, who, series (read the store; the work is in dateline.queries).

Every value that comes from an article is printed as plain text (never as Rich markup).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated as Arg

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from dateline import queries
from dateline.actors.series import Series
from dateline.cli.app import DbOption, app, console, open_db
from dateline.model import Event, Evidence, Participation, Place

# which evidence fields state which event field
FIELD_EVIDENCE = {
    "type": ("type",), "title": ("title",), "organization": ("title",), "series": ("title",),
    "ordinal": ("title",), "start": ("start",), "end": ("start",), "location": ("location",),
    "mode": ("mode",), "chair": ("chair",), "next_venue": ("next_venue",),
}  # fmt: skip


def _t(value: object) -> Text:
    """Plain text for a table cell: article text is never read as markup."""
    if value is None:
        return Text("")
    if isinstance(value, date):
        return Text(value.isoformat())
    return Text(str(value))


def _table(title: str) -> Table:
    return Table(title=escape(title), title_justify="left", show_lines=False)


def _span(start: date | None, end: date | None) -> str:
    if start is None:
        return ""
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


def _place(place: Place | None) -> str:
    if place is None:
        return ""
    return ", ".join(p for p in (place.city, place.country) if p)


def _evidence(items: Iterable[Evidence]) -> Text:
    seen: set[tuple[str, int, int]] = set()
    lines = []
    for ev in items:
        if (ev.document, ev.start, ev.end) in seen:
            continue
        seen.add((ev.document, ev.start, ev.end))
        lines.append(f"{ev.document} [{ev.start}:{ev.end}] {ev.text}")
    return Text("\n".join(lines))


def _print(text: str) -> None:
    console.print(text, markup=False, highlight=False, soft_wrap=True)


@app.command()
def events(
    db: DbOption = None,
    all: Arg[bool, typer.Option("--all", "-a", help="also list announced (planned) events")] = False,
) -> None:
    """List the events that took place (with --all, also the announced ones)."""
    with open_db(db) as store:
        held, planned = queries.list_events(store)
        label = store.label
    if not held and not (all and planned):
        _print(f"no events in {label}")
        return
    groups = [(f"{len(held)} events in {label}", held)]
    if all:
        groups.append((f"Announced: {len(planned)} planned events", planned))
    for title, items in groups:
        table = _table(title)
        table.add_column("id", no_wrap=True)
        table.add_column("what")
        table.add_column("when", no_wrap=True)
        table.add_column("where", no_wrap=True)
        table.add_column("ppl", justify="right")
        table.add_column("src", justify="right")
        for e in items:
            what = " · ".join(str(part) for part in (e.type, e.series or e.organization, _ordinal(e.ordinal)) if part)
            table.add_row(
                _t(e.id), _t(what), _t(_compact_span(e.start, e.end)), _t(e.location.city or e.location.country),
                _t(len(e.participants) + len(e.received_by)), _t(len(e.documents)),
            )  # fmt: skip
        console.print(table)


def _compact_span(start: date | None, end: date | None) -> str | None:
    """ "2021-07-13/14" for a range within a month, the two dates otherwise."""
    if start is None:
        return None
    if end is None or end == start:
        return start.isoformat()
    if (end.year, end.month) == (start.year, start.month):
        return f"{start.isoformat()}/{end.day:02d}"
    return f"{start.isoformat()}/{end.isoformat()}"


def _ordinal(number: int | None) -> str | None:
    if number is None:
        return None
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _people_table(title: str, people: tuple[Participation, ...]) -> Table:
    table = _table(title)
    for column in ("name", "role", "affiliation", "actor", "documents", "evidence"):
        table.add_column(column)
    for p in people:
        table.add_row(
            _t(p.name), _t(p.role), _t(p.affiliation), _t(p.actor), _t(", ".join(p.documents)), _evidence(p.evidence)
        )
    return table


def _show_event(e: Event) -> None:
    values = {
        "type": e.type, "title": e.title, "organization": e.organization, "series": e.series, "ordinal": e.ordinal,
        "start": e.start, "end": e.end, "location": _place(e.location), "mode": e.mode, "status": e.status,
        "chair": e.chair, "next_venue": _place(e.next_venue), "story": e.story,
    }  # fmt: skip
    table = _table(f"event {e.id}")
    table.add_column("field", no_wrap=True)
    table.add_column("value")
    table.add_column("evidence")
    shown: set[str] = set()
    for name, value in values.items():
        fields = FIELD_EVIDENCE.get(name, ())
        shown.update(fields)
        evidence = [ev for ev in e.evidence if ev.field in fields] if value not in (None, "") else []
        table.add_row(_t(name), _t(value), _evidence(evidence))
    for ev in e.evidence:
        if ev.field not in shown:
            table.add_row(_t(f"({ev.field or 'other'})"), _t(""), _evidence([ev]))
    console.print(table)

    docs = _table("documents")
    docs.add_column("document")
    for doc in e.documents:
        docs.add_row(_t(doc))
    console.print(docs)
    if e.participants:
        console.print(_people_table(f"participants ({len(e.participants)})", e.participants))
    if e.received_by:
        console.print(_people_table("received by", e.received_by))
    if e.signed:
        signed = _table("signed documents")
        for column in ("title", "signatories", "evidence"):
            signed.add_column(column)
        for s in e.signed:
            signed.add_row(_t(s.title), _t(", ".join(s.signatories)), _evidence([s.evidence] if s.evidence else []))
        console.print(signed)
    if e.conflicts:
        conflicts = _table("conflicts between reports")
        for column in ("field", "version", "documents", "chosen", "rule"):
            conflicts.add_column(column)
        for c in e.conflicts:
            for i, v in enumerate(c.versions):
                conflicts.add_row(
                    _t(c.field if i == 0 else ""), _t(v.value), _t(", ".join(v.documents)),
                    _t("yes" if v.value == c.chosen else ""), _t(c.rule if i == 0 else ""),
                )  # fmt: skip
        console.print(conflicts)


@app.command()
def event(
    event_id: Arg[str, typer.Argument(metavar="ID", help="an event id, or the start of one", show_default=False)],
    db: DbOption = None,
) -> None:
    """Show one event: every field with the sentences that state it, people, documents, conflicts."""
    with open_db(db) as store:
        found = queries.find_event(store, event_id)
    _show_event(found)


@app.command()
def actor(
    name: Arg[str, typer.Argument(help="a name or part of one (any alias; case and accents ignored)")],
    db: DbOption = None,
) -> None:
    """Show an actor: aliases and why they were joined, roles over time, events taken part in."""
    with open_db(db) as store:
        found = queries.find_actors(store, name)
        all_events = store.events() if len(found) == 1 else []
    if len(found) > 1:
        table = _table(f"{len(found)} actors match {name!r}")
        for column in ("id", "kind", "name", "aliases"):
            table.add_column(column)
        for a in found:
            table.add_row(_t(a.id), _t(a.kind), _t(a.name), _t(", ".join(sorted({x.text for x in a.aliases}))))
        console.print(table)
        return
    a = found[0]
    _print(f"{a.name} ({a.kind}, {a.id}{', code ' + a.code if a.code else ''})")
    aliases = _table("aliases")
    for column in ("alias", "document", "reason"):
        aliases.add_column(column)
    for alias in a.aliases:
        aliases.add_row(_t(alias.text), _t(alias.document), _t(alias.reason))
    console.print(aliases)
    if a.roles:
        roles = _table("roles")
        for column in ("title", "affiliation", "first seen", "last seen", "documents"):
            roles.add_column(column)
        for r in a.roles:
            roles.add_row(_t(r.title), _t(r.affiliation), _t(r.first_seen), _t(r.last_seen), _t(", ".join(r.documents)))
        console.print(roles)
    parts = queries.parts_of(all_events, a.id)
    if parts:
        table = _table("events")
        for column in ("event", "dates", "part", "role", "affiliation", "title"):
            table.add_column(column)
        for p in parts:
            e = p.event
            table.add_row(
                _t(e.id), _t(_span(e.start, e.end)), _t(p.part), _t(p.participation.role),
                _t(p.participation.affiliation), _t(e.title or e.series),
            )  # fmt: skip
        console.print(table)


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as err:
        raise typer.BadParameter(f"{value!r} is not a date like 2017-04-06", param_hint="--on") from err


@app.command()
def who(
    role: Arg[str, typer.Argument(help='an office, e.g. "Secretary of the Security Council"')],
    country: Arg[str, typer.Argument(help="a country or organisation code, e.g. KAZ or SCO")],
    on: Arg[str | None, typer.Option("--on", help="a day (YYYY-MM-DD): who held it then")] = None,
    db: DbOption = None,
) -> None:
    """Who held an office: every holder in time order, or the one(s) seen around --on DATE."""
    day = _parse_day(on)
    with open_db(db) as store:
        holdings = queries.who_held(store, role, country, day)
    title = f"{role} ({country.upper()})" + (f" on {day.isoformat()}" if day else "")
    table = _table(title)
    for column in ("name", "title as stated", "first seen", "last seen", "actor", "documents"):
        table.add_column(column)
    for h in holdings:
        table.add_row(
            _t(h.actor.name), _t(h.role.title), _t(h.role.first_seen), _t(h.role.last_seen), _t(h.actor.id),
            _t(", ".join(h.role.documents)),
        )  # fmt: skip
    console.print(table)


def _show_series(s: Series, names: dict[str, str]) -> None:
    plural = "" if len(s.meetings) == 1 else "s"
    _print(f"{s.name} ({s.organization or 'no organisation'}) — {len(s.meetings)} meeting{plural}")
    meetings = _table("meetings")
    for column in ("no.", "dates", "place", "chair", "people", "documents", "event"):
        meetings.add_column(column)
    rows: list[tuple[int | None, date | None, list[Text]]] = []
    for m in s.meetings:
        cells = [
            _t(m.ordinal), _t(_span(m.start, m.end)), _t(_place(Place(m.city, m.country))), _t(m.chair),
            _t(m.participants), _t(", ".join(m.documents)), _t(m.event),
        ]  # fmt: skip
        rows.append((m.ordinal, m.start, cells))
    rows += [(n, None, [_t(n), _t("(gap: no report)"), *(_t("") for _ in range(5))]) for n in s.gaps]
    for _, _, cells in sorted(rows, key=lambda r: (r[0] if r[0] is not None else 10**9, r[1] or date.max)):
        meetings.add_row(*cells)
    console.print(meetings)

    matrix = _table("representatives (member × meeting)")
    matrix.add_column("member")
    for m in s.meetings:
        matrix.add_column(_t(f"{m.ordinal or ''} {m.start.isoformat() if m.start else ''}".strip() or m.event))
    for member in s.members:
        full = names.get(member, member)
        row = [_t(member if full == member else f"{member} {full}")]
        for m in s.meetings:
            reps = [r for r in s.representatives if r.member == member and r.event == m.event]
            row.append(_t("\n".join(f"{r.name} ({r.role})" if r.role else r.name for r in reps)))
        matrix.add_row(*row)
    console.print(matrix)

    chairs = " → ".join(chair or "?" for _, chair in s.chairs)
    _print(f"chair rotation: {chairs}")
    venue = _place(s.next_venue) or "not announced"
    _print(f"next venue (announced at the latest meeting): {venue}")
    if s.announced:
        _print(f"announced meetings: {', '.join(s.announced)}")


@app.command()
def series(
    name: Arg[str | None, typer.Argument(help="part of a series name (default: every series)")] = None,
    db: DbOption = None,
) -> None:
    """Meeting series as institutions: meetings, gaps, members and their representatives, chairs, next venue."""
    with open_db(db) as store:
        found = queries.series(store, name)
        names = {a.code: a.name for a in store.actors() if a.code}
        label = store.label
    if not found:
        _print(f"no meeting series in {label}")
        return
    for i, s in enumerate(found):
        if i:
            console.print()
        _show_series(s, names)
