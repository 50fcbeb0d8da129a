"""Meeting mentions: ordinals, organisations, series and status words."""

from __future__ import annotations

import pytest

from dateline.events.meetings import find_meetings, ordinal_value, series_of, status_of
from dateline.events.series_key import series_words, similar_series


@pytest.mark.parametrize(
    ("text", "value"),
    [("12th", 12), ("1st", 1), ("twelfth", 12), ("Twelfth", 12), ("twenty-first", 21), ("XII", 12), ("XXI", 21)],
)
def test_ordinal_value(text: str, value: int) -> None:
    assert ordinal_value(text) == value


@pytest.mark.parametrize("text", ["fish", "I", "", "twelve"])
def test_ordinal_value_none(text: str) -> None:
    assert ordinal_value(text) is None


def _one(sentence: str):
    (mention,) = find_meetings(sentence, 0, {})
    return mention, status_of(sentence, mention.start, mention.end)


def test_held_meeting_with_ordinal_and_series() -> None:
    mention, status = _one(
        "The 12th meeting of the Secretaries of Security Councils of the SCO member states was held in Astana."
    )
    assert (mention.ordinal, mention.organization, status) == (12, "SCO", "held")
    assert mention.series == "SCO Security Council Secretaries"
    assert mention.series_key == frozenset({"security", "council", "secretary"})


def test_roman_ordinal_session() -> None:
    mention, status = _one("The XII session of the Council of Heads of Government of the CIS opened in Ashgabat.")
    assert (mention.ordinal, mention.organization, mention.noun, status) == (12, "CIS", "session", "held")


def test_planned_next_meeting() -> None:
    _, status = _one("The next meeting of the Council of Defence Ministers of the CSTO will be held in Minsk.")
    assert status == "planned"


def test_planned_word_ordinal_summit() -> None:
    mention, status = _one("The twenty-first SCO summit will take place in Dushanbe in September.")
    assert (mention.ordinal, mention.organization, status) == (21, "SCO", "planned")


def test_background_previous_meeting() -> None:
    mention, status = _one(
        "Decisions of the previous meeting of the Council of Foreign Ministers of the CIS were reviewed."
    )
    assert mention.organization == "CIS"
    assert status == "background"


def test_ministers_met() -> None:
    mention, _ = _one("Defence ministers of the CSTO met in Yerevan on Friday.")
    assert (mention.organization, mention.noun) == ("CSTO", "met")


def test_generic_meeting_is_no_series() -> None:
    assert find_meetings("They held a meeting of experts yesterday.", 0, {}) == []


def test_offsets_are_shifted() -> None:
    sentence = "The 3rd meeting of the SCO foreign ministers was held."
    (mention,) = find_meetings(sentence, 100, {})
    assert mention.start == 100 + sentence.index("3rd")


def test_series_of_with_defined_acronym() -> None:
    organization, series, _ = series_of(
        "Council of the Regional Anti-Terrorist Structure", {"regionalantiterroriststructure": "RATS"}
    )
    assert organization == "RATS"
    assert series == "RATS Council"


def test_series_words_fold_portfolio_synonyms() -> None:
    assert series_words("Council of Ministers of Internal Affairs") == series_words("Interior Ministers Council")
    assert series_words("Defense Ministers") == series_words("Defence Ministers")


def test_similar_series_by_overlap_or_containment_but_not_by_council_alone() -> None:
    assert similar_series(frozenset({"security"}), frozenset({"high", "representative", "security"}))
    assert not similar_series(frozenset({"council"}), frozenset({"council", "head", "government"}))
    assert not similar_series(frozenset({"interior", "minister"}), frozenset({"head", "government"}))


@pytest.mark.parametrize(
    ("sentence", "organization"),
    [
        (
            "Interior ministers of the Collective Security Treaty Organization concluded a two-day meeting in Minsk.",
            "CSTO",
        ),
        (
            "Heads of state of the Commonwealth of Independent States (CIS) approved a plan at their meeting in Baku.",
            "CIS",
        ),
        ("The Council of Foreign Ministers of the Shanghai Cooperation Organisation adopted a statement.", "SCO"),
        (
            "Delegations of the Shanghai Cooperation Organisation arrived for the meeting of the Council of "
            "Defence Ministers.",
            "SCO",
        ),
    ],
)
def test_meetings_named_by_what_their_members_did(sentence: str, organization: str) -> None:
    (mention,) = find_meetings(sentence, 0, {})
    assert mention.organization == organization


def test_meeting_placed_last_year_is_background() -> None:
    sentence = "Kazakhstan ratified the agreements signed at the Minsk meeting of the Council last year."
    (mention,) = find_meetings(sentence, 0, {})
    assert status_of(sentence, mention.start, mention.end) == "background"


def test_a_body_that_held_a_meeting() -> None:
    sentence = "The Committee of Secretaries of Security Councils of the CSTO held a meeting via videoconference."
    (mention,) = find_meetings(sentence, 0, {})
    assert mention.organization == "CSTO"


def test_series_key_holds_no_weekday_month_or_verb() -> None:
    (mention,) = find_meetings("The OSCE December meeting of foreign ministers opened in Vienna.", 0, {})
    assert mention.organization == "OSCE" and "december" not in mention.series_key
    text = "Presidents Attend SADC Extraordinary Summit in Harare"
    verbs = frozenset({text.index("Attend")})
    (summit,) = find_meetings(text, 0, {}, verbs)
    assert summit.text.startswith("SADC") and "attend" not in summit.series_key


def test_one_series_key_for_the_wordings_of_one_body() -> None:
    leaders = series_words("Extraordinary Summit of Heads of State and Government")
    assert leaders == series_words("State Heads Summit") == series_words("leaders") == frozenset({"leader"})
    assert series_words("Japan-EU") == series_words("EU-Japan")
    assert series_words("GUAM FMs") == series_words("GUAM Foreign Ministers")
    assert series_words("Council of Heads of Government") != leaders  # prime ministers meet apart


def test_an_organisation_and_a_series_of_other_words_are_two_meetings() -> None:
    from dateline.events.series_key import named_apart

    assert named_apart("NATO", frozenset({"leader"}), None, frozenset({"caspian", "leader"}))
    assert not named_apart("OTS", frozenset({"leader"}), None, frozenset({"turkic", "leader"}))
    assert not named_apart("GUAM", frozenset({"foreign", "minister"}), None, frozenset({"foreign", "minister"}))


def test_ordinal_restated_in_figures() -> None:
    (mention,) = find_meetings("The Council held its Forty-Second (42 ND) Ordinary Session in the capital.", 0, {})
    assert mention.ordinal == 42


@pytest.mark.parametrize(
    "sentence",
    [
        "It was the first meeting since the pandemic of the NATO leaders.",
        "This is the second ministerial meeting held under Brazil's G20 Presidency.",
        "It is the third meeting between the two ministers this year.",
    ],
)
def test_an_ordinal_that_counts_a_while_is_no_series_number(sentence: str) -> None:
    assert all(m.ordinal is None for m in find_meetings(sentence, 0, {}))


def test_a_building_named_after_conferences_is_no_meeting() -> None:
    sentence = "Leaders gathered at the Riverside Conference Centre in the capital of the OSCE host."
    assert not any(m.noun == "conference" for m in find_meetings(sentence, 0, {}))


def test_a_long_name_defined_by_its_acronym_keeps_its_ordinal() -> None:
    sentence = (
        "He chaired the 7th Gulf of Guinea Initiative for Maritime Safety and Economic Cooperation (GGIMEC) summit."
    )
    (mention,) = find_meetings(sentence, 0, {})
    assert (mention.ordinal, mention.organization) == (7, "GGIMEC")
    # with no acronym after it, "and" joins no name: the mention starts after it
    (mention,) = find_meetings("Berg and Lind Chair Meeting of the Supreme Council", 0, {})
    assert not mention.text.startswith("Berg")


def test_an_ordinal_run_into_the_noun_by_a_lost_space() -> None:
    (mention,) = find_meetings("The 14thsummit of the CSTO was held in Yerevan.", 0, {})
    assert (mention.ordinal, mention.organization) == (14, "CSTO")


def test_the_office_over_a_meeting_is_no_mention_of_one() -> None:
    assert find_meetings("Minister K. Berg (Chairman of the Meeting) opened the debate.", 0, {}) == []
