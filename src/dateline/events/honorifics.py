"""Honorifics, styles and ranks before a name ("H.E. Mr.", "Datuk Seri", "Sheikh", "Lieutenant General").

They come from the table ``data/honorifics.txt``. ``mask_honorifics`` blanks them out of a
text (offsets kept) so that the name finder sees neither initials ("H.E.") nor name words
("Sheikh") in them, and title runs are not cut by their dots; ``honorific_before`` gives
back the words a name was preceded by.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from dateline.events.titles import is_title_word

# words before "General" that make it part of an office, not a rank: "Secretary General Mr. X"
_OFFICE_BEFORE_GENERAL = re.compile(
    r"(?:secretary|attorney|governor|director|prosecutor|consul|procurator|inspector|solicitor|auditor|"
    r"surgeon|postmaster|adjutant)[\s-]*$",
    re.IGNORECASE,
)


@cache
def honorific_entries() -> tuple[str, ...]:
    """The table's entries, longest first, lower case, without a final dot."""
    text = resources.files("dateline.data").joinpath("honorifics.txt").read_text(encoding="utf-8")
    entries = {line.strip().lower().rstrip(".") for line in text.splitlines() if line.strip() and line[0] != "#"}
    return tuple(sorted(entries, key=len, reverse=True))


def _written(entry: str) -> str:
    """A pattern for one entry as text writes it: capitalised words, or all capitals; spaces may vary."""
    words = entry.split()
    capitalised = [re.sub(r"(?:^|(?<=\.))([a-z])", lambda m: m.group(1).upper(), w) for w in words]
    forms = {" ".join(capitalised), entry.upper()}
    if words[0] == "the":
        forms.add(" ".join(["The", *capitalised[1:]]))
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in sorted(forms, key=len, reverse=True))


@cache
def _honorific_run() -> re.Pattern[str]:
    one = "|".join(f"(?:{_written(entry)})" for entry in honorific_entries() if len(entry) > 1)
    # a one-letter style ("U") is no initial only without a dot and before two name words or more
    letter = "|".join(entry.upper() for entry in honorific_entries() if len(entry) == 1)
    lone = rf"(?:{letter})[ \u00a0]+(?=[A-Z][a-z]+[ \u00a0]+[A-Z][a-z])" if letter else "(?!)"
    # one or more honorifics, each with an optional dot, followed by a capitalised word or an initial
    return re.compile(rf"(?<![\w.'’-])(?:(?:{one})\.?(?:\s+|(?=[A-Z]\.))|{lone})+(?=[A-Z])")


def honorific_runs(text: str) -> list[tuple[int, int]]:
    """Character spans of the honorific runs that stand before a capitalised word."""
    runs = []
    position = 0
    while match := _honorific_run().search(text, position):
        start, end = match.start(), match.start() + len(match.group().rstrip())
        if match.group().startswith("General") and _OFFICE_BEFORE_GENERAL.search(text[:start]):
            start += len("General")  # "Secretary General Mr. X": only "Mr." is an honorific
            while start < end and text[start].isspace():
                start += 1
            rest = _honorific_run().match(text, start)
            end = start + len(rest.group().rstrip()) if rest else start
        following = re.match(r"\s*([A-Z][\w-]*)", text[end:])
        last_word = text[start:end].split()[-1] if end > start else ""
        if following and is_title_word(following.group(1)) and is_title_word(last_word):
            end = start  # "Chief Minister X", "Chief Executive Officer X": an office, no honorific
        if end > start and _inside_a_name(text, start, end):
            end = start  # "Hassan Sheikh Mohamud", "Amina Sultan Ali": a name word between name words
        if end > start:
            runs.append((start, end))
        position = max(end, match.start() + 1)
    return runs


def mask_honorifics(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with every honorific run replaced by spaces (same length), and the runs' spans."""
    runs = honorific_runs(text)
    masked = list(text)
    for start, end in runs:
        masked[start:end] = " " * (end - start)
    return "".join(masked), runs


def honorific_before(text: str, runs: list[tuple[int, int]], name_start: int) -> str | None:
    """The honorific written right before a name ("H.E. Mr."), if any."""
    for start, end in runs:
        if end <= name_start and not text[end:name_start].strip():
            return re.sub(r"\s+", " ", text[start:end])
    return None


def _inside_a_name(text: str, start: int, end: int) -> bool:
    """A one-word honorific written between two capitalised words that are no offices: part of the name."""
    if " " in text[start:end].strip() or "." in text[start:end]:
        return False
    return inside_a_name(text, start)


def inside_a_name(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows a capitalised word that is neither an office nor an honorific
    ("Hassan Sheikh Mohamud", not "Minister Sheikh X" or "H.E. Sheikh X")."""
    before = re.search(r"(?<![\w.'’-])([A-Z][a-z]+)[ \u00a0]$", text[:start])
    if before is None or is_title_word(before.group(1)):
        return False
    return not _honorific_run().match(before.group(1) + " X")
