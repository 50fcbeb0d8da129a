"""Faults: a full disk, a store gone read-only, signals, failed exports, hostile input (issue 10).

Every case runs the real CLI on a real SQLite file; a full disk is SQLite's own
``max_page_count`` (portable), a full file system for exports is ``RLIMIT_FSIZE`` in a
subprocess. The PostgreSQL restart cases are in ``test_faults_postgres.py``.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import re
import resource
import signal
import subprocess
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from cli_run import CLI, run
from dateline.errors import BatchStopped
from dateline.pipeline import ingest
from dateline.store import open_store
from ingest_articles import write_corpus

INTERRUPTED = re.compile(r"interrupted: (\d+) stored, (\d+) left; run the same command again to finish")


def stored_ids(target: str) -> list[str]:
    with open_store(target, readonly=True) as store:
        return [d.id for d in store.documents()]


class _PageLimit:
    """Every new SQLite connection gets ``PRAGMA max_page_count``: the disk is "full" past it."""

    def __init__(self, pages: int) -> None:
        self.pages = pages

    def __call__(self, dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {self.pages}")

    def __enter__(self) -> _PageLimit:
        sa.event.listen(sa.engine.Engine, "connect", self)
        return self

    def __exit__(self, *_exc: object) -> None:
        sa.event.remove(sa.engine.Engine, "connect", self)


def _pages(db: str) -> int:
    with open_store(db) as store, store._session.read() as conn:
        return int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)


# --- the store's failure stops the batch at once, with a summary ---------------------------------


def test_a_full_disk_stops_the_batch_at_once_with_a_summary_and_exit_2(tmp_path):
    write_corpus(tmp_path / "in", 12)
    db = str(tmp_path / "s.db")
    with _PageLimit(_pages(db) + 6):  # a few articles fit, then "database or disk is full"
        result = run("ingest", str(tmp_path / "in"), "--db", db, "--batch-size", "2")
    assert result.exit_code == 2, result.output
    assert "rejected:" not in result.stderr  # not one rejection per remaining article
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {db}: database or disk is full"]
    summary = re.search(r"stopped: stored (\d+), unchanged 0, rejected 0, not attempted (\d+);", result.stderr)
    assert summary, result.stderr
    stored, not_attempted = int(summary[1]), int(summary[2])
    assert stored == len(stored_ids(db)) and stored < 12 and not_attempted == 12 - stored

    rerun = run("ingest", str(tmp_path / "in"), "--db", db)  # room again: the rerun finishes
    assert rerun.exit_code == 0, rerun.output
    assert f"stored {12 - stored}, unchanged {stored}, rejected 0" in rerun.stdout


def test_the_library_raises_batch_stopped_with_the_counts(tmp_path):
    write_corpus(tmp_path / "in", 6)
    db = str(tmp_path / "s.db")
    pages = _pages(db)
    with open_store(db) as store, _PageLimit(pages):
        store._session.engine.dispose()  # the next connection gets the limit
        with pytest.raises(BatchStopped) as stop:
            ingest([tmp_path / "in"], store, batch_size=2)
    assert "database or disk is full" in str(stop.value)
    stopped = stop.value
    assert stopped.stored == len(stored_ids(db)) < 6
    assert (stopped.unchanged, stopped.rejected, stopped.not_attempted) == (0, 0, 6 - stopped.stored)


def test_an_article_the_store_refuses_is_rejected_alone(tmp_path):
    """An IntegrityError is the record's problem, not the store's: that article only is rejected."""
    write_corpus(tmp_path / "in", 3)
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        engine = store._session.engine
        with engine.begin() as conn:  # a trigger that refuses one document, as a constraint would
            conn.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON documents WHEN NEW.id = 'art-001' "
                "BEGIN SELECT RAISE(ABORT, 'refused by a constraint'); END"
            )
        report = ingest([tmp_path / "in"], store)
    assert report.stored == 2
    assert [e.path for e in report.rejected] == [str(tmp_path / "in" / "art-001.txt")]


# --- signals ------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_ends_the_batch_with_a_message_and_a_rerun_finishes(tmp_path, signum, status):
    write_corpus(tmp_path / "in", 40)
    db = str(tmp_path / "s.db")
    open_store(db).close()
    process = subprocess.Popen(
        [*CLI, "ingest", str(tmp_path / "in"), "--db", db, "--quiet", "--batch-size", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 240
        while len(stored_ids(db)) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == status, stderr
    message = INTERRUPTED.search(stderr)
    assert message, stderr
    assert "Traceback" not in stderr
    stored = len(stored_ids(db))
    assert int(message[1]) == stored and 2 <= stored < 40
    assert int(message[2]) >= 40 - stored - 1

    rerun = subprocess.run([*CLI, "ingest", str(tmp_path / "in"), "--db", db, "--quiet"],
                           capture_output=True, text=True, timeout=600)  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    assert f"stored {40 - stored}, unchanged {stored}, rejected 0" in rerun.stdout


# --- exports: all or nothing --------------------------------------------------------------------


@pytest.fixture
def filled_db(tmp_path, make_article, make_derived) -> str:
    db = str(tmp_path / "store.db")
    first, second = make_article("doc_a"), make_article("doc_b", published=None)
    annotated, extraction = second
    hostile = dataclasses.replace(annotated.document, title="=HYPERLINK(\"http://x.example\",\"click\")")
    second = (dataclasses.replace(annotated, document=hostile), dataclasses.replace(extraction, document=hostile))
    with open_store(db) as store:
        for pair in (first, second):
            store.save_article(*pair)
        store.replace_derived(*make_derived([first[1], second[1]]))
    return db


def _limited_export(db: str, *args: str, max_file_bytes: int) -> subprocess.CompletedProcess[str]:
    """The export in a subprocess that may not write a file larger than ``max_file_bytes`` (EFBIG).

    The store is held open meanwhile, so that its -shm file exists: the limit hits the export only.
    """

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process

    with open_store(db) as store, store._session.read():
        return subprocess.run([*CLI, "export", "--db", db, *args], capture_output=True, text=True,
                              timeout=300, preexec_fn=limit)  # fmt: skip


def test_a_failed_json_export_leaves_the_previous_one_intact(filled_db, tmp_path):
    out = tmp_path / "prev.json"
    assert run("export", "--db", filled_db, "--format", "json", "--out", str(out)).exit_code == 0
    before = out.read_bytes()
    json.loads(before)
    failed = _limited_export(filled_db, "--format", "json", "--out", str(out), max_file_bytes=len(before) // 2)
    assert failed.returncode == 2, failed.stderr
    assert f"{out}: cannot write the export: File too large" in " ".join(failed.stderr.split())
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary file left


def test_a_failed_csv_export_leaves_the_previous_folder_intact(filled_db, tmp_path):
    folder = tmp_path / "csv"
    assert run("export", "--db", filled_db, "--format", "csv", "--out", str(folder)).exit_code == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    largest = max(len(data) for data in before.values())
    failed = _limited_export(filled_db, "--format", "csv", "--out", str(folder), max_file_bytes=largest // 2)
    assert failed.returncode == 2, failed.stderr
    assert "cannot write the CSV export" in failed.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before

    fresh = tmp_path / "fresh"
    failed = _limited_export(filled_db, "--format", "csv", "--out", str(fresh), max_file_bytes=largest // 2)
    assert failed.returncode == 2 and not fresh.exists()  # a folder it created is not left half full


def test_excel_safe_neutralises_formula_cells_only_when_asked(filled_db, tmp_path):
    plain, safe = tmp_path / "plain", tmp_path / "safe"
    assert run("export", "--db", filled_db, "--format", "csv", "--out", str(plain)).exit_code == 0
    assert run("export", "--db", filled_db, "--format", "csv", "--out", str(safe), "--excel-safe").exit_code == 0

    def titles(folder: Path) -> dict[str, str]:
        with (folder / "documents.csv").open(encoding="utf-8", newline="") as handle:
            return {row["id"]: row["title"] for row in csv.DictReader(handle)}

    assert titles(plain)["doc_b"].startswith("=HYPERLINK")
    assert titles(safe)["doc_b"].startswith("'=HYPERLINK")
    assert titles(safe)["doc_a"] == titles(plain)["doc_a"] == "Harbour ministers meet"


# --- hostile input ------------------------------------------------------------------------------


def test_nul_characters_are_dropped_and_the_article_is_stored(store_target, tmp_path):
    text = "MINSK, 20 May 2019. The foreign ministers\u0000 met in Minsk and discussed trade and transport."
    record = {"id": "nul\u0000-1", "title": "Talks\u0000 in Minsk", "text": text}
    path = tmp_path / "nul.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with open_store(store_target) as store:
        report = ingest([path], store)
        assert report.stored == 1 and not report.rejected, report.rejected
        (document,) = store.documents()
    assert document.id == "nul-1" and document.title == "Talks in Minsk"
    assert "\x00" not in document.text and "ministers met" in document.text


def test_html_nested_10000_deep_is_read(tmp_path):
    body = "The foreign ministers of the two countries met in Minsk on Tuesday and discussed trade and energy."
    page = (
        "<html><head><title>Deep page</title></head><body>" + "<div>" * 10_000
        + f"<p>{body}</p><script>var hidden = 1;</script>" + "</div>" * 10_000 + "</body></html>"
    )  # fmt: skip
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    from dateline.ingest import iter_documents

    (document,) = list(iter_documents([path]))
    assert not isinstance(document, Exception), document
    assert document.text.strip() == body and document.title == "Deep page"


def test_an_undated_article_is_dated_by_the_date_it_states(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "undated.txt").write_text(
        "Foreign ministers of Belarus and Kazakhstan met for talks.\n\n"
        "The meeting of the foreign ministers was held in Minsk on May 20, 2019. Minister of Foreign Affairs "
        "of Belarus Vladimir Makei and Minister of Foreign Affairs of Kazakhstan Beibut Atamkulov discussed trade.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "s.db")
    assert run("ingest", str(tmp_path / "in"), "--db", db).exit_code == 0
    data = json.loads(run("export", "--db", db, "--format", "json").stdout)
    assert data["documents"][0]["published"] is None
    (event,) = data["events"]
    assert (event["start"], event["end"], event["location"]["city"]) == ("2019-05-20", "2019-05-20", "Minsk")


# --- long texts: bounded memory -----------------------------------------------------------------

MEMORY_LIMIT = 3 * 1024**3  # address space; the measured peak RSS for 2 MB is well under it (README)


@pytest.mark.slow
def test_a_2_mb_one_line_text_is_ingested_under_a_memory_limit(tmp_path):
    sentence = "The ministers of {0} and {1} met in Minsk on 20 May 2019 and discussed trade, transport and energy. "
    countries = ["Belarus", "Kazakhstan", "Armenia", "Kyrgyzstan", "Tajikistan", "Uzbekistan"]
    parts, size, i = [], 0, 0
    while size < 2_000_000:
        part = sentence.format(countries[i % 6], countries[(i + 1) % 6])
        parts.append(part)
        size += len(part)
        i += 1
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text("".join(parts).rstrip(), encoding="utf-8")  # one line

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    result = subprocess.run(
        [*CLI, "ingest", str(tmp_path / "in"), "--db", str(tmp_path / "s.db"), "--quiet", "--max-text-mb", "2.5"],
        capture_output=True, text=True, timeout=3600, preexec_fn=limit,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "stored 1, unchanged 0, rejected 0" in result.stdout
    assert os.path.getsize(tmp_path / "s.db") > 0


def test_a_text_over_the_limit_is_rejected_up_front_and_the_limit_can_be_raised(tmp_path):
    from dateline.cli.ingest_commands import DEFAULT_MAX_TEXT_MB
    from dateline.ingest import MAX_TEXT_BYTES

    assert DEFAULT_MAX_TEXT_MB * 1_000_000 == MAX_TEXT_BYTES
    (tmp_path / "in").mkdir()
    text = "The ministers met in Minsk on 20 May 2019. " * 30
    (tmp_path / "in" / "long.txt").write_text(text, encoding="utf-8")  # 1,290 bytes
    db = str(tmp_path / "s.db")
    refused = run("ingest", str(tmp_path / "in"), "--db", db, "--quiet", "--max-text-mb", "0.001")
    assert refused.exit_code == 1
    assert "too large: 1,290 bytes of text (the limit is 1,000 bytes)" in refused.stderr
    taken = run("ingest", str(tmp_path / "in"), "--db", db, "--quiet", "--max-text-mb", "0.002")
    assert taken.exit_code == 0 and "stored 1" in taken.stdout
