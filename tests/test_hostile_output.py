"""Untrusted text is never markup and never reaches a terminal as control characters (issue 10, item 3).

A store full of hostile titles, ids and names goes through every query command, printed as a
pipe would get it, as a terminal would (Rich then writes its own styles), and as --json.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from conftest import build_article, build_derived
from dateline.cli import app
from dateline.cli.app import console, err_console
from dateline.cli.render import clean
from dateline.model import Actor, Alias, Evidence, Participation, Place, RoleHeld
from dateline.store import open_store

CLOSE_TAG = "Talks end [/b] early"
LINK = "[link=file:///etc/passwd]x[/link]"
TITLE_ESCAPE = "\x1b]0;owned\x07"
CLEAR_SCREEN = "\x1b[2J"
C1_CSI = "\x9b2J"  # the 8-bit form of ESC [
HOSTILE = (CLOSE_TAG, LINK, TITLE_ESCAPE, CLEAR_SCREEN)

DOC_ID = f"doc{CLEAR_SCREEN}"
EVENT_ID = f"ev-{TITLE_ESCAPE}1"
NAME = f"{CLOSE_TAG} {LINK}{TITLE_ESCAPE}"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    target = str(tmp_path_factory.mktemp("hostile") / "hostile.db")
    annotated, extraction = build_article(DOC_ID)
    document = dataclasses.replace(annotated.document, title=f"{CLOSE_TAG} {LINK}", source=TITLE_ESCAPE,
                                   dateline=f"{CLEAR_SCREEN}{C1_CSI}")  # fmt: skip
    annotated = dataclasses.replace(annotated, document=document)
    extraction = dataclasses.replace(extraction, document=document)
    actors, events, stories = build_derived([extraction])
    ev = Evidence(DOC_ID, 0, 9, "ASTRAVIA,", "start")
    hostile_person = Actor(
        id=f"person:{TITLE_ESCAPE}", kind="person", name=NAME,
        aliases=(Alias(NAME, DOC_ID, f"reason {LINK}"),),
        roles=(RoleHeld(f"Minister {CLOSE_TAG}", "RUR", date(2021, 5, 4), date(2021, 5, 4), (DOC_ID,)),),
    )  # fmt: skip
    event = dataclasses.replace(
        events[0], id=EVENT_ID, title=f"{CLOSE_TAG} {LINK}", series=f"Harbour {CLEAR_SCREEN} Council",
        location=Place(TITLE_ESCAPE, "RUR"),
        participants=(*events[0].participants,
                      Participation(hostile_person.id, f"Minister {CLOSE_TAG}", "RUR", (DOC_ID,), (ev,), name=NAME),
                      Participation("person:nobody", "Envoy", None, (DOC_ID,), (ev,), name=f"Envoy {LINK}")),
    )  # fmt: skip
    with open_store(target) as store:
        store.save_article(annotated, extraction)
        store.replace_derived([*actors, hostile_person], [event], stories)
    return target


def commands(db: str) -> list[list[str]]:
    """Every query command, with arguments that reach the hostile records."""
    return [
        ["documents", "--db", db], ["documents", "--entities", "--db", db], ["document", DOC_ID, "--db", db],
        ["events", "--all", "--db", db], ["event", "ev-", "--db", db], ["event", "ev-", "--evidence", "--db", db],
        ["actor", "talks end", "--db", db], ["actor", "e", "--db", db],
        ["who", "minister", "RUR", "--db", db], ["series", "--db", db],
        ["event", f"nope{TITLE_ESCAPE}", "--db", db],  # an error message quoting what was typed
    ]  # fmt: skip


def assert_safe(text: str) -> None:
    for bad in (TITLE_ESCAPE, CLEAR_SCREEN, "\x07", "\x1b]", "\x9b", "\x1b[2J"):
        assert bad not in text, repr(bad)


@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "terminal"])
def test_every_query_command_prints_hostile_text_as_plain_text(hostile_db, monkeypatch, terminal):
    if terminal:  # Rich then styles its output with escape sequences of its own: none may come from the data
        monkeypatch.setattr(console, "_force_terminal", True)
        monkeypatch.setattr(err_console, "_force_terminal", True)
    runner = CliRunner()
    for args in commands(hostile_db):
        result = runner.invoke(app, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert result.exit_code == (1 if args[1].startswith("nope") else 0), (args, result.output)
        assert_safe(result.stdout)
        assert_safe(result.stderr)
        assert "\x1b]8;" not in result.stdout  # no hyperlink made from a [link=…] in the data
    out = runner.invoke(app, ["documents", "--db", hostile_db]).stdout
    assert CLOSE_TAG in out and LINK in out  # shown literally, not read as markup
    out = runner.invoke(app, ["event", "ev-", "--db", hostile_db]).stdout
    assert clean(NAME) in out and "Envoy [link=file:///etc/passwd]x[/link]" in out


def test_json_output_escapes_control_characters(hostile_db):
    runner = CliRunner()
    for args in commands(hostile_db)[:-1]:
        if "--entities" in args or "--evidence" in args:
            continue
        result = runner.invoke(app, [*args, "--json"])
        assert result.exit_code == 0, (args, result.output)
        assert_safe(result.stdout)
        json.loads(result.stdout)  # one JSON document
    data = json.loads(runner.invoke(app, ["document", DOC_ID, "--json", "--db", hostile_db]).stdout)
    assert data["id"] == DOC_ID and data["dateline"] == f"{CLEAR_SCREEN}{C1_CSI}"  # the data itself is kept


def test_clean_keeps_newline_tab_and_text_and_drops_c0_c1():
    assert clean("a\tb\nc") == "a\tb\nc"
    assert clean(f"x{TITLE_ESCAPE}y{CLEAR_SCREEN}z{C1_CSI}\x00\x7f") == "x]0;ownedy[2Jz2J"
    assert clean("Ünïcödé — 北京") == "Ünïcödé — 北京"
