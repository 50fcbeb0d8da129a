"""Commands: documents (one line per stored article) and document ID (one article in full)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING
from typing import Annotated as Arg

import typer

from dateline import export, queries
from dateline.cli.app import DbOption, JsonOption, app, open_db
from dateline.cli.event_view import headline
from dateline.cli.help import UserCommand
from dateline.cli.render import cell, emit_json, say, show, table
from dateline.errors import NotFoundError

if TYPE_CHECKING:
    from dateline.model import EntityMention


def _grouped(mentions: list[EntityMention]) -> dict[str, Counter[str]]:
    grouped: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        grouped[mention.label][mention.text] += 1
    return grouped


def _names(counts: Counter[str]) -> str:
    return ", ".join(name if count == 1 else f"{name} ×{count}" for name, count in counts.items())


@app.command(cls=UserCommand)
def documents(
    db: DbOption = None,
    entities: Arg[bool, typer.Option("--entities", help="also list each document's named entities")] = False,
    json: JsonOption = False,
) -> None:
    """List the stored articles, one line each.

    Example: dateline documents --db demo.db
    """
    with open_db(db) as store:
        docs = store.documents()
        links = store.document_links()
        label = store.label
        mentions = {doc.id: store.entities(doc.id) for doc in docs} if entities else {}
    if json:
        records = []
        for doc in docs:
            record = export.document_record(doc, *links.get(doc.id, (None, None)))
            if entities:
                record["entities"] = [{"text": m.text, "label": m.label, "start": m.start, "end": m.end}
                                      for m in mentions[doc.id]]  # fmt: skip
            records.append(record)
        emit_json({"documents": records})
        return
    result = table(f"{len(docs)} documents in {label}", "id", "published", "source", "dateline", "title")
    for doc in docs:
        result.add_row(cell(doc.id), cell(doc.published), cell(doc.source), cell(doc.dateline), cell(doc.title))
    show(result)
    if not entities:
        return
    grid = table("named entities by document and label", "document", "label", "entities (× mentions)")
    for doc in docs:
        grouped = _grouped(mentions[doc.id])
        for i, label_name in enumerate(sorted(grouped)):
            grid.add_row(cell(doc.id if i == 0 else ""), cell(label_name), cell(_names(grouped[label_name])))
        if not grouped:
            grid.add_row(cell(doc.id), cell(""), cell("(none)"))
    show(grid, gap=True)


@app.command(cls=UserCommand)
def document(
    document_id: Arg[
        str, typer.Argument(metavar="ID", help="a document id (see `dateline documents`)", show_default=False)
    ],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Show one article: metadata, events, named entities.

    Example: dateline document 000_5048e0313f018906
    """
    with open_db(db) as store:
        try:
            doc = store.document(document_id)
        except NotFoundError:
            known = [d.id for d in store.documents()]
            near = [d for d in known if document_id.casefold() in d.casefold()][:5]
            hint = f"; ids containing it: {', '.join(near)}" if near else ""
            raise NotFoundError(f"no document {document_id!r} in {store.label}{hint}") from None
        story, duplicate_of = store.document_links().get(doc.id, (None, None))
        held, planned = queries.list_events(store)
        reported = [e for e in held + planned if doc.id in e.documents]
        mentions = store.entities(doc.id)
        passages = store.shared_passages(doc.id)
    if json:
        emit_json({
            **export.document_record(doc, story, duplicate_of),
            "events": [export.event_record(e, {doc.id: doc.text}) for e in reported],
            "entities": [{"text": m.text, "label": m.label, "start": m.start, "end": m.end} for m in mentions],
            "shared_passages": [{"text": doc.text[p.start:p.end], "start": p.start, "end": p.end, "other": p.other,
                                 "other_start": p.other_start, "other_end": p.other_end, "words": p.words}
                                for p in passages],
        })  # fmt: skip
        return
    say(f"document {doc.id}")
    fields = table("", "field", "value")
    fields.show_header = False
    for name, value in (("title", doc.title), ("published", doc.published), ("source", doc.source),
                        ("dateline", doc.dateline), ("url", doc.url), ("file", doc.path), ("story", story),
                        ("copy of", duplicate_of), ("words", len(doc.text.split()))):  # fmt: skip
        if value:
            fields.add_row(cell(name), cell(value))
    show(fields)
    events_table = table(f"events reported ({len(reported)})", "id", "what", "status", "when")
    for e in reported:
        events_table.add_row(cell(e.id), cell(headline(e)), cell(e.status), cell(e.start))
    show(events_table, gap=True)
    grid = table("named entities", "label", "entities (× mentions)")
    grouped = _grouped(mentions)
    for label_name in sorted(grouped):
        grid.add_row(cell(label_name), cell(_names(grouped[label_name])))
    show(grid, gap=True)
    if passages:
        shared = table(f"passages shared with other documents ({len(passages)})", "other", "here", "there", "words",
                       "passage")  # fmt: skip
        for p in passages:
            shared.add_row(cell(p.other), cell(f"{p.start}–{p.end}"), cell(f"{p.other_start}–{p.other_end}"),
                           cell(p.words), cell(_clip(doc.text[p.start : p.end])))  # fmt: skip
        show(shared, gap=True)


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
