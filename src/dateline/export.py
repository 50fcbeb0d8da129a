"""The export: the store as one JSON object (the contract in shared/contract/export.md) or as CSV files.

Every contract field is present (``null`` where unknown); extra fields are added, never
renamed. Records are sorted by id and nested lists keep their stored order, so the same
store always gives byte-identical output. Evidence text is cut from the stored document
text, so ``text == document.text[start:end]`` holds by construction.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from dateline.actors.series import build_series, series_export
from dateline.errors import UsageError
from dateline.model import Actor, Document, Event, Evidence, Participation, Place, Story

if TYPE_CHECKING:
    from dateline.store import Store

log = logging.getLogger(__name__)


def export_json(store: Store) -> dict[str, Any]:
    """The whole store as the contract's JSON object (JSON-native values only)."""
    documents = store.documents()
    texts = {d.id: d.text for d in documents}
    links = store.document_links()
    events = sorted(store.events(), key=lambda e: e.id)
    return {
        "documents": [_document(d, *links.get(d.id, (None, None))) for d in documents],
        "stories": [_story(s) for s in sorted(store.stories(), key=lambda s: s.id)],
        # "events" holds what happened; meetings announced for the future are listed apart
        "events": [_event(e, texts) for e in events if e.status != "planned"],
        "planned_events": [_event(e, texts) for e in events if e.status == "planned"],
        "actors": [_actor(a) for a in sorted(store.actors(), key=lambda a: a.id)],
        # the institution behind each meeting series (meetings, chairs, members, representatives)
        "series": series_export(build_series(events, store.actors())),
    }


def document_record(doc: Document, story: str | None = None, duplicate_of: str | None = None) -> dict[str, Any]:
    """One document as the export shapes it (for ``--json`` output of single records)."""
    return _document(doc, story, duplicate_of)


def event_record(event: Event, texts: dict[str, str]) -> dict[str, Any]:
    """One event as the export shapes it; ``texts`` (document id → text) cut the evidence."""
    return _event(event, texts)


def story_record(story: Story) -> dict[str, Any]:
    """One story as the export shapes it."""
    return _story(story)


def actor_record(actor: Actor) -> dict[str, Any]:
    """One actor as the export shapes it."""
    return _actor(actor)


def dumps(data: dict[str, Any]) -> str:
    """The export as JSON text (UTF-8, indented, ending in a newline)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _document(doc: Document, story: str | None, duplicate_of: str | None) -> dict[str, Any]:
    return {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "published": _iso(doc.published),
        "source": doc.source,
        "dateline": doc.dateline,
        "story": story,
        "duplicate_of": duplicate_of,
        "url": doc.url,
        "format": doc.format,
        "content_hash": doc.content_hash,
    }


def _story(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "documents": list(story.documents),
        "events": list(story.events),
        "duplicates": [{"document": d, "duplicate_of": original} for d, original in story.duplicates],
        "size": len(story.documents),
        "main_event": story.main_event,
        "start": _iso(story.start),
        "end": _iso(story.end),
    }


def _place(place: Place | None) -> dict[str, Any] | None:
    return None if place is None else {"city": place.city, "country": place.country}


def _evidence(ev: Evidence, texts: dict[str, str]) -> dict[str, Any]:
    text = ev.text
    if ev.document in texts:
        text = texts[ev.document][ev.start : ev.end]
        if text != ev.text:
            log.warning("evidence %s[%d:%d] differs from its document text", ev.document, ev.start, ev.end)
    return {"document": ev.document, "start": ev.start, "end": ev.end, "text": text, "field": ev.field}


def _participant(p: Participation) -> dict[str, Any]:
    return {"actor": p.actor, "role": p.role, "affiliation": p.affiliation, "name": p.name}


def _event(event: Event, texts: dict[str, str]) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "title": event.title,
        "organization": event.organization,
        "series": event.series,
        "ordinal": event.ordinal,
        "start": _iso(event.start),
        "end": _iso(event.end),
        "location": _place(event.location) or {"city": None, "country": None},
        "chair": event.chair,
        "participants": [_participant(p) for p in event.participants],
        "received_by": [_participant(p) for p in event.received_by],
        "next_venue": _place(event.next_venue),
        "documents": list(event.documents),
        "evidence": [_evidence(ev, texts) for ev in event.evidence],
        "status": event.status,
        "mode": event.mode,
        "story": event.story,
        "signed": [
            {
                "title": s.title,
                "signatories": list(s.signatories),
                "evidence": _evidence(s.evidence, texts) if s.evidence else None,
            }
            for s in event.signed
        ],
        "conflicts": [
            {
                "field": c.field,
                "versions": [{"value": v.value, "documents": list(v.documents)} for v in c.versions],
                "chosen": c.chosen,
                "rule": c.rule,
            }
            for c in event.conflicts
        ],
    }


def _actor(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "kind": actor.kind,
        "name": actor.name,
        "aliases": list(dict.fromkeys(a.text for a in actor.aliases)),
        "roles": [
            {
                "title": r.title,
                "affiliation": r.affiliation,
                "first_seen": _iso(r.first_seen),
                "last_seen": _iso(r.last_seen),
                "documents": list(r.documents),
                "normalized": r.normalized,
            }
            for r in actor.roles
        ],
        "code": actor.code,
        "alias_sources": [{"text": a.text, "document": a.document, "reason": a.reason} for a in actor.aliases],
    }


# --- CSV: one file per table, flattened from the JSON export ---

_DOCUMENT_COLUMNS = ["id", "path", "title", "published", "source", "dateline", "url", "format", "story"]
_EVENT_COLUMNS = ["id", "type", "title", "organization", "series", "ordinal", "start", "end"]


def csv_tables(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The JSON export as flat tables: name -> rows, keyed by the columns in ``CSV_HEADERS[name]``."""
    events, actors = data["events"], data["actors"]
    return {
        "documents": [{k: d[k] for k in [*_DOCUMENT_COLUMNS, "duplicate_of"]} for d in data["documents"]],
        "stories": [
            {"id": s["id"], "title": s["title"], "documents": ";".join(s["documents"]),
             "events": ";".join(s["events"])}
            for s in data["stories"]
        ],
        "events": [
            {**{k: e[k] for k in _EVENT_COLUMNS}, "city": e["location"]["city"],
             "country": e["location"]["country"], "mode": e["mode"], "status": e["status"],
             "chair": e["chair"], "next_venue_city": (e["next_venue"] or {}).get("city"),
             "next_venue_country": (e["next_venue"] or {}).get("country"), "story": e["story"],
             "documents": ";".join(e["documents"])}
            for e in events
        ],
        "participants": [
            {"event": e["id"], "part": part, **p}
            for e in events for part in ("participants", "received_by") for p in e[part]
        ],
        "actors": [{k: a[k] for k in ("id", "kind", "name", "code")} for a in actors],
        "aliases": [{"actor": a["id"], **s} for a in actors for s in a["alias_sources"]],
        "roles": [
            {"actor": a["id"], **r, "documents": ";".join(r["documents"])} for a in actors for r in a["roles"]
        ],
        "evidence": [{"event": e["id"], **ev} for e in events for ev in e["evidence"]],
    }  # fmt: skip


CSV_HEADERS = {
    "documents": [*_DOCUMENT_COLUMNS, "duplicate_of"],
    "stories": ["id", "title", "documents", "events"],
    "events": [*_EVENT_COLUMNS, "city", "country", "mode", "status", "chair", "next_venue_city",
               "next_venue_country", "story", "documents"],
    "participants": ["event", "part", "actor", "role", "affiliation", "name"],
    "actors": ["id", "kind", "name", "code"],
    "aliases": ["actor", "text", "document", "reason"],
    "roles": ["actor", "title", "affiliation", "first_seen", "last_seen", "documents", "normalized"],
    "evidence": ["event", "document", "start", "end", "text", "field"],
}  # fmt: skip


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(value: Any) -> Any:
    """A cell a spreadsheet will not run: text starting with = + - @ (or a tab, a CR) gets a
    leading apostrophe, as OWASP advises against CSV injection; other values are kept."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(store: Store, folder: Path, *, safe_cells: bool = False) -> list[Path]:
    """Write one CSV file per table into ``folder`` (created if needed); return the paths written.

    All-or-nothing: every file is written in full to a temporary file in the folder first and
    only then renamed over the old one, so a failure (a full disk) leaves the previous export
    as it was. ``safe_cells`` neutralises formula cells (see :func:`excel_safe`).
    """
    tables = csv_tables(export_json(store))
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with ExitStack() as pending:
            staged: list[tuple[Path, Path]] = []
            for name, rows in tables.items():
                path = folder / f"{name}.csv"
                temp = pending.enter_context(_staged(path))
                with temp.open("w", encoding="utf-8", newline="") as handle:
                    writer = csv.DictWriter(handle, fieldnames=CSV_HEADERS[name], lineterminator="\n")
                    writer.writeheader()
                    for row in rows:
                        writer.writerow({k: excel_safe(v) for k, v in row.items()} if safe_cells else row)
                    _sync(handle)
                staged.append((temp, path))
            for temp, path in staged:
                temp.replace(path)
    except OSError as err:
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        raise UsageError(f"{folder}: cannot write the CSV export: {err.strerror or err}") from err
    return [path for _, path in staged]


def write_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` all-or-nothing: a temporary file beside it, then a rename.

    A failure (a full disk, a quota) leaves the old file as it was and no temporary file behind.
    """
    try:
        with _staged(path) as temp:
            with temp.open("w", encoding="utf-8") as handle:
                handle.write(text)
                _sync(handle)
            temp.replace(path)
    except OSError as err:
        raise UsageError(f"{path}: cannot write the export: {err.strerror or err}") from err


@contextmanager
def _staged(path: Path) -> Iterator[Path]:
    """A new temporary file's path beside ``path``; removed on leaving unless renamed away."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
    finally:
        temp.unlink(missing_ok=True)


def _sync(handle: IO[str]) -> None:
    handle.flush()
    os.fsync(handle.fileno())
