"""The events stage: every meeting, reception and signing one article reports, with evidence.

Reads an ``Annotated`` article and returns an ``Extraction``: a pure function of one article.
Meetings are found from their mentions (``meetings.py``), grouped by series and ordinal;
each group collects its date, place, chair, participants (from attendance sentences),
hosts (from "received by" sentences), next venue and signed documents. A mention of a past
meeting in background text gives no event; one announced for the future is kept as planned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS

from dateline.events.meetings import MeetingMention, find_meetings, ordinal_value, similar_series, status_of
from dateline.events.persons import MONTHS_AND_DAYS, NamedPerson, persons_in
from dateline.events.places import (
    canonical_city,
    capital_of,
    city_country,
    country_code,
    defined_acronyms,
    find_countries,
    is_region,
    organization_code,
)
from dateline.events.titles import is_title_word
from dateline.model import (
    Annotated,
    DateMention,
    EventReport,
    Evidence,
    Extraction,
    PersonMention,
    Place,
    Sentence,
    SignedDocument,
)

ATTENDANCE = re.compile(
    r"\b(?:attended|attending|attendees|in attendance|participated|participating|took part|take part|"
    r"participants (?:included|were)|were present|was present|delegations? (?:led|headed) by|brought together|"
    r"gathered|joined by|with the participation of|the meeting (?:of|between)|met with|chaired by|presided|"
    r"among (?:the )?participants|participants were|(?:was|were) opened by|delegations? of|representatives of|"
    r"present were|also present|as did|represented by|sent (?:its|his|her|their)|opening the|opened the|"
    r"addressed the|took the floor|spoke at|co-chaired|hosted the talks|among the \w+ attending|"
    r"(?:led|headed) the delegation|taking part|among the\b[^.]{0,60}\bwere|briefed the|"
    r"presented (?:his|her|the|a|an)|informed the|welcomed the (?:delegations|participants|guests)|"
    r"in (?:his|her) (?:opening |welcoming |keynote )?(?:address|remarks|speech|statement))\b",
    re.IGNORECASE,
)
ABSENT = re.compile(
    r"\b(?:could not|did not|was unable to|were unable to|failed to|absent|sent a message|"
    r"message to|the late|in absentia|instead of)\b",
    re.IGNORECASE,
)
RECEIVED = re.compile(
    r"\b(?:received|welcomed|hosted a reception for|met(?: with)?) (?:the )?(?:visiting )?(?:heads? of (?:the )?"
    r"(?:delegations?|governments?|states?)|delegations?|participants|members|secretaries|"
    r"(?:\w+ )?ministers|delegates|leaders|heads)|"
    r"\b(?:were|was)\s+(?:\w+ly\s+|later\s+|also\s+|then\s+)?received by\b",
    re.IGNORECASE,
)
# welcoming or meeting delegations is a reception when a head of state or government does it
HOST_OF_STATE = re.compile(r"\b(?:President|Prime Minister|Premier|King|Emir|Sultan|Head of State|Chancellor)\b")
CHAIR = re.compile(
    r"\b(?:chaired by|under the (?:chairmanship|chairpersonship|presidency|chair) of|presided over by|"
    r"presided by)\s+(?:the\s+)?(?P<who>[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*){0,5})|"
    r"\b(?P<owner>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})['’]s?\s+(?:chairmanship|presidency|chairpersonship)\b|"
    r"\b(?P<holder>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+(?:holds|held|took over|assumed|has)\s+the\s+"
    r"(?:rotating\s+)?(?:chairmanship|presidency)\b|"
    r"\b(?P<chairing>chaired|presided over|co-chaired)\s+the\s+(?:meeting|session|talks|summit|council)\b"
)
NEXT_VENUE = re.compile(r"\bnext\s+(?:\w+\s+){0,8}?(?:meeting|session|summit|conference|sitting)\b", re.IGNORECASE)
FUTURE_VERB = re.compile(r"\b(?:will|shall|to be|is scheduled|is planned|would)\b", re.IGNORECASE)
VIDEO = re.compile(
    r"\b(?:video ?conference|videoconferencing|video link|video-link|online format|virtual(?:ly)?|"
    r"via video|by video)\b",
    re.IGNORECASE,
)
SIGNED = re.compile(r"\b(?:signed|signing|inked|(?:was|were) adopted|adopted (?:a|an|the)|endorsed)\b", re.IGNORECASE)
NOT_SIGNED = re.compile(
    r"\b(?:called for|welcomed|stressed|importance|envisaged|to be|will|should|draft|"
    r"soonest|early)\b",
    re.IGNORECASE,
)
DOCUMENT_NOUN = re.compile(
    r"\b(?:(?i:a|an|the|joint)\s+)*(?P<title>(?:[A-Z][\w'’-]*\s+)*(?i:protocol|minutes|memorandum|agreement|"
    r"declaration|communiqu[eé]|statement|plan|roadmap|road map|decision|resolution|treaty|convention|"
    r"programme|program|report|concept)(?:\s+(?:of|on|for)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,12}?"
    r"(?=\s+(?:were|was|is|are|has|have)\b|[,.;]|$))?)",
)
UNNAMED_MEETING = re.compile(
    r"\b(?:the|their|this|today's|yesterday's)\s+(?:[\w-]+\s+)?(?:meeting|session|talks|summit|sitting)\b"
    r"(?!\s+(?:of|will|is to|to be)\b)",
    re.IGNORECASE,
)
# "in the Tajik capital": the capital of the country the adjective names
CAPITAL = re.compile(r"\b(?:in|at)\s+the\s+(?P<country>[A-Z][\w'’-]*)\s+capital\b")
PLACE_AFTER = re.compile(r"\b(?:in|at|to)\s+(?:the\s+)?(?P<place>[A-Z][\w'’.-]*(?:[\s-]+[A-Z][\w'’-]*){0,4})")


@dataclass
class _Group:
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
        if mention.ordinal is not None and self.ordinal is not None:
            return mention.ordinal == self.ordinal
        if not mention.series_key or not self.key:
            # "the CSTO meeting" names no body: it is the article's meeting of that organisation
            return bool(mention.organization and mention.organization == self.organization) or (
                mention.organization is None and mention.noun == self.mentions[0][1].noun
            )
        return similar_series(mention.series_key, self.key)


class _Article:
    """One article's text, sentences and the facts the stage reads from them."""

    def __init__(self, annotated: Annotated) -> None:
        self.annotated = annotated
        self.document = annotated.document
        self.text = annotated.document.text
        self.sentences = _join_split_initials(self.text, annotated.sentences or (Sentence(0, 0, len(self.text)),))
        self.acronyms = defined_acronyms(self.text)
        # the countries the article names (its place and nationality entities), to prefer their towns
        self.countries = frozenset(
            code for e in annotated.entities if e.label in ("GPE", "NORP") and (code := country_code(e.text))
        )
        # the headline and the first sentence of the body: where a report names its own event
        body = [i for i, s in enumerate(self.sentences) if len(self.text[s.start : s.end].split()) >= 10]
        self.lead = frozenset({0, 1, *body[:1]})
        self.known_acronyms = frozenset(re.findall(r"\b[A-Z]{2,8}\b", self.text))
        entities = [(e.start, e.end) for e in annotated.entities if e.label == "PERSON"]
        self.persons: list[list[NamedPerson]] = []
        self.meetings: list[list[MeetingMention]] = []
        not_names = _not_name_words(annotated.spacy_doc)
        for sentence in self.sentences:
            chunk = self.text[sentence.start : sentence.end]
            inside = [(a, b) for a, b in entities if sentence.start <= a < sentence.end]
            self.persons.append(
                persons_in(chunk, sentence.start, inside, self.acronyms, self.known_acronyms, not_names)
            )
            self.meetings.append(find_meetings(chunk, sentence.start, self.acronyms))

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.text[sentence.start : sentence.end]

    def evidence(self, index: int, field_name: str) -> Evidence:
        sentence = self.sentences[index]
        return Evidence(self.document.id, sentence.start, sentence.end, self.sentence_text(index), field_name)

    def dates_in(self, index: int) -> list[DateMention]:
        sentence = self.sentences[index]
        return [d for d in self.annotated.dates if sentence.start <= d.char_start < sentence.end]


NON_NAME_TAGS = frozenset({"ADV", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "AUX", "VERB", "PART", "INTJ", "NUM"})


def _not_name_words(doc: object) -> frozenset[int]:
    """Offsets of capitalised words opening a sentence that the tagger reads as no noun ("Later", "Speaking")."""
    if doc is None or not doc.has_annotation("SENT_START"):  # type: ignore[attr-defined]
        return frozenset()
    return frozenset(
        sentence[0].idx for sentence in doc.sents  # type: ignore[attr-defined]
        if sentence[0].is_title and sentence[0].pos_ in NON_NAME_TAGS
    )  # fmt: skip


def _join_split_initials(text: str, sentences: tuple[Sentence, ...]) -> tuple[Sentence, ...]:
    """Undo sentence breaks after an initial ("President T. | A. Asanaliev"): names must stay whole."""
    joined: list[Sentence] = []
    for sentence in sentences:
        if (
            joined
            and re.search(r"(?:^|[\s.])[A-Z][a-z]?\.\s*$", text[joined[-1].start : joined[-1].end])
            and "\n" not in text[joined[-1].end : sentence.start]
        ):
            joined[-1] = Sentence(joined[-1].index, joined[-1].start, sentence.end)
        else:
            joined.append(sentence)
    return tuple(joined)


def extract(annotated: Annotated) -> Extraction:
    """Every event and every person-in-a-role the article reports."""
    article = _Article(annotated)
    groups = _group_mentions(article)
    held_groups = [g for g in groups if g.status == "held"]
    if len(held_groups) == 1:
        held_groups[0].context = [
            i for i in range(len(article.sentences))
            if i not in held_groups[0].sentences and UNNAMED_MEETING.search(article.sentence_text(i))
        ]  # fmt: skip
    reports: list[EventReport] = []
    for group in groups:
        reports.append(_meeting_report(article, group, len(reports)))
    held = [r for r in reports if r.status == "held"]
    if held:
        reports = _attach_people(article, reports)
        reports.extend(_receptions(article, reports, len(reports)))
    reports.extend(_agreements(article, reports, len(reports)))
    persons = tuple(_person_mentions(article))
    return Extraction(document=annotated.document, events=tuple(reports), persons=persons)


def _group_mentions(article: _Article) -> list[_Group]:
    groups: list[_Group] = []
    for index, mentions in enumerate(article.meetings):
        sentence = article.sentence_text(index)
        base = article.sentences[index].start
        for mention in mentions:
            status = status_of(sentence, mention.start - base, mention.end - base)
            status = _status_by_date(article, index, mention, status)
            if status is None:
                # "ministers met" is past tense itself; otherwise only the lead may leave status unsaid
                status = "held" if index in article.lead or mention.noun == "met" else None
            if status is None or status == "background":
                continue
            target = next((g for g in groups if g.status == status and g.accepts(mention)), None)
            if target is None and status == "planned" and mention.ordinal is None:
                # "the next meeting of X" in an article about a meeting of X: next venue, not a new event
                said_next = re.search(
                    r"\bnext\b", sentence[max(0, mention.start - base - 25) : mention.end - base], re.I
                )
                held = [g for g in groups if g.status == "held"]
                if any(g.accepts(mention) for g in held) or (
                    said_next and any(mention.organization in (None, g.organization) for g in held)
                ):
                    continue
            if target is None:
                target = _Group(status=status)
                groups.append(target)
            target.mentions.append((index, mention))
    return _merge_unnumbered(groups)


def _merge_unnumbered(groups: list[_Group]) -> list[_Group]:
    """A headline's "BRICS security meeting" is the article's one numbered BRICS meeting."""
    for group in list(groups):
        if group.ordinal is not None or group.organization is None:
            continue
        numbered = [
            g
            for g in groups
            if g is not group
            and g.status == group.status
            and g.organization == group.organization
            and g.ordinal is not None
        ]
        if len(numbered) == 1 and len([g for g in groups if g.organization == group.organization]) == 2:
            numbered[0].mentions = sorted(numbered[0].mentions + group.mentions, key=lambda m: (m[0], m[1].start))
            groups.remove(group)
    return groups


def _status_by_date(article: _Article, index: int, mention: MeetingMention, status: str | None) -> str | None:
    """A meeting dated well before the article is background; one dated after it is planned."""
    published = article.document.published
    dated = _nearest_date(article, index, mention)
    if published is None or dated is None or dated.start is None:
        return status
    if dated.start > published:
        return "planned"
    if (published - dated.start).days > 60 and not dated.relative:
        return "background"
    return status


def _nearest_date(article: _Article, index: int, mention: MeetingMention) -> DateMention | None:
    candidates = [d for d in article.dates_in(index) if d.granularity in ("day", None) and d.text]
    others = [m for m in article.meetings[index] if m is not mention]
    best = None
    for candidate in candidates:
        distance = _distance(candidate.char_start, candidate.char_end, mention.start, mention.end)
        if any(_distance(candidate.char_start, candidate.char_end, o.start, o.end) < distance for o in others):
            continue
        if best is None or distance < best[0]:
            best = (distance, candidate)
    return best[1] if best else None


def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, b_start - a_end, a_start - b_end)


def _meeting_report(article: _Article, group: _Group, index: int) -> EventReport:
    first_sentence, first = group.mentions[0]
    series = max((m.series for _, m in group.mentions if m.series), key=len, default=None)
    evidence = [article.evidence(first_sentence, "title")]
    start = end = None
    partial = None
    candidates: list[tuple[int, DateMention]] = []
    for sentence_index, mention in group.mentions:
        dated = _nearest_date(article, sentence_index, mention)
        if dated is None:
            continue
        if dated.start is not None and dated.granularity == "day":
            candidates.append((sentence_index, dated))
        elif dated.start is None and partial is None:
            partial = _partial_date(dated.text)
            partial_sentence = sentence_index
    for sentence_index in group.context:  # "The session, held in Bishkek on 1 and 2 December, ..."
        dated = _date_of_unnamed(article, sentence_index)
        if dated:
            candidates.append((sentence_index, dated))
    if candidates:
        # a stated range over a single day, a written date over "today": the most the text says
        sentence_index, dated = min(
            candidates, key=lambda c: (not (c[1].end and c[1].start and c[1].end > c[1].start), c[1].relative)
        )
        start, end = dated.start, dated.end
        evidence.append(article.evidence(sentence_index, "start"))
        partial = None
    elif partial:
        evidence.append(article.evidence(partial_sentence, "start"))
    location, mode = _location(article, group)
    if location.city or location.country:
        evidence.append(article.evidence(location_sentence(article, group, location), "location"))
    chair = _chair(article, group)
    if chair:
        evidence.append(article.evidence(chair[1], "chair"))
    next_venue = _next_venue(article, group) if group.status == "held" else None
    if next_venue:
        evidence.append(article.evidence(next_venue[1], "next_venue"))
    signed = _signed(article, group) if group.status == "held" else ()
    title = first.text[0].upper() + first.text[1:]
    return EventReport(
        document=article.document.id,
        index=index,
        type="meeting",
        title=title,
        organization=group.organization,
        series=series,
        ordinal=group.ordinal,
        start=start,
        end=end,
        location=location,
        mode=mode,
        status=group.status,
        chair=chair[0] if chair else None,
        next_venue=next_venue[0] if next_venue else None,
        signed=signed,
        evidence=tuple(evidence),
        partial_dates=None if start else partial,
    )


def _date_of_unnamed(article: _Article, index: int) -> DateMention | None:
    """The day a sentence gives "the meeting", unless the date sits nearer another meeting it names.

    A held meeting is not dated after the article that reports it.
    """
    text, base = article.sentence_text(index), article.sentences[index].start
    unnamed = UNNAMED_MEETING.search(text)
    if unnamed is None:
        return None
    published = article.document.published
    best: tuple[int, DateMention] | None = None
    for dated in article.dates_in(index):
        if dated.start is None or dated.granularity != "day" or (published and dated.start > published):
            continue
        distance = _distance(dated.char_start, dated.char_end, base + unnamed.start(), base + unnamed.end())
        if any(_distance(dated.char_start, dated.char_end, m.start, m.end) < distance for m in article.meetings[index]):
            continue
        if best is None or distance < best[0]:
            best = (distance, dated)
    return best[1] if best else None


def _partial_date(text: str) -> str | None:
    """Month and day of a date given without a year ("5-6 April" → "--04-05/--04-06")."""
    from dateline.nlp.dates import find_dates

    # resolve against a stand-in leap year only to read month and day; the year is dropped
    found = find_dates(text, date(2000, 7, 1), ())
    if not found or found[0].start is None or found[0].granularity != "day" or re.search(r"\d{4}", text):
        return None
    first, last = found[0].start, found[0].end or found[0].start
    return f"--{first:%m-%d}/--{last:%m-%d}"


def _location(article: _Article, group: _Group) -> tuple[Place, str | None]:
    sentences = group.sentences + group.context
    if any(VIDEO.search(article.sentence_text(i)) for i in sentences):
        return Place(), "videoconference"
    for index in sentences:
        place = _place_in(article.sentence_text(index), near_meeting=True, prefer=article.countries)
        if place:
            return place, None
    return Place(), None


def location_sentence(article: _Article, group: _Group, place: Place) -> int:
    for index in group.sentences + group.context:
        found = _place_in(article.sentence_text(index), near_meeting=True, prefer=article.countries)
        if found == place:
            return index
    return group.sentences[0]


def _place_in(text: str, *, near_meeting: bool, prefer: frozenset[str] = frozenset()) -> Place | None:
    """The first place named after "in" or "at": a country by name, or a city of the gazetteer."""
    capital = CAPITAL.search(text)
    if capital:
        code = country_code(capital.group("country"))
        city = capital_of(code) if code else None
        if code and city:
            return Place(city=city, country=code)
    countries = {start: code for start, _, code in find_countries(text)}
    for match in PLACE_AFTER.finditer(text):
        if match.start("place") in countries and not match.group(0).lower().startswith("to "):
            return Place(city=None, country=countries[match.start("place")])
        words = match.group("place").split()
        for size in range(len(words), 0, -1):
            candidate = " ".join(words[:size]).rstrip(".,")
            country = country_code(candidate, loose=size == 1)
            if country and (size > 1 or candidate[0].isupper()):
                if match.group(0).lower().startswith("to "):
                    continue
                return Place(city=None, country=country)
            if is_title_word(candidate) or is_region(candidate) or re.fullmatch(r"[A-Z]{2,5}", candidate):
                continue  # "in the Central Asian region", "in Asia", "at the AU": no town
            city_country_code = city_country(candidate, min_population=5_000 if near_meeting else 50_000, prefer=prefer)
            if city_country_code and not _is_month(candidate):
                return Place(city=canonical_city(candidate), country=city_country_code)
    return _town_not_in_gazetteer(text) if near_meeting else None


HELD_IN = re.compile(
    r"\b(?:held|took place|taking place|convened|opened|met|gathered)\s+in\s+"
    r"(?P<town>[A-Z][a-z][\w'’-]*(?:[- ][A-Z][\w'’-]*)?)(?:,\s+(?P<country>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?))?"
)


def _town_not_in_gazetteer(text: str) -> Place | None:
    """ "held in Cholpon-Ata, Kyrgyzstan": a town the gazetteer lacks, as the text names it.

    The country is taken only when the text names it beside the town.
    """
    match = HELD_IN.search(text)
    if match is None:
        return None
    town = match.group("town")
    if re.search(r"['’]s$", town):
        return None  # a possessive ("held in Monday's rain", "in Kazakhstan's Burabay") names no town
    if is_title_word(town) or _is_month(town) or town.lower() in STOP_WORDS or country_code(town):
        return None
    country = country_code(match.group("country")) if match.group("country") else None
    return Place(city=town, country=country)


def _is_month(word: str) -> bool:
    return word.lower() in MONTHS_AND_DAYS


def _chair(article: _Article, group: _Group) -> tuple[str, int] | None:
    indexes = group.sentences + [i for i in range(len(article.sentences)) if i not in group.sentences]
    for index in indexes:
        base = article.sentences[index].start
        for match in CHAIR.finditer(article.sentence_text(index)):
            # "chaired by <title> <name>": the chair is the person's country; else the words name it
            person = next(
                (p for p in article.persons[index] if p.title and p.title.affiliation
                 and match.group("who") and 0 <= p.start - base - match.start("who") <= 160),
                None,
            )  # fmt: skip
            if match.group("chairing"):  # "Turkish Foreign Minister X chaired the meeting"
                person = next(
                    (p for p in reversed(article.persons[index]) if p.title and p.title.affiliation
                     and 0 <= base + match.start() - p.end <= 20),
                    None,
                )  # fmt: skip
            words = match.group("who") or match.group("owner") or match.group("holder")
            code = person.title.affiliation if person and person.title else _code_of(words)
            if code:
                return code, index
    return None


def _code_of(words: str | None) -> str | None:
    if not words:
        return None
    for size in range(len(words.split()), 0, -1):
        candidate = " ".join(words.split()[:size])
        code = country_code(candidate, loose=size == 1) or organization_code(candidate)
        if code:
            return code
    return None


NEXT_HOST = re.compile(
    r"(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})(?:,[^,]{1,80},)?\s+(?:will|would)\s+(?:[\w,' ]{0,80}?\s)?"
    r"host\s+the\s+(?:next|(?P<ord>\d{1,3}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?th|[a-z]+(?:first|second|third)))\b"
    r"(?P<rest>[^.;]*)"
)


def _next_venue(article: _Article, group: _Group) -> tuple[Place, int] | None:
    for index in range(len(article.sentences)):
        text = article.sentence_text(index)
        host = NEXT_HOST.search(text)
        later = ordinal_value(host.group("ord")) if host and host.group("ord") else None
        if host and (later is None or group.ordinal is None or later > group.ordinal):
            # "Bulgaria ... would host the twelfth Ministerial Council in Sofia": the town if named, else the host
            place = _place_in(host.group("rest"), near_meeting=True, prefer=article.countries) or _place_in(
                f"in {host.group('who')}", near_meeting=True, prefer=article.countries
            )
            if place:
                return place, index
        match = NEXT_VENUE.search(text) or NEXT_MEET.search(text)
        if not match or not (FUTURE_VERB.search(text) or re.search(r"\b(?:decided|agreed) to hold\b", text, re.I)):
            continue
        place = _place_in(text[match.end() :], near_meeting=True, prefer=article.countries)
        if place:
            return place, index
    return None


# "the ministers will next meet in New York"
NEXT_MEET = re.compile(r"\b(?:will|would|shall|are to|is to)\s+next\s+(?:meet|convene|gather)\b", re.IGNORECASE)


def _signings(article: _Article) -> list[tuple[int, SignedDocument]]:
    """Documents the article says were signed or adopted, each with its sentence and signatories."""
    found: list[tuple[int, SignedDocument]] = []
    for index in range(len(article.sentences)):
        text = article.sentence_text(index)
        signed = SIGNED.search(text)
        if not signed or NOT_SIGNED.search(text):
            continue
        for match in DOCUMENT_NOUN.finditer(text):
            if abs(match.start() - signed.start()) > 80:
                continue
            title = re.sub(r"\s+", " ", match.group("title")).strip(" ,.")
            if title.lower() not in {d.title.lower() for _, d in found}:
                signatories = tuple(p.name for p in article.persons[index] if p.title)
                found.append((index, SignedDocument(title, signatories, article.evidence(index, "signed"))))
            break
    return found


def _signed(article: _Article, group: _Group) -> tuple[SignedDocument, ...]:
    return tuple(document for _, document in _signings(article))


def _agreements(article: _Article, reports: list[EventReport], next_index: int) -> list[EventReport]:
    """Each signing as an event of its own ("agreement"), tied to the meeting it followed, if any."""
    held = [r for r in reports if r.type == "meeting" and r.status == "held"]
    anchors = {r.index: min(_sentence_of(article, e) for e in r.evidence if e.field == "title") for r in held}
    agreements: list[EventReport] = []
    for index, document in _signings(article):
        meeting = next((r for r in held if r.index == _nearest_report(anchors, index)), None) if held else None
        dated = [d for d in article.dates_in(index) if d.start is not None and d.granularity == "day"]
        signers = tuple(
            _mention(article, p, index, "signatories") for p in article.persons[index] if p.title
        )  # fmt: skip
        agreements.append(
            EventReport(
                document=article.document.id,
                index=next_index + len(agreements),
                type="agreement",
                title=f"Signing of {document.title}",
                organization=meeting.organization if meeting else None,
                start=dated[0].start if dated else (meeting.start if meeting else None),
                end=dated[0].end if dated else (meeting.end if meeting else None),
                location=_place_in(article.sentence_text(index), near_meeting=True, prefer=article.countries)
                or (meeting.location if meeting else Place()),
                status="held",
                participants=signers,
                signed=(document,),
                evidence=(article.evidence(index, "signed"),),
                related_to=meeting.index if meeting else None,
            )
        )
    return agreements


def _mention(article: _Article, person: NamedPerson, index: int, field_name: str) -> PersonMention:
    title = person.title
    return PersonMention(
        name=person.name,
        role=title.role if title else None,
        affiliation=title.affiliation if title else None,
        evidence=article.evidence(index, field_name),
        role_normalized=title.normalized if title else None,
    )


def _attach_people(article: _Article, reports: list[EventReport]) -> list[EventReport]:
    """Participants from attendance sentences, each to the held meeting mentioned nearest before it."""
    held = [r for r in reports if r.status == "held"]
    anchors = {r.index: min(_sentence_of(article, e) for e in r.evidence if e.field == "title") for r in held}
    participants: dict[int, list[PersonMention]] = {r.index: [] for r in held}
    in_list = False
    for index, persons in enumerate(article.persons):
        text = article.sentence_text(index)
        # a list item: a bullet or number, or a labelled line ("Armenia: Prime Minister X")
        listed = in_list and bool(re.match(r"\s*(?:[-•*–—·]|\d+[.)])\s|\s*[A-Z][^:.\n]{1,60}(?::|\s[–—])\s", text))
        in_list = listed or bool(ATTENDANCE.search(text) and text.rstrip().endswith(":"))
        if not listed and (not ATTENDANCE.search(text) or _is_reception(text)):
            continue
        target = _nearest_report(anchors, index)
        for person in persons:
            if person.title is None or ABSENT.search(_clause_around(article, person)):
                continue
            mention = _mention(article, person, index, "participants")
            if mention.name not in {p.name for p in participants[target]}:
                participants[target].append(mention)
    return [replace(r, participants=tuple(participants[r.index])) if r.index in participants else r for r in reports]


def _clause_around(article: _Article, person: NamedPerson) -> str:
    """The words right around a name, inside its own sentence ("X, who could not attend")."""
    sentence = next((s for s in article.sentences if s.start <= person.start < s.end), None)
    low, high = (sentence.start, sentence.end) if sentence else (0, len(article.text))
    after = article.text[person.end : min(high, person.end + 60)].split(",")[0]
    before = article.text[max(low, person.start - 30) : person.start]
    return after + " " + before


def _sentence_of(article: _Article, evidence: Evidence) -> int:
    return next(i for i, s in enumerate(article.sentences) if s.start == evidence.start)


def _nearest_report(anchors: dict[int, int], index: int) -> int:
    before = [(sentence, report) for report, sentence in anchors.items() if sentence <= index]
    if before:
        return max(before)[1]
    return min(anchors.items(), key=lambda item: item[1])[0]


def _is_reception(text: str) -> bool:
    """A sentence that reports hosts receiving delegations (not a minister welcoming colleagues)."""
    received = RECEIVED.search(text)
    if received is None:
        return False
    said = received.group().lower()
    return "received by" in said or said.startswith(("received", "hosted")) or bool(HOST_OF_STATE.search(text))


def _receptions(article: _Article, reports: list[EventReport], next_index: int) -> list[EventReport]:
    """Receptions of delegations: hosts go to the meeting's received_by and to an event of their own."""
    held = [r for r in reports if r.status == "held"]
    anchors = {r.index: min(_sentence_of(article, e) for e in r.evidence if e.field == "title") for r in held}
    receptions: list[EventReport] = []
    for index, persons in enumerate(article.persons):
        text = article.sentence_text(index)
        received = RECEIVED.search(text)
        if not received:
            continue
        base = article.sentences[index].start
        by_passive = "received by" in received.group().lower()
        hosts = [
            p
            for p in persons
            if p.title is not None
            and ((p.start - base >= received.end()) if by_passive else (p.end - base <= received.start()))
        ]
        if not by_passive and not received.group().lower().startswith(("received", "hosted")):
            hosts = [p for p in hosts if p.title and HOST_OF_STATE.search(p.title_text or "")]
        if not hosts:
            continue
        target = _nearest_report(anchors, index)
        meeting = next(r for r in reports if r.index == target)
        host_mentions = tuple(_mention(article, p, index, "received_by") for p in hosts[:1])
        reports[reports.index(meeting)] = replace(meeting, received_by=meeting.received_by + host_mentions)
        dated = [d for d in article.dates_in(index) if d.start is not None and d.granularity == "day"]
        receptions.append(
            EventReport(
                document=article.document.id,
                index=next_index + len(receptions),
                type="reception",
                title=f"Reception of delegations by {host_mentions[0].role or ''} {host_mentions[0].name}".replace(
                    "  ", " "
                ),
                organization=meeting.organization,
                series=None,
                ordinal=None,
                start=dated[0].start if dated else None,
                end=dated[0].end if dated else None,
                location=_place_in(text, near_meeting=True, prefer=article.countries) or meeting.location,
                status="held",
                received_by=host_mentions,
                evidence=(article.evidence(index, "received_by"),),
                related_to=meeting.index,
            )
        )
    return receptions


def _person_mentions(article: _Article) -> list[PersonMention]:
    """Every person the article names: with a title, or alone where they are a person for sure."""
    mentions: list[PersonMention] = []
    surnames = {
        p.name.split()[-1]
        for persons in article.persons
        for p in persons
        if p.title or (" " in p.name and _is_person_entity(article, p))
    }
    for index, persons in enumerate(article.persons):
        for person in persons:
            named_alone = person.title is None and (
                person.name.split()[-1] in surnames
                or re.match(r"[A-Z]\.", person.name)
                or (" " in person.name and _is_person_entity(article, person))
            )
            if person.title is not None or named_alone:
                mentions.append(_mention(article, person, index, "person"))
    # a surname alone later in the text ("Zhumakanov said") where no name span covers it
    covered = [(p.start, p.end) for persons in article.persons for p in persons]
    for surname in sorted(s for s in surnames if len(s) > 2):
        for match in re.finditer(rf"(?<![\w.-]){re.escape(surname)}(?![\w-])", article.text):
            if any(a <= match.start() < b for a, b in covered):
                continue
            index = next((i for i, s in enumerate(article.sentences) if s.start <= match.start() < s.end), None)
            if index is not None:
                alone = NamedPerson(name=surname, start=match.start(), end=match.end(), title=None, title_text=None)
                mentions.append(_mention(article, alone, index, "person"))
                covered.append((match.start(), match.end()))
    return mentions


def _is_person_entity(article: _Article, person: NamedPerson) -> bool:
    return any(
        e.label == "PERSON" and e.start <= person.start and person.end <= e.end for e in article.annotated.entities
    )


__all__ = ["extract", "find_countries"]
