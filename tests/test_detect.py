"""extract() over short invented articles, run through the real spaCy pipeline (loaded once)."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.events.detect import extract
from dateline.model import Document, Extraction, Place
from dateline.nlp import annotate

ARTICLES = {
    "held": (
        date(2023, 6, 14),
        "BISHKEK, 14 June 2023. The 9th meeting of the Council of Defence Ministers of the CSTO was held in "
        "Astana on 12-13 June 2023 under the chairmanship of Kyrgyzstan. The meeting was attended by Minister "
        "of Defence of Kazakhstan Ruslan Bekov and Minister of Defence of Tajikistan Sh. M. Kholmurodov. "
        "President of Kazakhstan Nurlan Abenov received the heads of delegations. The next meeting of the "
        "Council will be held in Minsk.",
    ),
    "planned": (
        date(2023, 3, 3),
        "MOSCOW, 3 March 2023. The 15th summit of the Shanghai Cooperation Organisation will be held in "
        "Tashkent in July. Ministers discussed the agenda.",
    ),
    "background": (
        date(2023, 5, 20),
        "DUSHANBE, 20 May 2023. The delegates recalled the decisions of the previous meeting of the Council "
        "of Foreign Ministers of the CIS held in 2019. Trade grew by ten percent.",
    ),
    "video": (
        date(2023, 4, 5),
        "MINSK, 5 April 2023. The 7th meeting of the Council of Interior Ministers of the CIS took place via "
        "videoconference on 4 April 2023. The meeting was attended by Minister of Interior of Belarus Ivan "
        "Kubrakov. President of Uzbekistan Sardor Rakhimov sent a message of greetings to the participants.",
    ),
    "courtesy call": (
        date(2023, 9, 5),
        "JAKARTA, 5 September 2023. The ASEAN defence ministers, including Malaysia's Defence Minister Amran "
        "Yusof, called on Indonesian President Budi Santosa at the palace on Tuesday. The talks covered "
        "maritime security.",
    ),
    "delegation": (
        date(2023, 9, 6),
        "Lusaka, 6 September 2023. Zambia's President Chanda Mwale met with the delegation of the SADC "
        "foreign ministers, which included Botswana's Foreign Minister Kagiso Tau. They spoke of trade.",
    ),
    "list of lines": (
        date(2023, 10, 3),
        "1. The Council of Ministers of the Indian Ocean Rim Association (IORA) held its 30th Meeting on 2 "
        "October 2023 in Port Louis.\n\n"
        "2. The following Ministers participated in the Meeting:H.E. Dr. Anil Ramsurrun, Minister of Foreign "
        "Affairs of the Republic of Mauritius\n\n"
        "H.E. Prof. Grace Mbeki, Minister of Foreign Affairs, Regional Cooperation and South Africans Abroad "
        "of the Republic of South Africa\n\n"
        "3. Also attending the Meeting were:\n\n"
        "H.E. Amb. Tomas Ferreira, Commissioner for Trade of the African Union;\n\n"
        "4. The Ministers adopted the budget.",
    ),
    "hosted and met": (
        date(2023, 3, 8),
        "KATHMANDU, 8 March 2023. The 5th BIMSTEC Summit was held in Kathmandu on 7 March 2023, hosted by "
        "President Ram Thapa of Nepal. Bhutanese Prime Minister Karma Dorji and European Commission President "
        "Anna Keller met in the capital on Tuesday. Other leaders in attendance were H.E. Dr. Omar Sheikh "
        "Abdi, President of the Republic of Maldives. Prime Minister Lal Mehta will meet them in June. "
        "The summit was attended by all members, Foreign Ministry Spokesperson Li Wen told reporters. "
        "On the sidelines of the summit, Mr. Karma Dorji also met with Foreign Minister of the "
        "Republic of Korea Park Jin-ho.",
    ),
}


@pytest.fixture(scope="module")
def extractions() -> dict[str, Extraction]:
    documents = [
        Document(id=key, path=f"{key}.txt", text=text, published=published)
        for key, (published, text) in ARTICLES.items()
    ]
    return {annotated.document.id: extract(annotated) for annotated in annotate(documents)}


def _held_meeting(name: str, text: str, published: date | None):
    """The one held meeting ``extract`` finds in an invented article."""
    (annotated,) = annotate([Document(id=name, path=f"{name}.txt", text=text, published=published)])
    (meeting,) = _meetings(extract(annotated), "held")
    return meeting


def _meetings(extraction: Extraction, status: str):
    return [e for e in extraction.events if e.type == "meeting" and e.status == status]


def test_held_meeting_fields(extractions: dict[str, Extraction]) -> None:
    (meeting,) = _meetings(extractions["held"], "held")
    assert (meeting.organization, meeting.ordinal) == ("CSTO", 9)
    assert meeting.series == "CSTO Council of Defence Ministers"
    assert (meeting.start, meeting.end) == (date(2023, 6, 12), date(2023, 6, 13))
    assert meeting.location == Place("Astana", "KAZ")
    assert meeting.chair == "KGZ"
    assert meeting.next_venue == Place("Minsk", "BLR")


def test_held_meeting_participants_and_host(extractions: dict[str, Extraction]) -> None:
    (meeting,) = _meetings(extractions["held"], "held")
    assert [(p.name, p.role, p.affiliation) for p in meeting.participants] == [
        ("Ruslan Bekov", "Minister of Defence", "KAZ"),
        ("Sh. M. Kholmurodov", "Minister of Defence", "TJK"),
    ]
    assert [(p.name, p.role, p.affiliation) for p in meeting.received_by] == [("Nurlan Abenov", "President", "KAZ")]
    assert "Nurlan Abenov" not in {p.name for p in meeting.participants}


def test_reception_is_its_own_event_related_to_the_meeting(extractions: dict[str, Extraction]) -> None:
    extraction = extractions["held"]
    (meeting,) = _meetings(extraction, "held")
    (reception,) = [e for e in extraction.events if e.type == "reception"]
    assert reception.related_to == meeting.index
    assert [p.name for p in reception.received_by] == ["Nurlan Abenov"]


def test_evidence_points_into_the_text(extractions: dict[str, Extraction]) -> None:
    extraction = extractions["held"]
    text = extraction.document.text
    for event in extraction.events:
        for evidence in event.evidence:
            assert evidence.document == "held"
            assert text[evidence.start : evidence.end] == evidence.text
    (meeting,) = _meetings(extraction, "held")
    fields = {e.field for e in meeting.evidence}
    assert {"title", "start", "location", "chair", "next_venue"} <= fields


def test_next_meeting_sentence_gives_no_second_event(extractions: dict[str, Extraction]) -> None:
    assert _meetings(extractions["held"], "planned") == []


def test_planned_summit_is_not_held(extractions: dict[str, Extraction]) -> None:
    extraction = extractions["planned"]
    assert _meetings(extraction, "held") == []
    (summit,) = _meetings(extraction, "planned")
    assert (summit.organization, summit.ordinal) == ("SCO", 15)
    assert summit.location == Place("Tashkent", "UZB")
    assert summit.participants == ()


def test_background_mention_gives_no_event(extractions: dict[str, Extraction]) -> None:
    assert extractions["background"].events == ()


def test_videoconference_has_no_city_and_message_sender_is_no_participant(extractions: dict[str, Extraction]) -> None:
    extraction = extractions["video"]
    (meeting,) = _meetings(extraction, "held")
    assert (meeting.organization, meeting.ordinal) == ("CIS", 7)
    assert meeting.mode == "videoconference"
    assert meeting.location == Place()
    assert meeting.start == date(2023, 4, 4)
    assert "Sardor Rakhimov" not in {p.name for p in meeting.participants}
    # still a person named in a role, just not a participant
    assert ("Sardor Rakhimov", "UZB") in {(p.name, p.affiliation) for p in extraction.persons}


def test_attendee_kept_when_next_sentence_reports_a_message(extractions: dict[str, Extraction]) -> None:
    (meeting,) = _meetings(extractions["video"], "held")
    assert [p.name for p in meeting.participants] == ["Ivan Kubrakov"]


def test_next_host_named_as_subject() -> None:
    text = (
        "HANOI, 9 May 2024. The 12th meeting of the ASEAN Defence Ministers took place in Hanoi on 8 May 2024. "
        "The Philippines will take over the chair and host the 13th meeting next year."
    )
    (annotated,) = annotate([Document(id="host", path="host.txt", text=text, published=date(2024, 5, 9))])
    events = extract(annotated).events
    (meeting,) = [e for e in events if e.type == "meeting" and e.status == "held"]
    assert meeting.next_venue == Place(city=None, country="PHL")
    # the announced 13th meeting is kept, as planned
    assert [(e.ordinal, e.status) for e in events if e.status == "planned"] == [(13, "planned")]


def test_sentence_opening_adverb_is_no_part_of_a_name() -> None:
    text = (
        "ASTANA, 3 May 2024. The 5th meeting of the CSTO Council of Defence Ministers was held in Astana today. "
        "Later Anatoly Rudin, Minister of Defence of Belarus, spoke to reporters."
    )
    (annotated,) = annotate([Document(id="adverb", path="adverb.txt", text=text, published=date(2024, 5, 3))])
    names = {p.name for p in extract(annotated).persons}
    assert "Anatoly Rudin" in names
    assert not any(name.startswith("Later") for name in names)


def test_unnamed_session_gives_place_and_date_and_capital_of_a_demonym() -> None:
    text = (
        "MINSK, 15 March 2022. Defence ministers of the Collective Security Treaty Organization held a meeting "
        "on Tuesday. The session, held in the Belarusian capital under the chairmanship of Belarus, approved a "
        "training plan. The next summit of the organisation will be held on 20 June 2022."
    )
    (annotated,) = annotate([Document(id="unnamed", path="u.txt", text=text, published=date(2022, 3, 15))])
    (meeting,) = [e for e in extract(annotated).events if e.status == "held"]
    assert meeting.location == Place(city="Minsk", country="BLR")
    assert meeting.start == date(2022, 3, 15)  # "on Tuesday" before a Tuesday publication date
    assert meeting.chair == "BLR"


def test_signing_is_an_agreement_event_with_its_signatories() -> None:
    text = (
        "BAKU, 3 March 2021. The 4th meeting of the CIS Council of Foreign Ministers was held in Baku today. "
        "Following the meeting, Minister of Foreign Affairs of Azerbaijan Elnur Mammadov and Minister of "
        "Foreign Affairs of Georgia Nino Beridze signed a memorandum on consular cooperation."
    )
    (annotated,) = annotate([Document(id="sign", path="s.txt", text=text, published=date(2021, 3, 3))])
    events = extract(annotated).events
    (meeting,) = [e for e in events if e.type == "meeting"]
    (agreement,) = [e for e in events if e.type == "agreement"]
    assert agreement.related_to == meeting.index
    assert [d.title for d in agreement.signed] == ["memorandum on consular cooperation"]
    assert agreement.signed[0].signatories == ("Elnur Mammadov", "Nino Beridze")
    assert {p.affiliation for p in agreement.participants} == {"AZE", "GEO"}
    assert agreement.start == date(2021, 3, 3)


def test_town_missing_from_the_gazetteer_is_kept_as_written() -> None:
    from dateline.events.venues import place_in as _place_in

    assert _place_in("The session was held in Zhuldyzkent, Kazakhstan, on Friday.", near_meeting=True) == Place(
        city="Zhuldyzkent", country="KAZ"
    )
    assert _place_in("The event was held in Monday's rain.", near_meeting=True) is None


def test_a_numbered_session_takes_the_organisation_the_article_is_about() -> None:
    text = (
        "Mahama re-elected as SADC chairman\n\nPresident John Mahama has been re-elected as the chairman of "
        "the Southern African Development Community, SADC.\n\nHe was re-elected at the 44th Ordinary Session "
        "of the Summit of Heads of State and Government at the State House in Harare."
    )
    (annotated,) = annotate([Document(id="lead", path="lead.txt", text=text, published=None)])
    (meeting,) = _meetings(extract(annotated), "held")
    assert (meeting.organization, meeting.ordinal) == ("SADC", 44)


def test_attendees_go_to_the_meeting_whose_city_the_sentence_names() -> None:
    text = (
        "ACCRA, 5 June 2025. The 12th Ordinary Session of the Authority of ECOWAS concluded today in Accra. "
        "President Kofi Mensah, who was elected chairman at the 11th Ordinary Session in Lome, Togo, in 2024, "
        "hands over the chair. The summit in Accra gathers key figures including President Amadou Keita of "
        "Mali and President Jean Dossou of Benin."
    )
    (annotated,) = annotate([Document(id="city", path="c.txt", text=text, published=date(2025, 6, 5))])
    held = {e.ordinal: e for e in extract(annotated).events if e.type == "meeting" and e.status == "held"}
    assert {p.name for p in held[12].participants} == {"Amadou Keita", "Jean Dossou"}
    assert held.get(11) is None or held[11].participants == ()


def test_present_tense_attendance_and_signing_at_the_summit() -> None:
    text = (
        "ASTANA, 4 July 2025. The 7th summit of the Organization of Turkic States is held in Astana today. "
        "The summit brings together President Ilham Aliyev of Azerbaijan and President Sadyr Japarov of "
        "Kyrgyzstan. The presidents of Kazakhstan, Kassym Tokayev, and Uzbekistan, Shavkat Mirziyoyev, signed "
        "a joint declaration at the summit."
    )
    meeting = _held_meeting("tense", text, date(2025, 7, 4))
    assert {"Ilham Aliyev", "Sadyr Japarov", "Kassym Tokayev", "Shavkat Mirziyoyev"} <= {
        p.name for p in meeting.participants
    }


def test_a_text_of_one_sentence_is_read_like_any_other() -> None:
    """A record may be a single sentence (a headline, a coded event sentence): no lead beyond it."""
    text = "The 4th meeting of the Council of Transport Ministers of the CIS was held in Minsk on 3 May 2023."
    (annotated,) = annotate([Document(id="one", path="one.txt", text=text, published=date(2023, 5, 4))])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting"]
    assert (meeting.ordinal, meeting.location, meeting.start) == (4, Place("Minsk", "BLR"), date(2023, 5, 3))


@pytest.mark.parametrize(
    ("key", "host", "role", "visitor", "organization"),
    [
        ("courtesy call", "Budi Santosa", "President", "Amran Yusof", "ASEAN"),
        ("delegation", "Chanda Mwale", "President", "Kagiso Tau", "SADC"),
    ],
)
def test_a_reception_without_a_meeting_in_the_article_is_reported(
    extractions: dict[str, Extraction], key: str, host: str, role: str, visitor: str, organization: str
) -> None:
    """The ministers paid a call on a head of state and the article names no meeting: the call is an event of
    its own, with the host, the visitors and the organisation whose office-holders they are."""
    extraction = extractions[key]
    assert not _meetings(extraction, "held")
    (reception,) = [e for e in extraction.events if e.type == "reception"]
    assert reception.related_to is None
    assert [(p.name, p.role) for p in reception.received_by] == [(host, role)]
    assert [p.name for p in reception.participants] == [visitor]
    assert reception.organization == organization


def test_people_listed_one_a_line_after_a_colon_take_part(extractions: dict[str, Extraction]) -> None:
    """A press release's list: an attendance sentence ends in a colon (or runs into its first item), then
    one line per person, "H.E. Name, Title"; a name inside an item's title is no second person."""
    (meeting,) = _meetings(extractions["list of lines"], "held")
    assert [(p.name, p.affiliation) for p in meeting.participants] == [
        ("Anil Ramsurrun", "MUS"),
        ("Grace Mbeki", "ZAF"),
        ("Tomas Ferreira", "AU"),
    ]


def test_the_host_those_who_met_and_a_name_holding_an_honorifics_word_take_part(
    extractions: dict[str, Extraction],
) -> None:
    """"hosted by President X"; people in the subject of "met" (not of "will meet"); "Omar Sheikh Abdi" is
    one name; an office of the European Commission is the EU's; a spokesperson who tells of it, and whom
    a participant met on the sidelines, are no participants."""
    (meeting,) = _meetings(extractions["hosted and met"], "held")
    assert [(p.name, p.affiliation) for p in meeting.participants] == [
        ("Ram Thapa", "NPL"),
        ("Karma Dorji", "BTN"),
        ("Anna Keller", "EU"),
        ("Omar Sheikh Abdi", "MDV"),
    ]


@pytest.mark.parametrize(
    ("wording", "chair"),
    [
        # the keyword capitalised, an honorific, post-nominal letters before the apposed office
        ("held its 12th Ordinary Session in Lome under the Chairmanship of H.E. Kofi Mensah (GCON), "
         "President of the Republic of Togo.", "TGO"),
        # a country "being the current ... Chair", a minister "chairing" the body by its acronym
        ("held its 12th Ordinary Session in Lome. With Ghana being the current WAPO Chair, Foreign Minister "
         "Ama Owusu is chairing the COM.", "GHA"),
        # "(Chairman of the Meeting)" after a named minister of a stated country
        ("held its 12th Ordinary Session in Lome. Minister of Foreign Affairs of Benin Jean Dossou (Chairman of "
         "the Meeting) opened it.", "BEN"),
    ],
)
def test_chair_from_its_wordings(wording: str, chair: str) -> None:
    text = f"LOME, 5 June 2025. The Council of Ministers of the West African Ports Organization (WAPO) {wording}"
    meeting = _held_meeting("chair", text, date(2025, 6, 5))
    assert meeting.chair == chair


def test_ordinal_read_from_the_parse_across_lowercase_words() -> None:
    """ "The Third Regional Maritime Adviser (RMA) level meeting": words the series patterns do not read stand
    between the ordinal and the noun; the parse still opens the noun's phrase with the ordinal."""
    text = (
        "PORT LOUIS, 5 May 2025. The Third Regional Maritime Adviser (RMA) level meeting of the Indian Ocean "
        "Rim Association was held in Port Louis on 4 May 2025."
    )
    (annotated,) = annotate([Document(id="ord", path="o.txt", text=text, published=date(2025, 5, 5))])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting"]
    assert (meeting.ordinal, meeting.status) == (3, "held")


def test_a_summit_in_a_past_perfect_clause_is_background() -> None:
    text = (
        "The Island Leaders' Summit will be held in Apia later this year. The leaders had attended the fourth "
        "Island Leaders' Summit in Nadi, Fiji in June 2021."
    )
    (annotated,) = annotate([Document(id="pp", path="p.txt", text=text, published=None)])
    assert all(e.ordinal != 4 for e in extract(annotated).events)


def test_the_chair_of_another_meeting_named_in_its_sentence_is_not_the_chair() -> None:
    text = (
        "LOME, 5 June 2025. The 12th Ordinary Summit of the West African Ports Organization (WAPO) was held in "
        "Lome on 5 June 2025. It followed the 4th WAPO Bureau Meeting, which was Chaired by President Ama "
        "Owusu of Ghana."
    )
    (annotated,) = annotate([Document(id="other", path="o.txt", text=text, published=date(2025, 6, 5))])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting" and e.ordinal == 12]
    assert meeting.chair is None


def test_a_summit_told_in_the_present_perfect_took_place_the_day_of_the_report() -> None:
    text = (
        "A water charter has been adopted at the 7th Summit of the Lake Basin Commission in Nukus, "
        "Uzbekistan. The five presidents put their names to it."
    )
    (annotated,) = annotate([Document(id="now", path="n.txt", text=text, published=date(2025, 8, 12))])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting"]
    assert (meeting.start, meeting.end) == (date(2025, 8, 12), date(2025, 8, 12))


def test_a_meeting_of_named_persons_is_their_talks_and_no_series_holds_a_name() -> None:
    text = (
        "VALLETTA, 3 May 2025. A meeting of Maltese and Cypriot Foreign Ministers Joseph Borg and Andreas "
        "Christou took place in Valletta on Friday. Prime Minister Robert Abela chaired the meeting."
    )
    (annotated,) = annotate([Document(id="talks", path="t.txt", text=text, published=date(2025, 5, 3))])
    assert not any(
        "Borg" in (e.series or "") or "Christou" in (e.series or "") for e in extract(annotated).events
    )


def test_who_chairs_a_committee_is_not_the_meeting_chair() -> None:
    text = (
        "ARUSHA, 4 Feb 2025. The 21st summit of the EAC was held in Arusha on 2 February 2025. The summit set up "
        "a committee of experts. The committee is chaired by Kenya's former Chief Justice, Grace Wanjiru."
    )
    (annotated,) = annotate([Document(id="committee", path="c.txt", text=text, published=date(2025, 2, 4))])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting"]
    assert meeting.chair is None


def test_in_an_undated_report_a_summit_of_a_year_before_its_months_is_background() -> None:
    text = (
        "The Andean summit due this Tuesday in Cusco is the first in person since 2019. Two presidents "
        "stayed away from the Andean summit of late 2019, held in Arequipa. The summits of "
        "July 2022 and December 2022 met online."
    )
    (annotated,) = annotate([Document(id="undated", path="u.txt", text=text, published=None)])
    assert not any(e.location.city == "Arequipa" for e in extract(annotated).events)


WHO_TAKES_PART = {
    # "X welcomed Y at the meeting", "She also welcomed Z and W": the objects of "welcome" in the parse;
    # not "welcomed the remarks of V", nor a guest "who began a state visit"
    "welcomed": (
        "The Foreign Ministers' Meeting of the Andean Forum was held in Lima on 8 May 2025. "
        "Foreign Minister of Peru Rosa Quispe welcomed Chilean Foreign Minister Diego Fuentes at the meeting. "
        "She also welcomed Foreign Minister of Ecuador Pablo Andrade and Bolivian Foreign Minister Elena Mamani. "
        "Ministers welcomed the remarks of economist Tomas Lindo. "
        "President Jorge Salas also welcomed Brazilian President Carla Nunes, who began a state visit.",
        [("Rosa Quispe", "PER"), ("Diego Fuentes", "CHL"), ("Pablo Andrade", "ECU"), ("Elena Mamani", "BOL")],
    ),
    # who had attended an earlier meeting (a past-perfect clause) is not at the one reported
    "earlier": (
        "The Foreign Ministers' Meeting of the Andean Forum was held in Lima on 8 May 2025. "
        "The meeting was attended by Foreign Minister of Peru Rosa Quispe. "
        "The leaders of the Forum, Chilean President Ana Torres and Bolivian President Luis Arce Mamani, had "
        "attended the third Andean Forum Summit in Quito in 2023.",
        [("Rosa Quispe", "PER")],
    ),
    # "presidents X of A; Y of B sent representatives": the subject of "send" with an object stayed away;
    # "joined by his counterparts Z of C": a surname after "counterparts" is a name
    "sent": (
        "The 7th Summit of the Andean Forum was held in Lima on 8 May 2025. "
        "Host President Rosa Quispe was joined by her counterparts Fuentes of Chile and Ecuador's Pablo Andrade, "
        "while presidents Tomas Lindo of Bolivia; Marco Ruiz Diaz of Colombia sent representatives.",
        [("Rosa Quispe", None), ("Fuentes", "CHL"), ("Pablo Andrade", "ECU")],
    ),
    # an attendance list cut by a paragraph break after a comma goes on; a state ISO 3166 lacks
    "cut": (
        "The informal summit of the Organization of Turkic States was held in Baku on 8 May 2025. The summit "
        "was attended by H.E. Aydin Karimli, President of the Republic of Azerbaijan,\n\n"
        "H.E. Mehmet Ozkan, President of the Turkish Republic of Northern Cyprus, as well as H.E. Timur "
        "Seitkali, Secretary General of the OTS.\n\nThe next summit will be held in Astana.",
        [("Aydin Karimli", "AZE"), ("Mehmet Ozkan", "CYN"), ("Timur Seitkali", "OTS")],
    ),
    # the chair handed over at the meeting, and who "represents the country at the event", are there
    "handover": (
        "The 12th Council of Ministers of the Andean Forum was held in Lima on 8 May 2025. "
        "Chilean Foreign Minister Diego Fuentes handed over the chairmanship to Pablo Andrade, Minister of "
        "Foreign Affairs of Ecuador. Bolivia's Deputy Foreign Minister Elena Mamani represents the country at "
        "the event.",
        [("Diego Fuentes", "CHL"), ("Pablo Andrade", "ECU"), ("Elena Mamani", "BOL")],
    ),
    # who addresses the meeting; a surname after a style and before its office ("Mr. X, ROTA Secretary General
    # was"); an office of a province, whose state is the affiliation; who accompanied someone at the meeting
    "spoke": (
        "The 12th Council of Ministers of the Andean Forum was held in Lima on 8 May 2025. "
        "President Rosa Quispe of Peru, while addressing the meeting, said trade had grown. "
        "Mr. Bratu, ROTA Secretary General was present. "
        "The Governor of California Ana Lopez Rivera also attended the meeting. "
        "Foreign Minister Diego Fuentes of Chile accompanied President Marta Solis of Chile at the meeting.",
        [("Rosa Quispe", "PER"), ("Bratu", "ROTA"), ("Ana Lopez Rivera", "USA"), ("Diego Fuentes", "CHL"),
         ("Marta Solis", "CHL")],
    ),
}


@pytest.mark.parametrize("case", sorted(WHO_TAKES_PART))
def test_who_takes_part(case: str) -> None:
    text, expected = WHO_TAKES_PART[case]
    meeting = _held_meeting(case, f"LIMA, 9 May 2025. {text}", date(2025, 5, 9))
    assert [(p.name, p.affiliation) for p in meeting.participants] == expected


def test_a_meeting_told_in_the_past_is_held_though_dated_after_the_page_date() -> None:
    # the page carries an older date than the report: "attended ... on 3 October" is told as done
    text = (
        "Minister Lena Vark paid a visit to Oman to attend the Meeting of the Council of Foreign Ministers of "
        "the League of Arab States in Salalah. Minister Vark attended the LAS Ministers' Meeting on 3 October "
        "2024. On 4 October 2024, Minister Vark accompanied President Juhan Tamm in the Seventh Summit of the "
        "LAS."
    )
    (annotated,) = annotate([Document(id="late", path="l.txt", text=text, published=date(2024, 5, 2))])
    meetings = [e for e in extract(annotated).events if e.type == "meeting"]
    assert {(e.ordinal, e.start, e.status) for e in meetings} == {
        (None, date(2024, 10, 3), "held"),
        (7, date(2024, 10, 4), "held"),
    }


def test_a_datelines_date_is_the_reports_day_not_the_meetings() -> None:
    # the report of the day after: the meeting "held in Nadi" is dated by nothing the report states
    text = (
        "Nadi, 15 August 2025 (PNA): The Prime Minister of Tonga joined others at the meeting of the Pacific "
        "Islands Forum Economic Ministers held in Nadi. The ministers discussed trade."
    )
    (annotated,) = annotate([Document(id="dl", path="d.txt", text=text, published=date(2025, 8, 15))])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting"]
    assert (meeting.status, meeting.start) == ("held", None)


def test_a_present_report_under_a_yearless_dateline_takes_its_month_and_day() -> None:
    text = (
        "SUVA, August 14. /PNA/. A meeting of the Pacific Islands Forum Economic Ministers has kicked off in "
        "the Fijian capital of Suva. The ministers will discuss trade."
    )
    (annotated,) = annotate([Document(id="yl", path="y.txt", text=text, published=None)])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting"]
    assert (meeting.status, meeting.start, meeting.partial_dates) == ("held", None, "--08-14/--08-14")


def test_a_meeting_set_to_take_place_is_announced() -> None:
    text = "The PIF Economic Ministers Meeting is set to take place on 3 and 4 May in Suva, Fiji."
    (annotated,) = annotate([Document(id="set", path="s.txt", text=text, published=date(2025, 5, 4))])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting"]
    assert meeting.status == "planned"


def test_a_live_report_from_a_town_where_a_meeting_is_told_in_the_present() -> None:
    text = (
        "Leaders Meet in Tonga\n\nThe Forum was founded in 1971.\n\nOur reporter is live from Nuku'alofa where "
        "Fijian Prime Minister Sione Rabuka and his Samoan counterpart Tala Fono take part in a meeting of the "
        "Pacific Islands Forum Leaders. The talks cover fisheries."
    )
    (annotated,) = annotate([Document(id="live", path="l.txt", text=text, published=date(2025, 9, 3))])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting"]
    assert (meeting.status, meeting.start, meeting.location) == (
        "held", date(2025, 9, 3), Place("Nuku'alofa", "TON"),
    )


def test_a_day_of_another_clause_does_not_date_the_meeting() -> None:
    # a speaker's "yesterday" belongs to "agreed", not to "chairing this meeting"
    text = (
        "Meeting of the Council of Ministers of the Pacific Islands Forum\n\n5 June 2025, Suva\n\n"
        "The ministers adopted a statement.\n\nWe settled the rules long ago, and agreed on them yesterday "
        "with the Secretary General, and I think you will agree to entrust me with chairing this meeting."
    )
    (annotated,) = annotate([Document(id="clause", path="c.txt", text=text, published=date(2025, 6, 5))])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting"]
    assert meeting.start == date(2025, 6, 5)


def test_an_ordinal_counting_the_meetings_of_a_year_is_no_series_number() -> None:
    text = "DHAKA, 3 May 2025. The PIF Council of Ministers is holding its second meeting this year in Dhaka."
    (annotated,) = annotate([Document(id="count", path="c.txt", text=text, published=date(2025, 5, 3))])
    assert all(e.ordinal is None for e in extract(annotated).events)


def test_a_meeting_joined_by_video_from_home_keeps_the_town_it_was_held_in() -> None:
    text = (
        "VALLETTA, 9 May 2025. Minister Karl Borg participated in the 7th PIF Ministerial Meeting via "
        "videoconference from the Ministry in Valletta, which was held in Apia, Samoa in hybrid mode."
    )
    (annotated,) = annotate([Document(id="hyb", path="h.txt", text=text, published=date(2025, 5, 9))])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting"]
    assert (meeting.location, meeting.mode) == (Place("Apia", "WSM"), "videoconference")


def test_a_meeting_named_as_the_time_of_another_is_no_event() -> None:
    text = (
        "ASHGABAT, 30 June 2025. The leaders attended the 7th Summit of the Caspian States on Wednesday. "
        "The summit was held on the same day as ASEAN leaders met in the Thai city of Chiang Mai."
    )
    (annotated,) = annotate([Document(id="aside", path="a.txt", text=text, published=date(2025, 6, 30))])
    assert [e.ordinal for e in extract(annotated).events if e.type == "meeting"] == [7]


def test_who_chaired_a_meeting_is_its_chair() -> None:
    text = (
        "Meeting of the Council of Ministers of the Pacific Islands Forum\n\n"
        "President of the Republic of Palau Tomas Remengesau chaired a meeting of the Council of Ministers of "
        "the Pacific Islands Forum in Suva on 4 June 2025."
    )
    (annotated,) = annotate([Document(id="chaira", path="c.txt", text=text, published=date(2025, 6, 5))])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting"]
    assert meeting.chair == "PLW"


def test_a_meeting_held_today_by_the_texts_own_gloss_is_held_that_day() -> None:
    text = (
        "In the town of Nadi, Fiji, Foreign Minister Ana Koroi is today hosting a meeting of the Melanesian "
        "Spearhead Group Foreign Ministers. She issued a statement today (14 March) before the talks."
    )
    (annotated,) = annotate([Document(id="gloss", path="g.txt", text=text, published=date(2025, 3, 10))])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting"]
    assert (meeting.status, meeting.start) == ("held", date(2025, 3, 14))


def test_we_the_heads_of_government_met_is_a_meeting() -> None:
    text = (
        "ECOWAS Summit 2025 Communique\n\n"
        "1. We, the ECOWAS Heads of State and Government, met in Accra on 9 September 2025.\n"
        "2. We welcomed the new members."
    )
    (annotated,) = annotate([Document(id="we", path="w.txt", text=text, published=None)])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting"]
    assert (meeting.start, meeting.location) == (date(2025, 9, 9), Place("Accra", "GHA"))


def test_the_country_holding_a_groups_presidency_chairs_its_meeting() -> None:
    text = (
        "NEW DELHI, 2 March 2025. The G7 finance ministers' meeting was held in Osaka on 2 March 2025. "
        "This is the third ministerial meeting held under Japan's G7 Presidency."
    )
    (annotated,) = annotate([Document(id="pres", path="p.txt", text=text, published=date(2025, 3, 2))])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting"]
    assert meeting.chair == "JPN"
