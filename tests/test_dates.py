"""find_dates: every shape of date expression, resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.model import Sentence
from dateline.nlp import find_dates

PUB = date(2017, 4, 6)  # a Thursday
D = date

# (text, published, [(mention text, start, end, granularity, relative), ...])
CASES: list[tuple[str, date | None, list[tuple[str, date | None, date | None, str | None, bool]]]] = [
    # full dates
    ("held on 5 April 2017 in Astana", PUB, [("5 April 2017", D(2017, 4, 5), D(2017, 4, 5), "day", False)]),
    ("held on April 5, 2017 in Astana", PUB, [("April 5, 2017", D(2017, 4, 5), D(2017, 4, 5), "day", False)]),
    ("date 2017-04-05 ASTANA.", None, [("2017-04-05", D(2017, 4, 5), D(2017, 4, 5), "day", False)]),
    ("signed 05.04.2017 in Minsk", None, [("05.04.2017", D(2017, 4, 5), D(2017, 4, 5), "day", False)]),
    ("on the 5th of April 2017", None, [("5th of April 2017", D(2017, 4, 5), D(2017, 4, 5), "day", False)]),
    ("on Tuesday, 4 April 2017,", PUB, [("Tuesday, 4 April 2017", D(2017, 4, 4), D(2017, 4, 4), "day", False)]),
    (
        "Minsk agreements of 12 February 2015.",
        PUB,
        [("12 February 2015", D(2015, 2, 12), D(2015, 2, 12), "day", False)],
    ),
    ("on\xa01 January 2017, a member", PUB, [("1 January 2017", D(2017, 1, 1), D(2017, 1, 1), "day", False)]),
    ("Sept. 3, 2016 talks", None, [("Sept. 3, 2016", D(2016, 9, 3), D(2016, 9, 3), "day", False)]),
    # ranges
    ("met on 13-14 April 2016 in Tashkent", None, [("13-14 April 2016", D(2016, 4, 13), D(2016, 4, 14), "day", False)]),
    ("met on 13–14 April in Tashkent", D(2016, 4, 15), [("13–14 April", D(2016, 4, 13), D(2016, 4, 14), "day", True)]),
    (
        "on 23-24 June 2016 in Tashkent",
        D(2016, 4, 15),
        [("23-24 June 2016", D(2016, 6, 23), D(2016, 6, 24), "day", False)],
    ),
    ("talks on April 5-6 ended", PUB, [("April 5-6", D(2017, 4, 5), D(2017, 4, 6), "day", True)]),
    ("talks on April 5–6, 2017 ended", None, [("April 5–6, 2017", D(2017, 4, 5), D(2017, 4, 6), "day", False)]),
    ("held from 5 to 6 April", PUB, [("from 5 to 6 April", D(2017, 4, 5), D(2017, 4, 6), "day", True)]),
    ("held 5 to 6 April 2017", None, [("5 to 6 April 2017", D(2017, 4, 5), D(2017, 4, 6), "day", False)]),
    ("between 5 and 6 April", PUB, [("between 5 and 6 April", D(2017, 4, 5), D(2017, 4, 6), "day", True)]),
    ("on 5 and 6 April", PUB, [("5 and 6 April", D(2017, 4, 5), D(2017, 4, 6), "day", True)]),
    (
        "from 30 March - 2 April 2017",
        None,
        [("from 30 March - 2 April 2017", D(2017, 3, 30), D(2017, 4, 2), "day", False)],
    ),
    ("March 30 to April 2 in Minsk", PUB, [("March 30 to April 2", D(2017, 3, 30), D(2017, 4, 2), "day", True)]),
    (
        "28 December - 2 January 2018",
        None,
        [("28 December - 2 January 2018", D(2017, 12, 28), D(2018, 1, 2), "day", False)],
    ),
    (
        "from 2017-04-05 to 2017-04-06",
        None,
        [("from 2017-04-05 to 2017-04-06", D(2017, 4, 5), D(2017, 4, 6), "day", False)],
    ),
    (
        "Summit scheduled for June 8-9 this year",
        PUB,
        [("June 8-9 this year", D(2017, 6, 8), D(2017, 6, 9), "day", True)],
    ),
    ("on 8-9 June, 2017 the", None, [("8-9 June, 2017", D(2017, 6, 8), D(2017, 6, 9), "day", False)]),
    (
        "on 5 April of the current year",
        PUB,
        [("5 April of the current year", D(2017, 4, 5), D(2017, 4, 5), "day", True)],
    ),
    # a missing year: the date nearest the publication date
    ("met on 5 April", PUB, [("5 April", D(2017, 4, 5), D(2017, 4, 5), "day", True)]),
    ("met on December 28", D(2018, 1, 2), [("December 28", D(2017, 12, 28), D(2017, 12, 28), "day", True)]),
    ("will meet on 3 January", D(2017, 12, 20), [("3 January", D(2018, 1, 3), D(2018, 1, 3), "day", True)]),
    ("met on 5 April", None, [("5 April", None, None, None, True)]),
    ("on 13-14 April", None, [("13-14 April", None, None, None, True)]),
    # months and years
    ("in June 2017", None, [("June 2017", D(2017, 6, 1), D(2017, 6, 30), "month", False)]),
    ("in January of 2015", None, [("January of 2015", D(2015, 1, 1), D(2015, 1, 31), "month", False)]),
    ("the summit in Astana this June", PUB, [("this June", D(2017, 6, 1), D(2017, 6, 30), "month", True)]),
    ("in early June", PUB, [("June", D(2017, 6, 1), D(2017, 6, 30), "month", True)]),
    ("since December", D(2018, 2, 1), [("December", D(2017, 12, 1), D(2017, 12, 31), "month", True)]),
    ("in June", None, [("June", None, None, None, True)]),
    ("elected in 2018.", None, [("2018", D(2018, 1, 1), D(2018, 12, 31), "year", False)]),
    ("Strategy for 2017-2022", None, [("2017-2022", D(2017, 1, 1), D(2022, 12, 31), "year", False)]),
    ("between 2016 and 2020", None, [("between 2016 and 2020", D(2016, 1, 1), D(2020, 12, 31), "year", False)]),
    ("member in 2017–18", None, [("2017–18", D(2017, 1, 1), D(2018, 12, 31), "year", False)]),
    # relative to the publication date
    ("arrived today", PUB, [("today", D(2017, 4, 6), D(2017, 4, 6), "day", True)]),
    ("Yesterday the delegation left", PUB, [("Yesterday", D(2017, 4, 5), D(2017, 4, 5), "day", True)]),
    ("leaves tomorrow", PUB, [("tomorrow", D(2017, 4, 7), D(2017, 4, 7), "day", True)]),
    ("the day before yesterday", PUB, [("the day before yesterday", D(2017, 4, 4), D(2017, 4, 4), "day", True)]),
    ("met on Tuesday", PUB, [("Tuesday", D(2017, 4, 4), D(2017, 4, 4), "day", True)]),
    ("met on Thursday", PUB, [("Thursday", D(2017, 4, 6), D(2017, 4, 6), "day", True)]),
    ("met last Thursday", PUB, [("last Thursday", D(2017, 3, 30), D(2017, 3, 30), "day", True)]),
    ("meets next Monday", PUB, [("next Monday", D(2017, 4, 10), D(2017, 4, 10), "day", True)]),
    ("this week", PUB, [("this week", D(2017, 4, 3), D(2017, 4, 9), "week", True)]),
    ("last month", PUB, [("last month", D(2017, 3, 1), D(2017, 3, 31), "month", True)]),
    ("three days ago", PUB, [("three days ago", D(2017, 4, 3), D(2017, 4, 3), "day", True)]),
    ("met on Tuesday", None, [("Tuesday", None, None, None, True)]),
    ("arrived yesterday", None, [("yesterday", None, None, None, True)]),
    # vague
    ("was underway these days in Tashkent", PUB, [("these days", None, None, None, False)]),
    ("recently signed", PUB, [("recently", None, None, None, False)]),
    ("will meet soon", PUB, [("soon", None, None, None, False)]),
    ("in the near future", None, [("in the near future", None, None, None, False)]),
    # a day's suffix set apart, as press releases write it
    ("held on 7 th July 2024 in the capital", None, [("7 th July 2024", D(2024, 7, 7), D(2024, 7, 7), "day", False)]),
    ("from 3 to 5 then", PUB, []),
    # not dates
    ("UN Security Council Resolution 2254 adopted", PUB, []),
    ("exercises Peace Mission-2016 and Cooperation-2016", PUB, []),
    ("the 12th meeting of 300 delegates", PUB, []),
    ("May I add that it may rain", PUB, []),
    ("as soon as possible", PUB, []),
    # an impossible day keeps only what is certain: the month
    ("on 30 February 2017", PUB, [("February 2017", D(2017, 2, 1), D(2017, 2, 28), "month", False)]),
    ("phone 2017-2012 ext", PUB, []),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES, ids=[case[0][:40] for case in CASES])
def test_find_dates(text: str, published: date | None, expected: list[tuple]) -> None:
    mentions = find_dates(text, published, [Sentence(0, 0, len(text))])
    got = [(m.text, m.start, m.end, m.granularity, m.relative) for m in mentions]
    assert got == expected
    for mention in mentions:
        assert text[mention.char_start : mention.char_end] == mention.text
        assert mention.sentence == 0


def test_dateparser_pitfall_no_year_is_not_read_from_the_day() -> None:
    # dateparser reads "on 13-14 April" as 13 April 2014; the publication year must win
    (mention,) = find_dates("on 13-14 April", D(2016, 4, 15), [])
    assert (mention.start, mention.end) == (D(2016, 4, 13), D(2016, 4, 14))


def test_several_mentions_in_order_with_their_sentences() -> None:
    text = (
        "The meeting was held on 5-6 April in Astana.\n\n"
        "Yesterday the leaders met. The summit is scheduled for June 8-9 this year.\n"
        "The plan for 2017-2022 was approved these days."
    )
    sentences = [Sentence(0, 0, 44), Sentence(1, 46, 72), Sentence(2, 73, 120), Sentence(3, 121, len(text))]
    mentions = find_dates(text, PUB, sentences)
    assert [(m.text, m.sentence) for m in mentions] == [
        ("5-6 April", 0),
        ("Yesterday", 1),
        ("June 8-9 this year", 2),
        ("2017-2022", 3),
        ("these days", 3),
    ]
    assert mentions[1].start == D(2017, 4, 5)
    assert all(text[m.char_start : m.char_end] == m.text for m in mentions)


def test_weekday_rule_on_the_publication_day_and_after() -> None:
    # a bare weekday is on or before the publication date, never after it
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    for offset, name in enumerate(names):
        (mention,) = find_dates(f"met on {name}", PUB, [])
        assert mention.start is not None and mention.start <= PUB
        assert mention.start.weekday() == offset
        assert (PUB - mention.start).days < 7


def test_no_sentences_gives_minus_one() -> None:
    (mention,) = find_dates("in 2018", None, [])
    assert mention.sentence == -1


def test_range_across_a_paragraph_break_is_not_joined() -> None:
    text = "The talks ended on 5\n\nApril 2017 was a busy month."
    assert [m.text for m in find_dates(text, PUB, [])] == ["April 2017"]


def test_a_text_that_glosses_its_today_is_read_from_that_day() -> None:
    text = "The minister is today hosting her counterparts. She spoke to reporters today (14 March) in Apia."
    found = find_dates(text, date(2025, 3, 10), ())
    assert [(d.text, d.start) for d in found][:2] == [("today", date(2025, 3, 14)), ("today", date(2025, 3, 14))]
    # a gloss far from the page's date is another story's day
    assert find_dates(text, date(2025, 9, 1), ())[0].start == date(2025, 9, 1)
