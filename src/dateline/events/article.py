"""One article as the events stage reads it: sentences, named people and meeting mentions per sentence,
and the groups of mentions that name one meeting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from spacy import symbols
from spacy.attrs import IDX, POS

from dateline.events.chair_parse import ChairHolder, Chairing, NextHost, chair_holders, chairings, next_hosts
from dateline.events.honorifics import honorific_entries
from dateline.events.meeting_parse import meetings_by_code, parse_meeting_nouns
from dateline.events.meetings import PLURAL_WORD, MeetingMention, find_meetings, series_of
from dateline.events.offices import titles_by_surname
from dateline.events.persons import NamedPerson, persons_in
from dateline.events.places import (
    country_code,
    defined_acronyms,
)
from dateline.events.series_key import OFFICE_WORDS, named_apart, similar_series
from dateline.events.titles import Title
from dateline.ingest.dates import MonthDay
from dateline.ingest.metadata import parse_dateline
from dateline.model import (
    Annotated,
    DateMention,
    Evidence,
    Sentence,
)
from dateline.nlp.lookup import hash_array, positions


@dataclass
class MeetingGroup:
    """Mentions of one meeting in one article, as they are collected."""

    status: str
    mentions: list[tuple[int, MeetingMention]] = field(default_factory=list)
    # sentences that speak of "the meeting" / "the session" without naming it, when the
    # article reports only this meeting: they may say where and when it was
    context: list[int] = field(default_factory=list)

    @property
    def ordinal(self) -> int | None:
        return next((m.ordinal for _, m in self.mentions if m.ordinal is not None), None)

    @property
    def organization(self) -> str | None:
        return next((m.organization for _, m in self.mentions if m.organization), None)

    @property
    def key(self) -> frozenset[str]:
        keys = [m.series_key for _, m in self.mentions if m.series_key]
        return max(keys, key=len) if keys else frozenset()

    @property
    def sentences(self) -> list[int]:
        return sorted({index for index, _ in self.mentions})

    def accepts(self, mention: MeetingMention) -> bool:
        if mention.organization and self.organization and mention.organization != self.organization:
            return False
        if named_apart(mention.organization, mention.series_key, self.organization, self.key):
            return False
        if mention.ordinal is not None and self.ordinal is not None:
            return mention.ordinal == self.ordinal
        if mention.noun == "summit" and not mention.series_key and self.key & OFFICE_WORDS:
            return False  # "the Fourth Summit" is the leaders' meeting, not the foreign ministers' council
        if not mention.series_key or not self.key:
            # "the CSTO meeting" names no body: it is the article's meeting of that organisation
            return bool(mention.organization and mention.organization == self.organization) or (
                mention.organization is None and mention.noun == self.mentions[0][1].noun
            )
        return similar_series(mention.series_key, self.key)


class Article:
    """One article's text, sentences and the facts the stage reads from them."""

    def __init__(self, annotated: Annotated) -> None:
        self.annotated = annotated
        self.document = annotated.document
        self.text = annotated.document.text
        self.sentences = join_split_initials(self.text, annotated.sentences or (Sentence(0, 0, len(self.text)),))
        self.acronyms = defined_acronyms(self.text)
        # the countries the article names (its place and nationality entities), to prefer their towns
        self.countries = frozenset(
            code for e in annotated.entities if e.label in ("GPE", "NORP") and (code := country_code(e.text))
        )
        # the headline and the first sentence of the body: where a report names its own event
        body = [i for i, s in enumerate(self.sentences) if len(self.text[s.start : s.end].split()) >= 10]
        self.lead = frozenset(i for i in (0, 1, *body[:1]) if i < len(self.sentences))  # a text may be one sentence
        self.known_acronyms = frozenset(re.findall(r"\b[A-Z]{2,8}\b", self.text))
        entities = [(e.start, e.end) for e in annotated.entities if e.label == "PERSON"]
        self.persons: list[list[NamedPerson]] = []
        self.meetings: list[list[MeetingMention]] = []
        not_names = not_name_words(annotated.spacy_doc)
        verbs = verb_starts(annotated.spacy_doc)
        parsed = parse_meeting_nouns(annotated.spacy_doc)
        # offsets of meeting nouns in past-perfect clauses ("had attended the fifth summit")
        self.past_perfect = parsed.past_perfect
        # ... and in the present perfect or progressive ("has been signed at the summit"): that day's report
        self.present = parsed.present
        self.present_simple = parsed.present_simple
        self.aside = parsed.aside
        # ... and in the simple past ("attended the summit on 10 November"): told as done
        self.past = parsed.past
        for sentence in self.sentences:
            chunk = self.text[sentence.start : sentence.end]
            inside = [(a, b) for a, b in entities if sentence.start <= a < sentence.end]
            self.persons.append(
                persons_in(chunk, sentence.start, inside, self.acronyms, self.known_acronyms, not_names)
            )
            self.meetings.append(
                find_meetings(chunk, sentence.start, self.acronyms, verbs, parsed.ordinals, inside)
            )
        for start, end, verb_end in parsed.bodies_that_met:
            self._add_body_that_met(start, end, verb_end)
        for start, end, code, ordinal in meetings_by_code(annotated.spacy_doc):
            self._add_meeting_by_code(start, end, code, ordinal)

    def _add_body_that_met(self, start: int, end: int, verb_end: int) -> None:
        """A mention for "We, the Heads of Government of X, met" that the patterns over the string missed: a
        body of office holders (its plural office word) and, said or not, an organisation."""
        index = self.sentence_at(start)
        if index is None or self.meetings[index]:
            return  # "leaders gathered in Valletta for the opening of the X Meeting": the sentence names it
        phrase = self.text[start:end]
        if not PLURAL_WORD.search(phrase):
            return
        organization, series, key = series_of(phrase, self.acronyms)
        if organization is None and not key:
            return
        mention = MeetingMention(start, verb_end, self.text[start:verb_end], None, organization, series, key, "met")
        self.meetings[index].append(mention)

    def _add_meeting_by_code(self, start: int, end: int, code: str, ordinal: int | None) -> None:
        """A mention for a meeting named only by its code ("ADMM opened in Vientiane"), where the patterns found
        none around it."""
        index = self.sentence_at(start)
        if index is None or any(m.start <= start < m.end for m in self.meetings[index]):
            return
        organization, series, key = series_of(code, self.acronyms)
        mention = MeetingMention(start, end, code, ordinal, organization or code, series or code, key, "meeting")
        self.meetings[index].append(mention)

    @cached_property
    def chairings(self) -> list[Chairing]:
        """The parse's wordings of chairing ("chaired by X"), read once for all the article's meetings."""
        return chairings(self.annotated.spacy_doc)

    @cached_property
    def chair_holders(self) -> list[ChairHolder]:
        """The parse's holders of a chair ("X, who serves as the Chairperson of Z"), read once."""
        return chair_holders(self.annotated.spacy_doc)

    @cached_property
    def next_hosts(self) -> list[NextHost]:
        """Who the parse says hosts a later meeting, read once."""
        return next_hosts(self.annotated.spacy_doc)

    @cached_property
    def titles_by_surname(self) -> dict[str, Title]:
        """The role and affiliation the article's mentions of each surname agree on."""
        return titles_by_surname(self.persons)

    def token_at(self, offset: int) -> object | None:
        """The parse's token holding a character offset of the text (None without a parse)."""
        doc = self.annotated.spacy_doc
        if doc is None or not 0 <= offset < len(self.text):
            return None
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")  # type: ignore[attr-defined]
        return span[0] if span is not None and len(span) else None

    def sentence_at(self, offset: int) -> int | None:
        """The index of the sentence that holds the character at ``offset`` (None between sentences)."""
        return next((i for i, s in enumerate(self.sentences) if s.start <= offset < s.end), None)

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.text[sentence.start : sentence.end]

    def evidence(self, index: int, field_name: str) -> Evidence:
        sentence = self.sentences[index]
        return Evidence(self.document.id, sentence.start, sentence.end, self.sentence_text(index), field_name)

    def dates_in(self, index: int) -> list[DateMention]:
        """The dates a sentence states; the file's own "date 2025-08-16" header line states none, nor does a
        dateline ("Valletta, 3 March 2021 (MNA):"): that is the report's day, not a meeting's."""
        sentence = self.sentences[index]
        header = DATE_HEADER.match(self.text)
        after = header.end() if header else 0
        return [
            d for d in self.annotated.dates
            if sentence.start <= d.char_start < sentence.end and d.char_start >= after
            and d.char_start not in self.dateline[1]
        ]  # fmt: skip

    @cached_property
    def dateline(self) -> tuple[MonthDay | date | None, frozenset[int]]:
        """The day the article's dateline names ("VALLETTA, March 3. /AGENCY/.", a year or not) and the
        offsets of the date mentions that state it."""
        header = DATE_HEADER.match(self.text)
        start = header.end() if header else 0
        line = self.text[start:].lstrip()
        start = len(self.text) - len(line)
        line = line.split("\n", 1)[0]
        parsed = parse_dateline(line)
        if parsed is None or parsed.when is None:
            return None, frozenset()
        # the dateline's own date is the first one the line states, before its first sentence's words
        first = next((d for d in self.annotated.dates if start <= d.char_start < start + len(line)), None)
        if first is None or first.char_start - start > DATELINE_REACH:
            return parsed.when, frozenset()
        return parsed.when, frozenset({first.char_start})


DATELINE_REACH = 60  # a dateline's date follows its town (and region) within this many characters
DATE_HEADER = re.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}\b")
NON_NAME_TAGS = frozenset({"ADV", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "AUX", "VERB", "PART", "INTJ", "NUM"})


def not_name_words(doc: object) -> frozenset[int]:
    """Offsets of capitalised words opening a sentence that the tagger reads as no noun ("Later", "Speaking")."""
    if doc is None or not doc.has_annotation("SENT_START"):  # type: ignore[attr-defined]
        return frozenset()
    return frozenset(
        sentence[0].idx for sentence in doc.sents  # type: ignore[attr-defined]
        if sentence[0].is_title and sentence[0].pos_ in NON_NAME_TAGS
    )  # fmt: skip


VERB_TAGS = hash_array([symbols.VERB, symbols.AUX])  # as Doc.to_array gives POS


def verb_starts(doc: object) -> frozenset[int]:
    """Offsets of the words the tagger reads as verbs: no part of a meeting's name ("Attend SADC Summit")."""
    if doc is None or not doc.has_annotation("POS"):  # type: ignore[attr-defined]
        return frozenset()
    table = doc.to_array([POS, IDX])  # type: ignore[attr-defined]
    return frozenset(table[positions(table[:, 0], VERB_TAGS), 1].tolist())


def join_split_initials(text: str, sentences: tuple[Sentence, ...]) -> tuple[Sentence, ...]:
    """Undo sentence breaks inside a name: after an initial ("President T. | A. Asanaliev") or
    where the parser cut a line that ends with no punctuation ("Sherali | Mirzoda, Minister ...")."""
    joined: list[Sentence] = []
    for sentence in sentences:
        previous = text[joined[-1].start : joined[-1].end] if joined else ""
        if (
            joined
            and "\n" not in text[joined[-1].end : sentence.start]
            and (
                re.search(r"(?:^|[\s.])[A-Z][a-z]?\.\s*$", previous)
                or _ends_with_honorific(previous)
                or (re.search(r"[\w,]$", previous) and text[sentence.start : sentence.start + 1].isalpha())
            )
        ):
            joined[-1] = Sentence(joined[-1].index, joined[-1].start, sentence.end)
        else:
            joined.append(sentence)
    return tuple(joined)


def _ends_with_honorific(text: str) -> bool:
    """Whether a sentence the parser closed ends with an abbreviated style ("H.E. Amb.", "Prof."): the name follows."""
    last = re.search(r"(?:^|\s)([A-Za-z][\w.]*)\.\s*$", text)
    word = last.group(1) if last else ""
    return len(word.replace(".", "")) <= 4 and word.lower() in honorific_entries()  # not "... the Secretary General."
