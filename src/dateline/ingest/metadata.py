"""What an article says about itself: publication date, outlet, dateline city, title.

Everything comes from the text's own furniture, never from its story: a ``date 2017-04-06``
header line, a dateline (``ASTANA. KAZINFORM``, ``MOSCOW, 5 April. /TASS/.``,
``BEIJING, April 6 (Xinhua) --``), a credit line at the end (``*UzA*``, ``Source: Reuters``),
"Kazinform has learned", a date in the article's address, or metadata its file carries.
A date in the body (the day of an event) is never taken for the publication date, a
capitalised first word is a city only if the gazetteer knows it, and whatever is not
stated stays None.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from datetime import date

from dateline.ingest.credits import (
    TRAILER_LINES,
    attributed_source,
    credit_source,
    dateline_agency,
    header_credit,
    header_outlet,
    outlet_name,
)
from dateline.ingest.dates import (
    DATE_TEXT,
    MONTH,
    MonthDay,
    date_from_url,
    parse_date_text,
    parse_published_value,
    urls_in,
    year_month_from_url,
)
from dateline.ingest.names import agency_name, city_before_country, city_name
from dateline.model import Document

log = logging.getLogger(__name__)

HEADER_LINES = 6  # the dateline or a date line sits in the first few non-empty lines
_MAX_TITLE_CHARS = 200

_DECORATION = re.compile(r"^[\s#>*_]+")
_TIME = (  # "10:15", "10:15 p.m.", "21:05:40+05:00", "15:10 (UTC+04:00)", "10:00 GMT", "[17:48]"
    r"(?:[ ]\[\d{1,2}:\d{2}\]|,?[ T]\d{1,2}:\d{2}(?::\d{2})?(?:[ ]?[AaPp]\.?[Mm]\.?)?(?:Z|[+\-]\d{2}:?\d{2})?"
    r"(?:[ ]*\(?(?:UTC|GMT)(?:[+\-−]\d{1,2}(?::?\d{2})?)?\)?|[ ][A-Z]{3,4}\b)?)?"
)
_SEGMENTS = re.compile(r"[ \t]*[|•·][ \t]*")  # "Source: Xinhua | 2019-06-12 21:05:40"
_DATE_LINE = re.compile(
    rf"(?:(?i:date|dated|published(?:[ ]on)?|publication[ ]date|posted(?:[ ]on)?|(?:last[ ])?updated(?:[ ]on)?)"
    rf"[ \t]*[:\-–—]?[ \t]*)"
    rf"(?P<value>{DATE_TEXT}){_TIME}(?![\w-])"
)
_LEADING_TIME = r"(?:\d{1,2}:\d{2}(?:[ ]?[AaPp]\.?[Mm]\.?)?(?:[ ][A-Z]{2,4})?[ ]*[,|/\-–—]?[ ]*)?"  # "16:32 - "
_PLACE_AFTER = r"(?:,[ ]+(?:The[ ])?[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+)?){1,2}"  # ", The Kremlin, Moscow"
_BARE_DATE_LINE = re.compile(  # a line that is only a date, with its time and perhaps the place
    rf"{_LEADING_TIME}(?P<value>{DATE_TEXT})(?:{_TIME}|\d{{1,2}}:\d{{2}})(?:{_PLACE_AFTER})?[ \t]*$"
)
_TITLE_DATE = re.compile(rf"\((?P<value>{DATE_TEXT})\)[ ]*$")  # "Joint Statement … (12 February 2024)"
_PAREN_CREDIT = re.compile(  # "(Northwire / Agencies - 14th Feb, 2021)"
    rf"\((?P<outlet>[^()/\n]{{2,40}}?)(?:[ ]*/[ ]*[^()/\n]{{2,40}}?)*[ ]*[-–—,][ ]*(?P<value>{DATE_TEXT})\)"
)

# --- the dateline grammar: PLACE [, REGION] [[,.] DATE] [AGENCY] END ---
_WORD = r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*"
_CONNECTOR = r"(?:de|da|do|dos|del|della|di|la|le|les|al|el|es|on|upon|am|an|der|im|sur)"
_PLACE = re.compile(rf"(?:(?:ST|St|FT|Ft|MT|Mt)\.[ ]?)?{_WORD}(?:[ ](?:{_CONNECTOR}[ ])?{_WORD}){{0,3}}")
_REGION = re.compile(rf",[ ](?P<region>{_WORD}(?:[ ]{_WORD}){{0,2}}|[A-Z]\.[A-Z]\.)(?=[,.]?[ ])")
_BRACKET_REGION = re.compile(rf"[ ]*\[{_WORD}(?:[ ]{_WORD}){{0,2}}\]")  # "Male [Maldives], March 9"
_WEEKDAY = r"(?i:mon|tues|wednes|thurs|fri|satur|sun)day"
_DATE = re.compile(rf"[,.]?[ ]+(?:{_WEEKDAY},?[ ]+)?(?P<date>{DATE_TEXT})(?![\w])")
_PAREN_AGENCY = re.compile(r"[.,]?[ ]*\((?P<agency>[^()\n]{1,40})\)")
_SLASH_AGENCY = re.compile(r"[.,]?[ ]*/(?P<agency>[^/\n]{1,40})/\.?")
_NAMED_AGENCY = re.compile(r"[.,][ ]+(?P<agency>[^\W_][\w&.'’\-]*(?:[ ][^\W_][\w&.'’\-]*){0,4})")
_END = re.compile(r"[ ]*(?:\*+[ ]*)?(?:-{1,2}|[–—]|[.:,])(?=\s|$)|[ ]*$")
_DASH_END = re.compile(r"[ ]*(?:\*+[ ]*)?(?:-{1,2}|[–—]|:)(?=\s)")  # "DUSHANBE —", "KABUL:"
_MONTH_OR_DAY = re.compile(rf"^(?:{MONTH}|{_WEEKDAY})$")

_URL_LINE = re.compile(
    r"^[*_(\[]*(?:(?i:link|url|source|original|original article|read more|permalink)[ \t]*[:\-–—]?[ \t]*)?"
    r"[*_(\[<]*(?P<url>(?i:https?://|www\.)\S+?)[>)\]*_.]*$"
)


@dataclass(frozen=True)
class Dateline:
    """A parsed dateline: the city (gazetteer-checked), the agency and the date it names."""

    city: str | None
    agency: str | None
    when: date | MonthDay | None


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    published: date | None = None
    source: str | None = None
    dateline: str | None = None
    url: str | None = None


def _nonempty_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _undecorated(line: str) -> str:
    return _DECORATION.sub("", line)


def _capitalised(words: str) -> bool:
    return all(w[:1].isupper() or re.fullmatch(_CONNECTOR, w) for w in words.replace(".", ". ").split())


def _agency_from_words(words: str, end_of_match: str) -> str | None:
    """The longest known agency the words start with; else all-capital words before a dash."""
    parts = words.split(" ")
    for n in range(len(parts), 0, -1):
        candidate = " ".join(parts[:n]).rstrip(".")
        known = agency_name(candidate)
        if known and (candidate == known or candidate.isupper() or candidate[:1].isupper()):
            return known
    if words.isupper() and len(parts) <= 3 and _DASH_END.match(end_of_match):
        return words
    return None


def parse_dateline(line: str) -> Dateline | None:
    """Read a dateline at the start of ``line``, or return None if the line does not start with one."""
    place_match = _PLACE.match(line)
    if place_match is None or not _capitalised(place_match.group()):
        return None
    place, pos = place_match.group(), place_match.end()
    if bracket := _BRACKET_REGION.match(line, pos):
        pos = bracket.end()
    region = _REGION.match(line, pos)
    if region and not _MONTH_OR_DAY.match(region["region"]) and _capitalised(region["region"]):
        pos = region.end()
    when: date | MonthDay | None = None
    date_match = _DATE.match(line, pos)
    if date_match:
        when = parse_date_text(date_match["date"])
        if when is not None:
            pos = date_match.end()
    agency = None
    for pattern in (_PAREN_AGENCY, _SLASH_AGENCY):
        agency_match = pattern.match(line, pos)
        if agency_match and (agency := dateline_agency(agency_match["agency"])):
            pos = agency_match.end()
            break
    else:
        named = _NAMED_AGENCY.match(line, pos)
        if named:
            agency = _agency_from_words(named["agency"], line[named.end() :])
            if agency:
                pos = named.start("agency") + len(agency)
    if agency is None:
        if when is not None and not _END.match(line, pos):
            return None
        if when is None and not (place.isupper() and _DASH_END.match(line, pos)):
            return None
    city = city_name(place) or city_before_country(place)
    if city is None and agency is None and when is None:
        return None
    if city is None and not (place.isupper() or (agency and agency_name(agency))):
        return None  # an unknown capitalised word and a weak structure: not a dateline
    return Dateline(city=city, agency=agency, when=when)


def _header_candidates(lines: list[str]) -> tuple[date | None, list[str]]:
    """The date a header line states, and the places in the header where a dateline may start."""
    stated: date | None = None
    starts: list[str] = []
    for line in lines[:HEADER_LINES]:
        line = _undecorated(line)
        if stated is None and _SEGMENTS.search(line):
            for segment in _SEGMENTS.split(line):
                found = _DATE_LINE.fullmatch(segment) or _BARE_DATE_LINE.match(segment)
                value = parse_date_text(found["value"]) if found else None
                if isinstance(value, date):
                    stated = value
                    break
        match = _DATE_LINE.match(line) or _BARE_DATE_LINE.match(line)
        if match:
            value = parse_date_text(match["value"])
            if stated is None and isinstance(value, date):
                stated = value
            rest = _undecorated(line[match.end() :].lstrip(" \t|,;:-–—"))
            if rest:
                starts.append(rest)
            continue
        starts.append(line)
    return stated, starts


_BLANK_LINE_NEXT = re.compile(r"[ \t]*\n[ \t]*\n")


def _followed_by_blank_line(text: str, line: str) -> bool:
    """Whether ``line`` occurs somewhere in ``text`` followed by a blank line (no pattern built per text)."""
    at = text.find(line)
    while at >= 0:
        if _BLANK_LINE_NEXT.match(text, at + len(line)):
            return True
        at = text.find(line, at + 1)
    return False


def _title_from_text(lines: list[str], text: str) -> str | None:
    for line in lines[:3]:
        heading = re.match(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", line)
        if heading:
            return heading[1].strip("*_ ") or None
    if not lines:
        return None
    first = lines[0]
    candidate = first.strip("*_ ")
    if (
        _followed_by_blank_line(text, first)
        and candidate
        and len(candidate) <= _MAX_TITLE_CHARS
        and not re.search(r"[.,;:]$", candidate)
        and not (_DATE_LINE.match(candidate) or _BARE_DATE_LINE.match(candidate))
        and parse_dateline(candidate) is None
    ):
        return candidate
    return None


def _address_lines(lines: list[str]) -> list[str]:
    """The article's own address: a header or trailer line that is only a (labelled) URL.

    A link inside a sentence points elsewhere (an earlier story) and is not used.
    """
    found: list[str] = []
    for line in lines[:HEADER_LINES] + lines[-TRAILER_LINES:]:
        match = _URL_LINE.match(line)
        if match:
            found.extend(urls_in(match["url"]))
    return found


_ISSUER = re.compile(
    r"^(?:(?:The|the)\s+)?(?:Ministry|Cabinet|Government|Office|Administration|Presidency|Embassy|"
    r"Permanent Mission|Press Service|Secretariat|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+Chairmanship)\b[^.!?:]{0,100}$"
)


def _issuing_body(lines: list[str]) -> str | None:
    """The body that issues a press release, named on a line of its own at the top:
    "Ministry of Foreign Affairs of the Republic of Tajikistan", "OSCE Chairmanship of the Netherlands"."""
    for line in lines[:3]:
        line = _undecorated(line).strip()
        if _ISSUER.match(line) and len(line.split()) <= 14 and not line.lower().startswith("press service"):
            return line
    return None


def _header_segments(lines: list[str]) -> list[str]:
    return [segment for line in lines[:HEADER_LINES] for segment in _SEGMENTS.split(_undecorated(line))]


def _paren_credit(lines: list[str]) -> tuple[str | None, date | None]:
    """An outlet and a date between brackets in the header or at the end: ``(Northwire / Agencies -
    14th Feb, 2021)``."""
    for line in lines[:HEADER_LINES] + lines[-TRAILER_LINES:]:
        for match in _PAREN_CREDIT.finditer(line):
            value = parse_date_text(match["value"])
            outlet = outlet_name(match["outlet"], acronym=True)
            if outlet is None and "/" in match.group():  # "(Northwire / Agencies - …)": a credit's shape
                outlet = dateline_agency(match["outlet"])
            if isinstance(value, date) and outlet:
                return outlet, value
    return None, None


def _title_date(lines: list[str]) -> date | None:
    """A date between brackets closing the first line: ``Joint Statement … (12 February 2024)``."""
    match = _TITLE_DATE.search(lines[0]) if lines else None
    value = parse_date_text(match["value"]) if match else None
    return value if isinstance(value, date) else None


def extract_metadata(
    text: str,
    *,
    title: str | None = None,
    published: object = None,
    url: str | None = None,
    source: str | None = None,
    sitename: str | None = None,
    where: str = "",
) -> Metadata:
    """Publication date, outlet, dateline city and title of one article.

    Keyword arguments are what the file itself says (a JSON record's fields, HTML metadata);
    they take precedence over what is read from the text, except ``sitename``, the weakest
    clue to the outlet. ``where`` names the file in log messages.
    """
    lines = _nonempty_lines(text)
    stated, starts = _header_candidates(lines)
    dateline = next((found for s in starts if (found := parse_dateline(s))), None)
    urls = ([url] if url else []) + _address_lines(lines)

    given = parse_published_value(published)
    if published not in (None, "") and given is None:
        log.warning("%s: ignoring unreadable publication date %r", where, published)
    day = given or stated
    if day is None and dateline and isinstance(dateline.when, date):
        day = dateline.when
    credited, credit_day = _paren_credit(lines)
    day = day or credit_day or _title_date(lines)
    if day is None:
        day = next((d for u in urls if (d := date_from_url(u))), None)
    if day is None and dateline and isinstance(dateline.when, MonthDay):
        for u in urls:  # "April 6" in the dateline, /2017/04/ in the address
            year_month = year_month_from_url(u)
            if year_month and year_month[1] == dateline.when.month:
                day = dateline.when.in_year(year_month[0])
                break

    outlet = (agency_name(source) or source.strip()) if source and source.strip() else None
    outlet = outlet or (dateline.agency if dateline else None)
    outlet = outlet or credited
    outlet = outlet or header_outlet(starts[:HEADER_LINES], title or _title_from_text(lines, text))
    outlet = outlet or credit_source(lines) or header_credit(_header_segments(lines)) or attributed_source(lines)
    outlet = outlet or _issuing_body(lines)
    if outlet is None and sitename and sitename.strip():
        outlet = agency_name(sitename) or sitename.strip()

    return Metadata(
        title=(title.strip() or None) if title else _title_from_text(lines, text),
        published=day,
        source=outlet,
        dateline=dateline.city if dateline else None,
        url=url or None,
    )


def content_hash(text: str, meta: Metadata) -> str:
    """sha256 over the text and every metadata field, so any change to either is seen."""
    payload = [text, meta.title, meta.published.isoformat() if meta.published else None, meta.source,
               meta.dateline, meta.url]  # fmt: skip
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


def build_document(doc_id: str, path: str, text: str, fmt: str, **given: object) -> Document:
    """A Document with its metadata and content hash; ``given`` goes to :func:`extract_metadata`.

    NUL characters (a JSON ``\\u0000``, a UTF-16 file) are dropped from the text, the id and
    the given metadata: they mean nothing in an article and PostgreSQL cannot store them.
    """
    doc_id, text = _without_nul(doc_id), _without_nul(text)
    given = {name: _without_nul(value) if isinstance(value, str) else value for name, value in given.items()}
    meta = extract_metadata(text, where=f"{path} ({doc_id})", **given)  # type: ignore[arg-type]
    return Document(
        id=doc_id,
        path=path,
        text=text,
        title=meta.title,
        published=meta.published,
        source=meta.source,
        dateline=meta.dateline,
        url=meta.url,
        format=fmt,
        content_hash=content_hash(text, meta),
    )


def _without_nul(value: str) -> str:
    return value.replace("\x00", "") if "\x00" in value else value
