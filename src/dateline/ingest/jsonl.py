"""JSON Lines (.jsonl) and JSON (.json) files: one article per record.

A record is an object with ``text`` and, optionally, ``id``, ``title``, ``url``, ``published``
and ``source``. A ``.json`` file may also hold one object or a list of objects. A bad record
(malformed JSON, no text) is reported with its line number and the file's other records
still go in. Records without an id get ``<file name>-<line number>`` (``-<position>`` in a list).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from dateline.errors import InputError
from dateline.ingest.decode import decode_bytes, normalize_newlines, open_regular, read_limited
from dateline.ingest.metadata import build_document
from dateline.model import Document

JSON_SIZE_FACTOR = 10  # a .json list holds many articles: it may be this many times the text limit
_CHUNK = 1 << 20
_FIELDS = ("title", "url", "published", "source")


def read_jsonl(path: Path, max_bytes: int, name: str) -> Iterator[Document | InputError]:
    if path.suffix.lower() == ".json":
        whole = _read_json_document(path, max_bytes, name)
        if whole is not None:
            yield from whole
            return
    any_line = False
    with open_regular(path) as handle:
        for lineno, line in _lines(handle, max_bytes, path):
            if isinstance(line, InputError):
                any_line = True
                yield line
                continue
            if not line.strip():
                continue
            any_line = True
            yield _parse_line(line, lineno, path, name)
    if not any_line:
        raise InputError(str(path), "empty file")


def _lines(handle: BinaryIO, max_bytes: int, path: Path) -> Iterator[tuple[int, bytes | InputError]]:
    """Each line with its number; a line over the limit is skipped unread and reported."""
    lineno = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while (rest := handle.readline(_CHUNK)) and not rest.endswith(b"\n"):
                size += len(rest)
            size += len(rest)
            yield (
                lineno,
                InputError(
                    str(path),
                    f"line {lineno}: record too large ({size / 1_000_000:.1f} MB; the limit is "
                    f"{max_bytes / 1_000_000:.1f} MB)",
                ),
            )
            continue
        yield lineno, line


def _parse_line(line: bytes, lineno: int, path: Path, name: str) -> Document | InputError:
    try:
        decoded = decode_bytes(line.rstrip(b"\r\n"), f"{path} line {lineno}")
        record = json.loads(decoded)
    except InputError as err:
        return InputError(str(path), f"line {lineno}: {err.reason}")
    except json.JSONDecodeError as err:
        return InputError(str(path), f"line {lineno}: malformed JSON: {err.msg} (column {err.colno})")
    return _record_document(record, path, f"{name}-{lineno}", f"line {lineno}")


def _read_json_document(path: Path, max_bytes: int, name: str) -> list[Document | InputError] | None:
    """The records of a .json file holding one value, or None when it is JSON Lines after all."""
    data = read_limited(path, max_bytes * JSON_SIZE_FACTOR, what="JSON")
    if not data.strip():
        raise InputError(str(path), "empty file")
    text = decode_bytes(data, path)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":
            return None  # several values, one per line: JSON Lines
        reason = f"malformed JSON: {err.msg} (line {err.lineno}, column {err.colno})"
        raise InputError(str(path), reason) from err
    if isinstance(value, list):
        if not value:
            raise InputError(str(path), "empty file (an empty list)")
        return [_record_document(item, path, f"{name}-{i}", f"record {i}") for i, item in enumerate(value, 1)]
    return [_record_document(value, path, name, "record")]


def _record_document(record: object, path: Path, default_id: str, where: str) -> Document | InputError:
    if not isinstance(record, dict):
        return InputError(str(path), f"{where}: expected a JSON object, found {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        reason = (
            "has no text"
            if text is None
            else "has an empty text"
            if isinstance(text, str)
            else (f"has a text that is not a string ({type(text).__name__})")
        )
        return InputError(str(path), f"{where}: record {reason}")
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or not str(raw_id).strip():
        doc_id = default_id
    else:
        doc_id = str(raw_id).strip()
    given = {name: _string(record.get(name)) for name in _FIELDS}
    return build_document(doc_id, str(path), normalize_newlines(text), "jsonl", **given)


def _string(value: object) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)
