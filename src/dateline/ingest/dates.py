"""Dates as articles and their addresses write them: header values, datelines, URLs.

Only complete, valid calendar dates come out of here; anything ambiguous or partial is
returned as such (``MonthDay``) or not at all, so that the caller never has to guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# Day and month in either order, an optional year; ISO; day.month.year.
DATE_TEXT = (
    rf"(?:{MONTH}[ \u00a0]+{_DAY}(?:,?[ \u00a0]+\d{{4}})?"
    rf"|{_DAY}[ \u00a0]+{MONTH}(?:,?[ \u00a0]+\d{{4}})?"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})"
)
_DATE_PARTS = re.compile(
    rf"^(?:(?P<m1>{MONTH})[ \u00a0]+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?[ \u00a0]+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?[ \u00a0]+(?P<m2>{MONTH})(?:,?[ \u00a0]+(?P<y2>\d{{4}}))?"
    r"|(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})"
    r"|(?P<d4>\d{1,2})\.(?P<m4>\d{1,2})\.(?P<y4>\d{4}))$"
)
MIN_YEAR = 1990  # news archives worth reading here start after this; older "dates" in URLs are ids


@dataclass(frozen=True)
class MonthDay:
    """A day and month stated without a year ("April 6")."""

    month: int
    day: int

    def in_year(self, year: int) -> date | None:
        return make_date(year, self.month, self.day)


def make_date(year: int, month: int, day: int) -> date | None:
    """A valid date within the plausible range, or None."""
    if not MIN_YEAR <= year <= datetime.now().year + 1:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_number(name: str) -> int | None:
    return _MONTH_NUMBERS.get(name.strip(". ").lower()[:3])


def parse_date_text(value: str) -> date | MonthDay | None:
    """Parse one of the DATE_TEXT forms: a full date, a day and month without year, or None."""
    match = _DATE_PARTS.match(value.strip())
    if match is None:
        return None
    groups = match.groupdict()
    for i in "1234":
        if groups[f"d{i}"] is None:
            continue
        raw_month = groups[f"m{i}"]
        month = int(raw_month) if raw_month.isdigit() else month_number(raw_month)
        day = int(groups[f"d{i}"])
        year = groups[f"y{i}"]
        if month is None:
            return None
        if year is None:
            return MonthDay(month, day) if make_date(2000, month, day) else None  # 2000: leap year
        return make_date(int(year), month, day)
    return None


def parse_published_value(value: object) -> date | None:
    """A publication date given as metadata: a date, an ISO date or timestamp, or a DATE_TEXT form."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    parsed = parse_date_text(text)
    return parsed if isinstance(parsed, date) else None


# --- dates in URLs: /2016/04/15/, -15-04-2016, 20160415, 2016-04-15 ---
_URL_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_.-](\d{1,2})[/_.-](\d{1,2})(?!\d)")
_URL_DMY = re.compile(r"(?<!\d)(\d{1,2})[_.-](\d{1,2})[_.-]((?:19|20)\d\d)(?!\d)")
_URL_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_YM = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])(?:/|$)")
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.IGNORECASE)


def _url_path(url: str) -> str:
    try:
        parts = urlsplit(url if "://" in url else "http://" + url)
    except ValueError:
        return ""
    return parts.path + ("?" + parts.query if parts.query else "")


def date_from_url(url: str) -> date | None:
    """The date an article's address states, or None when it states none or is ambiguous.

    ``-03-04-2016`` could be 3 April or 4 March: such a slug gives no date.
    """
    path = _url_path(url)
    for match in _URL_YMD.finditer(path):
        found = make_date(int(match[1]), int(match[2]), int(match[3]))
        if found:
            return found
    for match in _URL_DMY.finditer(path):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if first > 12 or first == second:
            found = make_date(year, second, first)
        elif second > 12:
            found = make_date(year, first, second)
        else:
            found = None  # both orders valid: do not guess
        if found:
            return found
    for match in _URL_COMPACT.finditer(path):
        found = make_date(int(match[1]), int(match[2]), int(match[3]))
        if found:
            return found
    return None


def year_month_from_url(url: str) -> tuple[int, int] | None:
    """The year and month of an address such as ``/2017/04/slug``, when it gives no day."""
    match = _URL_YM.search(_url_path(url))
    if match and make_date(int(match[1]), int(match[2]), 1):
        return int(match[1]), int(match[2])
    return None


def urls_in(text: str) -> list[str]:
    return [u.rstrip(".,;:!?>*_") for u in URL_RE.findall(text)]
