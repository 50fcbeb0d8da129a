"""Document ids: readable, stable, and never taken from another file.

A file's name is its stem when it was named on the command line or lies directly inside a
named folder (``seeds/000_x.txt`` → ``000_x``, the export contract's rule); deeper files add
their folders below the named one, joined by ``--`` (``corpus/a/report.txt`` under ``corpus``
→ ``a--report``), so ids never contain ``/``. A JSON record's own ``id`` is used as given.

An id already held by a different file (earlier in the batch, or in the store) is never
taken over, unless that file holds exactly the same text (a copy is the same article): the
document gets the next free id made by prefixing the folders above it (``b--report``, then
``x--b--report`` …), and, if all of those are taken, a short hash of its path. The same file
always finds the id it had (re-ingesting updates that document).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import InputError
from dateline.model import Document

SEPARATOR = "--"


@dataclass(frozen=True)
class Renamed:
    """A document newly given another id than its own because a different file holds that one."""

    path: str
    wanted: str
    given: str
    holder: str  # the path of the file that holds ``wanted``


def same_file(first: str, second: str) -> bool:
    """Whether two paths (as given, relative to the current folder or absolute) name one file."""
    if first == second:
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them is gone: only equal paths count as the same file
        return Path(first).absolute() == Path(second).absolute()


class DocumentIds:
    """Names files from the paths given on the command line and hands out ids that collide with no other file.

    ``owner(id)`` tells which (path, content hash) the store holds under an id (None: the id is
    free there).
    """

    def __init__(
        self, named: Iterable[str | Path] = (), owner: Callable[[str], tuple[str, str] | None] | None = None
    ) -> None:
        self.roots = [Path(p).parts for p in named]
        self.owner = owner
        self.claimed: dict[str, tuple[str, str]] = {}  # id -> (path, content hash), in this batch
        self.renamed: list[Renamed] = []

    def _inside(self, path: Path) -> tuple[str, ...]:
        """The parts of ``path`` below the deepest named folder holding it (just its name otherwise)."""
        parts = path.parts
        roots = [r for r in self.roots if len(r) < len(parts) and parts[: len(r)] == r]
        if not roots:
            return (path.name,)
        return parts[max(len(r) for r in roots) :]

    def name_of(self, path: Path) -> str:
        """The id a file's document gets (before collisions are resolved)."""
        inside = self._inside(path)
        return SEPARATOR.join([*inside[:-1], Path(inside[-1]).stem])

    def _holder(self, doc_id: str) -> tuple[str, str] | None:
        if doc_id in self.claimed:
            return self.claimed[doc_id]
        return self.owner(doc_id) if self.owner is not None else None

    @staticmethod
    def _is_mine(holder: tuple[str, str], document: Document) -> bool:
        """The id is held by this file, or by a file with exactly this text (a copy)."""
        path, content_hash = holder
        return content_hash == document.content_hash or same_file(path, document.path)

    def claim(self, document: Document) -> Document | InputError:
        """``document`` under an id no other file holds; an InputError for a repeated id within one file."""
        wanted = document.id
        source = (document.path, document.content_hash)
        holder = self._holder(wanted)
        if holder is None or self._is_mine(holder, document):
            if wanted in self.claimed:  # this very file (or a copy) gave the id already in this batch
                return InputError(document.path, f"document id '{wanted}' was already read from {holder[0]}")
            self.claimed[wanted] = source
            return document
        for candidate in self._alternatives(document):
            taken_by = self._holder(candidate)
            if taken_by is None or (self._is_mine(taken_by, document) and candidate not in self.claimed):
                self.claimed[candidate] = source
                if taken_by is None:  # news; a file that holds its id from an earlier batch is not
                    self.renamed.append(Renamed(document.path, wanted, candidate, holder[0]))
                return dataclasses.replace(document, id=candidate)
        return InputError(document.path, f"document id '{wanted}' is held by {holder[0]} and no other id is free")

    def _alternatives(self, document: Document) -> list[str]:
        path = Path(document.path)
        used = len(self._inside(path)) - 1  # folders already in the name
        folders = [p for p in path.absolute().parent.parts if p not in ("", "/", path.anchor)]
        above = folders[: len(folders) - used] if used else folders
        names = [SEPARATOR.join([*above[-k:], document.id]) for k in range(1, min(len(above), 4) + 1)]
        digest = hashlib.sha1(f"{path.absolute()}\n{document.id}".encode()).hexdigest()[:6]
        return [*names, f"{document.id}-{digest}"]
