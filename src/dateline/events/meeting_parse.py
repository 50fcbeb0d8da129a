"""What the dependency parse says of a document's meeting nouns, read once per document.

The patterns of ``meetings.py`` read a meeting's name off the sentence string; the parse adds what
they miss: the ordinal that opens the noun's phrase whatever words stand between ("the Fifth Deputy
Minister level meeting"), and the tense of the clause that governs the noun ("had attended the
fifth summit": an earlier meeting; "has been signed at the summit": that day's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.events.meetings import ORDINAL_WORDS, ordinal_value

MEETING_NOUNS = frozenset(
    {"meeting", "session", "summit", "conference", "consultations", "forum", "sitting", "congress", "assembly"}
)
# what ends a meeting noun's phrase on its left: "the", "its", "at", a verb, a comma ("Third" opens
# "the Third Regional Adviser (RMA) level meeting", however the parser attaches its words)
PHRASE_BREAKS = frozenset({"DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "PART", "ADV"})
PHRASE_LENGTH = 10


@dataclass(frozen=True)
class ParsedMeetingNouns:
    """What the dependency parse says of the meeting nouns of one document, by the noun's offset."""

    # the ordinal opening the noun's phrase, whatever words stand between ("the Fifth Deputy Minister
    # level meeting"): the patterns over the string read only a series' own words there
    ordinals: dict[int, int]
    # nouns whose clause is in the past perfect ("had attended the fifth summit"): a meeting before the
    # one reported
    past_perfect: frozenset[int]
    # nouns whose clause is in the present perfect or progressive ("has been signed at the summit", "the
    # meeting is taking place"): a report of the day it was published
    present: frozenset[int] = frozenset()
    # nouns whose clause is in the simple past ("attended the ministers' meeting on 10 November"): told as
    # done, whatever date the report carries
    past: frozenset[int] = frozenset()


def parse_meeting_nouns(doc: object) -> ParsedMeetingNouns:
    """Ordinals and past-perfect clauses of the meeting nouns of a spaCy Doc (empty without a parse)."""
    ordinals: dict[int, int] = {}
    past: set[int] = set()
    present: set[int] = set()
    simple_past: set[int] = set()
    if doc is None or not doc.has_annotation("DEP"):  # type: ignore[attr-defined]
        return ParsedMeetingNouns(ordinals, frozenset())
    for noun in doc:  # type: ignore[attr-defined]
        if noun.lower_ not in MEETING_NOUNS or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        value = _ordinal_word(_phrase_opening(noun))
        if value and value > 1:  # "the first trilateral meeting" says it is new, seldom its number
            ordinals[noun.idx] = value
        tense = _tense(noun)
        if tense == "past perfect":
            past.add(noun.idx)
        elif tense == "present":
            present.add(noun.idx)
        elif tense == "past":
            simple_past.add(noun.idx)
    return ParsedMeetingNouns(ordinals, frozenset(past), frozenset(present), frozenset(simple_past))


def _phrase_opening(noun: object) -> object:
    """The first word of the words before a noun that its phrase holds (tags, not arcs)."""
    opening = noun
    doc = noun.doc  # type: ignore[attr-defined]
    for index in range(noun.i - 1, max(-1, noun.i - 1 - PHRASE_LENGTH), -1):  # type: ignore[attr-defined]
        token = doc[index]
        breaks = token.pos_ in PHRASE_BREAKS and token.tag_ != "POS"  # "Leaders' Summit" goes on
        if breaks or (token.is_punct and token.text not in "()'’-") or token.is_sent_end:
            break
        opening = token
    return opening


def _ordinal_word(token: object) -> int | None:
    """12 for a token "12th", "twelfth", "Twelfth" or one the tagger marks an ordinal; not a Roman numeral,
    which an acronym may spell ("MLC")."""
    text = token.text  # type: ignore[attr-defined]
    if token.ent_type_ == "ORDINAL" or text.lower() in ORDINAL_WORDS or re.fullmatch(r"\d{1,3}\D{2}", text):  # type: ignore[attr-defined]
        value = ordinal_value(text)
        return value if value and not re.fullmatch(r"[IVXLC]+", text) else None
    return None


def _tense(noun: object) -> str | None:
    """ "past perfect" when the verb that governs a noun stands in it ("had attended", "had been held");
    "present" for the present perfect or progressive ("has been signed", "is taking place"); "past" for the
    simple past in the active voice ("attended the summit"); else None."""
    verb = noun
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:  # type: ignore[attr-defined]
            break
        verb = verb.head  # type: ignore[attr-defined]
    if verb.pos_ != "VERB":  # type: ignore[attr-defined]
        return None
    helpers = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]  # type: ignore[attr-defined]
    if verb.tag_ == "VBN" and any(h in ("had", "'d") for h in helpers):  # type: ignore[attr-defined]
        return "past perfect"
    if verb.tag_ == "VBN" and any(h in ("has", "have") for h in helpers):  # type: ignore[attr-defined]
        return "present"
    if verb.tag_ == "VBG" and any(h in ("is", "are") for h in helpers):  # type: ignore[attr-defined]
        return "present"
    if verb.tag_ == "VBD" and not helpers:  # type: ignore[attr-defined]
        return "past"
    return None
