"""The data every pipeline stage passes on: plain frozen dataclasses.

Per-article stages (ingest → nlp → events) are pure functions from one of these to
the next; cross-article stages (actors, stories) read and write the store. Every
fact that leaves a stage carries its ``Evidence``: a document id and the character
span of the stored text that states it. Unknown values are ``None``, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Document:
    """One article as read from a file or a JSON Lines record."""

    id: str
    path: str
    text: str  # the stored text: every evidence offset indexes it
    title: str | None = None
    published: date | None = None
    source: str | None = None  # the outlet as the text names it ("Kazinform", "UzA")
    dateline: str | None = None  # the place in the article's dateline ("Astana")
    url: str | None = None
    format: str = "txt"  # txt | html | jsonl
    content_hash: str = ""  # sha256 of text + metadata: re-ingesting the same content changes nothing


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class EntityMention:
    """A named entity spaCy found: PERSON, ORG, GPE, NORP, LOC, FAC, ..."""

    text: str
    label: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class DateMention:
    """A date expression and the day range it denotes, resolved against the publication date.

    ``start``/``end`` are ``None`` for vague expressions ("these days", "recently") and
    for expressions that cannot be anchored (a weekday with no publication date).
    ``granularity`` is "day", "month" or "year" for resolved values.
    """

    text: str
    char_start: int
    char_end: int
    sentence: int
    start: date | None = None
    end: date | None = None
    granularity: str | None = None
    relative: bool = False  # resolved from the publication date ("yesterday", "Tuesday")


@dataclass(frozen=True)
class Annotated:
    """The NLP stage's view of one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    entities: tuple[EntityMention, ...]
    dates: tuple[DateMention, ...]
    tokens: int = 0
    # the spaCy Doc behind it (tokens, tags, dependency parse), for the events stage; not stored
    spacy_doc: object | None = field(default=None, compare=False, repr=False)

    def sentence_of(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


@dataclass(frozen=True)
class Evidence:
    """A span of a stored document that states a fact; ``field`` names the fact."""

    document: str
    start: int
    end: int
    text: str
    field: str = ""


@dataclass(frozen=True)
class PersonMention:
    """A person named in a role: "Secretary of the Security Council of Russia N. P. Patrushev".

    ``role`` is the title as the text words it, without the affiliation; ``affiliation`` is
    a country (ISO 3166-1 alpha-3) or organisation code ("SCO", "SCO RATS"); ``honorific``
    the style or rank written before the name ("H.E. Mr.", "Datuk Seri"), kept out of ``name``.
    """

    name: str
    role: str | None
    affiliation: str | None
    evidence: Evidence
    role_normalized: str | None = None
    honorific: str | None = None


@dataclass(frozen=True)
class Place:
    city: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3


@dataclass(frozen=True)
class SignedDocument:
    title: str
    signatories: tuple[str, ...] = ()
    evidence: Evidence | None = None


@dataclass(frozen=True)
class EventReport:
    """One event as one document reports it (before reports of one event are fused).

    ``type`` is "meeting", "reception", "agreement", "visit" or "talks"; ``status`` is "held" or "planned";
    ``mode`` is "in_person" or "videoconference" (or None when not said).
    """

    document: str
    index: int
    type: str
    title: str | None = None
    organization: str | None = None
    series: str | None = None
    ordinal: int | None = None
    start: date | None = None
    end: date | None = None
    location: Place = field(default_factory=Place)
    mode: str | None = None
    status: str = "held"
    chair: str | None = None
    participants: tuple[PersonMention, ...] = ()
    received_by: tuple[PersonMention, ...] = ()
    next_venue: Place | None = None
    signed: tuple[SignedDocument, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    related_to: int | None = None  # index of the meeting a reception or signing belongs to
    # month and day without a year ("--04-05/--04-06") when the text gives no year and the
    # article no publication date: fusion fills the year from other reports of the event
    partial_dates: str | None = None


@dataclass(frozen=True)
class Extraction:
    """What the per-article stages found in one document."""

    document: Document
    events: tuple[EventReport, ...]
    persons: tuple[PersonMention, ...]  # every person named, with or without a role


# --- cross-article results: what the actors and stories stages derive from the store ---


@dataclass(frozen=True)
class Alias:
    """A surface form of an actor's name, where it was seen, and why it was joined."""

    text: str
    document: str
    reason: str  # "first mention", "surname of 'Nikolai Patrushev' in the same document", ...


@dataclass(frozen=True)
class RoleHeld:
    """An office an actor held, as stated: title + affiliation, seen from first_seen to last_seen."""

    title: str
    affiliation: str | None
    first_seen: date | None
    last_seen: date | None
    documents: tuple[str, ...] = ()
    normalized: str | None = None


@dataclass(frozen=True)
class Actor:
    id: str
    kind: str  # person | country | organization
    name: str
    aliases: tuple[Alias, ...] = ()
    roles: tuple[RoleHeld, ...] = ()
    code: str | None = None  # ISO alpha-3 for countries, the usual abbreviation for organisations


@dataclass(frozen=True)
class Version:
    """One value a field took in the reports, and the documents that state it."""

    value: str
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """Reports disagree on a field: every version is kept, one is chosen by a stated rule."""

    field: str
    versions: tuple[Version, ...]
    chosen: str
    rule: str


@dataclass(frozen=True)
class Participation:
    """An actor's part in a fused event: participant or host (received_by)."""

    actor: str
    role: str | None
    affiliation: str | None
    documents: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    name: str | None = None  # the name as reported, for display


@dataclass(frozen=True)
class Event:
    """One real-world event, fused from every report of it."""

    id: str
    type: str
    title: str | None
    organization: str | None
    series: str | None
    ordinal: int | None
    start: date | None
    end: date | None
    location: Place
    mode: str | None
    status: str
    chair: str | None
    participants: tuple[Participation, ...]
    received_by: tuple[Participation, ...]
    next_venue: Place | None
    signed: tuple[SignedDocument, ...]
    documents: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    conflicts: tuple[Conflict, ...] = ()
    story: str | None = None


@dataclass(frozen=True)
class Story:
    """Reports of one happening grouped together; ``duplicates`` maps a document to the one it copies."""

    id: str
    title: str | None
    documents: tuple[str, ...]
    events: tuple[str, ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()
    main_event: str | None = None  # the held meeting most of its documents report
    start: date | None = None  # the earliest and latest date its documents were written (or dated)
    end: date | None = None


@dataclass(frozen=True)
class SharedPassage:
    """A run of words two documents share: ``document``'s characters ``start``–``end`` read as
    ``other``'s ``other_start``–``other_end`` (compared case-folded, punctuation ignored)."""

    document: str
    start: int
    end: int
    other: str
    other_start: int
    other_end: int
    words: int

    def seen_from(self, document: str) -> SharedPassage:
        """The same passage with ``document`` as its first side."""
        if document == self.document:
            return self
        return SharedPassage(
            document=self.other, start=self.other_start, end=self.other_end,
            other=self.document, other_start=self.start, other_end=self.end, words=self.words,
        )  # fmt: skip


@dataclass(frozen=True)
class NamePairs:
    """Person names compared with one another (one surface form per name key) and the pairs of them
    that may name one person (``actors.name_match.candidate_pairs``), each pair in key order: what
    a derive keeps so that the next compares only the pairs with a new name."""

    names: frozenset[str]
    pairs: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class Derived:
    """What the cross-article stage computed, for the store to write (``derive.py``).

    ``passages`` are those of the pairs in ``compared_now`` (the pairs this run compared);
    ``compared`` is every pair whose shared passages the store holds afterwards (the pairs of
    each story and each copy with its original), each as (first id, second id) in id order.
    ``signatures`` are the MinHash signatures this run computed: (document id, content hash of
    the text it was computed from, signature)."""

    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    stories: tuple[Story, ...]
    passages: tuple[SharedPassage, ...] = ()
    compared: frozenset[tuple[str, str]] = frozenset()
    compared_now: frozenset[tuple[str, str]] = frozenset()
    signatures: tuple[tuple[str, str, bytes], ...] = ()
    # the store's mark read before the articles (Store.saved_mark, "" for none); None: records
    # written as current whatever was saved meanwhile (a caller that computed them itself)
    mark: str | None = None
    # the person names compared and the pairs that fit (all of them, written in place of the stored)
    name_pairs: NamePairs | None = None
    # the near-duplicate index: (document, band, key) of each document signed anew, the near-copy
    # links among ``links_of`` (the documents whose near-copies were computed), which replace theirs
    bands: tuple[tuple[str, int, str], ...] = ()
    links: frozenset[tuple[str, str]] = frozenset()
    links_of: frozenset[str] = frozenset()
