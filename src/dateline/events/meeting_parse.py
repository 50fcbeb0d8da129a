"""What the dependency parse says of a document's meeting nouns, read once per document.

The patterns of ``meetings.py`` read a meeting's name off the sentence string; the parse adds what
they miss: the ordinal that opens the noun's phrase whatever words stand between ("the Fifth Deputy
Minister level meeting"), and the tense of the clause that governs the noun ("had attended the
fifth summit": an earlier meeting; "has been signed at the summit": that day's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy
from spacy.attrs import ORTH
from spacy.matcher import DependencyMatcher

from dateline.events.meetings import ORDINAL_WORDS, ordinal_value
from dateline.events.places import meeting_codes
from dateline.nlp.lookup import positions, string_hashes

MEETING_NOUNS = frozenset(
    {"meeting", "session", "summit", "conference", "consultations", "forum", "sitting", "congress", "assembly"}
)
# what ends a meeting noun's phrase on its left: "the", "its", "at", a verb, a comma ("Third" opens
# "the Third Regional Adviser (RMA) level meeting", however the parser attaches its words)
PHRASE_BREAKS = frozenset({"DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "PART", "ADV"})
PHRASE_LENGTH = 10
SENTENCE_ENDS = frozenset({".", "!", "?", '"', "”", "’"})


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
    # nouns whose clause is in the simple present of a sentence that ends as a sentence does, no headline
    # ("Putin and Lukashenko participate in a meeting of the Council."): a live report of its day
    present_simple: frozenset[int] = frozenset()
    # verbs of a clause told beside another meeting ("the summit was held the same day as the alliance's
    # leaders met in Oslo"): a second meeting named as a point in time, not one the report tells
    aside: frozenset[int] = frozenset()
    # who met, read off the parse ("We, the Heads of Government, met"): phrase start, end, verb end
    bodies_that_met: tuple[tuple[int, int, int], ...] = ()
    # nouns whose clause is in the simple past ("attended the ministers' meeting on 10 November"): told as
    # done, whatever date the report carries
    past: frozenset[int] = frozenset()


def parse_meeting_nouns(doc: object) -> ParsedMeetingNouns:
    """Ordinals and past-perfect clauses of the meeting nouns of a spaCy Doc (empty without a parse)."""
    ordinals: dict[int, int] = {}
    past: set[int] = set()
    present: set[int] = set()
    simple_past: set[int] = set()
    simple_present: set[int] = set()
    aside: set[int] = set()
    met: list[tuple[int, int, int]] = []
    if doc is None or not doc.has_annotation("DEP"):  # type: ignore[attr-defined]
        return ParsedMeetingNouns(ordinals, frozenset())
    for noun in doc:  # type: ignore[attr-defined]
        if _told_aside(noun):
            aside.add(noun.idx)
        met += _body_that_met(noun)
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
        elif tense == "present simple" and noun.sent[-1].text in SENTENCE_ENDS:
            simple_present.add(noun.idx)
    return ParsedMeetingNouns(
        ordinals, frozenset(past), frozenset(present), frozenset(simple_present), frozenset(aside), tuple(met),
        frozenset(simple_past),
    )


def _told_aside(verb: object) -> bool:
    """A verb of an adverbial clause opened by "as", "while" or "when" under a clause whose subject is a
    meeting noun ("the summit was held on the day as leaders met")."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in ("as", "while", "when") for c in verb.children):  # type: ignore[attr-defined]
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in MEETING_NOUNS for c in verb.head.children)  # type: ignore[attr-defined]


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
    if verb.tag_ in ("VBP", "VBZ", "VB") and not helpers and verb.dep_ not in ("xcomp", "advcl"):  # type: ignore[attr-defined]
        return "present simple"
    return None


def clause_of(noun: object) -> frozenset[int]:
    """The token indices of a noun and the words it hangs from up to its clause's top, not across "and"
    into a coordinated clause ("agreed on them yesterday, and I think ... chairing this meeting")."""
    chain = {noun.i}  # type: ignore[attr-defined]
    token = noun
    while token.head.i != token.i and token.dep_ != "conj":  # type: ignore[attr-defined]
        token = token.head  # type: ignore[attr-defined]
        chain.add(token.i)  # type: ignore[attr-defined]
    return frozenset(chain)


def dates_the_noun(noun: object, date_token: object) -> bool:
    """Whether a date stands in a meeting noun's clause: it hangs from the noun ("the session, held on 1
    December") or from a word of the noun's clause ("the meeting took place yesterday"); a date of another,
    coordinated clause does not date it."""
    if noun in date_token.ancestors:  # type: ignore[attr-defined]
        return True
    head = date_token
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:  # type: ignore[attr-defined]
            break
        head = head.head  # type: ignore[attr-defined]
    return head.pos_ not in ("VERB", "AUX") or head.i in clause_of(noun)  # type: ignore[attr-defined]


def where_clause_town(noun: object) -> object | None:
    """The word a "where" clause holding a meeting noun describes ("live from Moscow where the presidents
    take part in a meeting of ..."): the meeting's place, when it names one."""
    token = noun
    for _ in range(6):
        if token.dep_ == "relcl":  # type: ignore[attr-defined]
            wheres = [c for c in token.children if c.lower_ == "where" and c.dep_ == "advmod"]  # type: ignore[attr-defined]
            return token.head if wheres and token.head.pos_ == "PROPN" else None  # type: ignore[attr-defined]
        if token.head.i == token.i:  # type: ignore[attr-defined]
            return None
        token = token.head  # type: ignore[attr-defined]
    return None


GATHERING_VERBS = frozenset({"meet", "gather", "convene"})


def _body_that_met(verb: object) -> list[tuple[int, int, int]]:
    """ "We, the Heads of Government of the Ruritanian Forum, met in Valletta": the (start, end) characters of the
    phrase naming who met (the pronoun's apposition, or the subject itself) and where the verb ends."""
    found: list[tuple[int, int, int]] = []
    if verb.lemma_ not in GATHERING_VERBS or verb.tag_ != "VBD" or any(c.dep_ == "dobj" for c in verb.children):  # type: ignore[attr-defined]
        return found
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):  # type: ignore[attr-defined]
        named = subject
        if subject.pos_ == "PRON":  # "We, the Heads of Government, met"
            named = next((c for c in subject.children if c.dep_ == "appos"), None)
        if named is None or named.tag_ not in ("NNS", "NNPS", "NNP"):
            continue
        left = named.left_edge
        if left.pos_ == "DET":
            left = left.nbor()
        found.append((left.idx, named.right_edge.idx + len(named.right_edge), verb.idx + len(verb)))  # type: ignore[attr-defined]
    return found


DAY_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
DAY_COUNTS.update({str(n): n for n in range(2, 8)})


@cache
def _days_matcher(vocab: Any) -> DependencyMatcher:
    """ "the two-day summit", "a 3-day session": a meeting noun, its "day" modifier and that one's count."""
    matcher = DependencyMatcher(vocab)
    matcher.add("DAYS", [[
        {"RIGHT_ID": "noun", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(MEETING_NOUNS)}}},
        {"LEFT_ID": "noun", "REL_OP": ">", "RIGHT_ID": "day",
         "RIGHT_ATTRS": {"LOWER": "day", "DEP": {"IN": ["compound", "amod", "nmod"]}}},
        {"LEFT_ID": "day", "REL_OP": ">", "RIGHT_ID": "count",
         "RIGHT_ATTRS": {"LOWER": {"IN": sorted(DAY_COUNTS)}, "DEP": "nummod"}},
    ]])  # fmt: skip
    return matcher


def meeting_days(doc: Any, start: int, end: int) -> int | None:
    """How many days a meeting noun between two character offsets is said to last ("the two-day summit")."""
    if doc is None or not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not any(t.lower_ == "day" for t in span):  # the matcher copies the span into a Doc
        return None
    for _, (_, _, count) in _days_matcher(doc.vocab)(span):
        return DAY_COUNTS[span[count].lower_]
    return None


@cache
def _code_hashes(vocab: Any) -> numpy.ndarray:
    """The meeting codes as the vocabulary's hashes: the Doc's words are looked up in one pass."""
    return string_hashes(vocab, meeting_codes())


def meetings_by_code(doc: Any) -> list[tuple[int, int, str, int | None]]:
    """Meetings named only by their code ("the 19th ADMM opened"): start and end characters, the code and
    the ordinal that opens its phrase."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    found = []
    for index in positions(doc.to_array(ORTH), _code_hashes(doc.vocab)):
        token = doc[index]
        value = _ordinal_word(_phrase_opening(token))
        found.append((token.idx, token.idx + len(token), token.text, value if value and value > 1 else None))
    return found
