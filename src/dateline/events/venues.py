"""Where and how a meeting took place, who chaired it and where the next one will be:
places after "in"/"held in", capitals of demonyms, videoconferences, chairs, next venues."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from dateline.events.article import Article, MeetingGroup
from dateline.events.chair_parse import Chairing, NextHost, chair_names
from dateline.events.meeting_parse import where_clause_town
from dateline.events.persons import MONTHS_AND_DAYS, NamedPerson
from dateline.events.places import (
    canonical_city,
    capital_of,
    city_country,
    country_code,
    find_countries,
    is_region,
    organization_code,
    organization_words,
)
from dateline.events.titles import is_title_word
from dateline.model import (
    Place,
)

VIDEO = re.compile(
    r"\b(?:video ?conference|videoconferencing|video link|video-link|online format|virtual(?:ly)?|"
    r"via video|by video)\b",
    re.IGNORECASE,
)


CAPITAL = re.compile(r"\b(?:in|at)\s+the\s+(?P<country>[A-Z][\w'’-]*)\s+capital\b")


# a town named as one: "the city of X", "the Uzbek town of X", "Uzbekistan's X"
CITY_OF = re.compile(
    r"\b(?:city|town|capital|resort)\s+of\s+(?P<town>[A-Z][\w'’-]*(?:[\s-][A-Z][\w'’-]*)?)"
    r"|\b(?P<owner>[A-Z][\w-]*)['’]s\s+(?P<town2>[A-Z][\w'’-]*)"
)
# the words that name a meeting are no town ("at the Summit", though a town in New Jersey has the name)
MEETING_WORD = re.compile(r"(?i:summit|meeting|session|conference|forum|assembly|congress|council)")
PLACE_AFTER = re.compile(r"\b(?:in|at|to)\s+(?:the\s+)?(?P<place>[A-Z][\w'’.-]*(?:[\s-]+[A-Z][\w'’-]*){0,4})")


def _where_said(article: Article, group: MeetingGroup) -> list[int]:
    """The sentences that may say where: the meeting's own, its context, then the sentence after each of
    its own that names no other meeting ("The 42nd Assembly of IGAD ... | was convened in Entebbe")."""
    following = [
        i + 1 for i in group.sentences
        if i + 1 < len(article.sentences) and i + 1 not in group.sentences and not article.meetings[i + 1]
    ]  # fmt: skip
    return group.sentences + group.context + [i for i in following if i not in group.context]


def meeting_location(article: Article, group: MeetingGroup) -> tuple[Place, str | None]:
    sentences = _where_said(article, group)
    if any(VIDEO.search(article.sentence_text(i)) for i in group.sentences + group.context):
        # "took part via videoconference from the Ministry ... in the meeting, which was held in Colombo":
        # one side's link; the town the meeting "was held in" stands
        for index in sentences:
            held = HELD_IN.search(article.sentence_text(index))
            town = held.group("town") if held else None
            code = city_country(town, min_population=5_000, prefer=article.countries) if town else None
            if town and code and not MEETING_WORD.fullmatch(town):
                return Place(city=canonical_city(town), country=code), "videoconference"
        return Place(), "videoconference"
    for index in sentences:
        place = place_in(article.sentence_text(index), near_meeting=True, prefer=article.countries)
        if place:
            return place, None
    described = _town_of_where_clause(article, group)
    if described:
        return described[0], None
    here = article.document.dateline
    if here and any(HELD_HERE.search(article.sentence_text(i)) for i in sentences):
        # "was held here on Wednesday" under a "MALE, March 9" dateline
        return Place(city=canonical_city(here), country=city_country(here, min_population=5_000)), None
    return Place(), None


def _town_of_where_clause(article: Article, group: MeetingGroup) -> tuple[Place, int] | None:
    """ "live from Moscow where the presidents take part in a meeting of ...": the town and its sentence."""
    for index, mention in group.mentions:
        town = where_clause_town(article.token_at(mention.end - 1))
        code = city_country(town.text, min_population=5_000, prefer=article.countries) if town else None
        if town is not None and code and not is_region(town.text):
            return Place(city=canonical_city(town.text), country=code), index
    return None


HELD_HERE = re.compile(r"\b(?:held|met|meet|convened|took place|taking place|hosted|opened|began|gathered)\s+here\b")


def location_sentence(article: Article, group: MeetingGroup, place: Place) -> int:
    for index in _where_said(article, group):
        found = place_in(article.sentence_text(index), near_meeting=True, prefer=article.countries)
        if found == place:
            return index
    described = _town_of_where_clause(article, group)
    if described and described[0] == place:
        return described[1]
    for index in _where_said(article, group):
        if HELD_HERE.search(article.sentence_text(index)):
            return index
    return group.sentences[0]


def place_in(text: str, *, near_meeting: bool, prefer: frozenset[str] = frozenset()) -> Place | None:
    """The first place named after "in" or "at": a country by name, or a city of the gazetteer."""
    capital = CAPITAL.search(text)
    if capital:
        code = country_code(capital.group("country"))
        city = capital_of(code) if code else None
        if code and city:
            return Place(city=city, country=code)
    for named in CITY_OF.finditer(text):  # "the Kyrgyz city of Osh", "Kyrgyzstan's Osh"
        owner = country_code(named.group("owner"), loose=False) if named.group("owner") else None
        town = named.group("town") or named.group("town2")
        if (named.group("owner") and owner is None) or MEETING_WORD.fullmatch(town) or is_title_word(town):
            continue
        code = city_country(town, min_population=5_000, prefer=frozenset({owner}) if owner else prefer)
        if code and (owner is None or code == owner):
            return Place(city=canonical_city(town), country=code)
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
            if (
                is_title_word(candidate)
                or is_region(candidate)
                or re.fullmatch(r"[A-Z]{2,5}", candidate)
                or MEETING_WORD.fullmatch(candidate)
            ):
                continue  # "in the Central Asian region", "in Asia", "at the AU": no town
            city_country_code = city_country(candidate, min_population=5_000 if near_meeting else 50_000, prefer=prefer)
            if city_country_code and not is_month(candidate):
                return Place(city=canonical_city(candidate), country=city_country_code)
    return town_not_in_gazetteer(text) if near_meeting else None


HELD_IN = re.compile(
    r"\b(?:held|took place|taking place|convened|opened|met|gathered)\s+in\s+"
    r"(?P<town>[A-Z][a-z][\w'’-]*(?:[- ][A-Z][\w'’-]*)?)(?:,\s+(?P<country>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?))?"
)


def town_not_in_gazetteer(text: str) -> Place | None:
    """ "held in Cholpon-Ata, Kyrgyzstan": a town the gazetteer lacks, as the text names it.

    The country is taken only when the text names it beside the town.
    """
    match = HELD_IN.search(text)
    if match is None:
        return None
    town = match.group("town")
    if re.search(r"['’]s$", town):
        return None  # a possessive ("held in Monday's rain", "in Kazakhstan's Burabay") names no town
    if is_title_word(town) or is_month(town) or town.lower() in STOP_WORDS or country_code(town):
        return None
    country = country_code(match.group("country")) if match.group("country") else None
    return Place(city=town, country=country)


def is_month(word: str) -> bool:
    return word.lower() in MONTHS_AND_DAYS


# who a "chaired by" / "under the chairmanship of" names: the capitalised run after any "the" and style
CHAIR_WHO = re.compile(
    r"(?:the\s+)?(?:H\.\s?E\.\s+|(?:His|Her)\s+Excellency\s+)?"
    r"(?P<who>[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*){0,5})"
)
# the wordings of a chair that the parse does not read (noun phrases of possession and holding)
CHAIR = re.compile(
    # "Ruritania's chairmanship", "under Ruritania's G7 Presidency"
    r"\b(?P<owner>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})['’]s?\s+(?:[A-Z][A-Z0-9+]{1,7}\s+)?"
    r"(?i:chairmanship|presidency|chairpersonship)\b|"
    r"\b(?P<holder>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+(?:holds|held|took over|assumed|has)\s+the\s+"
    r"(?:rotating\s+)?(?:chairmanship|presidency)\b|"
    # "With Ruritania being the current ABC Chair"
    r"\b(?:With|with)\s+(?P<current>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+(?:being|as)\s+the\s+current\s+"
    r"(?:[A-Z][\w+-]*\s+)?(?i:chair(?:man|person)?(?:ship)?)\b|"
    # "Minister X (Chairman of the Meeting)": the one named before it chairs
    r"(?P<chairing_title>\((?:the\s+)?(?:Chair(?:man|person|woman)?)\s+of\s+the\s+(?i:meeting|session|summit)\))"
)


def chair_of(article: Article, group: MeetingGroup) -> tuple[str, int] | None:
    indexes = group.sentences + [i for i in range(len(article.sentences)) if i not in group.sentences]
    said = article.chairings
    for index in indexes:
        if index not in group.sentences and article.meetings[index]:
            continue  # "... after the Bureau Meeting, which will be chaired by X": another meeting's chair
        sentence = article.sentences[index]
        text = article.sentence_text(index)
        # the parse's wordings ("chaired by X", "under the chairmanship of X", "X chaired the summit") and
        # the patterns' (possession and holding), in the order the sentence gives them
        found: list[tuple[int, Chairing | re.Match[str]]] = [
            (c.trigger.idx - sentence.start, c) for c in said if sentence.start <= c.trigger.idx < sentence.end
        ]
        found += [(m.start(), m) for m in CHAIR.finditer(text)]
        for offset, wording in sorted(found, key=lambda f: f[0]):
            passive = re.match(r"(?i:chaired|presided)", text[offset:]) is not None
            if index not in group.sentences and passive and not _chairs_a_meeting(text, offset):
                continue  # "the committee is chaired by X": who chairs something else
            if isinstance(wording, Chairing):
                code = _chairing_country(article, index, wording)
            else:
                code = _pattern_country(article, index, wording)
            if code:
                return code, index
    return _chair_from_parse(article, group, indexes)


def _chairing_country(article: Article, index: int, chairing: Chairing) -> str | None:
    """The country of who a parsed wording says chairs: the title of the person it names, else the words
    naming a country or organisation, else the office apposed to the name."""
    base = article.sentences[index].start
    if chairing.kind == "active":
        # "Turkish Foreign Minister X chaired the meeting": its subject, else the last person named before
        first, last = chairing.holder.left_edge, chairing.holder.right_edge
        person = next(
            (p for p in article.persons[index]
             if first.idx <= p.start < last.idx + len(last) and _affiliation(article, p)), None
        ) or next(
            (p for p in reversed(article.persons[index]) if _affiliation(article, p) and p.end <= chairing.trigger.idx),
            None,
        )  # fmt: skip
        return _affiliation(article, person) if person else None
    text = article.sentence_text(index)
    who = CHAIR_WHO.match(text, chairing.holder.left_edge.idx - base)
    if who is None:
        return None
    # "chaired by <title> <name>": the chair is the person's country; else the words name it
    person = next(
        (p for p in article.persons[index]
         if p.title and p.title.affiliation and 0 <= p.start - base - who.start("who") <= 160),
        None,
    ) or next(
        # "chaired by President X", whose country the article states elsewhere
        (p for p in article.persons[index]
         if 0 <= p.start - base - who.start("who") <= 40 and _affiliation(article, p)),
        None,
    )  # fmt: skip
    code = _affiliation(article, person) if person else code_of(who.group("who"))
    return code or _apposed_country(text[who.end("who") :])


def _pattern_country(article: Article, index: int, match: re.Match[str]) -> str | None:
    """The country of a chair the patterns read: the words that name it ("Ruritania's chairmanship"), or the
    person named before "(Chairman of the Meeting)"."""
    if match.group("chairing_title"):
        base = article.sentences[index].start
        person = next(
            (p for p in reversed(article.persons[index]) if _affiliation(article, p) and p.end <= base + match.start()),
            None,
        )  # fmt: skip
        return _affiliation(article, person) if person else None
    return code_of(match.group("owner") or match.group("holder") or match.group("current"))


def _chair_from_parse(article: Article, group: MeetingGroup, indexes: list[int]) -> tuple[str, int] | None:
    """ "President X of Ruritania, who also serves as the Chairperson of ABC", "the host and new ABC Chair,
    the President of Ruritania": the country of whoever the parse says holds the chair of the meeting's
    own organisation (its code or words of its full name), in the meeting's sentences first."""
    if group.organization is None:
        return None
    own = {group.organization.lower()} | organization_words(group.organization)
    holders = article.chair_holders
    for index in indexes:
        if index not in group.sentences and article.meetings[index]:
            continue
        sentence = article.sentences[index]
        for held in holders:
            if not sentence.start <= held.chair.idx < sentence.end:
                continue
            names = chair_names(held.chair)
            if not names or not names <= own:
                continue
            code = _holder_country(article, index, held.holder)
            if code:
                return code, index
    return None


def _holder_country(article: Article, index: int, holder: object) -> str | None:
    """The country of a chair's holder: the title of the person named there, else a country named in the
    holder's phrase ("the President of Ruritania H.E. X")."""
    first, last = holder.left_edge, holder.right_edge  # type: ignore[attr-defined]
    start, end = first.idx, last.idx + len(last)
    person = next((p for p in article.persons[index] if start <= p.start < end or p.start <= holder.idx < p.end), None)  # type: ignore[attr-defined]
    code = _affiliation(article, person) if person else None
    if code:
        return code
    return next(
        (found for t in holder.subtree if t.ent_type_ in ("GPE", "NORP") and (found := country_code(t.text))), None  # type: ignore[attr-defined]
    )


CHAIRED_THING = re.compile(r"\b(?i:meeting|summit|session|talks|conference|sitting|forum)\b[^.;]{0,40}$")


def _chairs_a_meeting(sentence: str, offset: int) -> bool:
    """Whether a "chaired by X" outside the meeting's own sentences says who chaired a meeting ("the
    summit, chaired by X"), not a committee or a panel."""
    return bool(CHAIRED_THING.search(sentence[max(0, offset - 60) : offset]))


def _affiliation(article: Article, person: NamedPerson) -> str | None:
    """A person's country or organisation: from the title beside the name, else from what the article's
    other mentions of the surname agree on ("President X of Ruritania" ... "chaired by President X")."""
    if person.title and person.title.affiliation:
        return person.title.affiliation
    known = article.titles_by_surname.get(person.name.split()[-1].lower())
    return known.affiliation if known else None


def _apposed_country(after: str) -> str | None:
    """ "chaired by X, the President of the Republic of Palau", "X (GCFR), President of ...": the country
    of the title after the name (and its post-nominal letters)."""
    title = re.match(r"(?:\s*\([A-Z][\w.,\s]{0,20}\))?,\s+(?:the\s+)?[A-Z][^,;.()]{0,80}", after)
    if title is None:
        return None
    found = find_countries(title.group())
    return found[0][2] if found else None


def code_of(words: str | None) -> str | None:
    if not words:
        return None
    for size in range(len(words.split()), 0, -1):
        candidate = " ".join(words.split()[:size])
        code = country_code(candidate, loose=size == 1) or organization_code(candidate)
        if code:
            return code
    return None


NEXT_VENUE = re.compile(r"\bnext\s+(?:\w+\s+){0,8}?(?:meeting|session|summit|conference|sitting)\b", re.IGNORECASE)


FUTURE_VERB = re.compile(r"\b(?:will|shall|to be|is scheduled|is planned|would)\b", re.IGNORECASE)


def find_next_venue(article: Article, group: MeetingGroup, year: int | None = None) -> tuple[Place, int] | None:
    """Where the meeting after this one is held: who the parse says hosts a later meeting ("Z will host the
    next summit", "Z's hosting of the 2027 summit", "the offer of Z to host the 13th meeting"; the town
    if the sentence names one after the meeting), else the place after "the next meeting ... will"."""
    hosts = article.next_hosts
    for index in range(len(article.sentences)):
        sentence = article.sentences[index]
        text = article.sentence_text(index)
        for host in (h for h in hosts if sentence.start <= h.holder.idx < sentence.end):
            if not _hosts_later(host, group, year):
                continue
            last = host.meeting.right_edge
            rest = article.text[last.idx + len(last) : sentence.end]
            holder = " ".join(t.text for t in host.holder.subtree)
            # "Bulgaria would host the twelfth Ministerial Council in Sofia": the town if named, else the host
            place = place_in(rest, near_meeting=True, prefer=article.countries) or _host_country(holder)
            if place:
                return place, index
        match = NEXT_VENUE.search(text) or NEXT_MEET.search(text)
        if not match or not (FUTURE_VERB.search(text) or re.search(r"\b(?:decided|agreed) to hold\b", text, re.I)):
            continue
        place = place_in(text[match.end() :], near_meeting=True, prefer=article.countries)
        if place:
            return place, index
    return None


def _hosts_later(host: NextHost, group: MeetingGroup, year: int | None) -> bool:
    """Whether a hosted meeting comes after this one: "next"; else a later year, or (told with a verb not in
    the past: "hosted the 13th meeting" is history) a later number."""
    if host.said_next:
        return True
    if host.year is not None:
        return year is not None and host.year > year
    told_past = host.meeting.head.tag_ in ("VBD", "VBN")
    return host.ordinal is not None and not told_past and (group.ordinal is None or host.ordinal > group.ordinal)


def _host_country(holder: str) -> Place | None:
    code = country_code(holder, loose=False) or country_code(holder.split()[-1]) if holder else None
    return Place(country=code) if code else place_in(f"in {holder}", near_meeting=True)


# "the ministers will next meet in New York"


NEXT_MEET = re.compile(r"\b(?:will|would|shall|are to|is to)\s+next\s+(?:meet|convene|gather)\b", re.IGNORECASE)
