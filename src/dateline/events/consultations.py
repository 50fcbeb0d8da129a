"""Visits and talks that name no meeting: what event coders call CONSULT (CAMEO 04, PLOVER).

"The foreign minister visited Hanoi", "the president arrived in Rabat on a state visit", "the
two ministers held talks", "negotiators renewed negotiations with …", "she met her counterpart".
The meetings stage finds meetings that are named (a series, a summit, a numbered session); these
are the bilateral kind, found on the dependency parse, not on wording:

- ``visit`` as a verb, its subject the visitor and its object the place (or person) visited;
- ``visit`` as a noun ("on a visit to X", "paid a visit to X", "arrived in X on a visit"), the
  visitor the subject of the verb it hangs from, the place its "to" object or that verb's "in";
- a talks noun (talks, negotiations, consultations) as the object of a verb of holding
  (hold, have, conduct, begin, open, resume, renew, continue), the sides its subject and "with";
- ``meet`` as a verb with a person or a "with" object ("met with", "met her counterpart").

A sentence that names a meeting belongs to that meeting, and one about receiving delegations to
the reception rules; neither is read here. A negated verb reports nothing; a future or an
infinitive ("will visit", "plans to visit") is a planned event. People are those the persons
stage found inside the subject or the object; the place is the visited or "in" place. One side
at least must be a political actor, as event coders' actors are: a country, or a person the
persons stage found with an office, an affiliation or an honorific ("the boy was visiting his
grandparents", "detectives met her at the hospital" are no consultation).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from dateline.events.attendees import COURTESY_CALL, RECEIVED, person_mention
from dateline.events.places import city_country, country_code
from dateline.model import EventReport, PersonMention, Place

if TYPE_CHECKING:
    from dateline.events.article import Article

TALK_NOUNS = frozenset({"talk", "talks", "negotiation", "negotiations", "consultation", "consultations"})
# the verbs a visit noun hangs from when the sentence reports the visit ("arrived on a visit", "paid a
# visit", "is on a visit"), not when it talks about one ("discussed the visit")
VISITING_VERBS = frozenset({"arrive", "pay", "make", "undertake", "begin", "start", "conclude", "end", "be", "come",
                            "go", "travel", "leave", "wrap"})  # fmt: skip
HOLDING_VERBS = frozenset({"hold", "have", "conduct", "begin", "open", "resume", "renew", "continue", "start"})
SUBJECTS = ("nsubj", "nsubjpass")
OBJECTS = ("dobj", "obj", "attr")
PLACE_LABELS = ("GPE", "LOC", "FAC")


def consultations(article: Article, reports: list[EventReport], next_index: int) -> list[EventReport]:
    """A held or planned "visit" or "talks" report for each sentence that states one (see the module notes)."""
    doc = article.annotated.spacy_doc
    if doc is None or not doc.has_annotation("DEP"):
        return []
    found: list[EventReport] = []
    for index, sentence in enumerate(article.sentences):
        text = article.sentence_text(index)
        if article.meetings[index] or RECEIVED.search(text) or COURTESY_CALL.search(text):
            continue
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        for kind, verb, sides, place_tokens in _consultations_in(span):
            if any(child.dep_ == "neg" for child in verb.children):
                continue
            people = _people(article, index, sides)
            countries = _countries(sides)
            place = _place(place_tokens, article)
            if not people and place is None and len(countries) < 2:
                continue
            if not _between_actors(sides, people, countries, place):
                continue  # private persons visiting or meeting: news, not a consultation between actors
            found.append(_report(article, index, kind, verb, people, place, countries, next_index + len(found)))
            break  # one consultation a sentence
    return found


def _consultations_in(span: Any) -> Iterable[tuple[str, Any, list[Any], list[Any]]]:
    """(kind, governing verb, tokens heading each side, tokens naming the place) for each one stated."""
    for token in span:
        lemma = token.lemma_.lower()
        if lemma == "visit" and token.pos_ == "VERB":
            objects = [c for c in token.children if c.dep_ in OBJECTS]
            places = [o for o in objects if o.ent_type_ in PLACE_LABELS]
            yield "visit", token, _children(token, SUBJECTS) + [o for o in objects if o not in places], places
        elif lemma == "visit" and token.pos_ == "NOUN":
            verb = _governing_verb(token)
            if verb is None or verb.lemma_.lower() not in VISITING_VERBS:
                continue
            places = _prep_objects(token, ("to",)) + _prep_objects(verb, ("in", "to"))
            yield "visit", verb, _children(verb, SUBJECTS), [p for p in places if p.ent_type_ in PLACE_LABELS]
        elif token.text.lower() in TALK_NOUNS and token.pos_ == "NOUN" and token.dep_ in OBJECTS:
            verb = token.head
            if verb.lemma_.lower() not in HOLDING_VERBS:
                continue
            sides = [*_children(verb, SUBJECTS), *_prep_objects(token, ("with", "between"))]
            yield "talks", verb, [*sides, *_prep_objects(verb, ("with",))], _places_in(verb)
        elif lemma == "meet" and token.pos_ == "VERB":
            others = [c for c in token.children if c.dep_ in OBJECTS and c.ent_type_ in ("PERSON", "")]
            others += _prep_objects(token, ("with",))
            if others:
                yield "talks", token, _children(token, SUBJECTS) + others, _places_in(token)


def _children(token: Any, deps: tuple[str, ...]) -> list[Any]:
    return [c for c in token.children if c.dep_ in deps]


def _prep_objects(token: Any, prepositions: tuple[str, ...]) -> list[Any]:
    return [
        obj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in prepositions
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def _places_in(verb: Any) -> list[Any]:
    """Places "in" which the verb happened: its own "in" objects first, then any in its clause."""
    direct = [t for t in _prep_objects(verb, ("in",)) if t.ent_type_ in PLACE_LABELS]
    nested = [t for t in verb.subtree if t.dep_ == "pobj" and t.head.lower_ == "in" and t.ent_type_ in PLACE_LABELS]
    return direct + [t for t in nested if t not in direct]


def _governing_verb(token: Any) -> Any | None:
    """The verb a noun hangs from, through prepositions ("arrived … on a visit", "paid a visit")."""
    head = token.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head is head.head:
            return None
        head = head.head
    return None


def _people(article: Article, index: int, sides: list[Any]) -> list[PersonMention]:
    """The titled or named persons of the sentence inside any side's subtree (each side with its conjuncts)."""
    spans = []
    for side in sides:
        subtree = list(side.subtree)
        spans.append((subtree[0].idx, subtree[-1].idx + len(subtree[-1])))
    people = []
    for person in article.persons[index]:
        if any(start <= person.start and person.end <= end for start, end in spans):
            people.append(person_mention(article, person, index, "participant"))
    # a side named by surname alone ("Novak held talks with …"): the article's fuller mention of it
    taken = {p.name for p in people}
    fuller = {p.name.split()[-1]: p for persons in article.persons for p in persons if " " in p.name}
    for side in sides:
        for token in side.subtree:
            known = fuller.get(token.text) if token.pos_ == "PROPN" else None
            if known is not None and known.name not in taken:
                people.append(person_mention(article, known, index, "participant"))
                taken.add(known.name)
    return people


def _countries(sides: list[Any]) -> list[str]:
    """The countries named as sides ("Israel and Lebanon renewed negotiations"), in order."""
    found: list[str] = []
    for side in sides:
        for token in (side, *(c for c in side.subtree if c.dep_ == "conj")):
            code = country_code(token.text, loose=False) if token.ent_type_ == "GPE" else None
            if code and code not in found:
                found.append(code)
    return found


def _between_actors(sides: list[Any], people: list[PersonMention], countries: list[str], place: Place | None) -> bool:
    """Whether a side is a political actor: a country (named, or by its demonym: "Moroccan diplomats"),
    a person with an office, affiliation or honorific, or a visit to a whole country."""
    if countries or any(p.role or p.affiliation or p.honorific for p in people):
        return True
    if place is not None and place.city is None and place.country is not None:
        return True
    return any(
        token.ent_type_ in ("GPE", "NORP") and country_code(token.text) is not None
        for side in sides
        for token in side.subtree
    )


def _place(tokens: list[Any], article: Article) -> Place | None:
    for token in tokens:
        name = " ".join(t.text for t in token.subtree if t.ent_type_ in PLACE_LABELS) or token.text
        country = country_code(name)
        if country is not None:
            return Place(None, country)
        town = city_country(name, prefer=article.countries)
        if town is not None:
            return Place(name, town)
    return None


def _planned(verb: Any) -> bool:
    """ "will visit", "is to visit", "plans to visit", "to hold talks": not yet held."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "to") for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("plan", "expect", "intend", "schedule", "due")


def _report(
    article: Article, index: int, kind: str, verb: Any, people: list[PersonMention], place: Place | None,
    countries: list[str], number: int,
) -> EventReport:  # fmt: skip
    days = [d for d in article.dates_in(index) if d.start is not None and d.granularity == "day"]
    names = " and ".join(p.name for p in people[:2]) or " and ".join(countries[:2])
    where = (place.city or place.country) if place else None
    if kind == "visit":
        title = f"Visit of {names or 'a delegation'}" + (f" to {where}" if where else "")
    else:
        title = (f"Talks of {names}" if names else "Talks") + (f" in {where}" if where else "")
    return EventReport(
        document=article.document.id,
        index=number,
        type=kind,
        title=title,
        start=days[0].start if days else None,
        end=days[0].end if days else None,
        location=place or Place(),
        status="planned" if _planned(verb) else "held",
        participants=tuple(people),
        evidence=(article.evidence(index, "title"),),
    )
