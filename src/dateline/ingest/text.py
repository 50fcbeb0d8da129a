"""Plain text articles (.txt): the file's name without extension is the document id."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dateline.errors import InputError
from dateline.ingest.decode import decode_bytes, read_limited
from dateline.ingest.metadata import build_document
from dateline.model import Document


def read_text(path: Path, max_bytes: int, name: str) -> Iterator[Document | InputError]:
    data = read_limited(path, max_bytes)
    if not data.strip():
        raise InputError(str(path), "empty file" if not data else "empty file (only white space)")
    text = decode_bytes(data, path)
    if not text.strip():
        raise InputError(str(path), "empty file (only white space)")
    yield build_document(name, str(path), text, "txt")
