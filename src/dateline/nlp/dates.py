"""Date expressions in a text, resolved against the article's publication date.

Spans are found with regular expressions and their values computed with ``datetime``:
no general date parser runs over the text, so no neighbouring words are dragged into a
match and a missing year is never read from a day number ("on 13-14 April" is 13-14 April
of the year nearest the publication date, not April 2014).

Rules (each one tested in tests/test_dates.py):

- A day and month without a year take the year that puts the date nearest the publication
  date (ties go to the past): 5 April in an article of 6 April 2017 is 2017-04-05, 28
  December in one of 2 January 2018 is 2017-12-28. A month without a year ("in June") is
  likewise the nearest June. "June 8-9 this year", "in June last year" and "of the current
  year" count years from the publication year.
- A weekday alone ("on Tuesday") is the most recent such day on or before the publication
  date (news reports what happened); "last Tuesday" the most recent strictly before it;
  "next Tuesday" / "coming Tuesday" the first strictly after it; "this Tuesday" the one in
  the publication date's Monday-Sunday week.
- "this/last/next week" is the Monday-Sunday week (granularity "week"); "this/last/next
  month" and "year" the calendar month and year; "three days ago" a day; "a month ago" a month.
- Vague expressions ("these days", "recently", "soon", "in the near future", "in the coming
  weeks") are kept with ``start``/``end`` None.
- Without a publication date, nothing is resolved that needs one: such mentions are kept
  with ``start``/``end``/``granularity`` None. Today's date is never used.
- ``relative`` is True whenever the value depends on the publication date: relative words,
  weekdays, and dates whose year was filled from it.
- Years alone count only after a preposition ("in 2018", "by 2030", "for 2017-2022" is a
  year range), never after a noun ("Resolution 2254", "Mission-2016"); 1800-2099 only.
- A text that glosses its "today" ("a statement today (12 February)") is read from that day, when the
  page's date lies within two weeks of it.
- Numeric dates are ISO (2017-04-05) or day-first with dots (05.04.2017); slashed dates
  (04/05/2017) are ambiguous between day-first and month-first and are not read.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dateline.model import DateMention, Sentence

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]  # fmt: skip
_MONTH_NUMBER = {name: i for i, name in enumerate(_MONTHS, 1)}
_MONTH_NUMBER.update({name[:3]: i for i, name in enumerate(_MONTHS, 1)})
_MONTH_NUMBER["sept"] = 9
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_REL_OFFSET = {"this": 0, "current": 0, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}


def _cased(words: Sequence[str]) -> str:
    """Capitalised and upper-case forms, longest first (month and weekday names are proper nouns)."""
    forms = sorted({w.capitalize() for w in words} | {w.upper() for w in words}, key=len, reverse=True)
    return "|".join(forms)


_SP = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"  # whitespace with at most one line break
_SO = r"[^\S\n]*"
_START = r"(?<![\w.,/:\-–—‒−])"  # nothing number-like or word-like glued to the front
_MONTH_FULL = rf"(?<![A-Za-z])(?:{_cased(_MONTHS)})(?![A-Za-z])"
_MONTH_ANY = (
    rf"(?<![A-Za-z])(?:{_cased(_MONTHS)}|(?:{_cased([m[:3] for m in _MONTHS if len(m) > 3] + ['sept'])})\.?)"
    r"(?![A-Za-z])"
)
_WEEKDAY = rf"(?<![A-Za-z])(?:{_cased(_WEEKDAYS)})(?![A-Za-z])"
_WD_PREFIX = rf"(?:{_WEEKDAY},?{_SP}(?:the{_SP})?)?"
# "7th July", and "7 th July" as press releases space it
_DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th| (?:st|nd|rd|th)\b)?(?![\d:%]|[.,]\d)"
_YEAR_NUMBER = r"(?:1[89]\d\d|20\d\d)(?![\d\-–]|[.,]\d)"
_DASH = rf"{_SO}[-–—‒−]{_SO}"
_SEP = rf"(?:{_DASH}|{_SP}(?P<sepword>(?i:to|till|until|through|thru|and)){_SP})"
_PREFIX = rf"(?:(?P<pre>(?i:from|between)){_SP})?"
_REL_WORDS = r"(?i:this|current|last|previous|past|next|coming)"
_REL_YEAR = rf"(?:,?{_SP}(?i:of{_SP})?(?i:the{_SP})?(?P<relyear>{_REL_WORDS}){_SP}(?i:year)\b)"


def _month(group: str, pattern: str = _MONTH_ANY) -> str:
    return f"(?P<{group}>{pattern})"


def _day(group: str) -> str:
    return f"(?P<{group}>{_DAY_NUMBER})"


def _year(group: str) -> str:
    return rf"(?:,?{_SP}(?P<{group}>{_YEAR_NUMBER}))"


_OF = rf"(?:{_SP}(?i:of))?{_SP}"
_YEAR_PART = rf"(?:{_year('y2')}|{_REL_YEAR})?"

# (kind, pattern): one resolver per kind below.
_PATTERNS: list[tuple[str, str]] = [
    # 30 March - 2 April 2017 · from 5 April to 6 April · between 30 March and 2 April
    ("days", rf"{_PREFIX}{_START}{_WD_PREFIX}{_day('d1')}{_OF}{_month('m1')}{_year('y1')}?{_SEP}"
             rf"{_WD_PREFIX}{_day('d2')}{_OF}{_month('m2')}{_YEAR_PART}"),
    # March 30 to April 2 · March 30 - April 2, 2017
    ("days", rf"{_PREFIX}{_WD_PREFIX}{_month('m1')}{_SP}{_day('d1')}{_year('y1')}?{_SEP}"
             rf"{_WD_PREFIX}{_month('m2')}{_SP}{_day('d2')}{_YEAR_PART}"),
    # 13-14 April 2016 · 5 to 6 April · between 5 and 6 April · 13th–14th of April
    ("days", rf"{_PREFIX}{_START}{_WD_PREFIX}{_day('d1')}{_SEP}{_day('d2')}{_OF}{_month('m2')}{_YEAR_PART}"),
    # April 5-6 · April 5–6, 2017 · June 8-9 this year
    ("days", rf"{_PREFIX}{_WD_PREFIX}{_month('m2')}{_SP}{_day('d1')}{_SEP}{_day('d2')}{_YEAR_PART}"),
    # 5 April 2017 · 5th of April · Tuesday, 5 April
    ("days", rf"{_START}{_WD_PREFIX}{_day('d2')}{_OF}{_month('m2')}{_YEAR_PART}"),
    # April 5, 2017 · April 5th · Tuesday, April 5
    ("days", rf"{_WD_PREFIX}{_month('m2')}{_SP}{_day('d2')}{_YEAR_PART}"),
    # 2017-04-05 · 2017/04/05
    ("numeric", r"(?<![\w.\-/])(?P<y>(?:1[89]|20)\d\d)(?P<s>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=s)"
                r"(?P<d>[12]\d|3[01]|0?[1-9])(?![\w\-/]|\.\d)"),
    # 05.04.2017 (day first)
    ("numeric", r"(?<![\w.\-/])(?P<d>[12]\d|3[01]|0?[1-9])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>(?:1[89]|20)\d\d)"
                r"(?![\w\-/]|\.\d)"),
    # June 2017 · June of 2017 · early June this year
    ("month", rf"{_month('m')}(?:,?{_SP}(?:(?i:of){_SP})?(?P<y>{_YEAR_NUMBER})|{_REL_YEAR})"),
    # this June · last May · next January
    ("month", rf"(?<![\w-])(?P<relword>(?i:this|last|next|coming|past)){_SP}{_month('m', _MONTH_FULL)}"),
    # in June · since March · early/mid/late June · the end of May
    ("month", rf"(?<![\w-])(?i:in|since|until|till|by|from|during|before|after|through|throughout|of|"
              rf"early|mid|late|for){_SP}(?:(?i:early|mid|late){_SP}|(?i:mid)-)?"
              rf"{_month('m', _MONTH_FULL)}"),
    # mid-June (the prefix is glued)
    ("month", rf"(?<![\w-])(?i:mid)-{_month('m', _MONTH_FULL)}"),
    # 2017-2022 · 2017–18 · from 2017 to 2020 · between 2016 and 2020
    ("years", rf"{_PREFIX}(?<![\w.,/:\-–—‒−])(?P<y1>(?:1[89]|20)\d\d){_SEP}(?P<y2>(?:1[89]|20)?\d\d)"
              r"(?![\w\-–—/]|[.,]\d)"),
    # in 2018 · by 2030 · since 1991 (the preposition is not part of the mention)
    ("year", rf"(?<![\w-])(?i:in|since|until|till|by|from|during|before|after|through|throughout|for|early|"
             rf"late|mid|(?:the{_SP})?year|end{_SP}of|beginning{_SP}of){_SP}(?P<y>{_YEAR_NUMBER})"
             r"(?![\w\-–—/])"),
    # yesterday · the day before yesterday · tonight · this morning
    ("word", r"(?<![\w-])(?P<word>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|"
             r"today|tomorrow|tonight|this\s+(?:morning|afternoon|evening)|last\s+night))(?![\w-])"),
    # Tuesday · last Tuesday · next Monday
    ("weekday", rf"(?<![\w-])(?:(?P<relword>(?i:this|last|next|coming|past)){_SP})?(?P<wd>{_WEEKDAY})"),
    # three days ago · a week ago
    ("ago", r"(?<![\w-])(?P<n>\d{1,3}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
            rf"twelve)){_SP}(?P<unit>(?i:day|week|month|year))s?{_SP}(?i:ago)(?![\w-])"),
    # this week · last month · next year · the current year
    ("period", rf"(?<![\w-])(?P<relword>{_REL_WORDS}){_SP}"
               r"(?P<unit>(?i:week|month|year))(?![\w-])"),
    # these days · recently · soon · in the near future · in the coming weeks
    ("vague", r"(?<![\w-])(?i:these\s+days|nowadays|recently|lately|(?<!as\s)soon(?!\s+as\b)|shortly|"
              r"in\s+the\s+(?:near|foreseeable)\s+future|in\s+the\s+(?:coming|next\s+few|next)\s+"
              r"(?:days|weeks|months|years)|in\s+recent\s+(?:days|weeks|months|years)|"
              r"in\s+the\s+(?:past|last)\s+(?:few\s+)?(?:days|weeks|months)|the\s+other\s+day)(?![\w-])"),
]  # fmt: skip
_COMPILED = [(kind, re.compile(pattern)) for kind, pattern in _PATTERNS]
_BETWEEN_RANGE = re.compile(rf"^(?:{_DASH}|{_SP}(?i:to|till|until|through|thru){_SP})$")
_AND = re.compile(rf"^{_SP}(?i:and){_SP}$")
_PREFIX_BEFORE = re.compile(rf"(?P<pre>(?i:from|between)){_SP}$")


@dataclass
class _Found:
    start: int
    end: int
    first: date | None = None
    last: date | None = None
    granularity: str | None = None
    relative: bool = False
    explicit: bool = False  # a complete day date with its year written out


# --- helpers ---------------------------------------------------------------------


def _number(text: str | None) -> int | None:
    return int(re.sub(r"\D", "", text)) if text else None


def _month_number(text: str | None) -> int | None:
    return _MONTH_NUMBER.get(text.rstrip(".").lower()) if text else None


def _plausible(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, published: date) -> int:
    """The year that puts day/month nearest the publication date; ties go to the past."""
    best: tuple[int, int] | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        candidate = _make(year, month, day)
        if candidate is None:
            continue
        distance = abs((candidate - published).days) * 2 + (candidate > published)
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else published.year


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _week(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


# --- resolvers: one per pattern kind; None drops the candidate ---------------------------


def _resolve_days(match: re.Match[str], published: date | None) -> _Found | None:
    groups = match.groupdict()
    d2, m2, y2 = _number(groups["d2"]), _month_number(groups["m2"]), _number(groups.get("y2"))
    d1 = _number(groups.get("d1")) or d2
    m1 = _month_number(groups.get("m1")) or m2
    y1 = _number(groups.get("y1"))
    assert d1 is not None and d2 is not None and m1 is not None and m2 is not None
    if not (_plausible(d1, m1) and _plausible(d2, m2)):
        return None
    sepword = (groups.get("sepword") or "").lower()
    pre = (groups.get("pre") or "").lower()
    if sepword == "and" and pre != "between" and not (m1 == m2 and d2 == d1 + 1):
        return None  # "5 and 7 April" are two days, not a range
    if pre == "between" and groups.get("d1") and sepword != "and":
        return None
    found = _Found(match.start(), match.end(), granularity="day")
    if y2 is None and groups.get("relyear"):
        if published is None:
            return _Found(match.start(), match.end(), relative=True)
        y2, found.relative = published.year + _REL_OFFSET[groups["relyear"].lower()], True
    if y1 is None and y2 is not None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    if y1 is None:
        if published is None:
            return _Found(match.start(), match.end(), relative=True)
        y1, found.relative = _nearest_year(m1, d1, published), True
    if y2 is None:
        y2 = y1 if (m2, d2) >= (m1, d1) else y1 + 1
    found.first, found.last = _make(y1, m1, d1), _make(y2, m2, d2)
    if found.first is None or found.last is None or found.last < found.first:
        return None
    found.explicit = not found.relative and found.first == found.last
    return found


def _resolve_numeric(match: re.Match[str], published: date | None) -> _Found | None:
    day = _make(int(match["y"]), int(match["m"]), int(match["d"]))
    if day is None:
        return None
    return _Found(match.start(), match.end(), day, day, "day", explicit=True)


def _nearest_month_year(month: int, published: date) -> int:
    """The year that puts the month nearest the publication month; ties go to the past."""
    now = published.year * 12 + published.month
    years = (published.year - 1, published.year, published.year + 1)
    return min(years, key=lambda year: (abs(year * 12 + month - now), year))


def _resolve_month(match: re.Match[str], published: date | None) -> _Found | None:
    month = _month_number(match["m"])
    assert month is not None
    groups = match.groupdict()
    year = _number(groups.get("y"))
    relyear, relword = (groups.get("relyear") or "").lower(), (groups.get("relword") or "").lower()
    # a leading preposition is not part of the mention ("in June" → "June"); "this June" is
    start = match.start() if relword else match.start("m")
    if year is None:
        if published is None:
            return _Found(start, match.end(), relative=True)
        if relyear:
            year = published.year + _REL_OFFSET[relyear]
        elif relword == "this":
            year = published.year
        elif relword in ("last", "past"):
            year = published.year if month < published.month else published.year - 1
        elif relword in ("next", "coming"):
            year = published.year if month > published.month else published.year + 1
        else:
            year = _nearest_month_year(month, published)
    return _Found(start, match.end(), *_month_range(year, month), "month", relative=groups.get("y") is None)


def _resolve_years(match: re.Match[str], published: date | None) -> _Found | None:
    first = int(match["y1"])
    text = match["y2"]
    last = int(text) if len(text) == 4 else first // 100 * 100 + int(text)
    pre = (match["pre"] or "").lower()
    sepword = (match["sepword"] or "").lower()
    if not first < last <= first + 100 or (sepword == "and") != (pre == "between"):
        return None
    if pre == "between" and sepword != "and":
        return None
    return _Found(match.start(), match.end(), date(first, 1, 1), date(last, 12, 31), "year")


def _resolve_year(match: re.Match[str], published: date | None) -> _Found | None:
    year = int(match["y"])
    return _Found(match.start("y"), match.end(), date(year, 1, 1), date(year, 12, 31), "year")


_WORD_OFFSET = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "last night": -1}


def _resolve_word(match: re.Match[str], published: date | None) -> _Found | None:
    word = " ".join(match["word"].lower().split())
    if word.startswith("the day before"):
        offset = -2
    elif word.startswith("the day after"):
        offset = 2
    else:
        offset = _WORD_OFFSET.get(word, 0)
    if published is None:
        return _Found(match.start(), match.end(), relative=True)
    day = published + timedelta(days=offset)
    return _Found(match.start(), match.end(), day, day, "day", relative=True)


def _resolve_weekday(match: re.Match[str], published: date | None) -> _Found | None:
    if published is None:
        return _Found(match.start(), match.end(), relative=True)
    target = _WEEKDAYS.index(match["wd"].lower())
    relword = (match["relword"] or "").lower()
    today = published.weekday()
    if relword in ("last", "past"):
        day = published - timedelta(days=(today - target) % 7 or 7)
    elif relword in ("next", "coming"):
        day = published + timedelta(days=(target - today) % 7 or 7)
    elif relword == "this":
        day = published + timedelta(days=target - today)
    else:
        day = published - timedelta(days=(today - target) % 7)
    return _Found(match.start(), match.end(), day, day, "day", relative=True)


def _shifted(published: date, unit: str, by: int) -> tuple[date, date, str]:
    if unit == "day":
        day = published + timedelta(days=by)
        return day, day, "day"
    if unit == "week":
        return (*_week(published + timedelta(weeks=by)), "week")
    if unit == "month":
        return (*_month_range(*_shift_month(published.year, published.month, by)), "month")
    year = published.year + by
    return date(year, 1, 1), date(year, 12, 31), "year"


def _resolve_ago(match: re.Match[str], published: date | None) -> _Found | None:
    if published is None:
        return _Found(match.start(), match.end(), relative=True)
    text = match["n"].lower()
    count = int(text) if text.isdigit() else _NUMBER_WORDS[text]
    first, last, granularity = _shifted(published, match["unit"].lower(), -count)
    return _Found(match.start(), match.end(), first, last, granularity, relative=True)


def _resolve_period(match: re.Match[str], published: date | None) -> _Found | None:
    if published is None:
        return _Found(match.start(), match.end(), relative=True)
    by = _REL_OFFSET[match["relword"].lower()]
    first, last, granularity = _shifted(published, match["unit"].lower(), by)
    return _Found(match.start(), match.end(), first, last, granularity, relative=True)


def _resolve_vague(match: re.Match[str], published: date | None) -> _Found | None:
    return _Found(match.start(), match.end())


_RESOLVERS: dict[str, Callable[[re.Match[str], date | None], _Found | None]] = {
    "days": _resolve_days, "numeric": _resolve_numeric, "month": _resolve_month,
    "years": _resolve_years, "year": _resolve_year, "word": _resolve_word, "weekday": _resolve_weekday,
    "ago": _resolve_ago, "period": _resolve_period, "vague": _resolve_vague,
}  # fmt: skip


# --- the public function -------------------------------------------------------------


def _merge_ranges(text: str, found: list[_Found]) -> list[_Found]:
    """Join two written-out day dates that form a range: "2017-04-05 to 2017-04-06",
    "from 30.03.2017 to 02.04.2017", "between 2017-04-05 and 2017-04-06"."""
    merged: list[_Found] = []
    for item in found:
        previous = merged[-1] if merged else None
        if previous is not None and previous.explicit and item.explicit:
            assert previous.first is not None and item.first is not None
            between = text[previous.end : item.start]
            before = _PREFIX_BEFORE.search(text, max(0, previous.start - 20), previous.start)
            prefix = before["pre"].lower() if before is not None else ""
            separator = _AND if prefix == "between" else _BETWEEN_RANGE
            if separator.match(between) and previous.first < item.first:
                start = before.start() if before is not None else previous.start
                merged[-1] = _Found(start, item.end, previous.first, item.last, "day")
                continue
        merged.append(item)
    return merged


_TODAY_GLOSS = re.compile(r"\b(?i:today)\s*\((?P<day>[^()\n]{3,24})\)")
GLOSS_REACH = 14  # days: a page date further from the day the text calls "today" is another story


def _glossed_today(text: str, published: date | None) -> date | None:
    """The day the text itself says is "today" ("issued a statement today (12 February)"), when the page's
    date is another near it: relative dates count from the text's own day."""
    gloss = _TODAY_GLOSS.search(text) if published else None
    if gloss is None or published is None:
        return published
    found = find_dates(gloss.group("day"), published, ())
    day = found[0].start if len(found) == 1 and found[0].granularity == "day" else None
    if day is None or abs((day - published).days) > GLOSS_REACH:
        return published
    return day


def find_dates(text: str, published: date | None, sentences: Sequence[Sentence]) -> list[DateMention]:
    """Every date expression in ``text``, in text order, resolved against ``published``.

    Overlapping matches keep the one that starts first, then the longest. ``sentence`` is the
    index of the sentence that holds the mention's start (-1 when ``sentences`` is empty).
    """
    published = _glossed_today(text, published)
    candidates: list[_Found] = []
    for kind, pattern in _COMPILED:
        resolve = _RESOLVERS[kind]
        for match in pattern.finditer(text):
            found = resolve(match, published)
            if found is not None:
                candidates.append(found)
    candidates.sort(key=lambda f: (f.start, -f.end))
    kept: list[_Found] = []
    for found in candidates:
        if not kept or found.start >= kept[-1].end:
            kept.append(found)
    kept = _merge_ranges(text, kept)

    starts = [s.start for s in sentences]
    mentions: list[DateMention] = []
    for found in kept:
        i = bisect.bisect_right(starts, found.start) - 1
        mentions.append(
            DateMention(
                text=text[found.start : found.end],
                char_start=found.start,
                char_end=found.end,
                sentence=sentences[max(i, 0)].index if sentences else -1,
                start=found.first,
                end=found.last,
                granularity=found.granularity if found.first is not None else None,
                relative=found.relative,
            )
        )
    return mentions
