"""The chair and the next host read off the dependency parse (``events/chair_parse.py``), on invented
articles run through the real spaCy pipeline."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.events.detect import extract
from dateline.model import Document, EventReport
from dateline.nlp import annotate


def _meeting(text: str, published: date = date(2025, 5, 8)) -> EventReport:
    (annotated,) = annotate([Document(id="chairp", path="c.txt", text=text, published=published)])
    (meeting,) = [e for e in extract(annotated).events if e.type == "meeting" and e.status == "held"]
    return meeting


@pytest.mark.parametrize(
    ("wording", "chair"),
    [
        # a relative clause: the host serves as the organisation's chair
        ("Hosted by President Lucia Mendes of Guyana, who also serves as the Chairperson of CARICOM, the "
         "summit was attended by heads of government.", "GUY"),
        # the host and chair, apposed to a title that names the country
        ("The host and new CARICOM Chair, the Prime Minister of Barbados Ms. Ruth Alleyne, warmly welcomed "
         "delegates to the summit.", "BRB"),
        # an incoming chair holds the chair of the next year, not this meeting's
        ("The incoming CARICOM chair, Jamaica's Prime Minister Owen Blake, attended the summit.", None),
        # the chair of another body is not this meeting's
        ("President Lucia Mendes of Guyana, who is the Chairperson of the African Union, attended the "
         "summit.", None),
    ],
)  # fmt: skip
def test_the_chair_of_the_meetings_organisation_chairs_it(wording: str, chair: str | None) -> None:
    text = f"The CARICOM summit was held in Georgetown on 7 May 2025. {wording}"
    assert _meeting(text).chair == chair


@pytest.mark.parametrize(
    "wording",
    [
        "The leaders accepted the offer of Tuvalu to host the next summit in 2027.",
        "On Wednesday, Tuvalu was confirmed as the next host of the summit.",
        # a later year marks the next meeting as "next" does
        "Tuvalu's hosting of the 2027 event will be its first.",
        "Leaders agreed that Tuvalu will host the 2027 summit.",
    ],
)
def test_who_hosts_the_next_meeting_is_its_venue(wording: str) -> None:
    text = f"The Pacific Islands Forum summit was held in Suva on 7 May 2025. {wording}"
    meeting = _meeting(text)
    assert meeting.next_venue is not None and meeting.next_venue.country == "TUV"


@pytest.mark.parametrize(
    ("text", "end"),
    [
        # a meeting that opened on the day and is said to last two days ends the next day
        ("The Pacific Islands Forum summit opened in Suva on Wednesday. During the two-day summit, the leaders "
         "are set to discuss fisheries.", date(2025, 5, 8)),
        # a sentence that tells the close dates the last day: no days are added to it
        ("The two-day Pacific Islands Forum summit closed in Suva on Wednesday with a communique.",
         date(2025, 5, 7)),
    ],
)  # fmt: skip
def test_a_meeting_said_to_last_days_ends_that_many_days_after_it_opened(text: str, end: date) -> None:
    meeting = _meeting(text)
    assert (meeting.start, meeting.end) == (date(2025, 5, 7), end)


def test_who_chaired_a_meeting_named_in_several_words_chairs_it() -> None:
    """The subject of "chaired" and its object read off the parse: any number of words may stand between
    the article and the meeting's noun."""
    text = (
        "LOME, 5 June 2025. Minister of Foreign Affairs of Benin Jean Dossou chaired the 12th Ordinary Session "
        "of the Council of Ministers of the West African Ports Organization in Lome on 4 June 2025."
    )
    assert _meeting(text, date(2025, 6, 5)).chair == "BEN"


def test_who_hosted_an_earlier_year_is_no_next_venue() -> None:
    text = "The Pacific Islands Forum summit was held in Suva on 7 May 2025. Tuvalu hosted the 2023 event."
    assert _meeting(text).next_venue is None


@pytest.mark.parametrize(
    ("text", "code", "ordinal"),
    [
        # a meeting named only by its code (a listed name of it ends in "Meeting"), its ordinal before it
        ("VIENTIANE, 24 June 2025. The 19th ADMM opened in Vientiane today.", "ADMM", 19),
        # ... and named in full with the code beside it: still one meeting
        ("SUVA, 24 June 2025. The 31st Commonwealth Heads of Government Meeting (CHOGM) opened in Suva today.",
         "CHOGM", 31),
    ],
)
def test_a_meeting_named_by_its_code_is_a_meeting(text: str, code: str, ordinal: int) -> None:
    meeting = _meeting(text, date(2025, 6, 24))
    assert (meeting.organization, meeting.ordinal, meeting.start) == (code, ordinal, date(2025, 6, 24))


def test_matching_sentence_by_sentence_finds_what_the_whole_doc_gives() -> None:
    """The matchers run only over sentences holding a pattern's first word; the matches, in the whole
    Doc's token positions, are those of the DependencyMatcher over the whole Doc."""
    from dateline.events import chair_parse
    from dateline.nlp import load_model

    text = (
        "Delegates arrived in Port Vell on Monday. The Chairperson of the Coastal Union, President Ana "
        "Ruvel, opened the talks. The session was chaired by Minister Ole Brandt. Officials said the "
        "weather was fine. Norland will host the next summit, and Ruvel accepted the offer of Estmark "
        "to host the 2031 summit."
    )
    doc = load_model()(text)
    matchers = chair_parse._matchers(doc.vocab)
    for anchored in matchers:
        whole = sorted((label, ids) for label, ids in anchored.matcher(doc))
        assert sorted(anchored(doc)) == whole
    assert sum(len(anchored(doc)) for anchored in matchers) >= 3
