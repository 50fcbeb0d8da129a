"""Finding the files to read: named files and folders walked recursively, every entry accounted for.

A walked folder's entries are read in sorted order. Regular files of a supported type are
yielded; everything else that could be mistaken for an article is named with a reason as an
InputError and never opened: FIFOs, sockets and devices (opening a FIFO blocks forever),
broken or looping symlinks, folders that cannot be listed, and a folder reached a second time
through a symlink (a loop). Hidden entries (a leading dot) and files of other types are
skipped with a debug line. Nothing here raises for one bad entry: the batch goes on.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from dateline.errors import InputError

log = logging.getLogger(__name__)

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def special_kind(mode: int) -> str:
    """What a non-regular, non-folder file is, in words ("a FIFO (named pipe)", ...)."""
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "not a regular file"


def refusal(path: Path, mode: int) -> InputError:
    """The InputError for a file that is not a regular file; it is never opened."""
    return InputError(str(path), f"{special_kind(mode)}, not a regular file: not opened")


def _stat(path: Path) -> os.stat_result | InputError:
    """The entry's own stat after following symlinks, or the reason it cannot be had."""
    try:
        return path.stat()
    except OSError as err:
        if path.is_symlink():
            target = os.readlink(path)
            reason = "symlink loop" if _loops(path) else f"broken symlink to {target!r}"
            return InputError(str(path), f"{reason} ({err.strerror or err})")
        return InputError(str(path), f"cannot read: {err.strerror or err}")


def _loops(path: Path) -> bool:
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python 3.11/3.12 raise this for a loop
        return True
    except OSError as err:
        return err.errno == 40  # ELOOP
    return False


def _key(path: Path) -> Path | InputError:
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError) as err:
        return InputError(str(path), f"cannot resolve the path: {err}")


def walk(folder: Path, supported: tuple[str, ...]) -> Iterator[Path | InputError]:
    """Every supported regular file under ``folder`` in sorted order, and an InputError per bad entry."""
    seen_folders: dict[tuple[int, int], Path] = {}
    try:
        info = folder.stat()
        seen_folders[(info.st_dev, info.st_ino)] = folder
    except OSError as err:
        yield InputError(str(folder), f"cannot read the folder: {err.strerror or err}")
        return
    yield from _walk_folder(folder, supported, seen_folders)


def _walk_folder(
    folder: Path, supported: tuple[str, ...], seen_folders: dict[tuple[int, int], Path]
) -> Iterator[Path | InputError]:
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError as err:
        yield InputError(str(folder), f"cannot read the folder: {err.strerror or err}")
        return
    for name in names:
        if name.startswith("."):
            continue
        path = folder / name
        info = _stat(path)
        if isinstance(info, InputError):
            yield info
        elif stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in seen_folders:
                yield InputError(str(path), f"symlink loop: the folder was already walked as {seen_folders[key]}")
                continue
            seen_folders[key] = path
            yield from _walk_folder(path, supported, seen_folders)
        elif path.suffix.lower() not in supported:
            log.debug("skipping %s: not a supported file type", path)
        elif stat.S_ISREG(info.st_mode):
            yield path
        else:
            yield refusal(path, info.st_mode)


def discover(paths: Iterable[str | Path], supported: tuple[str, ...]) -> Iterator[Path | InputError]:
    """The files to read, in order: each named file, then each folder's supported files, sorted.

    A path that does not exist, a named file of an unsupported type or a named FIFO, socket or
    device yields an InputError instead; a file reached twice (named twice, or through a
    symlink) is read once.
    """
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        info = _stat(path)
        if isinstance(info, InputError):
            missing = not path.is_symlink() and not os.path.lexists(path)
            yield InputError(str(path), "no such file or directory") if missing else info
            continue
        if stat.S_ISDIR(info.st_mode):
            candidates: Iterable[Path | InputError] = walk(path, supported)
        elif not stat.S_ISREG(info.st_mode):
            yield refusal(path, info.st_mode)
            continue
        elif path.suffix.lower() not in supported:
            expected = ", ".join(supported)
            yield InputError(str(path), f"unsupported file type '{path.suffix}' (expected {expected})")
            continue
        else:
            candidates = [path]
        for candidate in candidates:
            if isinstance(candidate, InputError):
                yield candidate
                continue
            key = _key(candidate)
            if isinstance(key, InputError):
                yield key
            elif key not in seen:
                seen.add(key)
                yield candidate
