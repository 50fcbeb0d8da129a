"""Reliability through the real CLI on real stores: bad input, exit codes, re-ingest, kill -9, concurrency."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from cli_run import CLI, run
from dateline.store import open_store
from ingest_articles import article_text, write_corpus


def stored_ids(target: str) -> list[str]:
    with open_store(target) as store:
        return [d.id for d in store.documents()]


def export(target: str) -> str:
    result = run("export", "--format", "json", "--db", target)
    assert result.exit_code == 0, result.output
    return result.stdout


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("rejected: ")]


# --- each kind of bad input: one clear line naming the file and the reason; the rest goes in -----------


def _empty(folder: Path) -> tuple[Path, str]:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path, "empty file"


def _binary(folder: Path) -> tuple[Path, str]:
    path = folder / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return path, "binary file (contains NUL bytes), not text"


def _undecodable(folder: Path) -> tuple[Path, str]:
    path = folder / "noise.txt"
    path.write_bytes(bytes((i * 7919) % 255 + 1 for i in range(6000)))
    return path, "binary or undecodable file: not UTF-8 and no plausible text encoding found"


def _huge(folder: Path) -> tuple[Path, str]:
    path = folder / "huge.txt"
    line = "MOSCOW. The ministers met and talked at length about many things. " * 15 + "\n"
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(6_000_000 // len(line) + 1):
            handle.write(line)
    return path, f"too large: {path.stat().st_size / 1e6:.1f} MB of text (the limit is 1.0 MB)"


def _soup(folder: Path) -> tuple[Path, str]:
    path = folder / "soup.html"
    path.write_text("<html><body><div><script>var a = '<p>';</script><span></span></div>&&&</body>", "utf-8")
    return path, "no article text found in the HTML"


def _no_text_record(folder: Path) -> tuple[Path, str]:
    path = folder / "feed.jsonl"
    path.write_text(json.dumps({"id": "titled", "title": "Only a title"}) + "\n", encoding="utf-8")
    return path, "line 1: record has no text"


BAD_INPUTS = {
    "empty": _empty,
    "binary": _binary,
    "undecodable": _undecodable,
    "huge": _huge,
    "html-soup": _soup,
    "record-without-text": _no_text_record,
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_reported_in_one_line_and_the_batch_goes_on(store_target, tmp_path, case):
    folder = tmp_path / "in"
    write_corpus(folder, 2)
    bad, reason = BAD_INPUTS[case](folder)
    result = run("ingest", str(folder), "--db", store_target)
    assert result.exit_code == 1, result.output
    expected = f"rejected: {bad}: {reason}"
    assert error_lines(result.stderr) == [expected]  # as it happens ...
    assert f"  {expected}" in result.stderr.splitlines()  # ... and again in the list at the end
    assert "stored 2, unchanged 0, rejected 1" in result.stdout
    assert stored_ids(store_target) == ["art-000", "art-001"]


def test_malformed_json_lines_name_the_line_and_good_records_go_in(store_target, tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "good-1", "text": article_text(1)}), '{"id": "bad", "text": "unterminated',
             json.dumps({"text": article_text(2)})]  # fmt: skip
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("ingest", str(feed), "--db", store_target)
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"rejected: {feed}: line 2: malformed JSON: Unterminated string starting at (column 23)"
    ]
    assert stored_ids(store_target) == ["feed-3", "good-1"]


def test_other_encodings_are_decoded_not_rejected(store_target, tmp_path):
    (tmp_path / "latin.txt").write_bytes(
        "PARIS, 5 May 2021 (Northwire) - The café owner met the naïve minister of Ruritania.".encode("cp1252")
    )
    result = run("ingest", str(tmp_path), "--db", store_target)
    assert result.exit_code == 0, result.output
    with open_store(store_target) as store:
        assert "café owner met the naïve minister" in store.document("latin").text


def test_missing_path_is_rejected_and_the_rest_goes_in(store_target, tmp_path):
    write_corpus(tmp_path / "in", 1)
    result = run("ingest", str(tmp_path / "nowhere"), str(tmp_path / "in"), "--db", store_target)
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [f"rejected: {tmp_path / 'nowhere'}: no such file or directory"]
    assert stored_ids(store_target) == ["art-000"]


def test_quiet_prints_no_live_lines_but_still_lists_rejections(tmp_path):
    write_corpus(tmp_path / "in", 1)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = run("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "q.db"), "--quiet")
    assert result.exit_code == 1
    empty = tmp_path / "in" / "empty.txt"
    assert result.stderr.splitlines() == ["1 rejected:", f"  rejected: {empty}: empty file"]


# --- usage errors: exit 2 -------------------------------------------------------------------------------


def test_usage_errors_exit_2(tmp_path):
    write_corpus(tmp_path / "in", 1)
    assert run("ingest").exit_code == 2  # no paths
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("this is not a database\n" * 100, encoding="utf-8")
    for target in (str(not_a_db), str(tmp_path / "no" / "such" / "dir" / "x.db"), "mysql://u@h/db"):
        result = run("ingest", str(tmp_path / "in"), "--db", target)
        assert result.exit_code == 2, (target, result.output)
        assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1
        # a store that is not there is "not found" (exit 1, nothing created); a bad one exit 2
        assert run("documents", "--db", target).exit_code == (1 if "no" in Path(target).parts else 2)


# --- re-ingest, changed content, the documents listing ------------------------------------------------


def test_reingest_is_unchanged_and_changed_content_replaces_the_document(store_target, tmp_path):
    paths = write_corpus(tmp_path / "in", 3)
    assert run("ingest", str(tmp_path / "in"), "--db", store_target).exit_code == 0
    before = export(store_target)
    result = run("ingest", str(tmp_path / "in"), "--db", store_target)
    assert result.exit_code == 0
    assert "stored 0, unchanged 3, rejected 0" in result.stdout
    assert export(store_target) == before

    paths[2].write_text(article_text(2).replace("TASHKENT, 3 May", "BISHKEK, 4 May"), encoding="utf-8")
    result = run("ingest", str(tmp_path / "in"), "--db", store_target)
    assert "stored 1, unchanged 2, rejected 0" in result.stdout
    assert "1 of them updated a document stored before" in result.stdout
    documents = {d["id"]: d for d in json.loads(export(store_target))["documents"]}
    assert (documents["art-002"]["dateline"], documents["art-002"]["published"]) == ("Bishkek", "2021-05-04")
    with open_store(store_target) as store:
        text = store.document("art-002").text
        assert text.startswith("BISHKEK, 4 May")
        assert all(text[e.start : e.end] == e.text for e in store.entities("art-002"))


def test_documents_lists_metadata_and_entities(tmp_path):
    write_corpus(tmp_path / "in", 2)
    db = str(tmp_path / "d.db")
    assert run("ingest", str(tmp_path / "in"), "--db", db).exit_code == 0
    result = run("documents", "--db", db)
    assert result.exit_code == 0
    out = result.stdout
    for text in ("art-000", "art-001", "2021-05-01", "Northwire", "TASS"):
        assert text in out, text
    assert "PERSON" not in out  # the entities only with --entities
    out = run("documents", "--entities", "--db", db).stdout
    for text in ("Moscow", "Beijing", "PERSON", "GPE"):
        assert text in out, text


# --- kill -9 in the middle of a batch; two processes on one store -----------------------------------------


def _wait_for(predicate, timeout: float = 60.0, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


@pytest.mark.slow
def test_kill_9_mid_batch_keeps_finished_articles_and_a_rerun_completes(store_target, tmp_path):
    folder = tmp_path / "in"
    write_corpus(folder, 60)
    command = [*CLI, "ingest", str(folder), "--db", store_target, "--quiet", "--batch-size", "1"]
    with open_store(store_target) as store:  # created first, so that polling never races its creation
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert _wait_for(lambda: len(store.documents()) >= 3 or process.poll() is not None)
            os.kill(process.pid, signal.SIGKILL)
        finally:
            process.communicate()
        assert process.returncode == -signal.SIGKILL, "the batch ended before it could be killed"

    with open_store(store_target) as store:
        done = store.documents()
        assert 3 <= len(done) < 60
        for document in done:  # every finished article is whole
            assert document.text == (folder / f"{document.id}.txt").read_text("utf-8")
            assert store.sentences(document.id) and store.entities(document.id)
        assert store.derived_is_stale()

    command = [*CLI, "ingest", str(folder), "--db", store_target]
    rerun = subprocess.run(command, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"stored {60 - len(done)}, unchanged {len(done)}, rejected 0" in rerun.stdout
    with open_store(store_target) as store:
        assert len(store.documents()) == 60
        assert not store.derived_is_stale()


@pytest.mark.slow
def test_two_ingests_on_one_store_at_once_both_succeed(store_target, tmp_path):
    write_corpus(tmp_path / "a", 20, start=0)
    write_corpus(tmp_path / "b", 20, start=10)  # ten articles in both folders
    with open_store(store_target):
        pass  # created (and migrated) once, like a user's existing store
    processes = [
        subprocess.Popen([*CLI, "ingest", str(tmp_path / name), "--db", store_target, "--batch-size", "4"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("a", "b")
    ]  # fmt: skip
    outputs = [p.communicate(timeout=300) for p in processes]
    for process, (stdout, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
        assert "rejected 0" in stdout
    assert stored_ids(store_target) == [f"art-{i:03d}" for i in range(30)]
    with open_store(store_target) as store:
        assert not store.derived_is_stale()


@pytest.mark.slow
def test_two_ingests_on_a_new_sqlite_file_at_once_both_succeed(tmp_path):
    write_corpus(tmp_path / "a", 5, start=0)
    write_corpus(tmp_path / "b", 5, start=5)
    db = str(tmp_path / "fresh.db")  # neither process finds a store: both create it
    processes = [
        subprocess.Popen([*CLI, "ingest", str(tmp_path / name), "--db", db], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for name in ("a", "b")
    ]  # fmt: skip
    for process in processes:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    assert stored_ids(db) == [f"art-{i:03d}" for i in range(10)]
