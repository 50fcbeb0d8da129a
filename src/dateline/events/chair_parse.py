"""Who holds a meeting's chair, and who hosts the next one, read off the dependency parse.

Two ``DependencyMatcher``s, built once per vocabulary from small word tables, run over the Doc:

- a chair office and the person it is said of: "the Chairperson of X, President Y" (apposition either
  way), "the host and new X Chair, the President of Z" (a conjunct's apposition), "Y, who serves as the
  Chairperson of X" (a relative clause of serving or being);
- the next host: "Z will host the next summit", "the offer of Z to host the next X" (the "of" object of
  an offer, invitation or bid), "Z was confirmed as the next host", "Z will be the next host".

The callers (``venues.py``) keep only a chair whose office names the meeting's organisation, and read
the holder's country from the person's title, else from the place the holder's phrase names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS, TAG
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc

from dateline.events.meetings import ORDINAL_WORDS, ordinal_value
from dateline.nlp.lookup import string_hashes

CHAIR_WORDS = ["chair", "chairman", "chairperson", "chairwoman"]
# an office held before or after the meeting, or a deputy's: not the meeting's chair
NOT_THE_HOLDER = frozenset(
    {"incoming", "outgoing", "former", "previous", "past", "next", "future", "designate", "vice", "deputy", "acting"}
)
SERVING_VERBS = ["serve", "act", "be"]
OFFER_NOUNS = ["offer", "invitation", "bid", "proposal", "willingness", "decision", "readiness"]
SUBJECTS = ["nsubj", "nsubjpass"]


@dataclass(frozen=True)
class ChairHolder:
    """A chair office (its token) and the token of the one it is said of."""

    chair: Any
    holder: Any


def _chair_patterns() -> list[list[dict[str, Any]]]:
    chair = {"RIGHT_ID": "chair", "RIGHT_ATTRS": {"LOWER": {"IN": CHAIR_WORDS}}}
    return [
        # "the Chairperson of X, President Y"
        [chair, {"LEFT_ID": "chair", "REL_OP": ">", "RIGHT_ID": "holder", "RIGHT_ATTRS": {"DEP": "appos"}}],
        # "President Y, the Chairperson of X"
        [
            {"RIGHT_ID": "chair", "RIGHT_ATTRS": {"LOWER": {"IN": CHAIR_WORDS}, "DEP": "appos"}},
            {"LEFT_ID": "chair", "REL_OP": "<", "RIGHT_ID": "holder", "RIGHT_ATTRS": {}},
        ],
        # "the host and new X Chair, the President of Z": the apposition of the first conjunct
        [
            {"RIGHT_ID": "chair", "RIGHT_ATTRS": {"LOWER": {"IN": CHAIR_WORDS}, "DEP": "conj"}},
            {"LEFT_ID": "chair", "REL_OP": "<", "RIGHT_ID": "first", "RIGHT_ATTRS": {}},
            {"LEFT_ID": "first", "REL_OP": ">", "RIGHT_ID": "holder", "RIGHT_ATTRS": {"DEP": "appos"}},
        ],
        # "Y, who also serves as the Chairperson of X"
        [
            {"RIGHT_ID": "chair", "RIGHT_ATTRS": {"LOWER": {"IN": CHAIR_WORDS}, "DEP": "pobj"}},
            {"LEFT_ID": "chair", "REL_OP": "<", "RIGHT_ID": "as", "RIGHT_ATTRS": {"LOWER": "as", "DEP": "prep"}},
            {"LEFT_ID": "as", "REL_OP": "<", "RIGHT_ID": "verb",
             "RIGHT_ATTRS": {"LEMMA": {"IN": SERVING_VERBS}, "DEP": "relcl"}},
            {"LEFT_ID": "verb", "REL_OP": "<", "RIGHT_ID": "holder", "RIGHT_ATTRS": {}},
        ],
        # "Y, who is the current Chair of X"
        [
            {"RIGHT_ID": "chair", "RIGHT_ATTRS": {"LOWER": {"IN": CHAIR_WORDS}, "DEP": "attr"}},
            {"LEFT_ID": "chair", "REL_OP": "<", "RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "be", "DEP": "relcl"}},
            {"LEFT_ID": "verb", "REL_OP": "<", "RIGHT_ID": "holder", "RIGHT_ATTRS": {}},
        ],
    ]  # fmt: skip


def _hosting_patterns() -> list[list[dict[str, Any]]]:
    """ "Z's hosting of the 2027 summit" (the hosted meeting third)."""
    return [
        # "Z's hosting of the 2027 summit"
        [{"RIGHT_ID": "host", "RIGHT_ATTRS": {"LOWER": "hosting", "POS": "NOUN"}},
         {"LEFT_ID": "host", "REL_OP": ">", "RIGHT_ID": "of", "RIGHT_ATTRS": {"LOWER": "of", "DEP": "prep"}},
         {"LEFT_ID": "of", "REL_OP": ">", "RIGHT_ID": "meeting", "RIGHT_ATTRS": {"DEP": "pobj"}},
         {"LEFT_ID": "host", "REL_OP": ">", "RIGHT_ID": "holder", "RIGHT_ATTRS": {"DEP": "poss"}}],
    ]


def _next_host_patterns() -> list[list[dict[str, Any]]]:
    """The hosted meeting (or the "next" of "the next host") second, who hosts last."""
    hosting = {"RIGHT_ID": "host", "RIGHT_ATTRS": {"LEMMA": "host", "POS": "VERB"}}
    hosted = {"LEFT_ID": "host", "REL_OP": ">", "RIGHT_ID": "meeting", "RIGHT_ATTRS": {"DEP": "dobj"}}
    offer_of = [
        {"LEFT_ID": "offer", "REL_OP": ">", "RIGHT_ID": "of", "RIGHT_ATTRS": {"LOWER": "of", "DEP": "prep"}},
        {"LEFT_ID": "of", "REL_OP": ">", "RIGHT_ID": "holder", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ]
    host_noun = [
        {"RIGHT_ID": "host", "RIGHT_ATTRS": {"LEMMA": "host", "POS": "NOUN"}},
        {"LEFT_ID": "host", "REL_OP": ">", "RIGHT_ID": "meeting", "RIGHT_ATTRS": {"LOWER": "next", "DEP": "amod"}},
    ]
    return [
        # "Z will host the next summit"
        [hosting, hosted,
         {"LEFT_ID": "host", "REL_OP": ">", "RIGHT_ID": "holder", "RIGHT_ATTRS": {"DEP": {"IN": SUBJECTS}}}],
        # "Z will take over the chair and host the 13th meeting": the subject of the first verb
        [{"RIGHT_ID": "host", "RIGHT_ATTRS": {"LEMMA": "host", "POS": "VERB", "DEP": "conj"}}, hosted,
         {"LEFT_ID": "host", "REL_OP": "<", "RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
         {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "holder", "RIGHT_ATTRS": {"DEP": {"IN": SUBJECTS}}}],
        # "accepted the offer of Z to host the next summit"
        [hosting, hosted,
         {"LEFT_ID": "host", "REL_OP": "<", "RIGHT_ID": "offer", "RIGHT_ATTRS": {"LEMMA": {"IN": OFFER_NOUNS}}},
         *offer_of],
        # ... the parser hanging "to host" from the verb whose object the offer is
        [hosting, hosted,
         {"LEFT_ID": "host", "REL_OP": "<", "RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
         {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "offer",
          "RIGHT_ATTRS": {"LEMMA": {"IN": OFFER_NOUNS}, "DEP": "dobj"}},
         *offer_of],
        # "Z was confirmed as the next host"
        [*host_noun,
         {"LEFT_ID": "host", "REL_OP": "<", "RIGHT_ID": "as", "RIGHT_ATTRS": {"LOWER": "as", "DEP": "prep"}},
         {"LEFT_ID": "as", "REL_OP": "<", "RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
         {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "holder", "RIGHT_ATTRS": {"DEP": {"IN": SUBJECTS}}}],
        # "Z will be the next host"
        [*host_noun,
         {"LEFT_ID": "host", "REL_OP": "<", "RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "be"}},
         {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "holder", "RIGHT_ATTRS": {"DEP": {"IN": SUBJECTS}}}],
    ]  # fmt: skip


ORDINAL_DIGITS = re.compile(r"\d{1,3}(?:st|nd|rd|th)")


@dataclass(frozen=True)
class NextHost:
    """Who hosts a later meeting, and what the text says sets that meeting after this one: "next", a
    year ("the 2027 summit") or an ordinal ("the 13th meeting")."""

    holder: Any
    meeting: Any
    said_next: bool
    year: int | None
    ordinal: int | None


def _later_marks(meeting: Any) -> tuple[bool, int | None, int | None]:
    """Whether a hosted meeting's words say "next", and the year and ordinal they give it."""
    if meeting.lower_ == "next":
        return True, None, None
    said_next, year, ordinal = False, None, None
    for word in meeting.children:
        if word.lower_ == "next" and word.dep_ == "amod":
            said_next = True
        elif word.like_num and len(word.text) == 4 and word.text.isdigit():
            year = int(word.text)
        elif word.ent_type_ == "ORDINAL" or word.lower_ in ORDINAL_WORDS or ORDINAL_DIGITS.fullmatch(word.lower_):
            ordinal = ordinal_value(word.text)
    return said_next, year, ordinal


def next_hosts(doc: Any) -> list[NextHost]:
    """Who the Doc says hosts a meeting after another ("Z will host the next summit", "the offer of Z to
    host the 2027 summit", "Z's hosting of the 13th meeting"), in text order; a hosted meeting with no
    mark of being later is left out."""
    if not _parsed(doc):
        return []
    found: dict[int, NextHost] = {}
    for label, ids in _matchers(doc.vocab)[1](doc):
        meeting = doc[ids[2] if doc.vocab.strings[label] == "HOSTING" else ids[1]]
        said_next, year, ordinal = _later_marks(meeting)
        if said_next or year or ordinal:
            holder = doc[ids[-1]]
            found.setdefault(holder.i, NextHost(holder, meeting, said_next, year, ordinal))
    return sorted(found.values(), key=lambda h: h.holder.i)


CHAIRING_VERBS = ["chair", "preside", "co-chair"]
CHAIR_OFFICES = ["chairmanship", "chairpersonship", "presidency", "chair"]
# what a verb of chairing must chair to be this meeting's: a meeting word, or a body by its acronym
CHAIRED_OBJECTS = frozenset({"meeting", "session", "talks", "summit", "council", "conference", "sitting"})


def _chaired_patterns() -> dict[str, list[list[dict[str, Any]]]]:
    verb = {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": CHAIRING_VERBS}, "POS": "VERB"}}
    return {
        # "chaired by X", "presided over by X"
        "BY": [[verb,
                {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "by", "RIGHT_ATTRS": {"DEP": "agent"}},
                {"LEFT_ID": "by", "REL_OP": ">", "RIGHT_ID": "holder", "RIGHT_ATTRS": {"DEP": "pobj"}}]],
        # "under the chairmanship of X"
        "UNDER": [[{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LOWER": "under"}},
                   {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "office",
                    "RIGHT_ATTRS": {"LOWER": {"IN": CHAIR_OFFICES}, "DEP": "pobj"}},
                   {"LEFT_ID": "office", "REL_OP": ">", "RIGHT_ID": "of", "RIGHT_ATTRS": {"LOWER": "of"}},
                   {"LEFT_ID": "of", "REL_OP": ">", "RIGHT_ID": "holder", "RIGHT_ATTRS": {"DEP": "pobj"}}]],
        # "X chaired the meeting", "X is chairing the COM", "X presided over the session"
        "ACTIVE": [
            [verb,
             {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": {"DEP": "dobj"}},
             {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "holder", "RIGHT_ATTRS": {"DEP": "nsubj"}}],
            [verb,
             {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "over", "RIGHT_ATTRS": {"LOWER": "over"}},
             {"LEFT_ID": "over", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": {"DEP": "pobj"}},
             {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "holder", "RIGHT_ATTRS": {"DEP": "nsubj"}}],
        ],
    }  # fmt: skip


@dataclass(frozen=True)
class _Anchored:
    """A DependencyMatcher and the words its patterns' first nodes ask for, as hashes of the vocabulary's
    strings. A match lies within one sentence (every arc does) and holds a first node's word, so the
    matcher, whose cost grows with every token some node could be, runs only over the sentences that
    hold such a word, each copied into a Doc of its own; the matches are the whole Doc's."""

    matcher: DependencyMatcher
    lowers: numpy.ndarray  # uint64 hashes, as Doc.to_array gives them
    lemmas: numpy.ndarray
    always: bool  # a first node asks for no word: run over every Doc

    def __call__(self, doc: Any) -> list[tuple[int, list[int]]]:
        if self.always:
            return self.matcher(doc)
        table = doc.to_array(SENTENCE_ATTRS)
        anchors = numpy.flatnonzero(numpy.isin(table[:, 0], self.lowers) | numpy.isin(table[:, 1], self.lemmas))
        found: list[tuple[int, list[int]]] = []
        seen: set[int] = set()
        for index in anchors.tolist():
            sentence = doc[index].sent
            if sentence.start in seen:
                continue
            seen.add(sentence.start)
            for label, ids in self.matcher(_sentence_doc(doc, sentence, table)):
                found.append((label, [i + sentence.start for i in ids]))
        return found


# what a sentence's own Doc carries besides its words and spaces: what the patterns ask for (LOWER only to find the
# sentences: it is the words' own)
SENTENCE_ATTRS = [LOWER, LEMMA, POS, TAG, DEP, HEAD]


def _sentence_doc(doc: Any, sentence: Any, table: numpy.ndarray) -> Doc:
    """A Doc of one sentence with its parse, lemmas and tags (``Span.as_doc`` would also average the word
    vectors and copy the whole Doc's table each time). A sentence whose arcs leave it (the parser's never
    do) is copied by spaCy's own ``as_doc``, which cuts them."""
    rows = table[sentence.start : sentence.end]
    heads = numpy.arange(sentence.start, sentence.end) + rows[:, SENTENCE_ATTRS.index(HEAD)].astype(numpy.int64)
    if heads.size and (heads.min() < sentence.start or heads.max() >= sentence.end):
        return sentence.as_doc()
    words = doc[sentence.start : sentence.end]
    copy = Doc(doc.vocab, words=[t.text for t in words], spaces=[bool(t.whitespace_) for t in words])
    return copy.from_array(SENTENCE_ATTRS[1:], rows[:, 1:])


def _anchored(vocab: Any, labelled: dict[str, list[list[dict[str, Any]]]]) -> _Anchored:
    """The matcher of ``labelled`` patterns, with the words their first nodes ask for (a LOWER or a
    LEMMA: a word or an "IN" list)."""
    matcher = DependencyMatcher(vocab)
    words: dict[str, set[str]] = {"LOWER": set(), "LEMMA": set()}
    always = False
    for label, patterns in labelled.items():
        matcher.add(label, patterns)
        for pattern in patterns:
            attrs = pattern[0]["RIGHT_ATTRS"]
            keys = [k for k in ("LOWER", "LEMMA") if k in attrs]
            if not keys:
                always = True
                continue
            value = attrs[keys[0]]
            words[keys[0]].update(value["IN"] if isinstance(value, dict) else [value])
    return _Anchored(matcher, string_hashes(vocab, words["LOWER"]), string_hashes(vocab, words["LEMMA"]), always)


@cache
def _matchers(vocab: Any) -> tuple[_Anchored, _Anchored, _Anchored]:
    """The matchers of one vocabulary (one per process in practice)."""
    chairs = _anchored(vocab, {"CHAIR": _chair_patterns()})
    hosts = _anchored(vocab, {"NEXT_HOST": _next_host_patterns(), "HOSTING": _hosting_patterns()})
    chaired = _anchored(vocab, _chaired_patterns())
    return chairs, hosts, chaired


@dataclass(frozen=True)
class Chairing:
    """A wording that says who chairs: "by" ("chaired by X"), "under" ("under the chairmanship of X") or
    "active" ("X chaired the meeting"); its first word and the token of who chairs."""

    kind: str
    trigger: Any
    holder: Any


def chairings(doc: Any) -> list[Chairing]:
    """Every wording of chairing in the Doc, in text order; an active verb only with a meeting word or an
    acronym as its object ("X chaired the summit", "X is chairing the COM"), not "chaired a committee"."""
    if not _parsed(doc):
        return []
    matcher = _matchers(doc.vocab)[2]
    found: dict[int, Chairing] = {}
    for label, ids in matcher(doc):
        kind = doc.vocab.strings[label].lower()
        trigger, holder = doc[ids[0]], doc[ids[-1]]
        if kind == "active":
            chaired = doc[ids[-2]]
            if chaired.lower_ not in CHAIRED_OBJECTS and not (chaired.text.isupper() and 2 <= len(chaired) <= 8):
                continue
            if trigger.i > 0 and doc[trigger.i - 1].text == "-" and trigger.i > 1:  # "co-chaired"
                trigger = doc[trigger.i - 2]
        found.setdefault(trigger.i, Chairing(kind, trigger, holder))
    return sorted(found.values(), key=lambda c: c.trigger.i)


def _parsed(doc: Any) -> bool:
    return doc is not None and doc.has_annotation("DEP")


def chair_holders(doc: Any) -> list[ChairHolder]:
    """Every chair office of the Doc and who it is said of, in text order; not an incoming, outgoing or
    deputy chair ("incoming X chair, Y": the next year's)."""
    if not _parsed(doc):
        return []
    matcher = _matchers(doc.vocab)[0]
    found: dict[tuple[int, int], ChairHolder] = {}
    for _, (chair, *_, holder) in matcher(doc):
        chair_token, holder_token = doc[chair], doc[holder]
        qualifiers = {c.lower_ for c in chair_token.children if c.dep_ in ("amod", "compound")}
        if qualifiers & NOT_THE_HOLDER or holder_token.i == chair_token.i:
            continue
        found.setdefault((chair_token.i, holder_token.i), ChairHolder(chair_token, holder_token))
    return sorted(found.values(), key=lambda h: h.chair.i)


def chair_names(chair: Any) -> set[str]:
    """The lower-case words that say whose chair it is: compounds before the word ("SADC chairman") and the
    object of its "of" ("Chairperson of the Commonwealth")."""
    words = {c.lower_ for c in chair.children if c.dep_ == "compound" and c.pos_ == "PROPN"}
    for prep in (c for c in chair.children if c.dep_ == "prep" and c.lower_ == "of"):
        words |= {t.lower_ for t in prep.subtree if t.pos_ == "PROPN"}
    return words
