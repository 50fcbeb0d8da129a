"""Metadata from the text itself: publication date, outlet, dateline city, title."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dateline.ingest import iter_documents
from dateline.ingest.dates import MonthDay, date_from_url, parse_date_text, year_month_from_url
from dateline.ingest.metadata import content_hash, extract_metadata, parse_dateline
from dateline.ingest.names import agency_name, city_name

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def meta(text: str, **given: object):
    return extract_metadata(text, **given)  # type: ignore[arg-type]


# --- datelines in the styles agencies use ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "city", "source", "published"),
    [
        ("ASTANA, April 6 (Kazinform) – President Tokayev received the envoy.", "Astana", "Kazinform", None),
        ("MOSCOW, 5 April. /TASS/. The Russian minister held talks.", "Moscow", "TASS", None),
        ("BEIJING, April 6, 2017 (Xinhua) -- Chinese leaders met.", "Beijing", "Xinhua", date(2017, 4, 6)),
        ("WASHINGTON (AP) — The two presidents met.", "Washington", "AP", None),
        ("Baku, Azerbaijan, April 6 (Trend) - The minister met his counterpart.", "Baku", "Trend", None),
        ("Bishkek, April 6 /Kabar/. The president met the delegation.", "Bishkek", "Kabar", None),
        ("NUR-SULTAN. KAZINFORM - The president met the delegation.", "Nur-Sultan", "Kazinform", None),
        ("ST. PETERSBURG, June 2 (Reuters) - Leaders met.", "St. Petersburg", "Reuters", None),
        ("TASHKENT, 14 April 2016 — Officials met.", "Tashkent", None, date(2016, 4, 14)),
        ("DUSHANBE — Tajik officials met on Tuesday.", "Dushanbe", None, None),
        ("**ALMATY, 6 April** — Officials met.", "Almaty", None, None),
        ("Kabul, Tuesday, 12 May 2020 (Pajhwok): Officials met.", "Kabul", "Pajhwok", date(2020, 5, 12)),
        ("RIO DE JANEIRO, April 6 (Reuters) - Leaders met.", "Rio de Janeiro", "Reuters", None),
        ("ABU DHABI, 6th April 2017 (WAM) -- Leaders met.", "Abu Dhabi", "WAM", date(2017, 4, 6)),
        ("BISHKEK, April 6 (24.kg) - Leaders met.", "Bishkek", "24.kg", None),
        ("MOSCOW (UPDATE 2) - Leaders met.", None, None, None),  # not an agency
    ],
)
def test_dateline_styles(text, city, source, published):
    found = meta(text)
    assert (found.dateline, found.source, found.published) == (city, source, published)


def test_dateline_after_a_title_line():
    found = meta("Two presidents meet\n\nMOSCOW, 5 April. /TASS/. The presidents met in the Kremlin.")
    assert (found.title, found.dateline, found.source) == ("Two presidents meet", "Moscow", "TASS")


def test_unknown_place_keeps_the_agency_but_names_no_city():
    found = meta("UNITED NATIONS (AP) — The council met.")
    assert (found.dateline, found.source) == (None, "AP")
    found = meta("FOOBARVILLE, April 6 (Northwire) - Something happened.")
    assert (found.dateline, found.source) == (None, "Northwire")  # unknown agencies as written


@pytest.mark.parametrize(
    "text",
    [
        "The President said on April 6 that talks went well.",
        "Astana, April 6 is the day the talks began.",  # no dateline punctuation after the date
        "Kazakhstan, China sign agreement\n\nThe two countries signed it.",
        "Foobarville, April 6 — Something happened.",  # unknown, not capitals, no agency
        "President Tokayev — the host — opened the summit.",
        "Press release on the outcome of the meeting\n\nThe meeting was held in Astana.",
        "Astana hosted the meeting of ministers on 5 April 2017.",
    ],
)
def test_not_a_dateline(text):
    found = meta(text)
    assert found.dateline is None
    assert found.published is None


def test_capitalised_first_word_is_not_taken_for_a_city():
    assert parse_dateline("SECRETARY — the new secretary took office.") is None
    assert parse_dateline("The President said") is None
    assert city_name("Secretary") is None
    assert city_name("ASTANA") == "Astana"
    assert city_name("nur-sultan") == "Nur-Sultan"


def test_dateline_date_without_a_year_is_not_a_publication_date():
    found = parse_dateline("LONDON, April 6 (Reuters) - Officials met.")
    assert found is not None
    assert found.when == MonthDay(4, 6)
    assert meta("LONDON, April 6 (Reuters) - Officials met.").published is None


def test_dateline_month_and_day_take_the_year_of_the_address():
    text = "LONDON, April 6 (Reuters) - Officials met.\n\nhttps://news.example.com/2017/04/officials-met"
    assert meta(text).published == date(2017, 4, 6)
    other_month = text.replace("/2017/04/", "/2017/05/")
    assert meta(other_month).published is None


# --- publication date ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (" date 2017-04-06 ASTANA. KAZINFORM The delegations met.", date(2017, 4, 6)),
        ("Date: 6 April 2017\nASTANA. KAZINFORM The president met.", date(2017, 4, 6)),
        ("Published: April 6, 2017 10:15\n\nLeaders met.", date(2017, 4, 6)),
        ("Posted on 06.04.2017\n\nLeaders met.", date(2017, 4, 6)),
        ("April 6, 2017\nASTANA. Officials met.", date(2017, 4, 6)),  # a line that is only a date
        ("Officials met.\n\nLink: <https://example.com/news/2016/04/15/officials-meet>", date(2016, 4, 15)),
        ("Officials met.\n\nRead more: https://example.com/20160415/officials", date(2016, 4, 15)),
        ("Officials met.\n\nhttp://agency.example/en/politics/talks-held-15-04-2016", date(2016, 4, 15)),
        ("Talks held\n\nSource: Northwire| 2019-06-12 21:05:40\n\nOfficials met.", date(2019, 6, 12)),
        ("Talks held\n\n3 March 2021 15:10 (UTC+04:00)\n\nOfficials met.", date(2021, 3, 3)),
        ("By A. Writer | 12 June 2019, 10:00 GMT\n\nOfficials met.", date(2019, 6, 12)),
        ("Published: 2019-06-12T21:05:40+05:00\n\nOfficials met.", date(2019, 6, 12)),
    ],
)
def test_publication_date_sources(text, published):
    assert meta(text).published == published


@pytest.mark.parametrize(
    "text",
    [
        "The meeting took place on 12 April 2016 in Tashkent.\nOfficials signed a protocol.",
        "Officials met.\n\nThe summit is scheduled for 8 June 2017 in Astana.\n\nThe end.",
        "Officials met on April 6, 2017.\n\nOther text.",
        # a link in the middle of the body is not the article's own address
        "Officials met.\n\nSee https://example.com/2015/01/02/earlier-talks for more.\n\nMore.\n\nA.\n\nB.",
        "Officials met.\n\nhttps://example.com/news/officials-meet-03-04-2016",  # 3 April or 4 March?
    ],
)
def test_body_dates_are_not_publication_dates(text):
    assert meta(text).published is None


def test_metadata_given_by_the_file_comes_first():
    text = "MOSCOW, 5 April 2016. /TASS/. Talks were held.\n\nSource: Reuters"
    found = meta(text, published="2016-04-07T09:00:00Z", source="INTERFAX", title="Talks", url="https://x.org/a")
    assert (found.published, found.source, found.title, found.url) == (date(2016, 4, 7), "Interfax", "Talks",
                                                                       "https://x.org/a")  # fmt: skip
    assert meta(text, published="not a date").published == date(2016, 4, 5)  # unreadable: ignored


def test_sitename_is_the_weakest_clue():
    assert meta("Officials met.", sitename="Example News").source == "Example News"
    assert meta("MOSCOW (Reuters) - Officials met.", sitename="Example News").source == "Reuters"


# --- the outlet -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Security Council meets\nThe council met on 12 May 2016.\n\nSource: Reuters", "Reuters"),
        ("Leaders met in Minsk.\n\n— Xinhua", "Xinhua"),
        ("Leaders met in Minsk, the ministry said. (AP)", "AP"),
        ("Leaders met in Minsk.\n\n*UZA*\n\nLink: <http://example.uz/en/x>", "UzA"),
        ("Leaders met.\n\nSource: Qazaqstan Daily Bulletin", "Qazaqstan Daily Bulletin"),
        ("The president received envoys today, Kazinform has learned from the press service.", "Kazinform"),
        ("Officials met, the news agency AKIpress learned from the ministry.", "AKIpress"),
        ("The minister received the delegation, a Trend correspondent reports.", "Trend"),
        ("Talks held\n\nSource: Northwire | 2019-06-12 21:05\n\nOfficials met.", "Northwire"),
    ],
)
def test_outlet(text, source):
    assert meta(text).source == source


@pytest.mark.parametrize(
    "text",
    [
        "Officials met. The trend was clear and the report was published.\n\nreport",
        "Officials met, the ministry said.\n\nSource: http://example.com/press",
        "Officials met.\n\nSource: the press service of the ministry of foreign affairs",
        "Reuters and AP reporters were present when the ministers met.",
        "Officials met.\n\nVia: Twitter",
        "Officials met.\n\nPhoto: Reuters",
    ],
)
def test_no_outlet_is_guessed(text):
    assert meta(text).source is None


def test_agency_casing_comes_from_the_data_file():
    assert agency_name("KAZINFORM") == "Kazinform"
    assert agency_name("akipress") == "AKIpress"
    assert agency_name("Northwire") is None


# --- title ------------------------------------------------------------------------------------


def test_title_from_a_heading_or_a_first_line_of_its_own():
    assert meta("\n\n## Ministers meet in Baku\n\n---\n\nThey met.").title == "Ministers meet in Baku"
    assert meta("Ministers meet in Baku\n\nThe ministers met.").title == "Ministers meet in Baku"
    assert meta("The ministers met in Baku.\n\nThey signed a protocol.").title is None
    assert meta("The ministers met in Baku\nand signed a protocol.").title is None


# --- dates helpers ----------------------------------------------------------------------------


def test_date_helpers():
    assert parse_date_text("6 April 2017") == date(2017, 4, 6)
    assert parse_date_text("Sept. 3") == MonthDay(9, 3)
    assert parse_date_text("31 February 2017") is None
    assert parse_date_text("2017-13-01") is None
    assert date_from_url("https://example.com/2016/04/15/x") == date(2016, 4, 15)
    assert date_from_url("https://example.com/news/x-04-03-2016") is None
    assert date_from_url("https://example.com/news/x-04-13-2016") == date(2016, 4, 13)
    assert date_from_url("https://example.com/a/1870/01/01/x") is None  # not a plausible news date
    assert date_from_url("https://2016.example.com/x") is None  # the host is no date
    assert year_month_from_url("https://example.com/2017/04/slug") == (2017, 4)


def test_content_hash_covers_text_and_metadata():
    text = "MOSCOW, 5 April 2016. /TASS/. Talks were held."
    base = meta(text)
    assert content_hash(text, base) == content_hash(text, meta(text))
    assert content_hash(text, base) != content_hash(text + " ", base)
    assert content_hash(text, base) != content_hash(text, meta(text, source="Interfax"))


# --- the five seed articles ---------------------------------------------------------------------


@pytest.mark.shared
def test_seed_metadata_matches_the_gold():
    seeds = SHARED / "corpus" / "seeds"
    gold_file = SHARED / "gold" / "seeds.json"
    if not seeds.is_dir() or not gold_file.is_file():
        pytest.skip("../shared is absent")
    gold = json.loads(gold_file.read_text("utf-8"))["documents"]
    found = {d.id: d for d in iter_documents([seeds])}
    assert set(found) == set(gold)
    for doc_id, expected in gold.items():
        doc = found[doc_id]
        got = {
            "published": doc.published.isoformat() if doc.published else None,
            "source": doc.source,
            "dateline": doc.dateline,
        }
        assert got == {key: expected[key] for key in got}, doc_id


def test_press_release_names_its_issuing_body_and_a_resort_dateline():
    text = (
        "Press release\nMinistry of Foreign Affairs of the Republic of Moldova\n\nNews\n\n"
        "Date: 05.10.2019 [17:48]\n\nMinisters meet\n\n"
        "CHOLPON-ATA – The foreign ministers met today in the resort town.\n"
    )
    meta = extract_metadata(text)
    assert meta.source == "Ministry of Foreign Affairs of the Republic of Moldova"
    assert meta.published == date(2019, 10, 5)
    assert meta.dateline == "Cholpon-Ata"


def test_updated_line_gives_the_publication_date():
    meta = extract_metadata("Talks in Durban\n\nPress Trust of India | Updated: 14 June 2013 21:04 IST\n\nBody text.")
    assert meta.published == date(2013, 6, 14)


# --- bylines, outlet lines, attributions and credits of real reports (invented examples) ------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Ministers meet\n\nBy Amina Diallo – Northwire:\n\nThe ministers met in Dakar.", "Northwire"),
        ("By Sahel Review\n\nThe ministers met in Dakar.", "Sahel Review"),
        ("By Amina Diallo\n\nThe ministers met in Dakar.", None),  # a person only
        ("NWA\n3 March, 2021, 08:15 pm\n\nThe ministers met in Dakar.", "NWA"),
        ("Ministers meet\n\nDakar, Senegal, March 3\n\nNorthwire:\n\nThe ministers met.", "Northwire"),
        ("Ministers meet\n\nWest Africa Monitor (WAM)\n\nThe ministers met.", "WAM"),
        ("The ministers met in Dakar, Sahelnews reports citing the ministry.", "Sahelnews"),
        ("The ministers met in Dakar, Northwire reports.", "Northwire"),
        ("The ministers met in Dakar on Tuesday, reports news agency NWA.", "NWA"),
        ("Ministers meet\n\nThe ministry told Dakar.Info.", "Dakar.Info"),
        ("Ministers met in Dakar.\n\nThey agreed on a plan. NWA", "NWA"),
        ("Ministers met in Dakar.\n\nThey agreed on a plan.\n\nSahel.sn", "Sahel.sn"),
        ("Ministers met in Dakar.\n\nThey agreed on a plan. ///nwa, 3 March 2021", "nwa"),
        ("Ministers meet\n\n2021-03-03 10:15 | www.trend.az\n\nThe ministers met.", "Trend"),
        ("Ministers meet\n\nBy Herald Correspondent\n\nThe ministers met.", None),
        ("Ministers meet\n\nNews\n\nThe ministers met.", None),  # a section, not an outlet
        ("Ministers met in Dakar.\n\nThey agreed on a plan.\n\nRelated News", None),  # page furniture
        ("Ministers met in Dakar.\n\nThey agreed on a plan.\n\nPress Office", None),
        ("The ministers met in Dakar, the press reports.", None),
        ("The ministers met in Dakar, President Sall reported that talks went well.", None),
    ],
)
def test_outlet_of_real_reports(text, source):
    assert meta(text).source == source


@pytest.mark.parametrize(
    ("text", "city", "source"),
    [
        ("Male [Maldives], March 9 (NWA): The ministers met.", "Male", "NWA"),
        ("Kampala (sahel.sn) - The ministers met.", "Kampala", "sahel.sn"),
        ("DAKAR: The ministers met on Tuesday.", "Dakar", None),
    ],
)
def test_dateline_regions_addresses_and_colons(text, city, source):
    found = meta(text)
    assert (found.dateline, found.source) == (city, source)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Ministers meet\n\n16:32 - 12.08.2018\n\nThe ministers met.", date(2018, 8, 12)),
        ("Ministers meet\n\n20:00 JST, July 29, 2024\nThe ministers met.", date(2024, 7, 29)),
        ("27 June 201814:32\n\nMinisters meet\n\nThe ministers met.", date(2018, 6, 27)),
        ("Ministers meet\n\nApril 6, 2023, The Kremlin, Moscow\n\nThe ministers met.", date(2023, 4, 6)),
        ("Joint Statement of the Ministers (12 February 2024)\nThe ministers met.", date(2024, 2, 12)),
        ("Ministers meet\n\n(Northwire / Agencies - 14th Feb, 2021)\n\nThe ministers met.", date(2021, 2, 14)),
    ],
)
def test_publication_date_lines_of_real_reports(text, published):
    assert meta(text).published == published


def test_bracketed_credit_gives_outlet_and_date_but_a_place_does_not():
    found = meta("Ministers meet\n\n(Northwire / Agencies - 14th Feb, 2021)\n\nThe ministers met.")
    assert (found.source, found.published) == ("Northwire", date(2021, 2, 14))
    found = meta("Ministers meet\n\nThe ministers met.\n\nThey recalled the talks (Moscow, April 20, 2018).")
    assert (found.source, found.published) == (None, None)


@pytest.mark.parametrize(
    ("line", "city"),
    [("LAKEPORT RWANDA – The ministers met.", None), ("KIGALI RWANDA– Heads of state gathered.", "Kigali"),
     ("NEW DELHI INDIA - The talks ended.", "New Delhi"), ("JOHN SMITH - The talks ended.", None)],
)  # fmt: skip
def test_a_dateline_may_name_the_country_after_the_city(line: str, city: str | None) -> None:
    found = parse_dateline(line)
    assert (found.city if found else None) == city


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Accord signed\n\nThe ministry published the accord, citing Kazinform: it was signed on Monday.", "Kazinform"),
        ("Talks end\n\nXinhua is live from Lakeport, where the talks ended.", "Xinhua"),
        ("Talks end\n\nThe talks ended.\n\nFollow Xinhua's live feed for more.", "Xinhua"),
        ("Talks end\n\nThe talks ended, citing the Foreign Ministry: nothing changed.", None),
        ("Talks end\n\nThe talks ended.\n\nFollow the minister's live feed for more.", None),
    ],
)
def test_an_outlet_cited_or_speaking_of_itself_is_the_source(text: str, source: str | None) -> None:
    assert extract_metadata(text).source == source
