"""How the commands print: untrusted text made safe, tables that fit a terminal or stay whole in a pipe.

Everything an article, a file name or a user supplies is untrusted: it is printed as plain
text (never Rich markup) with control characters removed (C0 and C1, except newline and tab),
so a title cannot crash a command, become a hyperlink, set the window title or clear the screen.

On a terminal, tables fit its width. Piped or redirected output has no width to fit: tables
are then drawn as wide as their longest row, so each row stays on its lines instead of being
wrapped one word per line at 80 columns (``COLUMNS`` still sets a width when given).
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from typing import Any

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

PIPE_WIDTH = 10_000  # "as wide as the content": Rich tables only grow as far as their cells need

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C1 = re.compile(r"[\x7f-\x9f]")


def _console(stderr: bool = False) -> Console:
    console = Console(stderr=stderr, highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(stderr=stderr, highlight=False, width=PIPE_WIDTH)
    return console


console = _console()
err_console = _console(stderr=True)


def clean(value: object) -> str:
    """``value`` as text with control characters (C0 and C1 but newline and tab) removed."""
    return _CONTROL.sub("", str(value))


def cell(value: object) -> Text:
    """A table cell: plain, cleaned text (dates as ISO, None as empty)."""
    if value is None:
        return Text("")
    if isinstance(value, date):
        return Text(value.isoformat())
    return Text(clean(value))


def table(title: str, *columns: str) -> Table:
    """A table with a plain title and plain column headers (neither read as markup)."""
    result = Table(title=Text(clean(title)), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for column in columns:
        result.add_column(Text(column))
    return result


def show(renderable: RenderableType, *, gap: bool = False) -> None:
    """Print a table (or any renderable) on stdout; in a pipe without the padding at line ends.

    ``gap``: an empty line before it, to set it apart from what came before.
    """
    if gap:
        console.file.write("\n")
    if isinstance(renderable, Table) and renderable.title:  # on a line of its own, never wrapped to the table
        say(renderable.title)
        renderable.title = None
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    lines = captured.get().splitlines()
    console.file.write("".join(line.rstrip() + "\n" for line in lines))


def say(text: object) -> None:
    """One line (or more) of plain, cleaned text on stdout, never wrapped inside words."""
    console.print(Text(clean(text)), soft_wrap=True)


def warn(text: object) -> None:
    """One line of plain, cleaned text on stderr."""
    err_console.print(Text(clean(text)), soft_wrap=True)


def emit_json(data: Any) -> None:
    """One JSON document on stdout (UTF-8; control characters escaped, never raw)."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)
    text = _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)  # json escapes C0 itself
    console.file.write(text + "\n")
    console.file.flush()


def _json_default(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def ordinal(number: int | None) -> str | None:
    """12 → "12th"."""
    if number is None:
        return None
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def span(start: date | None, end: date | None) -> str:
    """A day or a range of days: "2021-07-13", "2021-07-13 – 2021-07-14"."""
    if start is None:
        return ""
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"
