"""persons_in: names with the title before or after them, lists, initials."""

from __future__ import annotations

from dateline.events.persons import persons_in

LIST = (
    "The meeting was attended by Secretary of the Security Council of Kazakhstan N. B.Yermekbayev, "
    "Minister of Defence of Tajikistan Sh. M. Kholmurodov and Chairman of the State Committee of "
    "Uzbekistan Bakhtiyor Saidov."
)


def test_list_with_commas_and_and_initials() -> None:
    found = persons_in(LIST)
    assert [p.name for p in found] == ["N. B.Yermekbayev", "Sh. M. Kholmurodov", "Bakhtiyor Saidov"]
    titles = [(p.title.role, p.title.affiliation) for p in found if p.title]
    assert titles == [
        ("Secretary of the Security Council", "KAZ"),
        ("Minister of Defence", "TJK"),
        ("Chairman of the State Committee", "UZB"),
    ]


def test_spans_point_at_the_name_with_offset() -> None:
    offset = 500
    for person in persons_in(LIST, offset=offset):
        assert LIST[person.start - offset : person.end - offset] == person.name


def test_title_after_name() -> None:
    (person,) = persons_in("Marat Tokayev, Minister of Foreign Affairs of Kazakhstan, said the talks went well.")
    assert person.name == "Marat Tokayev"
    assert person.title is not None
    assert (person.title.role, person.title.affiliation) == ("Minister of Foreign Affairs", "KAZ")


def test_prefix_title_with_demonym() -> None:
    (person,) = persons_in("Russian Security Council Secretary Oleg Fedin arrived on Monday.")
    assert person.name == "Oleg Fedin"
    assert person.title is not None
    assert (person.title.role, person.title.affiliation) == ("Security Council Secretary", "RUS")


def test_org_official() -> None:
    (person,) = persons_in("Secretary-General of the CSTO Anatoly Rudin opened the session.")
    assert person.name == "Anatoly Rudin"
    assert person.title is not None
    assert (person.title.role, person.title.affiliation) == ("Secretary-General", "CSTO")


def test_name_without_title() -> None:
    (person,) = persons_in("Then, Anatoly Rudin spoke to reporters.")
    assert person.name == "Anatoly Rudin"
    assert person.title is None


def test_sentence_initial_adverb_not_in_name() -> None:
    # the events stage passes the offsets of words the tagger read as no noun ("Later")
    (person,) = persons_in("Later Anatoly Rudin spoke to reporters.", not_names=[0])
    assert person.name == "Anatoly Rudin"
    assert person.title is None


def test_countries_and_months_are_not_names() -> None:
    assert persons_in("Kazakhstan and Uzbekistan signed the plan in March.") == []


def test_single_surname_only_when_parser_says_person() -> None:
    text = "Tokayev said the talks went well."
    assert persons_in(text) == []
    (person,) = persons_in(text, person_entities=[(0, 7)])
    assert person.name == "Tokayev"


def test_rank_between_office_and_name_is_left_out() -> None:
    (person,) = persons_in(
        "The session was attended by Minister of Interior of the Republic of Moldova, Major General of Police "
        "I. V. Rusu."
    )
    assert person.name == "I. V. Rusu"
    assert person.title is not None
    assert (person.title.role, person.title.affiliation) == ("Minister of Interior", "MDA")


def test_country_before_a_name_is_not_part_of_it() -> None:
    found = persons_in("It was attended by Minister of State Security of South Africa Nomvula Dlamini.")
    assert [p.name for p in found] == ["Nomvula Dlamini"]
    assert found[0].title is not None and found[0].title.affiliation == "ZAF"


def test_title_after_name_in_lower_case() -> None:
    (person,) = persons_in(
        "Li Wenbo, member of the State Council of China and head of the national commission, attended the talks."
    )
    assert person.name == "Li Wenbo"
    assert person.title is not None and person.title.affiliation == "CHN"
    assert person.title.role is not None and person.title.role.startswith("member of the State Council")
