"""Who took part: participants from attendance sentences and lists, hosts who received the
delegations (with a reception event of their own), and every person the article names."""

from __future__ import annotations

import re
from dataclasses import replace

from dateline.events.article import Article
from dateline.events.meetings import PLURAL_WORD, series_of, sole_organization
from dateline.events.offices import completed
from dateline.events.persons import NamedPerson
from dateline.events.titles import is_title_word
from dateline.events.venues import place_in
from dateline.model import (
    EventReport,
    Evidence,
    PersonMention,
    Place,
)
from dateline.patterns import whole_word

ATTENDANCE = re.compile(
    r"\b(?:attend(?:s|ed|ing)|attendees|in attendance|participat(?:es|ed|ing)|took part|takes? part|"
    r"participants (?:included|were)|were present|was present|delegations? (?:led|headed) by|"
    r"(?:brings?|brought|bringing) together|gather(?:s|ed|ing)?|joined by|with the participation of|"
    r"the meeting (?:of|between)|met with|chaired by|presided|(?:are|is) present|"
    r"hosted by (?:H\.E\.\s+)?(?:President|Prime Minister|Premier|King|Emir|Sultan|Chancellor)|"
    r"among (?:the )?participants|participants were|(?:was|were) opened by|delegations? of|representatives of|"
    r"present were|also present|chaired the|co-chaired|presided over the|as did|represented (?:\w+ ){0,10}?by|"
    r"(?:co-)?chairing|(?:co-)?chairs the|presiding|"
    r"sent (?:its|his|her|their)|opening the|opened the|"
    r"address(?:es|ed|ing) the|took the floor|signed\b[^.;]{0,80}?\bat the|spoke at|co-chaired|hosted the talks|"
    r"among the \w+ attending|"
    r"(?:led|headed) the delegation|taking part|among the\b[^.]{0,60}\bwere|briefed the|"
    r"accompan(?:ied|ies|ying)\b[^.;]{0,80}?\b(?:in|at|to) the|"
    r"(?:participants|attendees|members)\b[^.;:]{0,40}?\binclud(?:ed|e)|"
    r"presented (?:his|her|the|a|an)|informed the|welcomed the (?:delegations|participants|guests)|"
    r"in (?:his|her) (?:opening |welcoming |keynote )?(?:address|remarks|speech|statement)|"
    # the rotating chair passed on at the meeting from one named holder to the next: both are there
    r"(?:hand(?:s|ed|ing)|pass(?:es|ed|ing)) over (?:the )?(?:chair(?:manship)?|presidency)\b[^.;]{0,80}?\bto|"
    r"t(?:ook|akes|aking) over (?:the )?(?:chair(?:manship)?|presidency)\b[^.;]{0,80}?\bfrom|"
    r"represent(?:s|ed|ing) (?:his |her |their |the )?(?:country|government|nation|side)\b(?! by))\b",
    re.IGNORECASE,
)


ABSENT = re.compile(
    r"\b(?:could not|did not|was unable to|were unable to|failed to|absent|sent a message|"
    r"message to|the late|in absentia|instead of|(?:refused|denied|barred from) entry|was barred|were barred)\b",
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


# a courtesy call paid on a head of state or government: the one called on hosts the visitors
COURTESY_CALL = re.compile(r"\b(?:called|calling|call) on\b|\bpaid (?:a |an )?(?:courtesy |official )?call on\b")
HOST_OF_STATE = re.compile(r"\b(?:President|Prime Minister|Premier|King|Emir|Sultan|Head of State|Chancellor)\b")


def person_mention(article: Article, person: NamedPerson, index: int, field_name: str) -> PersonMention:
    title = completed(person, article.titles_by_surname)
    return PersonMention(
        name=person.name,
        role=title.role if title else None,
        affiliation=title.affiliation if title else None,
        evidence=article.evidence(index, field_name),
        role_normalized=title.normalized if title else None,
        honorific=person.honorific,
    )


def attach_people(article: Article, reports: list[EventReport]) -> list[EventReport]:
    """Participants from attendance sentences, each to the held meeting mentioned nearest before it."""
    held = [r for r in reports if r.status == "held"]
    anchors = {r.index: min(sentence_of(article, e) for e in r.evidence if e.field == "title") for r in held}
    participants: dict[int, list[PersonMention]] = {r.index: [] for r in held}
    in_list = continued = False
    for index, persons in enumerate(article.persons):
        text = article.sentence_text(index)
        # a list item: a bullet or number, or a labelled line ("Armenia: Prime Minister X")
        marked = in_list and bool(re.match(r"\s*(?:[-•*–—·]|\d+[.)])\s|\s*[A-Z][^:.\n]{1,60}(?::|\s[–—])\s", text))
        # an unmarked item line names one person, then their title ("H.E. X, Minister of Y of Z")
        item = in_list and not marked and names_first(article, index)
        listed = marked or item
        said = ATTENDANCE.search(text)
        attending = bool(said) or continued
        # the list a sentence opens with a colon ("participated in the Summit:", "Also attending were:")
        in_list = listed or bool(said and ":" in text[said.end() :])
        # an attendance list cut by a paragraph break after a comma goes on in the next paragraph
        continued = attending and text.rstrip().endswith(",")
        met = people_who_met(article, index) or people_welcomed(article, index)
        if not listed and (not (attending or met) or is_reception(text) or of_an_earlier_meeting(article, index)):
            continue
        met_aside = SIDELINES_MET.search(text)
        named = named_place_report(held, text)
        target = nearest_report(anchors, index) if named is None else named
        for person in persons[:1] if item else persons:
            title = completed(person, article.titles_by_surname)
            if title is None or absent(article, person) or SPEAKS_FOR.search(title.role or ""):
                continue
            if met_aside is not None and person.start - article.sentences[index].start > met_aside.start("met"):
                continue  # "on the sidelines, X met with Y": Y was met, not seen taking part
            mention = person_mention(article, person, index, "participants")
            if mention.name not in {p.name for p in participants[target]}:
                participants[target].append(mention)
    return [replace(r, participants=tuple(participants[r.index])) if r.index in participants else r for r in reports]


def of_an_earlier_meeting(article: Article, index: int) -> bool:
    """Whether every meeting the sentence names stands in a past-perfect clause ("the leaders had attended
    the fifth summit in May"): who attended that earlier meeting is not shown at the one reported."""
    sentence = article.sentences[index]
    past = [noun for noun in article.past_perfect if sentence.start <= noun < sentence.end]
    mentions = article.meetings[index]
    return bool(past) and all(any(m.start <= noun < m.end for noun in past) for m in mentions)


# before the first name of a list item: a bullet or number, honorifics and ranks ("H.E. Dr.", "H.E. General")
ITEM_LEAD = re.compile(r"[\W\d]*(?:(?:[A-Z][\w’']*\.?|\(?[A-Z]\w*\.\)?)\s*){0,4}")


def names_first(article: Article, index: int) -> bool:
    """A list item written as a line of its own that opens with a name ("H.E. X Y, Minister of Foreign
    Affairs of Z"), not a sentence that tells something of them."""
    persons = article.persons[index]
    sentence = article.sentences[index]
    if not persons or sentence.end - sentence.start > 300:
        return False
    lead = article.text[sentence.start : persons[0].start]
    return bool(ITEM_LEAD.fullmatch(lead)) and "\n" not in article.text[sentence.start : sentence.end].strip()


# who speaks for a government announces or tells of a meeting; taking part is not their office
SPEAKS_FOR = re.compile(r"\b(?:spokes(?:person|man|woman)|press secretary)\b", re.IGNORECASE)


# a talk on the margins of the meeting: who was met there is not shown to take part in it
SIDELINES_MET = re.compile(
    r"\b(?:on|in) the (?:sidelines|margins?)\b.{0,200}?\b(?P<met>met(?: with)?|held talks with|talked with)\s",
    re.IGNORECASE,
)


# said right after a name: the person stayed away and someone stood in ("X was represented by", "X sent his")
STOOD_IN_FOR = re.compile(
    r"\A\W*(?:(?:was|is|were|has been|had been)\s+)?(?:being\s+)?(?:represented\s+by|sent\s+(?:his|her|its|a|an)\b)",
    re.IGNORECASE,
)
# said right before a name: "representing President X", "on behalf of X"
STOOD_IN_FOR_BEFORE = re.compile(r"\b(?:representing|on behalf of)\s+(?:[A-Z][\w.'’-]*\s+){0,5}$")


def absent(article: Article, person: NamedPerson) -> bool:
    """Whether the words around a name say the person did not take part."""
    sentence = next((s for s in article.sentences if s.start <= person.start < s.end), None)
    low, high = (sentence.start, sentence.end) if sentence else (0, len(article.text))
    after = article.text[person.end : high]
    before = article.text[max(low, person.start - 60) : person.start]
    return bool(
        ABSENT.search(clause_around(article, person))
        or STOOD_IN_FOR.match(after)
        or STOOD_IN_FOR_BEFORE.search(before)
        or sent_someone(article, person)
    )


# from a name up to the verb whose subject it stands in: list members, appositions, name words
SUBJECT_PATH = frozenset({"conj", "appos", "compound"})


def sent_someone(article: Article, person: NamedPerson) -> bool:
    """Whether the person is the subject of "send" with an object ("presidents X of A; Y of B sent
    representatives", "X and Y sent their foreign ministers"): someone else went, read from the parse."""
    doc = article.annotated.spacy_doc
    name = doc.char_span(person.start, person.end, alignment_mode="expand") if doc is not None else None  # type: ignore[attr-defined]
    token = name.root if name is not None else None
    while token is not None and token.dep_ in SUBJECT_PATH and token.head is not token:
        token = token.head
    if token is None or token.dep_ != "nsubj":
        return False
    verb = token.head
    return verb.lemma_ == "send" and any(child.dep_ == "dobj" for child in verb.children)


def clause_around(article: Article, person: NamedPerson) -> str:
    """The words right around a name, inside its own sentence ("X, who could not attend")."""
    sentence = next((s for s in article.sentences if s.start <= person.start < s.end), None)
    low, high = (sentence.start, sentence.end) if sentence else (0, len(article.text))
    after = article.text[person.end : min(high, person.end + 60)].split(",")[0]
    before = article.text[max(low, person.start - 30) : person.start]
    return after + " " + before


def sentence_of(article: Article, evidence: Evidence) -> int:
    return next(i for i, s in enumerate(article.sentences) if s.start == evidence.start)


def named_place_report(held: list[EventReport], text: str) -> int | None:
    """The one held meeting whose city the sentence names ("the summit in Abuja gathers ..."), where
    the article also tells of an earlier meeting elsewhere: the place says which one the people attend.
    A city inside a longer name ("Guinea-Bissau") is not the city."""
    named = [
        r.index
        for r in held
        if r.location.city and whole_word(r.location.city).search(text)
    ]
    return named[0] if len(named) == 1 else None


def nearest_report(anchors: dict[int, int], index: int) -> int:
    before = [(sentence, report) for report, sentence in anchors.items() if sentence <= index]
    if before:
        return max(before)[1]
    return min(anchors.items(), key=lambda item: item[1])[0]


def is_reception(text: str) -> bool:
    """A sentence that reports hosts receiving delegations (not a minister welcoming colleagues)."""
    received = RECEIVED.search(text)
    if received is None:
        return False
    said = received.group().lower()
    return "received by" in said or said.startswith(("received", "hosted")) or bool(HOST_OF_STATE.search(text))


def receptions(article: Article, reports: list[EventReport], next_index: int) -> list[EventReport]:
    """Receptions of delegations and courtesy calls, each an event of its own: the host goes to its
    received_by and the visitors it names to its participants. Where the article reports a held meeting,
    the reception belongs to the one told nearest before it and the host is also the meeting's; where it
    reports none ("the foreign ministers called on the Prime Minister"), the reception names the
    organisation the sentence names, and fusion joins it to that organisation's meeting of those days."""
    held = [r for r in reports if r.status == "held" and r.type == "meeting"]
    anchors = {r.index: min(sentence_of(article, e) for e in r.evidence if e.field == "title") for r in held}
    receptions: list[EventReport] = []
    for index, persons in enumerate(article.persons):
        text = article.sentence_text(index)
        received = RECEIVED.search(text) or COURTESY_CALL.search(text)
        if not received:
            continue
        base = article.sentences[index].start
        # the host is named after "received by" and after a call paid on them ("called on Prime Minister X")
        by_passive = "received by" in received.group().lower() or " on" in received.group().lower()
        hosts = [p for p in persons if p.title is not None and _host_side(p, base, received, by_passive)]
        if not received.group().lower().startswith(("received", "hosted")) and "received by" not in received.group():
            hosts = [p for p in hosts if p.title and HOST_OF_STATE.search(p.title_text or "")]
        if not hosts:
            continue
        meeting = next(r for r in reports if r.index == nearest_report(anchors, index)) if anchors else None
        host_mentions = tuple(person_mention(article, p, index, "received_by") for p in hosts[:1])
        if meeting is not None:
            reports[reports.index(meeting)] = replace(meeting, received_by=meeting.received_by + host_mentions)
        visitors = tuple(
            person_mention(article, p, index, "participants")
            for p in persons
            if p not in hosts and not _host_side(p, base, received, by_passive)
            and completed(p, article.titles_by_surname) is not None and not absent(article, p)
        )  # fmt: skip
        dated = [d for d in article.dates_in(index) if d.start is not None and d.granularity == "day"]
        receptions.append(
            EventReport(
                document=article.document.id,
                index=next_index + len(receptions),
                type="reception",
                title=f"Reception of delegations by {host_mentions[0].role or ''} {host_mentions[0].name}".replace(
                    "  ", " "
                ),
                organization=meeting.organization if meeting else visiting_body(article, index),
                series=None,
                ordinal=None,
                start=dated[0].start if dated else None,
                end=dated[0].end if dated else None,
                location=place_in(text, near_meeting=True, prefer=article.countries)
                or (meeting.location if meeting else Place()),
                status="held",
                participants=() if meeting else visitors,
                received_by=host_mentions,
                evidence=(article.evidence(index, "received_by"),),
                related_to=meeting.index if meeting else None,
            )
        )
    return receptions


def visiting_body(article: Article, index: int) -> str | None:
    """The organisation whose office-holders pay the call: the one the sentence names, else the one a noun
    phrase headed by a plural office names ("the Quad foreign ministers", "the delegation of the X leaders")."""
    text = article.sentence_text(index)
    named = sole_organization(text, article.acronyms)
    doc = article.annotated.spacy_doc
    if named or doc is None:
        return named
    sentence = article.sentences[index]
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")  # type: ignore[attr-defined]
    for chunk in span.noun_chunks if span is not None else ():
        if PLURAL_WORD.fullmatch(chunk.root.text):
            organization = series_of(chunk.text, article.acronyms)[0]
            if organization:
                return organization
    return None


def people_who_met(article: Article, index: int) -> bool:
    """Whether the sentence tells that people it names met: a person in the subject of "meet" ("X, Y and Z
    met in Tokyo on Thursday"), read from the dependency parse."""
    doc = article.annotated.spacy_doc
    text = article.sentence_text(index)
    if doc is None or not article.persons[index] or not re.search(r"\bme(?:e)?t\b", text):
        return False
    sentence = article.sentences[index]
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")  # type: ignore[attr-defined]
    for token in span if span is not None else ():
        if token.lemma_ != "meet" or token.pos_ != "VERB" or token.tag_ not in ("VBD", "VBP", "VBZ"):
            continue
        for subject in (child for child in token.children if child.dep_ == "nsubj"):
            low, high = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
            if any(low <= p.start < high for p in article.persons[index]):
                return True
    return False


# a host's greeting at the meeting: who is welcomed there, and who welcomes them, take part in it
WELCOMING = frozenset({"welcome", "greet"})
# the words between the verb and a welcomed name: the object, its appositions and list members, the
# office words and countries in the name's title ("welcomed Foreign Minister of Chile X, and Y")
WELCOMED_PATH = frozenset({"dobj", "conj", "appos", "compound", "nmod", "amod", "prep", "pobj"})


# welcomed on a visit of their own ("welcomed X, who began a state visit"): a bilateral call, not the meeting
ON_A_VISIT = re.compile(r"\b(?:visit|visits|visiting)\b", re.IGNORECASE)


def people_welcomed(article: Article, index: int) -> bool:
    """Whether the sentence tells that someone welcomed or greeted a person it names ("X welcomed
    Foreign Minister Y and Z"): the name is the verb's object, read from the dependency parse
    through words of names and titles only (not "welcomed the remarks of Y")."""
    doc = article.annotated.spacy_doc
    if doc is None or not article.persons[index] or ON_A_VISIT.search(article.sentence_text(index)):
        return False
    for person in article.persons[index]:
        name = doc.char_span(person.start, person.end, alignment_mode="expand")  # type: ignore[attr-defined]
        if name is None:
            continue
        token = name.root
        while token.dep_ in WELCOMED_PATH and token.head is not token:
            if token.dep_ == "dobj":
                verb = token.head
                if verb.lemma_ in WELCOMING and verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBP", "VBZ"):
                    return True
                break
            token = token.head
            if token.pos_ == "NOUN" and not is_title_word(token.text):
                break  # "the remarks of Y": Y is no one welcomed
    return False


def _host_side(person: NamedPerson, base: int, cue: re.Match[str], by_passive: bool) -> bool:
    """Whether a name stands where the host stands: after "received by" or "called on", before "received"."""
    return (person.start - base >= cue.end()) if by_passive else (person.end - base <= cue.start())


def person_mentions(article: Article) -> list[PersonMention]:
    """Every person the article names: with a title, or alone where they are a person for sure."""
    mentions: list[PersonMention] = []
    surnames = {
        p.name.split()[-1]
        for persons in article.persons
        for p in persons
        if p.title or (" " in p.name and is_person_entity(article, p))
    }
    # a surname alone later in the text ("Zhumakanov said") where no name span covers it; another word
    # of a name too where the parser takes it alone for a person or a subject ("Wang said": surname
    # first; "Somchai said": a Thai given name; "Lula said": a popular name inside a longer one)
    first_words = {
        word
        for persons in article.persons
        for p in persons
        if p.title
        for word in p.name.split()[:-1]
        if word[:1].isupper() and not word.endswith(".")
    } - surnames
    for index, persons in enumerate(article.persons):
        for person in persons:
            named_alone = person.title is None and (
                person.name.split()[-1] in surnames
                or person.name in first_words
                or re.match(r"[A-Z]\.", person.name)
                or (" " in person.name and is_person_entity(article, person))
            )
            if person.title is not None or named_alone:
                mentions.append(person_mention(article, person, index, "person"))
    single_entities = {(e.start, e.end) for e in article.annotated.entities if e.label == "PERSON"}
    covered = [(p.start, p.end) for persons in article.persons for p in persons]
    for surname in sorted(s for s in surnames | first_words if len(s) > 2):
        for match in whole_word(surname, r"[\w.-]").finditer(article.text):
            if any(a <= match.start() < b for a, b in covered):
                continue
            if surname in first_words and not (
                (match.start(), match.end()) in single_entities or _named_subject(article, match.start())
            ):
                continue
            index = article.sentence_at(match.start())
            if index is not None:
                alone = NamedPerson(name=surname, start=match.start(), end=match.end(), title=None, title_text=None)
                mentions.append(person_mention(article, alone, index, "person"))
                covered.append((match.start(), match.end()))
    return mentions


def _named_subject(article: Article, offset: int) -> bool:
    """Whether the word at ``offset`` is a proper noun standing alone as a clause's subject: "Maris arrived",
    "Wang, also a member of the State Council, said"."""
    token = article.token_at(offset)
    return (
        token is not None
        and token.pos_ == "PROPN"  # type: ignore[attr-defined]
        and token.dep_ in ("nsubj", "nsubjpass")  # type: ignore[attr-defined]
        and not any(child.dep_ == "compound" for child in token.children)  # type: ignore[attr-defined]
    )


def is_person_entity(article: Article, person: NamedPerson) -> bool:
    return any(
        e.label == "PERSON" and e.start <= person.start and person.end <= e.end for e in article.annotated.entities
    )
