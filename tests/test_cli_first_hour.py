"""A new user's first hour (issue 9): each point driven from the command line, as a user would.

Query commands never create a store; document ids never collide silently; --json everywhere;
a compact `event`; `documents` one line each; countries by name or demonym; help for users;
piped output keeps rows whole.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from conftest import build_article, build_derived
from dateline.cli import app
from dateline.cli.ingest_commands import _Reporter
from dateline.errors import NotFoundError
from dateline.model import Actor, Participation, RoleHeld
from dateline.store import open_store
from ingest_articles import article_text

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
QUERIES = [["documents"], ["document", "doc_a"], ["events"], ["event", "ev-0001"], ["actor", "Petrov"],
           ["who", "President", "RUR"], ["series"], ["export", "--format", "json"]]  # fmt: skip


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def ten_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A meeting of ten (one with no known affiliation) and a Belarusian president."""
    target = str(tmp_path_factory.mktemp("ten") / "ten.db")
    annotated, extraction = build_article("doc_a")
    actors, events, stories = build_derived([extraction])
    sentence = events[0].participants[0].evidence[0]  # ten people named in one sentence
    people = tuple(
        Participation(f"person:p{i}", f"Minister {i}", None if i == 9 else "RUR", ("doc_a",), (sentence,),
                      name=f"Person Number{i}")
        for i in range(10)
    )  # fmt: skip
    event = dataclasses.replace(events[0], participants=people)
    president = Actor(
        id="person:lukas", kind="person", name="Lukas Belsky",
        roles=(RoleHeld("President", "BLR", date(2021, 5, 1), date(2021, 5, 9), ("doc_a",)),),
    )  # fmt: skip
    with open_store(target) as store:
        store.save_article(annotated, extraction)
        store.replace_derived([*actors, president], [event], stories)
    return target


# --- 1. query commands open an existing store only ------------------------------------------------


@pytest.mark.parametrize("args", QUERIES, ids=lambda a: a[0])
def test_a_mistyped_store_is_an_error_naming_it_and_nothing_is_created(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATELINE_DB", raising=False)
    result = run(*args, "--db", "nope.db")
    assert result.exit_code == 1 and "nope.db: no such store" in result.stderr
    result = run(*args)  # no --db: dateline.db in the current folder, which is not there
    assert result.exit_code == 1 and "dateline.db: no such store" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_empty_database_or_store_is_an_error_naming_it(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    result = run("events", "--db", str(empty))
    assert result.exit_code == 1 and f"{empty}: an empty database" in result.stderr
    fresh = str(tmp_path / "fresh.db")
    open_store(fresh).close()  # a store with its tables and no documents
    result = run("events", "--db", fresh)
    assert result.exit_code == 1 and "holds no documents yet" in result.stderr


def test_query_commands_create_nothing_on_either_database(store_target):
    result = run("events", "--db", store_target)  # a SQLite file not there, or a PostgreSQL schema without tables
    assert result.exit_code == 1 and ("no such store" in result.stderr or "an empty database" in result.stderr)
    assert run("export", "--format", "json", "--db", store_target).exit_code == 1
    with pytest.raises(NotFoundError):
        open_store(store_target, create=False)
    with open_store(store_target) as store:
        assert store.document_count() == 0  # created now, by the library (as ingest does), not before


# --- 2. document ids never collide silently -------------------------------------------------------


def _write(path: Path, i: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(article_text(i), encoding="utf-8")
    return path


def _texts(db: str) -> dict[str, str]:
    with open_store(db) as store:
        return {d.id: d.text for d in store.documents()}


def test_same_names_in_different_folders_get_their_own_ids(tmp_path):
    corpus = tmp_path / "corpus"
    _write(corpus / "top.txt", 0), _write(corpus / "a" / "report.txt", 1), _write(corpus / "b" / "report.txt", 2)
    db = str(tmp_path / "d.db")
    result = run("ingest", str(corpus), "--db", db, "--quiet")
    assert result.exit_code == 0 and "stored 3," in result.stdout
    assert _texts(db) == {"top": article_text(0), "a--report": article_text(1), "b--report": article_text(2)}


def test_a_different_file_never_replaces_another_and_the_same_file_updates_its_document(tmp_path):
    one, two = _write(tmp_path / "one" / "report.txt", 1), _write(tmp_path / "two" / "report.txt", 2)
    db = str(tmp_path / "d.db")
    assert run("ingest", str(one), "--db", db, "--quiet").exit_code == 0
    result = run("ingest", str(two), "--db", db, "--quiet")  # a later batch, the same file name
    assert result.exit_code == 0
    assert f"kept apart: {two} stored as 'two--report' ('report' is {one})" in result.stdout
    assert _texts(db) == {"report": article_text(1), "two--report": article_text(2)}

    two.write_text(article_text(3), encoding="utf-8")
    result = run("ingest", str(two), "--db", db, "--quiet")
    assert "stored 1, unchanged 0, rejected 0" in result.stdout and "1 of them updated" in result.stdout
    assert _texts(db) == {"report": article_text(1), "two--report": article_text(3)}
    result = run("ingest", str(one), str(two), "--db", db, "--quiet")  # both again: each finds its own id
    assert "stored 0, unchanged 2, rejected 0" in result.stdout and "kept apart" not in result.stdout

    copy = _write(tmp_path / "three" / "report.txt", 1)  # a copy of one/report.txt is the same article
    result = run("ingest", str(copy), "--db", db, "--quiet")
    assert "stored 0, unchanged 1, rejected 0" in result.stdout and "kept apart" not in result.stdout

    fresh = str(tmp_path / "fresh.db")  # the two named in one batch
    assert "kept apart" in run("ingest", str(one), str(two), "--db", fresh, "--quiet").stdout
    assert set(_texts(fresh)) == {"report", "two--report"}


# --- 3. README: how to run the CLI, and every command documented -------------------------------------


def test_readme_says_how_to_run_the_cli_and_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "source .venv/bin/activate" in readme and "pip install ." in readme
    for name in app.registered_commands:
        command = name.name or name.callback.__name__
        assert f"dateline {command}" in readme, command
        help_text = run(command, "--help").stdout
        assert "Example: dateline" in help_text, command


# --- 4. event: compact by default, each sentence once with --evidence ---------------------------------


def test_event_of_ten_fits_a_screen_and_evidence_shows_each_sentence_once(ten_db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    lines = subprocess.run(
        [sys.executable, "-c", "from dateline.cli import main; main()", "event", "ev-0001", "--db", ten_db],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert len(lines) <= 45 and max(len(line) for line in lines) <= 80
    assert sum("Person Number" in line for line in lines) == 10
    out = run("event", "ev-0001", "--evidence", "--db", ten_db).stdout
    assert out.count("Minister of Transport of Ruritania Ivan Petrov") == 1
    assert "participants: Person Number0, Person Number1" in out


# --- 5. pipes keep rows whole; documents one line each; --json --------------------------------------


def test_piped_output_keeps_rows_whole(ten_db):
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    out = subprocess.run(
        [sys.executable, "-c", "from dateline.cli import main; main()", "events", "--db", ten_db],
        capture_output=True, text=True, check=True, env=env,
    ).stdout  # fmt: skip
    row = next(line for line in out.splitlines() if line.startswith("ev-0001"))
    assert "meeting · Council of Harbour Ministers · 7th" in row and row.endswith("1")  # whole, no padding
    assert "people" in out and "sources" in out and "ppl" not in out  # plain headers


def test_documents_one_line_each_and_document_shows_one_article(ten_db):
    out = run("documents", "--db", ten_db).stdout
    assert len([line for line in out.splitlines() if line.startswith("doc_a")]) == 1 and "PERSON" not in out
    out = run("document", "doc_a", "--db", ten_db).stdout
    assert "Harbour ministers meet" in out and "ev-0001" in out and "PERSON" in out and "Ivan Petrov" in out
    result = run("document", "doc", "--db", ten_db)
    assert result.exit_code == 1 and "ids containing it: doc_a" in result.stderr


@pytest.mark.parametrize(
    ("args", "key"),
    [(["documents"], "documents"), (["events", "--all"], "planned_events"), (["actor", "Berg"], "actors"),
     (["who", "president", "BLR"], "holders"), (["series"], "series"), (["document", "doc_a"], "entities"),
     (["event", "ev-0001"], "participants")],
)  # fmt: skip
def test_every_query_command_takes_json(ten_db, args, key):
    result = run(*args, "--json", "--db", ten_db)
    assert result.exit_code == 0, result.output
    assert key in json.loads(result.stdout)


def test_event_json_has_the_export_shape(ten_db):
    exported = json.loads(run("export", "--format", "json", "--db", ten_db).stdout)["events"][0]
    assert json.loads(run("event", "ev-0001", "--json", "--db", ten_db).stdout) == exported


# --- 6. countries by code, name or demonym -------------------------------------------------------------


@pytest.mark.parametrize("country", ["BLR", "blr", "BY", "Belarus", "Belarusian", "Republic of Belarus"])
def test_who_takes_a_country_by_code_name_or_demonym(ten_db, country):
    result = run("who", "President", country, "--db", ten_db)
    assert result.exit_code == 0, result.output
    assert "Lukas Belsky" in result.stdout and "(BLR)" in result.stdout


def test_who_suggests_a_country_and_says_where_an_office_was_seen(ten_db):
    result = run("who", "President", "Belarsu", "--db", ten_db)
    assert result.exit_code == 1 and "did you mean Belarus (BLR)?" in result.stderr
    result = run("who", "President", "Kazakhstan", "--db", ten_db)
    assert result.exit_code == 1 and "nobody held 'President' of KAZ" in result.stderr
    assert "that office is seen for: BLR, RUR" in result.stderr


# --- 7. help for users, proper flags, -v anywhere, series grid, progress bar ---------------------------


def test_help_is_written_for_users():
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    outputs = [run("--help").stdout] + [run(name, "--help").stdout for name in names]
    for out in outputs:
        for developer_text in ("Typer", "exits the process", "<bool>", "<list", "{paths}", "[default: False]"):
            assert developer_text not in out
    assert "--all " in run("events", "--help").stdout and run("events", "--all", "true").exit_code == 2


def test_verbose_works_before_and_after_the_command(ten_db):
    assert run("-v", "events", "--db", ten_db).exit_code == 0
    assert run("events", "--db", ten_db, "-v").exit_code == 0
    assert run("events", "--verbose", "--db", ten_db).exit_code == 0


def test_series_grid_shows_participants_of_unknown_affiliation(ten_db):
    out = run("series", "--db", ten_db).stdout
    row = next(line for line in out.splitlines() if line.startswith("(affiliation unknown)"))
    assert "Person Number9 (Minister 9)" in row


def test_progress_bar_never_shows_none_before_the_files_are_counted():
    reporter = _Reporter(show_bar=True, live_errors=False)
    assert reporter.bar is not None
    console = Console(width=120, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(reporter.bar.get_renderable())
    text = console.export_text()
    assert "None" not in text and re.search(r"finding files", text)
