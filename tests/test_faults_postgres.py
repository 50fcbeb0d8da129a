"""PostgreSQL faults: a server restart mid-batch is ridden out, a server gone for good stops the batch,
passwords never show, and the password can live in a pgpass file instead of ``--db``.

The restart cases start a throwaway cluster of their own (``initdb`` in a temporary folder, a
free port) and stop it for a second or two; the shared server is never touched.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from cli_run import CLI, run
from conftest import _pg_schema
from dateline.errors import StoreError
from dateline.store import open_store
from dateline.store.target import Target, mask
from ingest_articles import write_corpus

PG_ENV = "DATELINE_TEST_PG_URL"


# --- passwords ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "label", "password"),
    [
        ("postgresql://dl:ngPW@db.example/x", "postgresql://dl:***@db.example/x", "ngPW"),
        ("postgresql://dl:ng@PW@db.example/x", "postgresql://dl:***@db.example/x", "ng@PW"),
        ("postgresql://dl:a/b:c@d@db.example:5433/x?sslmode=require", "postgresql://dl:***@db.example:5433/x?sslmode=require",
         "a/b:c@d"),
        ("postgresql://dl:p%40ss@db.example/x", "postgresql://dl:***@db.example/x", "p@ss"),
        ("postgresql://dl@db.example/x", "postgresql://dl@db.example/x", None),
        ("postgresql:///x?service=prod", "postgresql:///x?service=prod", None),
    ],
)  # fmt: skip
def test_passwords_are_masked_whatever_they_contain(raw, label, password):
    target = Target(raw)
    assert target.label == label == mask(raw)
    assert target.password == password
    assert target.url.password == password
    assert target.url.host in {"db.example", None}


def test_a_failed_connection_names_the_target_without_its_password():
    secret = "s3cr@t/pw"
    with pytest.raises(StoreError) as failure:
        open_store(f"postgresql://dl:{secret}@127.0.0.1:1/x")
    message = str(failure.value)
    assert message.startswith("postgresql://dl:***@127.0.0.1:1/x: ")
    assert secret not in message and "s3cr" not in message


def test_the_store_may_come_from_dateline_db(tmp_path, monkeypatch, make_article):
    db = tmp_path / "from-env.db"
    with open_store(str(db)) as store:
        store.save_article(*make_article("doc_a"))
    monkeypatch.setenv("DATELINE_DB", str(db))
    result = run("documents")
    assert result.exit_code == 0, result.output
    assert "doc_a" in result.stdout


@pytest.mark.postgres
def test_the_password_may_come_from_a_pgpass_file(tmp_path, monkeypatch, make_article):
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    url = make_url(base)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{url.host}:{url.port or 5432}:{url.database}:{url.username}:{url.password}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    for target in _pg_schema(base):  # a schema of its own, as every PostgreSQL test gets
        with open_store(target) as store:
            store.save_article(*make_article("doc_a"))
        query = target.split("?", 1)[1]
        without = f"postgresql://{url.username}@{url.host}:{url.port or 5432}/{url.database}?{query}"
        result = run("documents", "--db", without)
        assert result.exit_code == 0, result.output
        assert "doc_a" in result.stdout


# --- a throwaway cluster ------------------------------------------------------------------------


class Cluster:
    """A PostgreSQL cluster of its own in a temporary folder, run as the ``postgres`` user when root."""

    def __init__(self, bindir: Path, folder: Path, port: int) -> None:
        self.bindir, self.folder, self.port = bindir, folder, port
        self.url = f"postgresql://postgres@127.0.0.1:{port}/postgres"

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def init(self) -> None:
        self._run("initdb", "-D", str(self.folder / "data"), "-A", "trust", "-U", "postgres", "--no-sync")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.folder / "log")
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    bindir = Path(found[-1]).parent if found else None
    if bindir is None and shutil.which("initdb"):
        bindir = Path(shutil.which("initdb") or "").parent
    if bindir is None:
        pytest.skip("no initdb: PostgreSQL server binaries are not installed")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("root without runuser: cannot run initdb as postgres")
    folder = Path(tempfile.mkdtemp(prefix="dateline-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    own = Cluster(bindir, folder, _free_port())
    try:
        own.init()
        own.start()
        yield own
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            own.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _count(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            row = conn.execute("SELECT count(*) FROM documents").fetchone()
            return int(row[0]) if row else 0
    except psycopg.Error:
        return -1


def _fresh_database(cluster: Cluster, name: str) -> str:
    import psycopg

    with psycopg.connect(cluster.url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = cluster.url.rsplit("/", 1)[0] + f"/{name}"
    open_store(url).close()  # created and migrated before the batch
    return url


def _ingest_while_stopped(cluster: Cluster, folder: Path, name: str, down_for: float | None):
    """Ingest 30 articles into a new database; once two are stored, stop the server for ``down_for``
    seconds (None: for good, restarted only after the batch ended). Returns (process, stdout, stderr, url)."""
    write_corpus(folder, 30)
    url = _fresh_database(cluster, name)
    process = subprocess.Popen([*CLI, "ingest", str(folder), "--db", url, "--quiet", "--batch-size", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while _count(url) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert process.poll() is None, "the batch ended before the server could be stopped"
        cluster.stop()
        if down_for is not None:
            time.sleep(down_for)
            cluster.start()
        stdout, stderr = process.communicate(timeout=600)
    finally:
        process.kill()
        if down_for is None:
            cluster.start()
    return process, stdout, stderr, url


@pytest.mark.postgres
@pytest.mark.slow
def test_a_server_restart_mid_batch_is_retried_and_the_batch_completes(cluster, tmp_path):
    process, stdout, stderr, url = _ingest_while_stopped(cluster, tmp_path / "in", "restart", down_for=1.5)
    assert process.returncode == 0, stderr
    assert "stored 30, unchanged 0, rejected 0" in stdout
    assert "retrying in" in stderr  # the warning that the store was retried
    assert _count(url) == 30


@pytest.mark.postgres
@pytest.mark.slow
def test_a_server_gone_for_good_stops_the_batch_with_a_summary(cluster, tmp_path):
    process, _, stderr, url = _ingest_while_stopped(cluster, tmp_path / "in", "gone", down_for=None)
    assert process.returncode == 2, stderr
    assert "rejected:" not in stderr
    assert len([line for line in stderr.splitlines() if line.startswith("error:")]) == 1
    summary = re.search(r"stopped: stored (\d+), unchanged 0, rejected 0, not attempted (\d+);", stderr)
    assert summary, stderr
    assert int(summary[1]) == _count(url) and int(summary[1]) + int(summary[2]) == 30
