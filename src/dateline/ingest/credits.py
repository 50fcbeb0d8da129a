"""The outlet an article names as its writer, from the text's furniture and its attributions.

In the order :func:`dateline.ingest.metadata.extract_metadata` tries them after the dateline:
a byline (``By Leman Zeynalova – Trend:``, ``By Eurasia Review``), an outlet on a header line
of its own (``UNB``, ``Trend:``, ``News Central Asia (nCa)``), a credit at the end (``— Xinhua``,
``Source: Reuters``, ``… in Bucharest. AGERPRES``, ``///nCa, 25 April 2023``, a last line
``News.Az``), a header credit (``Source: Xinhua | 2019-06-12``), and the opening's attributions
(``Kazinform has learned``, ``a Trend correspondent``, ``, Trend reports.``, ``reports news
agency UNB``, ``told News.Az``). An unknown name is taken only where it is written as an
outlet's name: a known agency, an address (``BNews.kz``), words outlets are named with
(``Review``, ``News``), or — where the position is strong — an acronym.
"""

from __future__ import annotations

import functools
import importlib.resources
import re

from dateline.ingest.dates import urls_in
from dateline.ingest.names import agency_name, is_agency_mention

TRAILER_LINES = 3  # a credit line or the article's link sits in the last few
CREDIT_TRIM = " \t*_[](){}<>—–-.,;:|\"'“”«»/"

_CREDIT = re.compile(r"^(?i:source|sources|credit|courtesy(?:[ ]of)?)[ \t]*[:\-–—][ \t]*(?P<name>.+)$")
_INLINE_CREDIT = re.compile(
    r"(?:\((?P<paren>[^()\n]{2,40})\)|(?:[—–]|/{2,})[ ]*(?P<dash>[^\s—–/][^—–/\n]{0,38}?))"
    r"(?:,[ ]*[^,\n]{4,30})?[ .]*$"  # "///nCa, 25 April 2023": a date after the name
)
_LAST_WORDS = re.compile(r"[.!?\"”»)][ ]+(?P<name>[^\s.!?]{2,30}(?:[ ][^\s.!?]{2,30}){0,2})[ ]*$")
_LINK_LINE = re.compile(r"^(?i:link|url|original|read more|photo|image)\b.*|^\W*(?:https?://|www\.)\S+\W*$")
_NAME_WORD = r"\b(?!has\b)[^\W\d_][\w.\-]*"
_NAME_WORDS = rf"(?P<name>{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,2}})"
_HAS_LEARNED = re.compile(rf"{_NAME_WORDS}[ ]+(?:has[ ]+)?learn(?:ed|t)\b")
_CORRESPONDENT = re.compile(rf"\b(?:an?|the)[ ]+{_NAME_WORDS}[ ]+correspondent")
# the outlet speaking of itself: "Northwire is live from Lakeport", "Follow Northwire's live feed"
_IS_LIVE = re.compile(rf"{_NAME_WORDS}[ ]+is[ ]+live\b")
_FOLLOW_US = re.compile(rf"\b(?i:follow|subscribe[ ]to)[ ]+{_NAME_WORDS}(?:'s|’s)[ ]")
_OUTLET_TOKEN = r"(?:[A-Z][\w&'’\-]*(?:\.[A-Za-z]{2,})*|[a-z][\w-]*(?:\.[A-Za-z]{2,})+)"
_OUTLET_WORDS = rf"(?P<name>{_OUTLET_TOKEN}(?:[ ]{_OUTLET_TOKEN}){{0,3}})"
_REPORTS_AFTER = re.compile(  # ", Trend reports." — the clause ends with the attribution
    rf"(?:[,;]|…|\.\.\.)[ ]*{_OUTLET_WORDS}[ ]+(?:reports|reported|has[ ]reported|informs)"
    rf"(?=[.,;:]|[ ]+(?:citing|quoting|with|via|per|from)\b)"
)
_REPORTS_BEFORE = re.compile(
    rf"\b(?:reports|reported[ ]by|told|according[ ]to|citing|quoting)[ ]+"
    rf"(?:(?:the[ ])?news[ ]agency[ ]|the[ ]agency[ ])?"
    rf"{_OUTLET_WORDS}(?=[.,;:]|[ ]*(?:\n|$)|[ ]+(?:reports|citing|with|via|per)\b)"
)
_BYLINE = re.compile(  # "By Leman Zeynalova – Trend:", "By Eurasia Review"
    r"^(?i:by)[ ]+(?P<writer>[^|\n]{2,80}?)(?:[ ]+(?:[–—|]|-{1,2})[ ]+(?P<outlet>[^|\n]{2,60}?))?[ ]*:?$"
)
_SEGMENTS = re.compile(r"[ \t]*[|•·][ \t]*")  # "2019-06-12 21:05 | www.trend.az"
_ABBREVIATED = re.compile(r"^(?P<name>[^()]{2,60}?)[ ]*\((?P<short>[^()]{2,10})\)$")
_DOMAIN = re.compile(r"^(?:www\.)?(?P<label>[A-Za-z0-9][\w-]*)(?:\.[A-Za-z]{2,}){1,2}$")
_NAME_TOKEN = re.compile(r"^[^\W_][\w&'’.\-]*$")
_ACRONYM = re.compile(r"^[A-Z]{2,8}$")
_NOT_CREDITS = frozenset({"END", "ENDS", "MORE", "TBC", "PHOTO", "VIDEO", "UPDATE", "AFP/JIJI"})
_STAFF_WORDS = frozenset(  # "Herald Correspondent", "Press Service": the outlet's or the body's staff
    {"correspondent", "reporter", "reporters", "staff", "writer", "bureau", "desk", "editor", "service", "release"}
    | {"office", "department", "centre", "center", "team", "division", "section"}
)
_PAGE_WORDS = frozenset(  # "Related News", "Latest News": a web page's furniture, not an outlet
    {"related", "latest", "top", "more", "other", "breaking", "recent", "popular", "trending", "recommended"}
    | {"read", "see", "follow", "share", "subscribe", "also", "world", "local", "business", "sports", "all"}
)
_CONNECTORS = frozenset({"of", "the", "and", "&", "de", "al"})


@functools.cache
def _outlet_words() -> frozenset[str]:
    text = importlib.resources.files("dateline.data").joinpath("outlet_words.txt").read_text("utf-8")
    return frozenset(w.strip().casefold() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def outlet_name(name: str, *, acronym: bool = False) -> str | None:
    """``name`` as an outlet's name: a known agency (its canonical spelling), an address
    (``www.trend.az`` → ``Trend``, ``BNews.kz``), capitalised words one of which outlets are
    named with (``Eurasia Review``), and, with ``acronym``, capitals alone (``UNB``)."""
    name = re.sub(r"\s+", " ", name.strip(CREDIT_TRIM))
    if not name or len(name) > 60:
        return None
    if known := is_agency_mention(name):
        return known
    domain = _DOMAIN.match(name)
    if domain and any(ch.isalpha() for ch in domain["label"]):
        return agency_name(domain["label"]) or name.removeprefix("www.")
    words = name.split(" ")
    while words and words[-1].casefold() in _STAFF_WORDS:
        words.pop()
    name = " ".join(words)
    if not words or words[0].casefold() in _PAGE_WORDS or len(words) > 5:
        return None
    if not all(w[:1].isupper() or w.casefold() in _CONNECTORS for w in words):
        return None
    if not all(_NAME_TOKEN.match(w) for w in words) or (len(words) == 1 and name.casefold() in _outlet_words()):
        return None  # "Source: X" is a label, "News" alone a section
    if any(w.casefold() in _outlet_words() for w in words) and words[0][:1].isupper():
        return name
    if len(words) == 1 and any(name.casefold().endswith(w) and len(name) > len(w) + 2 for w in _outlet_words()):
        return name  # "Azernews", "Tengrinews"
    if acronym and len(words) == 1 and _ACRONYM.match(name) and name not in _NOT_CREDITS:
        return name
    return None


def _short_form(name: str, short: str) -> bool:
    """``nCa`` abbreviates ``News Central Asia``: its letters are the words' initials."""
    initials = "".join(w[0] for w in name.split() if w[:1].isalpha()).casefold()
    return short.isalpha() and short.casefold() == initials


def _clean_agency(raw: str) -> str | None:
    name = raw.strip(CREDIT_TRIM + " ")
    if not name or len(name.split()) > 5 or not (name[0].isupper() or name[0].isdigit()) or name.isdigit():
        return None
    known = agency_name(name)
    if known:
        return known
    if any(ch.isdigit() for ch in name) or urls_in(name):  # "(UPDATE 2)", a date, an address
        return None
    return name


def dateline_agency(raw: str) -> str | None:
    """The agency between brackets or slashes in a dateline: a name, or an address (``diplomat.so``)."""
    name = raw.strip(CREDIT_TRIM + " ")
    domain = _DOMAIN.match(name)
    if domain and not name.startswith("www."):
        return agency_name(domain["label"]) or name
    return _clean_agency(raw)


def header_outlet(lines: list[str], title: str | None) -> str | None:
    """A byline or a header line that is only an outlet's name.

    ``By Leman Zeynalova – Trend:`` → Trend; ``By Eurasia Review``; ``UNB``; ``Trend:``;
    ``News Central Asia (nCa)`` → nCa. A byline naming a person only gives nothing.
    """
    for line in (segment for header in lines for segment in _SEGMENTS.split(header)):
        byline = _BYLINE.match(line)
        if byline:
            if byline["outlet"]:
                return outlet_name(byline["outlet"], acronym=True) or _clean_agency(byline["outlet"])
            return outlet_name(byline["writer"])
        if title and line.strip("*_# ") == title:
            continue
        bare = line.strip("*_ ").rstrip(":").strip()
        abbreviated = _ABBREVIATED.match(bare)
        if abbreviated and outlet_name(abbreviated["name"]):
            short = abbreviated["short"]
            return short if _short_form(abbreviated["name"], short) else outlet_name(abbreviated["name"])
        if len(bare.split()) <= 5 and (found := outlet_name(bare, acronym=True)):
            return found
    return None


def credit_source(lines: list[str]) -> str | None:
    """An outlet credited at the end: ``*UzA*``, ``— Xinhua``, ``Source: Reuters``, ``... (AP)``,
    ``…in Bucharest. AGERPRES``, ``///nCa, 25 April 2023``, a last line ``News.Az``."""
    tail = [line for line in lines[-(TRAILER_LINES + 2) :] if not _LINK_LINE.match(line)][-TRAILER_LINES:]
    for n, line in enumerate(reversed(tail)):
        bare = line.strip(CREDIT_TRIM)
        if bare and (known := is_agency_mention(bare)):
            return known
        if n == 0 and len(bare.split()) <= 3 and (found := outlet_name(bare, acronym=True)):
            return found
        credit = _CREDIT.match(line)
        if credit:
            name = _clean_agency(credit["name"])
            if name:
                return name
        inline = _INLINE_CREDIT.search(line)
        if inline:
            name = (inline["paren"] or inline["dash"] or "").strip(CREDIT_TRIM)
            if found := outlet_name(name, acronym=inline["dash"] is not None):
                return found
            if "//" in inline.group() and name and len(name.split()) <= 3 and not any(c.isdigit() for c in name):
                return name  # "///nCa": slashes mark a credit, whatever the name's casing
        follow = _FOLLOW_US.search(line)
        if follow and (known := is_agency_mention(follow["name"])):
            return known
        last = _LAST_WORDS.search(line)
        if n == 0 and last and (found := outlet_name(last["name"], acronym=True)):
            return found
    return None


def header_credit(segments: list[str]) -> str | None:
    """An outlet a header line credits: ``Source: Xinhua | 2019-06-12 21:05``."""
    for segment in segments:
        credit = _CREDIT.match(segment)
        if credit and (name := _clean_agency(credit["name"])):
            return name
    return None


def attributed_source(lines: list[str]) -> str | None:
    """An agency the opening names as the writer: "Kazinform has learned", "a Trend correspondent",
    ", Trend reports.", "reports news agency UNB", "told News.Az", "citing Trend:", "Trend is live from"."""
    opening = "\n".join(lines[:4])[:1500]
    for pattern in (_HAS_LEARNED, _CORRESPONDENT, _IS_LIVE):
        for match in pattern.finditer(opening):
            words = match["name"].split(" ")
            for n in range(len(words)):  # the longest known name ending right before the phrase
                if known := is_agency_mention(" ".join(words[n:])):
                    return known
    found: list[tuple[int, str]] = []
    for pattern in (_REPORTS_AFTER, _REPORTS_BEFORE):
        for match in pattern.finditer(opening):
            words = match["name"].split(" ")
            for n in range(len(words)):  # the longest outlet name the words end with
                candidate = " ".join(words[n:])
                name = outlet_name(candidate, acronym=True)
                if name is None and pattern is _REPORTS_AFTER and n == 0:
                    name = candidate  # ", Northwire reports.": the position says it is an outlet
                if name:
                    found.append((match.start("name"), name))
                    break
    return min(found)[1] if found else None
