"""The folder walk: every entry read or named with a reason; FIFOs never opened, loops reported."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.ingest import discover, iter_documents

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")

TEXT = "ASTANA, 4 May 2021. The ministers met in Astana and talked about trade and transport links.\n"


def _split(found: list[Path | InputError]) -> tuple[list[str], list[str]]:
    files = [p.name for p in found if isinstance(p, Path)]
    errors = [str(e) for e in found if isinstance(e, InputError)]
    return files, errors


def test_a_fifo_in_a_folder_is_refused_without_opening_it(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    os.mkfifo(tmp_path / "pipe.txt")
    files, errors = _split(list(discover([tmp_path])))
    assert files == ["a.txt"]
    assert errors == [f"{tmp_path / 'pipe.txt'}: a FIFO (named pipe), not a regular file: not opened"]


def test_the_ingest_of_a_folder_with_a_fifo_finishes(tmp_path):
    """The whole CLI in a subprocess, with a timeout: a blocking open would hang it."""
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(TEXT)
    os.mkfifo(tmp_path / "d" / "pipe.txt")
    cli = [sys.executable, "-c", "from dateline.cli import main; main()"]
    result = subprocess.run(
        [*cli, "ingest", str(tmp_path / "d"), "--db", str(tmp_path / "s.db"), "--quiet"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "pipe.txt: a FIFO (named pipe), not a regular file: not opened" in result.stderr
    assert "stored 1," in result.stdout


def test_sockets_and_devices_are_refused(tmp_path):
    sock = socket.socket(socket.AF_UNIX)
    path = tmp_path / "s.txt"
    try:
        sock.bind(str(path))
    except OSError as err:  # a path too long for AF_UNIX on some systems
        pytest.skip(f"cannot bind a socket here: {err}")
    try:
        (tmp_path / "null.txt").symlink_to("/dev/null")
        files, errors = _split(list(discover([tmp_path])))
    finally:
        sock.close()
    assert files == []
    assert errors == [
        f"{tmp_path / 'null.txt'}: a character device, not a regular file: not opened",
        f"{tmp_path / 's.txt'}: a socket, not a regular file: not opened",
    ]
    _, named = _split(list(discover([tmp_path / "null.txt"])))
    assert named == [f"{tmp_path / 'null.txt'}: a character device, not a regular file: not opened"]


def test_symlink_loops_and_broken_links_are_reported_and_the_rest_is_read(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "self.txt").symlink_to("self.txt")
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(TEXT)
    (tmp_path / "sub" / "up").symlink_to("..")  # a folder loop
    found = list(discover([tmp_path]))
    files, errors = _split(found)
    assert files == ["a.txt", "b.txt"]
    assert len(errors) == 3
    assert errors[0].startswith(f"{tmp_path / 'gone.txt'}: broken symlink to 'nowhere.txt'")
    assert errors[1].startswith(f"{tmp_path / 'self.txt'}: symlink loop")
    assert errors[2] == f"{tmp_path / 'sub' / 'up'}: symlink loop: the folder was already walked as {tmp_path}"
    results = list(iter_documents([tmp_path]))
    assert [r.id for r in results if not isinstance(r, InputError)] == ["a", "sub--b"]


def test_a_symlinked_file_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "also.txt").symlink_to("a.txt")
    files, errors = _split(list(discover([tmp_path, tmp_path / "a.txt"])))
    assert files == ["a.txt"] and errors == []
