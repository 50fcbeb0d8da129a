"""persons_in: names with the title before or after them, lists, initials."""

from __future__ import annotations

import itertools

from dateline.events.article import join_split_initials
from dateline.events.persons import persons_in
from dateline.model import Sentence

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


def roles_of(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (p.name, p.title.role if p.title else None, p.title.affiliation if p.title else None, p.honorific)
        for p in persons_in(text)
    ]


def test_honorifics_and_ranks_stay_out_of_the_name() -> None:
    text = (
        "The session was attended by H.E. Mr. Tarik Osmanov, Minister of Foreign Affairs of Azerbaijan, "
        "Datuk Seri Amran Yusof, Minister of Defence of Malaysia, Sheikh Khalid bin Saad Al Mansouri, "
        "Minister of State of Qatar, and Minister of Defence of Armenia, Colonel General Aram Sargsyan."
    )
    assert roles_of(text) == [
        ("Tarik Osmanov", "Minister of Foreign Affairs", "AZE", "H.E. Mr."),
        ("Amran Yusof", "Minister of Defence", "MYS", "Datuk Seri"),
        ("Khalid bin Saad Al Mansouri", "Minister of State", "QAT", "Sheikh"),
        ("Aram Sargsyan", "Minister of Defence", "ARM", "Colonel General"),
    ]


def test_an_honorifics_word_between_name_words_is_part_of_the_name() -> None:
    """"Sheikh" inside "Omar Sheikh Abdi" is a name word; before a name, or after an office, an honorific."""
    assert roles_of("H.E. Dr. Omar Sheikh Abdi, President of Somalia, and Minister Sheikh Ali Rahman spoke.") == [
        ("Omar Sheikh Abdi", "President", "SOM", "H.E. Dr."),
        ("Ali Rahman", "Minister", None, "Sheikh"),
    ]


def test_a_long_title_after_a_name_ends_at_the_clause_that_follows_it() -> None:
    text = (
        "The session was chaired by Professor Ana Maria Quispe, Foreign Minister of the Federal Democratic Republic of "
        "Ethiopia and with the Ministers of Foreign Affairs/External Affairs of the other Members also "
        "attending."
    )
    assert roles_of(text) == [("Ana Maria Quispe", "Foreign Minister", "ETH", "Professor")]


def test_secretary_general_is_no_rank() -> None:
    assert roles_of("GUAM Secretary General Mr. A. Bayramov opened the session.") == [
        ("A. Bayramov", "Secretary General", "GUAM", "Mr."),
    ]


def test_title_comma_name_and_name_comma_title() -> None:
    assert roles_of("Tonga's Minister for Foreign Affairs, Sione Lavaka, attended the meeting.") == [
        ("Sione Lavaka", "Minister for Foreign Affairs", "TON", None),
    ]
    text = (
        "Present were Budi Santoso, Indonesia's Minister of Defence, "
        "Rafael Ortega Lopez, Minister of Defence of Peru."
    )
    assert roles_of(text) == [
        ("Budi Santoso", "Minister of Defence", "IDN", None),
        ("Rafael Ortega Lopez", "Minister of Defence", "PER", None),
    ]


def test_title_after_ends_at_a_clause() -> None:
    text = (
        "It was hosted by Mr. Karim Aliev, President of Tajikistan and attended by "
        "Mr. Ruslan Beg, President of Kenya."
    )
    assert roles_of(text) == [
        ("Karim Aliev", "President", "TJK", "Mr."),
        ("Ruslan Beg", "President", "KEN", "Mr."),
    ]


def test_country_after_the_name_and_a_plural_office() -> None:
    text = (
        "Other presidents who attended include Amani Oduya of Kenya, Jean Habimana of Rwanda "
        "and Tomas Banda for Zambia."
    )
    assert roles_of(text) == [
        ("Amani Oduya", "president", "KEN", None),
        ("Jean Habimana", "president", "RWA", None),
        ("Tomas Banda", "president", "ZMB", None),
    ]


def test_counterpart_and_possessive_before_adjectives() -> None:
    text = "Botswana's newly elected President Kgosi Molefe met his Zambian counterpart Tomas Banda."
    assert roles_of(text) == [
        ("Kgosi Molefe", "President", "BWA", None),
        ("Tomas Banda", "President", "ZMB", None),
    ]


def test_a_name_that_begins_like_a_country_is_a_name() -> None:
    assert roles_of("Kenya's Jomo Kenyatta arrived.") == [("Jomo Kenyatta", None, "KEN", None)]


def test_organisation_offices() -> None:
    text = (
        "Also present were Said Hamdan, Secretary-General of the League of Arab States, "
        "US Secretary of State Mark Reed and UN Special Representative for Libya Anna Berg."
    )
    assert roles_of(text) == [
        ("Said Hamdan", "Secretary-General", "LAS", None),
        ("Mark Reed", "Secretary of State", "USA", None),
        ("Anna Berg", "Special Representative", "UN", None),
    ]


def test_an_article_completes_a_surname_from_its_fuller_mention() -> None:
    from dateline.events.offices import completed, titles_by_surname

    sentences = [
        persons_in("ECO Secretary General Halim Ozbek opened the session."),
        persons_in("Secretary-General Ozbek briefed the Council."),
        persons_in("Ozbek thanked the hosts.", person_entities=[(0, 5)]),  # the parser's PERSON entity
    ]
    known = titles_by_surname(sentences)
    (briefed,) = sentences[1]
    (thanked,) = sentences[2]
    assert completed(briefed, known) is not None
    assert (completed(briefed, known).role, completed(briefed, known).affiliation) == ("Secretary-General", "ECO")
    assert (completed(thanked, known).role, completed(thanked, known).affiliation) == ("Secretary General", "ECO")


def test_two_offices_of_one_surname_complete_nothing() -> None:
    from dateline.events.offices import completed, titles_by_surname

    sentences = [
        persons_in("Foreign Minister Ali Karimov of Uzbekistan spoke."),
        persons_in("Defence Minister Bakhtiyor Karimov of Tajikistan spoke."),
        persons_in("Minister Karimov said."),
    ]
    (said,) = sentences[2]
    title = completed(said, titles_by_surname(sentences))
    assert title is not None and title.affiliation is None


def test_one_who_stands_in_takes_the_leaders_country() -> None:
    text = (
        "Burundi's Jean Ndayizeye sent his first vice-president Paul Niyonzima while Malawian President "
        "Peter Banda was represented by his Foreign minister Grace Phiri."
    )
    assert [(name, role, affiliation) for name, role, affiliation, _ in roles_of(text)] == [
        ("Jean Ndayizeye", None, "BDI"),
        ("Paul Niyonzima", "first vice-president", "BDI"),
        ("Peter Banda", "President", "MWI"),
        ("Grace Phiri", "Foreign minister", "MWI"),
    ]


def test_an_initial_without_its_dot() -> None:
    assert roles_of("External Affairs Minister R Venkatesan arrived.") == [
        ("R Venkatesan", "External Affairs Minister", None, None),
    ]


def test_asides_in_titles_and_after_names() -> None:
    text = (
        "National Security Advisor (NSA) Ravi Menon; General Nuwan Perera (Retd.), Secretary to the Ministry "
        "of Defence of Sri Lanka; and Anil Gopal, KC, National Security Adviser to Mauritius, spoke."
    )
    assert roles_of(text) == [
        ("Ravi Menon", "National Security Advisor", None, None),
        ("Nuwan Perera", "Secretary to the Ministry of Defence", "LKA", "General"),
        ("Anil Gopal", "National Security Adviser", "MUS", None),
    ]


def test_a_country_represented_at_a_body_by_an_official() -> None:
    text = "Moldova was represented at the Council of Ministers of Foreign Affairs by Deputy Foreign Minister Ion Rusu."
    assert roles_of(text) == [("Ion Rusu", "Deputy Foreign Minister", "MDA", None)]


def test_arabic_names_with_particles() -> None:
    text = (
        "Sheikh Hamad bin Khalifa bin Jabor Al Sabah, Kuwait's Minister of Foreign Affairs, and "
        "Prince Turki bin Saad bin Sultan, Governor of the Eastern Region, attended."
    )
    assert [(name, honorific) for name, _, _, honorific in roles_of(text)] == [
        ("Hamad bin Khalifa bin Jabor Al Sabah", "Sheikh"),
        ("Turki bin Saad bin Sultan", None),
    ]
    assert roles_of(text)[0][1:3] == ("Minister of Foreign Affairs", "KWT")


def test_office_abbreviations() -> None:
    assert roles_of("Talks with Japanese PM Haruto Sato, Minister of FA of Peru Ana Rojas and EAM Verma followed.") == [
        ("Haruto Sato", "Prime Minister", "JPN", None),
        ("Ana Rojas", "Minister of Foreign Affairs", "PER", None),
        ("Verma", "External Affairs Minister", None, None),
    ]


def test_a_missed_name_ends_no_title_of_the_next_name() -> None:
    text = "In Tokyo, Japanese PM Sato, Maria van Dijk and European Council President Jan Kowal met."
    assert ("Maria van Dijk", None, None, None) in roles_of(text)


def test_counterparts_in_the_plural_hold_the_office_before() -> None:
    text = "Host president Amani Oduya was joined by his counterparts Rwanda's Jean Habimana and Zambia's Tomas Banda."
    assert [(name, role, affiliation) for name, role, affiliation, _ in roles_of(text)] == [
        ("Amani Oduya", "Host president", None),
        ("Jean Habimana", "president", "RWA"),
        ("Tomas Banda", "president", "ZMB"),
    ]


def test_last_word_of_a_country_name_is_no_person() -> None:
    text = "The summit gathers President Ahmed Kamara of Sierra Leone and President Ana Rojas of Costa Rica."
    names = {p.name for p in persons_in(text, person_entities=[(text.index("Leone"), text.index("Leone") + 5)])}
    assert "Leone" not in names
    assert {"Ahmed Kamara", "Ana Rojas"} <= names


def test_country_said_after_a_name_is_not_the_next_persons() -> None:
    text = "It gathers President Ahmed Kamara of Sierra Leone, Vice President Luc Yao of Atlantis Coast and others."
    found = {p.name: p.title for p in persons_in(text)}
    assert found["Ahmed Kamara"].affiliation == "SLE"
    assert found["Luc Yao"].affiliation != "SLE"


def test_a_burmese_style_and_initials_without_dots_stay_with_the_name() -> None:
    """"U" before a name of two words is a style (also before a word that reads as English: "Than");
    two capitals before a given name and surname are initials; an office's abbreviation or a
    country's code is neither."""
    text = (
        "Myanmar's Union Minister for Planning U Than Kyaw Oo, Foreign Minister RK Anwar Hossain of Bangladesh "
        "and PM Ravi Menon met US President Tom Hale."
    )
    assert roles_of(text) == [
        ("Than Kyaw Oo", "Union Minister for Planning", "MMR", "U"),
        ("RK Anwar Hossain", "Foreign Minister", "BGD", None),
        ("Ravi Menon", "Prime Minister", None, None),
        ("Tom Hale", "President", "USA", None),
    ]
    assert [p.name for p in persons_in("U. Karimov and K Lindgren spoke.")] == ["U. Karimov", "K Lindgren"]


def test_capitalised_words_after_of_the_name_a_body_and_belong_to_the_title() -> None:
    """"the Chairman of the Great Khural of the Tengri Assembly of Mongolia X": "Great Khural" and
    "Tengri Assembly" stand after "of the", where bodies stand, so they are the title's words."""
    text = "The summit was attended by the Chairman of the Orda Kengesi of the Tengri Halky of Mongolia Batu Erdene."
    assert roles_of(text) == [
        ("Batu Erdene", "Chairman of the Orda Kengesi of the Tengri Halky", "MNG", None),
    ]


def test_a_portfolio_written_with_commas_and_a_region_stay_in_the_title() -> None:
    """"Commissioner for Trade, Industry and Mining" (an "and" closes the list); "Envoy ... for Central Africa
    and the Sahel (UNOCAS)": a compass word and a continent name no one, "and the" opens no clause, the
    acronym in brackets is an aside; "Minister of ... and Malians Abroad" keeps its people."""
    text = "H.E. Ama Owusu, African Union Commissioner for Trade, Industry and Mining."
    assert roles_of(text) == [("Ama Owusu", "Commissioner for Trade, Industry and Mining", "AU", "H.E.")]
    text = (
        "H.E. Jorge Pinto, Special Envoy of the United Nations Secretary General for Central Africa and the Sahel "
        "(UNOCAS)."
    )
    assert roles_of(text) == [
        (
            "Jorge Pinto",
            "Special Envoy of the United Nations Secretary General for Central Africa and the Sahel",
            "UN",
            "H.E.",
        )
    ]
    text = "H.E. Awa Traore, Minister of Foreign Affairs and Malians Abroad of the Republic of Mali."
    assert roles_of(text) == [("Awa Traore", "Minister of Foreign Affairs and Malians Abroad", "MLI", "H.E.")]


def test_a_sentence_cut_after_an_abbreviated_style_is_joined_to_the_name() -> None:
    """The parser closes a sentence at "H.E. Amb." or "Prof."; not at "... the Secretary General."."""
    text = "H.E. Amb. Kofi Mensah, Commissioner for Trade. It was opened by the Secretary General. Talks began."
    cuts = [0, len("H.E. Amb. "), text.index("It"), text.index("Talks"), len(text)]
    sentences = tuple(Sentence(i, a, b) for i, (a, b) in enumerate(itertools.pairwise(cuts)))
    joined = join_split_initials(text, sentences)
    assert [text[s.start : s.end].strip() for s in joined] == [
        "H.E. Amb. Kofi Mensah, Commissioner for Trade.",
        "It was opened by the Secretary General.",
        "Talks began.",
    ]


def test_the_chair_country_said_first_is_the_side_of_the_office_that_follows() -> None:
    assert roles_of("With Ghana being the current WAPO Chair, Foreign Minister Ama Owusu is chairing the COM.") == [
        ("Ama Owusu", "Foreign Minister", "GHA", None)
    ]
    assert roles_of("With Peru as the incoming chair, President Rosa Quispe opened the summit.") == [
        ("Rosa Quispe", "President", "PER", None)
    ]


def test_a_royal_office_then_the_style_a_one_word_name_is_said_with() -> None:
    assert roles_of("The Prince of Wales Prince Edmund and the premier attended the summit.") == [
        ("Edmund", "Prince of Wales", "GBR", "Prince"),
    ]
    assert roles_of("The Governor of Lagos Prince Adewale Sanni spoke.") == [
        ("Adewale Sanni", "Governor of Lagos", "NGA", "Prince"),
    ]
    assert roles_of("Queen Amina opened the session.") == [("Amina", "Queen", None, None)]


def test_a_word_before_the_title_that_opens_a_list_is_no_part_of_it() -> None:
    assert roles_of("Both the president of Peru, Rosa Quispe, and Chile's Diego Fuentes signed.")[0] == (
        "Rosa Quispe",
        "president",
        "PER",
        None,
    )


def test_an_office_said_short_takes_the_fuller_wording_of_the_article() -> None:
    from dateline.events.offices import completed, titles_by_surname

    sentences = [
        persons_in("Foreign Minister Lena Vark of Estonia arrived."),
        persons_in("Minister Vark attended the summit."),
    ]
    (short,) = sentences[1]
    title = completed(short, titles_by_surname(sentences))
    assert title is not None
    assert (title.role, title.affiliation) == ("Foreign Minister", "EST")
