"""The ingest stage: files and folders in, Documents (text + metadata) out.

``iter_documents(paths)`` walks files and folders (recursively, in sorted order), reads
each supported file with the reader for its format and yields a Document per article, or
an InputError naming the file and the reason when a file or record cannot be read; one
bad file never stops the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from dateline.errors import InputError
from dateline.ingest import walk
from dateline.ingest.html import read_html
from dateline.ingest.ids import DocumentIds, Renamed
from dateline.ingest.jsonl import read_jsonl
from dateline.ingest.metadata import Metadata, extract_metadata
from dateline.ingest.text import read_text
from dateline.model import Document

__all__ = [
    "MAX_TEXT_BYTES",
    "SUPPORTED_SUFFIXES",
    "DocumentIds",
    "Metadata",
    "Renamed",
    "discover",
    "extract_metadata",
    "iter_documents",
    "read_all",
    "read_file",
]

log = logging.getLogger(__name__)

# one article's text; a bigger file is refused without being read. A news article is rarely over
# 100 kB; a 1 MB text takes about a minute on one core, a 5 MB one several (`ingest --max-text-mb`)
MAX_TEXT_BYTES = 1_000_000

Reader = Callable[[Path, int, str], Iterator[Document | InputError]]  # (path, size limit, id base)
_READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".json": read_jsonl,
}
SUPPORTED_SUFFIXES = tuple(_READERS)


def discover(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """The files to read, in order: each named file, then each folder's supported files, sorted.

    A path that does not exist, a named file of an unsupported type, a FIFO, socket or device,
    a broken or looping symlink and a folder that cannot be listed each yield an InputError
    naming it and the reason (see :mod:`dateline.ingest.walk`); nothing is opened but files.
    """
    return walk.discover(paths, SUPPORTED_SUFFIXES)


def read_file(path: Path, max_bytes: int = MAX_TEXT_BYTES, name: str | None = None) -> Iterator[Document | InputError]:
    """Every article in one file, or InputErrors for what cannot be read; never raises.

    ``name`` is the id its document gets (default: the file's stem; see dateline.ingest.ids).
    """
    reader = _READERS[path.suffix.lower()]
    try:
        yield from reader(path, max_bytes, path.stem if name is None else name)
    except InputError as err:
        yield err
    except OSError as err:
        yield InputError(str(path), f"cannot read: {err.strerror or err}")
    except Exception as err:  # a bug must not stop the batch: report it against the file
        log.exception("%s: unexpected error while reading", path)
        yield InputError(str(path), f"unexpected error while reading ({type(err).__name__}: {err})")


def iter_documents(paths: Sequence[str | Path], *, max_bytes: int = MAX_TEXT_BYTES) -> Iterator[Document | InputError]:
    """Every article under ``paths`` as a Document, or an InputError for each file or record that fails.

    Ids follow dateline.ingest.ids: a different file never gets the id of another (it is
    given the next free one); the same id twice within one file is reported.
    """
    return read_all(discover(paths), max_bytes, DocumentIds(paths))


def read_all(
    found: Iterable[Path | InputError], max_bytes: int = MAX_TEXT_BYTES, ids: DocumentIds | None = None
) -> Iterator[Document | InputError]:
    """Read what :func:`discover` found, in order (see :func:`iter_documents`).

    ``ids`` names the files (from the paths given on the command line) and resolves id
    collisions with the batch and the store; by default each file is named by its stem.
    """
    ids = ids if ids is not None else DocumentIds()
    for item in found:
        if isinstance(item, InputError):
            yield item
            continue
        for result in read_file(item, max_bytes, ids.name_of(item)):
            yield ids.claim(result) if isinstance(result, Document) else result
