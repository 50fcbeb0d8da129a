"""split_title: the role as worded and the affiliation (country or organisation code)."""

from __future__ import annotations

import pytest

from dateline.events.places import defined_acronyms
from dateline.events.titles import split_title


@pytest.mark.parametrize(
    ("title", "role", "affiliation"),
    [
        ("Secretary of the Security Council of the Republic of Kazakhstan", "Secretary of the Security Council", "KAZ"),
        ("Minister of Foreign Affairs of the Kyrgyz Republic", "Minister of Foreign Affairs", "KGZ"),
        ("Deputy Prime Minister of Uzbekistan", "Deputy Prime Minister", "UZB"),
        ("Russian Security Council Secretary", "Security Council Secretary", "RUS"),
        ("Russia's Defence Minister", "Defence Minister", "RUS"),
        ("Secretary-General of the CSTO", "Secretary-General", "CSTO"),
        ("SCO Secretary-General", "Secretary-General", "SCO"),
        # the body of an organisation an official heads keeps the organisation's name in the role
        ("President of the ECOWAS Commission", "President of the ECOWAS Commission", "ECOWAS"),
        ("European Commission President", "European Commission President", "EU"),
        ("Chairperson of the African Union Commission", "Chairperson of the African Union Commission", "AU"),
        ("Chairman of the CIS Executive Committee", "Chairman of the Executive Committee", "CIS"),
        # a country's name with an elided article, and a capital I that text recognition read as "l"
        ("Prime Minister of the Republic of Côte d'Ivoire", "Prime Minister", "CIV"),
        ("Minister of Trade of Côte d'lvoire", "Minister of Trade", "CIV"),
        ("Deputy Foreign Minister of lraq", "Deputy Foreign Minister", "IRQ"),
        # an office of a province or a town: the role keeps the place, its state is the affiliation
        ("Governor of California", "Governor of California", "USA"),
        ("Mayor of Lyon", "Mayor of Lyon", "FRA"),
        ("Prince of Wales", "Prince of Wales", "GBR"),
        ("Zanzibar’s President", "Zanzibar’s President", "TZA"),
        ("Premier of Quebec and Chair of Quebec-Canada", "Premier of Quebec and Chair of Quebec-Canada", "CAN"),
        # the office an office serves keeps its organisation's name; the organisation is the affiliation too
        ("Special Envoy of the African Union Chairperson", "Special Envoy of the African Union Chairperson", "AU"),
        ("Representative of the UN Secretary-General", "Representative of the UN Secretary-General", "UN"),
    ],
)
def test_split_title(title: str, role: str, affiliation: str) -> None:
    result = split_title(title)
    assert (result.role, result.affiliation) == (role, affiliation)


def test_normalized_role_folds_case_articles_and_spelling() -> None:
    assert split_title("Russia's Defence Minister").normalized == "defense minister"
    assert split_title("the Secretary of the Security Council of Kazakhstan").normalized == (
        "secretary of security council"
    )


def test_body_of_organisation_with_defined_acronym() -> None:
    text = "Staff of the Regional Anti-Terrorist Structure (RATS) of the SCO met."
    result = split_title(
        "Director of the Executive Committee of the SCO Regional Anti-Terrorist Structure",
        defined_acronyms(text),
        frozenset({"RATS", "SCO"}),
    )
    assert result.role == "Director of the Executive Committee"
    assert result.affiliation == "SCO RATS"


def test_body_without_acronym_is_not_invented() -> None:
    result = split_title("Director of the Executive Committee of the SCO Regional Anti-Terrorist Structure")
    assert result.role is not None and result.role.startswith("Director")
    assert result.affiliation is not None and result.affiliation.startswith("SCO")
    assert "RATS" not in result.affiliation


def test_country_alone_gives_affiliation_without_role() -> None:
    result = split_title("the Republic of Tajikistan")
    assert result.affiliation == "TJK"
    assert result.role is None


def test_state_councilor_is_an_office() -> None:
    from dateline.events.persons import persons_in

    (person,) = persons_in("Attending was State Councilor and Minister of Public Security of China Zhao Kelin.")
    assert person.name == "Zhao Kelin"
    assert person.title is not None
    assert person.title.role == "State Councilor and Minister of Public Security"
    assert person.title.affiliation == "CHN"


@pytest.mark.parametrize(
    "title",
    [
        "Minister of the Interior",  # office words are no place, however a gazetteer spells one
        "Minister of Labour",
        "Governor of the Central Bank",
        "Special Representative for West Africa",  # a world region is no state
        "Chief Minister of Punjab",  # a province's name two states share
    ],
)
def test_offices_of_no_single_state_have_no_affiliation(title: str) -> None:
    assert split_title(title).affiliation is None
