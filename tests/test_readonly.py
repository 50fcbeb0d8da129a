"""Read-only use: query commands work on a store in a folder the user cannot write; a write that
cannot happen names the file or folder that blocks it; an unreadable folder is reported.

Permissions do not bind root, so as root the commands run in a subprocess without the
capabilities that override them (``setpriv``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_run import CLI
from dateline.store import open_store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")

TEXT = "ASTANA, 4 May 2021. The ministers met in Astana and talked about trade and transport links.\n"


def _unprivileged() -> list[str]:
    """A command prefix under which file permissions bind: as root, ``setpriv`` drops the
    capabilities that override them (root stays root, so the interpreter is still reachable)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root, and no setpriv to drop the permission-overriding capabilities")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner,-chown", "--"]


def dateline(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_unprivileged(), *CLI, *args], capture_output=True, text=True, timeout=600)


@pytest.fixture
def folder() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="dateline-ro-"))
    try:
        yield path
    finally:
        for sub in [path, *path.rglob("*")]:
            if sub.is_dir():
                sub.chmod(0o755)
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def store_in(folder, make_article, make_derived) -> Path:
    db = folder / "s.db"
    pair = make_article("doc_a")
    with open_store(str(db)) as store:
        store.save_article(*pair)
        store.replace_derived(*make_derived([pair[1]]))
    db.chmod(0o644)
    return db


def test_query_commands_work_in_a_read_only_folder(store_in, folder):
    folder.chmod(0o555)
    store_in.chmod(0o444)
    before = sorted(p.name for p in folder.iterdir())
    for args in (["events"], ["documents"], ["series"], ["export", "--format", "json"]):
        result = dateline(*args, "--db", str(store_in))
        assert result.returncode == 0, (args, result.stderr)
        assert "doc_a" in result.stdout or "events in" in result.stdout or "series" in result.stdout, args
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing was created


def test_a_write_names_the_file_that_blocks_it(store_in, folder):
    (folder / "a.txt").write_text(TEXT)
    (folder / "a.txt").chmod(0o644)
    store_in.chmod(0o444)
    folder.chmod(0o555)
    result = dateline("ingest", str(folder / "a.txt"), "--db", str(store_in), "--quiet")
    assert result.returncode == 2, result.stderr
    assert f"{store_in} is not writable" in result.stderr

    if os.geteuid() != 0:
        return  # a file of another user (below) can only be made by root
    folder.chmod(0o777)
    store_in.chmod(0o666)
    wal, shm = Path(f"{store_in}-wal"), Path(f"{store_in}-shm")
    wal.write_bytes(b"")
    wal.chmod(0o666)
    shm.write_bytes(b"")  # a stale -shm of another user, not writable by this one
    os.chown(shm, 65534, 65534)
    shm.chmod(0o444)
    result = dateline("ingest", str(folder / "a.txt"), "--db", str(store_in), "--quiet")
    assert result.returncode == 2, result.stderr
    assert f"{shm} is not writable" in result.stderr
    assert dateline("events", "--db", str(store_in)).returncode == 0  # reading still works


def test_an_unreadable_folder_is_reported_by_the_walk(folder):
    (folder / "a.txt").write_text(TEXT)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(TEXT)
    for path in (folder / "a.txt", locked / "b.txt"):
        path.chmod(0o644)
    locked.chmod(0)
    code = (
        "import sys; from dateline.ingest import discover; "
        "[print(type(x).__name__, x) for x in discover([sys.argv[1]])]"
    )
    result = subprocess.run([*_unprivileged(), sys.executable, "-c", code, str(folder)], capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"PosixPath {folder / 'a.txt'}",
        f"InputError {locked}: cannot read the folder: Permission denied",
    ]
