"""`dateline event ID`: a compact view of one event, and its evidence grouped by sentence.

The compact view fits a screen for a meeting of ten: the fields, the people with role and
affiliation, the documents it comes from, what was signed and where the reports disagree.
``--evidence`` adds each supporting sentence once, with the words that state a fact
highlighted and the facts it supports listed under it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

from dateline.cli.render import cell, clean, console, ordinal, say, show, span, table
from dateline.model import Document, Event, Evidence, Participation, Place, Sentence

HIGHLIGHT = "bold underline"


FIELD_NAMES = {"type": "event", "start": "date", "next_venue": "next venue"}


@dataclass(frozen=True)
class Fact:
    """A fact of the event ("date", or "participants" and a name) and the evidence that states it."""

    kind: str
    evidence: Evidence
    detail: str = ""


def place_text(place: Place | None) -> str:
    if place is None:
        return ""
    return ", ".join(p for p in (place.city, place.country) if p)


def headline(e: Event) -> str:
    """ "meeting · Council of Harbour Ministers · 7th" """
    return " · ".join(str(part) for part in (e.type, e.series or e.organization, ordinal(e.ordinal)) if part)


def _fields(e: Event) -> Table:
    """The event's fields, one a line (type, series and number are in the headline above)."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    where = place_text(e.location)
    if where and e.mode and e.mode != "in_person":
        where += f" ({e.mode})"
    rows = (
        ("title", e.title), ("organisation", e.organization), ("when", span(e.start, e.end)), ("where", where),
        ("status", e.status), ("chair", e.chair), ("next venue", place_text(e.next_venue)), ("story", e.story),
    )  # fmt: skip
    for name, value in rows:
        if value:
            grid.add_row(Text(name), cell(value))
    return grid


def _people(title: str, people: tuple[Participation, ...]) -> Table:
    result = table(f"{title} ({len(people)})", "name", "role", "affiliation")
    for p in people:
        result.add_row(cell(p.name or p.actor), cell(p.role), cell(p.affiliation or "unknown"))
    return result


def show_event(e: Event, documents: dict[str, Document], *, evidence: dict[str, list[Sentence]] | None = None) -> None:
    """Print the compact view; with ``evidence`` (document id → its sentences), the sentences too."""
    say(f"event {e.id}: {headline(e)}")
    show(_fields(e))
    if e.participants:
        show(_people("participants", e.participants), gap=True)
    if e.received_by:
        show(_people("received by", e.received_by), gap=True)
    if e.signed:
        signed = table("signed", "document", "signatories")
        for s in e.signed:
            signed.add_row(cell(s.title), cell(", ".join(s.signatories)))
        show(signed, gap=True)
    sources = table(f"sources ({len(e.documents)})", "document", "published", "source", "title")
    for doc_id in e.documents:
        doc = documents.get(doc_id)
        sources.add_row(
            cell(doc_id), cell(doc.published if doc else None), cell(doc.source if doc else None),
            cell(doc.title if doc else "(not in the store)"),
        )  # fmt: skip
    show(sources, gap=True)
    if e.conflicts:
        conflicts = table("reports disagree", "field", "version", "documents", "chosen", "rule")
        for c in e.conflicts:
            for i, v in enumerate(c.versions):
                conflicts.add_row(
                    cell(c.field if i == 0 else ""), cell(v.value), cell(", ".join(v.documents)),
                    cell("yes" if v.value == c.chosen else ""), cell(c.rule if i == 0 else ""),
                )  # fmt: skip
        show(conflicts, gap=True)
    if evidence is None:
        if facts_of(e):
            say("(--evidence shows the sentence behind each fact)")
        return
    show_evidence(e, documents, evidence)


def facts_of(e: Event) -> list[Fact]:
    """Every fact of the event with its evidence, in the event's own order."""
    facts = [Fact(FIELD_NAMES.get(ev.field, ev.field or "event"), ev) for ev in e.evidence]
    for part, people in (("participants", e.participants), ("received by", e.received_by)):
        facts += [Fact(part, ev, p.name or p.actor) for p in people for ev in p.evidence]
    facts += [Fact("signed", s.evidence, s.title) for s in e.signed if s.evidence]
    return facts


def _labels(facts: list[Fact]) -> str:
    """ "date; place; participants: A, B" """
    details: dict[str, list[str]] = {}
    for fact in facts:
        named = details.setdefault(fact.kind, [])
        if fact.detail and fact.detail not in named:
            named.append(fact.detail)
    return "; ".join(f"{kind}: {', '.join(names)}" if names else kind for kind, names in details.items())


def show_evidence(e: Event, documents: dict[str, Document], sentences: dict[str, list[Sentence]]) -> None:
    """Each supporting sentence once, its evidence highlighted, the facts it supports under it."""
    groups: dict[tuple[str, int, int], list[Fact]] = defaultdict(list)
    for fact in facts_of(e):
        ev = fact.evidence
        sentence = next((s for s in sentences.get(ev.document, ()) if s.start <= ev.start < s.end), None)
        start, end = (sentence.start, max(sentence.end, ev.end)) if sentence else (ev.start, ev.end)
        groups[(ev.document, start, end)].append(fact)
    say(f"\nevidence ({len(groups)} sentences)")
    for (doc_id, start, end), facts in sorted(groups.items()):
        doc = documents.get(doc_id)
        text = doc.text if doc is not None else None
        line = Text(f"{clean(doc_id)} [{start}:{end}]  ")
        if text is None:
            line.append(clean(facts[0].evidence.text))
        else:
            line.append_text(_highlighted(text[start:end], _marks(text[start:end], start, facts)))
        show(line)
        show(Text("    → " + clean(_labels(facts)), style="dim"))


def _marks(sentence: str, offset: int, facts: list[Fact]) -> list[bool]:
    """Which characters of the sentence state a fact: evidence spans shorter than the sentence,
    and the names of the people and documents it supports (a whole-sentence span marks nothing)."""
    marked = [False] * len(sentence)
    for fact in facts:
        start, end = max(fact.evidence.start - offset, 0), min(fact.evidence.end - offset, len(sentence))
        if end - start < len(sentence.strip()):
            marked[start:end] = [True] * max(end - start, 0)
        found = sentence.find(fact.detail) if fact.detail else -1
        if found >= 0:
            marked[found : found + len(fact.detail)] = [True] * len(fact.detail)
    return marked


def _highlighted(text: str, marked: list[bool]) -> Text:
    """``text`` with the marked characters highlighted (cleaned run by run, so offsets hold).

    On a terminal the marked words are bold and underlined; in a pipe, where there is no
    style, they are set between « and ».
    """
    styled = console.is_terminal
    result = Text()
    run_start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marked[i] != marked[run_start]:
            piece = " ".join(clean(text[run_start:i]).split("\n"))
            if marked[run_start] and not styled:
                piece = f"«{piece}»"
            result.append(piece, style=HIGHLIGHT if marked[run_start] else "")
            run_start = i
    return result
