"""People named in a sentence, with the title the text gives them.

Titles stand before the name ("Secretary of the Security Council of the Russian Federation
N. P. Patrushev"), after it ("Nikolai Ivanov, Secretary of Russia's Security Council,") or
are absent ("Patrushev said"). Lists are split at commas, semicolons, bullets and at an
"and" that follows a name. A name is a run of capitalised words that are not title words,
countries or acronyms, or initials before a surname ("N. B.Yermekbayev").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import pairwise

import pycountry
from spacy.lang.en.stop_words import STOP_WORDS

from dateline.events.honorifics import honorific_before, honorific_entries, inside_a_name, mask_honorifics
from dateline.events.offices import bare_office, shared_plural_roles
from dateline.events.places import (
    country_code,
    find_countries,
    find_organizations,
    is_listed_organization,
    is_region,
    organization_code,
)
from dateline.events.titles import (
    OFFICE_ABBREVIATIONS,
    Title,
    has_head_word,
    is_title_word,
    place_state,
    split_title,
)
from dateline.roles import normalize_role

UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
NAME_TOKEN = rf"[{UPPER}][a-zà-öø-ÿā-ž]+(?:[-'’][{UPPER}]?[a-zà-öø-ÿā-ž]+)*"
INITIALS_NAME = re.compile(
    rf"(?<![\w.])(?!(?:Dr|Mr|Ms|St|Mt)\.)(?:(?:[{UPPER}][a-z]?\.\s?){{1,3}}|[B-HJ-Z] (?=[A-Z][a-z])|"
    rf"(?P<pair>[A-Z]{{2}}) (?=[A-Z][a-z]+ [A-Z][a-z]))\s*(?:{NAME_TOKEN})"
)  # "N. P. Patrushev", "Sh. M. Kholmurodov", initials without their dots: "K Lindqvist", "AK Rahman Khan"
# more name words after initials and a given name: "MN Rashid Karimi"
MORE_NAME_WORDS = re.compile(rf"(?:[ \u00a0]{NAME_TOKEN}){{1,2}}")
TOKEN = re.compile(rf"{NAME_TOKEN}|[\w'’.-]+|[–—]|[,;:()]")
CONNECTORS = frozenset(
    {"of", "the", "to", "under", "for", "and", "at", "on", "in", "&", "-", "–", "—", "'s", "’s", "de", "del"}
)


@cache
def single_honorifics() -> frozenset[str]:
    """One-word honorifics of the table ("mr", "sheikh", "datuk"): never a word of a name."""
    return frozenset(
        entry.rstrip("'’") for entry in honorific_entries() if " " not in entry and "." not in entry and len(entry) > 1
    )

# lower-case particles inside a name: "Sultan bin Saad Al-Marri", "Jan Willem de Vries"
NAME_PARTICLES = re.compile(
    r"[ \u00a0](?:(?:bin|ibn|bint|binti|al|el|de|van|von|der|den|da|dos|du|la|le|ter)[ \u00a0]){1,2}"
)
MONTHS_AND_DAYS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
# nouns of meetings and documents: "Caspian Summit", "Security Conclave", "Garabagh Declaration" are no names
EVENT_WORDS = frozenset(
    [
        *("summit", "summits", "meeting", "meetings", "session", "sessions", "conference", "conclave", "congress"),
        *("declaration", "communique", "communiqué", "statement", "agreement", "treaty", "memorandum", "protocol"),
        *("capital", "news", "ministerial", "dialogue"),
    ]
)
# a portfolio's people, capitalised in an office's name: "Minister of ... and Malians Abroad"
PEOPLE_ABROAD = frozenset({"abroad", "diaspora"})
LIST_BOUNDARY = re.compile(r"[,;:\n•·()]|\s[-–—]\s(?=[A-Z][a-z]+\s+(?:[A-Z]\.|[A-Z][a-z]+\s+[A-Z]))|\bas well as\b")


# a royal style said right before a one-word name, after the office: "... of Ruritania Prince Otto"
ROYAL_STYLE = re.compile(r"\s(Prince|Princess|King|Queen|Emir|Sultan|Sheikh|Sheikha)$")


@dataclass(frozen=True)
class NamedPerson:
    """A person a sentence names, with the character span of the name and of its title."""

    name: str
    start: int
    end: int
    title: Title | None
    title_text: str | None
    honorific: str | None = None  # "H.E. Mr.", "Datuk Seri", "Lieutenant General": kept out of the name


@lru_cache(maxsize=1 << 16)  # a pure test of one word, asked for every word of every sentence
def is_name_word(word: str) -> bool:
    bare = word.strip(".,;:")
    if not re.fullmatch(NAME_TOKEN, bare):
        return False
    lower = bare.lower()
    if (
        lower in STOP_WORDS
        or lower in MONTHS_AND_DAYS
        or lower in EVENT_WORDS
        or lower in PEOPLE_ABROAD
        or lower in single_honorifics()
    ):
        return False
    if is_title_word(bare):
        return False
    code = country_code(bare)
    return code is None or _longer_than_country(bare, code)


DEMONYM_ENDINGS = ("", "n", "an", "ian", "ese", "i", "ish", "ic", "s", "ean", "ine")


def _longer_than_country(word: str, code: str) -> bool:
    """A name that begins with a country's name ("Kenyatta" ⊃ "Kenya") but is no demonym of it."""
    country = pycountry.countries.get(alpha_3=code)
    short = getattr(country, "common_name", None) or getattr(country, "name", "")
    stem = short.lower()
    lower = re.sub(r"['’]s?$", "", word.lower())  # "France's" is the country's possessive
    return " " not in stem and lower.startswith(stem) and lower[len(stem) :] not in DEMONYM_ENDINGS


def name_spans(
    text: str,
    person_entities: Iterable[tuple[int, int]] = (),
    not_names: frozenset[int] = frozenset(),
    styled: frozenset[int] = frozenset(),
) -> list[tuple[int, int]]:
    """Character spans of person names in ``text``: initials + surname, or 2-4 name words.

    ``not_names`` are offsets of words the parser read as something else than a name
    (a capitalised adverb or verb opening a sentence: "Later", "Speaking"); ``styled`` are
    offsets of words right after an honorific, where a word that reads as English is a name's
    ("U Kyaw Lin Htet").

    A single word counts only where the parser took it for a person, or right after an
    office word ("President Nazarbayev").
    """
    spans: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in spans)

    for match in INITIALS_NAME.finditer(text):
        surname = re.search(rf"{NAME_TOKEN}$", match.group())
        pair = match.group("pair")
        if pair and not _initials_pair(pair):
            continue
        if surname and is_name_word(surname.group()):
            start, end = match.start(), match.end()
            if pair and (more := MORE_NAME_WORDS.match(text, end)):
                words = re.findall(NAME_TOKEN, more.group())
                kept = len(list(itertools.takewhile(is_name_word, words)))
                end += len(" ".join(more.group().split()[:kept])) + kept if kept else 0
            # a given name before middle initials: "Peter J. Holm"
            given = re.search(rf"(?<![\w.])({NAME_TOKEN})[ \u00a0]$", text[:start])
            if given and "." in match.group() and is_name_word(given.group(1)) and given.start() not in not_names:
                start = given.start()
            spans.append((start, end))
    words = list(re.finditer(rf"{NAME_TOKEN}", text))
    # a word before "bin"/"ibn" is a given name even where it reads as an office ("Sultan bin Saad")
    # and so is the word after it ("Prince Faisal bin Khalid bin Sultan")
    patronymic = {m.start() for m in re.finditer(rf"{NAME_TOKEN}(?=[ \u00a0](?:bin|ibn|bint|binti)[ \u00a0])", text)}
    patronymic |= {m.end() for m in re.finditer(r"(?<![\w-])(?:bin|ibn|bint|binti)[ \u00a0](?=[A-Z])", text)}

    def name_word(word: re.Match[str]) -> bool:
        if word.group().lower() in single_honorifics() and inside_a_name(text, word.start()):
            return True  # "Hassan Sheikh Mohamud": an honorific's word inside a name is a name word
        if word.start() in styled and word.group().lower() in STOP_WORDS:
            return True  # "U Kyaw Lin Htet": after a style, "Kyaw" is a given name
        return word.start() not in not_names and (word.start() in patronymic or is_name_word(word.group()))

    run: list[re.Match[str]] = []
    for word in [*words, None]:
        if word is not None and name_word(word) and (not run or _joins(text[run[-1].end() : word.start()])):
            run.append(word)
            continue
        run = _without_leading_country(text, run)
        # a name of four words at most; six where particles join them ("Mohammed bin Abdulrahman bin Jassim Al Thani")
        longest = 6 if any(not re.fullmatch(r"[ \u00a0]", text[a.end() : b.start()]) for a, b in pairwise(run)) else 4
        if (
            2 <= len(run) <= longest
            and free(run[0].start(), run[-1].end())
            and not _a_body(text, run, person_entities)
            and not _a_region(text[run[0].start() : run[-1].end()])
        ):
            spans.append((run[0].start(), run[-1].end()))
        elif len(run) == 1:
            single = run[0]
            before = text[max(0, single.start() - 40) : single.start()]
            is_entity = any(a <= single.start() and single.end() <= b for a, b in person_entities)
            after_office = re.search(
                r"\b(?:President|Minister|Secretary|Chairman|Premier|Director|Ambassador|"
                r"Mr|Mrs|Ms|Dr|General|King|Queen|Emir|Sultan|Prince|Princess|PM|FM|EAM|[Cc]ounterpart)s?\.?\s+$|"
                # royals go by one name: "the Duchess of Kent, Anne"
                r"\b(?:Prince|Princess|Duke|Duchess|Earl|Countess)\s+of\s+[A-Z][\w'’-]*,\s+$",
                before,
            )
            # the last word of a country's name the parser took for a person ("of Sierra Leone")
            word_before = re.search(rf"({NAME_TOKEN})[ \u00a0]$", before)
            country_tail = bool(word_before) and bool(
                country_code(f"{word_before.group(1)} {single.group()}", loose=False) if word_before else None
            )
            styled_name = single.start() in styled  # "Mr. Bratu", "H.E. Mr. Petrakis": a surname after a style
            if (is_entity or after_office or styled_name) and not country_tail and free(single.start(), single.end()):
                spans.append((single.start(), single.end()))
        run = [word] if word is not None and name_word(word) else []
    return sorted(spans)


def _a_body(text: str, run: list[re.Match[str]], person_entities: Iterable[tuple[int, int]]) -> bool:
    """A run of name words after "of the" that the parser did not take for a person is a body's name
    ("Chairman of the Tora Kengesh of the Ulu Meclis X"): people are seldom written "of the X Y"."""
    start, end = run[0].start(), run[-1].end()
    return bool(OF_THE.search(text, 0, start)) and not any(a <= start and end <= b for a, b in person_entities)


OF_THE = re.compile(r"\bof\s+the\s+$")
OF_PLACE = re.compile(r"\bof\s+$")
COMPASS_WORDS = frozenset(
    {"west", "east", "north", "south", "central", "western", "eastern", "northern", "southern", "southeast",
     "southeastern", "northeast", "northwest", "southwest"}
)  # fmt: skip


def _a_region(words: str) -> bool:
    """A compass word and a continent or region: "West Africa", "Southern Africa", "East Asia" name no one."""
    first, _, rest = words.partition(" ")
    return first.lower() in COMPASS_WORDS and (is_region(rest) or is_region(words))


def _initials_pair(letters: str) -> bool:
    """Two capitals before a name are initials ("MN Rashid Karimi"), not a word, an office's
    abbreviation ("PM", "FM"), a country's or an organisation's code ("US", "EU")."""
    return not (
        letters.lower() in STOP_WORDS
        or is_title_word(letters)
        or letters in OFFICE_ABBREVIATIONS
        or country_code(letters, loose=False)
        or is_listed_organization(letters)
    )


def _joins(gap: str) -> bool:
    """Whether two name words with ``gap`` between them are one name: a space, or particles."""
    return bool(re.fullmatch(r"[ \u00a0]", gap) or NAME_PARTICLES.fullmatch(gap))


def _without_leading_country(text: str, run: list[re.Match[str]]) -> list[re.Match[str]]:
    """Drop a country the run starts with: "South Africa Lindiwe Ngcobo" → "Lindiwe Ngcobo"."""
    if len(run) < 2:
        return run
    words = text[run[0].start() : run[-1].end()]
    countries = find_countries(words)
    if countries and countries[0][0] == 0:
        if countries[0][1] >= len(words.rstrip("'’s")) - 2:
            return []  # the whole run is a country ("South Africa's")
        if len(run) >= 3:
            cut = run[0].start() + countries[0][1]
            return [word for word in run if word.start() >= cut]
    if len(run) >= 3 and OF_PLACE.search(text, 0, run[0].start()) and place_state(run[0].group()):
        return run[1:]  # "Governor of Kerala Anil Kumar Nair": the office's province, then the name
    return run


def _title_before(text: str, boundary: int, name_start: int) -> tuple[int, int] | None:
    """The title run that ends right before a name: title words, connectors and capitalised words."""
    segment = text[boundary:name_start]
    tokens = list(TOKEN.finditer(segment))
    start = None
    for token in reversed(tokens):
        word = token.group()
        if word.rstrip(".").lower() in single_honorifics():
            continue  # "Chairperson of the Commission Dr. Grace Mutasa": the honorific is no boundary
        if word in {",", ";", ":", "(", ")"} or (word.endswith(".") and len(word) > 2):
            break
        if word.isupper() and len(word) >= 4 and not is_title_word(word) and not is_listed_organization(word):
            break  # an agency or a shouted dateline ("ASTANA. KAZINFORM -") is no part of a title
        if (
            word in {"-", "–", "—", "'", "’"}  # a plural possessive: "the United States’ Antony Blinken"
            or word.lower() in CONNECTORS | {"from"}
            or word[0].isupper()
            or is_title_word(word)
        ):
            start = token.start()
            continue
        break
    if start is None:
        return None
    title = segment[start:]
    lead = re.match(
        r"(?:(?:and|both|the|of|on|to|for|at|in|under|with|by|as well as|-|–|—)\s+|[-–—]\s*)+", title, re.IGNORECASE
    )
    offset = lead.end() if lead else 0
    title = title[offset:].rstrip(" -–—")
    if not title:
        return None
    if not has_head_word(title):
        # "from Kazakhstan — Yerlan Kozhakhmetov": a country alone is an affiliation without a role
        countries = find_countries(title)
        if len(countries) != 1 or re.sub(
            r"[\W_]+", "", title[: countries[0][0]] + title[countries[0][1] :]
        ).lower() not in {"", "from", "fromthe", "the", "counterpart", "counterparts"}:
            return None
    return boundary + start + offset, boundary + start + offset + len(title)
    return boundary + start + offset, boundary + start + offset + len(title)


def _ends_as_title(title: str) -> bool:
    """Whether a title run ends in an office word, a country or an organisation (not in a missed name)."""
    last = re.sub(r"['’]s?$", "", title.split()[-1]) if title.split() else ""
    return is_title_word(last) or country_code(last) is not None or bool(re.fullmatch(r"[A-Z][A-Z0-9-]{1,7}", last))


# a rank (if not blanked as an honorific) between an office and a name: "Lieutenant General of Police";
# none at all is the appositive "Tonga's Minister for Foreign Affairs, Sione Vea"
RANK = re.compile(r"\s*(?:(?:[A-Z][\w-]*|of|the)\s+){0,6}")
TITLE_AFTER = re.compile(
    r"\A\s*,\s+(?:the\s+|a\s+|who is\s+(?:the\s+)?)?([A-Za-z][^,;]{2,240}?)"  # the title
    r"(?=\s*(?:,|;|\.|\)|$|\s+(?:said|says|told|stressed|noted|added|had|has|was|is|will|met|held)\b))"
)


# who a person stands for, said before the name: "the delegation of Japan was headed by",
# "The United States was represented by", "Armenia: ", "Uzbekistan, an observer, sent its",
# "the ministers of foreign affairs of Nigeria, "
_SIDE = r"(?P<who>[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*){0,5})"
SIDE_BEFORE_NAME = (
    re.compile(
        rf"\bdelegations?\s+(?:of|from)\s+(?:the\s+)?{_SIDE}\s+(?:(?:was|were)\s+)?(?:(?:headed|led)\s+)?by\s*$"
    ),
    re.compile(rf"{_SIDE}\s+(?:was|were|is|are)\s+represented\s+(?:(?:at|in)\s+(?:[\w'’-]+\s+){{1,10}}?)?by\s*$"),
    re.compile(rf"(?:^|\n)\s*(?:[-•*–]\s*|\d+[.)]\s*)?{_SIDE}\s*(?::|\s[–—-])\s*$"),
    re.compile(rf"{_SIDE}(?:,[^,]{{1,60}},)?\s+sent\s+(?:its|his|her|their)\s*$"),
    re.compile(rf"\b(?:of|from)\s+(?:the\s+)?{_SIDE},\s*$"),
    # the chair's country said first: "With Peru being the current X Chair, Foreign Minister Y"
    re.compile(rf"\b[Ww]ith\s+{_SIDE}\s+(?:being|as)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}[Cc]hair\w*,\s*$"),
)


def _title_after(text: str, end: int) -> tuple[int, int] | None:
    """The title after a name and a comma: "X, Minister of Defence of Armenia, ...".

    The title ends at a comma, a stop, a verb of saying, or an "and" that opens a clause
    ("X, President of Azerbaijan and attended by Y").
    """
    after = TITLE_AFTER.match(text[end:])
    if after is None:
        return None
    words = after.group(1)
    clause = re.search(r"\s+and\s+(?!(?:the|a|an)\s+[A-Z])([a-z]\w*)", words)  # "... and the Sahel" goes on
    if clause and not is_title_word(clause.group(1)):
        words = words[: clause.start()]
    first = words.split()
    if (country_code(first[0]) or re.fullmatch(r"[A-Z]{2,8}", first[0])) and len(first) > 1:
        # "X, Indonesia's Minister of Defence, Y", "X, ROTA Secretary General had"
        first = first[1:]
    if is_title_word(first[0]) and has_head_word(words) and not name_spans(words):
        title_end = end + after.start(1) + len(words)
        rest = TITLE_PARTS_TO_END.match(text, title_end)
        parts = rest.group(1).split(",")[1:] if rest and words == after.group(1) else []
        if parts and (all(is_title_word(part.split()[0]) for part in parts) or _portfolio_list(words, parts)):
            title_end = rest.end(1)  # "X, Minister of Trade, Industry, Tourism and Y of Z"
        return end + after.start(1), title_end
    return None


def _portfolio_list(title: str, parts: list[str]) -> bool:
    """Whether the parts after a title's comma go on with its portfolio, to the sentence's end: "Commissioner
    for Health, Social Affairs and Labour" (an "and" closes the list), never names ("..., A B and C D")."""
    return (
        bool(re.search(r"\s(?:for|of)\s", title))
        and " and " in parts[-1]
        and not any(name_spans(part) for part in parts)
    )


# the rest of a title written with commas, to the sentence's end: capitalised words and connectors only
# ("..., Regional Integration and Nationals Abroad of the Republic of Z"), never a clause ("..., said");
# each part opens with an office's word, so a name that follows is no part of it
TITLE_PARTS_TO_END = re.compile(
    r"((?:\s*,\s*[A-Z][\w'’-]*(?:\s+(?:(?:of|the|and|for|to|in|on)\s+)*[A-Z][\w'’-]*)*)+)\s*[.;]?\s*\Z"
)


# words a title or name run may hold that say nothing of the office: an acronym in brackets ("National
# Security Advisor (NSA) X"), a retired rank ("General X (Retd.)"), post-nominal letters ("X, KC, Adviser")
ASIDE = re.compile(
    r"(?<=\s)\([A-Z]{2,8}\)(?=[\s.,;]|$)|\s\((?:[Rr]etd|[Rr]td|[Rr]et|[Rr]etired)\.?\)|(?<=\w),\s[A-Z]{2,4}(?=,\s)"
)


# the country a person stands for, said right after the name: "Ana Ruiz of Chile", "X for Kenya", "X (Uganda)"
COUNTRY_AFTER_NAME = re.compile(
    r"\s*,?\s*(?:(?:of|for|from)\s+(?:the\s+)?|\()(?P<who>[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*){0,4})"
    r"(?=\s*(?:[,;.)]|$|\s[a-z]))"
)


# "Botswana's newly elected President X": the country's possessive before words the title run stops at
POSSESSOR_BEFORE_TITLE = re.compile(r"(?P<who>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})['’]s?\s+(?:[a-z][\w-]*\s+){1,3}$")


def _with_possessor(title: Title, before: str, found: list[NamedPerson]) -> Title:
    """A title completed from the words before it: the possessor's country, a counterpart's office."""
    if title.affiliation is None:
        possessor = POSSESSOR_BEFORE_TITLE.search(before)
        code = country_code(possessor.group("who")) if possessor else None
        if code:
            title = Title(title.role, code, title.normalized)
    if title.normalized and title.normalized.split()[-1] in {"counterpart", "counterparts"}:
        # "Chilean president Ana Ruiz ... from his Peruvian counterpart Luis Soto"
        office = next((p.title for p in reversed(found) if p.title and p.title.role and p.title.normalized
                       and "counterpart" not in p.title.normalized), None)
        if office and office.role:
            role = bare_office(office.role)
            title = Title(role, title.affiliation, normalize_role(role))
    return title


# a side a whole sentence speaks for: "The participants on the Russian side included ..."
SENTENCE_SIDE = re.compile(r"\b(?:on|from|of|for)\s+the\s+(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+side\b")


# the words between a leader and the one who stands in for them
STANDS_IN_FOR = re.compile(
    r"\s*(?:(?:was|is|were|are|has been|had been)\s+)?(?:being\s+)?(?:represented\s+(?:\w+\s+){0,3}?by|sent)"
    r"\s+(?:his|her|its|their)\s*"
)


def represented_side(before: str, acronyms: dict[str, str] | None = None) -> str | None:
    """The country or organisation the words right before a name say the person stands for."""
    for pattern in SIDE_BEFORE_NAME:
        match = pattern.search(before[-160:])
        if match:
            who = match.group("who")
            countries = find_countries(who)
            if countries and countries[0][1] - countries[0][0] >= len(who.strip()) - 4:
                return countries[0][2]
            code = organization_code(who, acronyms)
            if code and is_listed_organization(code):
                return code
            named = find_organizations(who)
            if named:
                return named[0][2]
    return None


def persons_in(
    text: str,
    offset: int = 0,
    person_entities: Iterable[tuple[int, int]] = (),
    acronyms: dict[str, str] | None = None,
    known_acronyms: frozenset[str] = frozenset(),
    not_names: Iterable[int] = (),
) -> list[NamedPerson]:
    """Every person ``text`` names, with the title before or after the name when there is one.

    ``offset`` is added to every span (``text`` is usually one sentence of a document), and
    is taken off the document offsets in ``person_entities`` and ``not_names``.
    """
    written = text
    text, honorific_spans = mask_honorifics(text)
    text = ASIDE.sub(lambda m: " " * len(m.group()), text)
    local_entities = [(a - offset, b - offset) for a, b in person_entities]
    styled = frozenset(end + len(text[end:]) - len(text[end:].lstrip()) for _, end in honorific_spans)
    spans = name_spans(text, local_entities, frozenset(n - offset for n in not_names), styled)
    found: list[NamedPerson] = []
    previous_end = 0
    side_said = SENTENCE_SIDE.search(text)
    sentence_side = country_code(side_said.group("who")) if side_said else None
    for start, end in spans:
        boundaries = [previous_end] + [m.end() for m in LIST_BOUNDARY.finditer(text, previous_end, start)]
        boundary = boundaries[-1]
        title_span = _title_before(text, boundary, start)
        if title_span and re.search(r"\s(?:and|&)$", text[title_span[0] : title_span[1]]):
            # "Anna Berg 1st Vice-president of Norway and Dr Paul Lind": the title is the one before's
            said = text[title_span[0] : title_span[1]].rsplit(None, 1)[0]
            if found and found[-1].title is None and previous_end <= title_span[0] and has_head_word(said):
                found[-1] = replace(found[-1], title=split_title(said, acronyms, known_acronyms), title_text=said)
            title_span = None
        if (
            title_span is None
            and len(boundaries) > 1
            and RANK.fullmatch(text[boundary:start])
            and text[boundary - 1] == ","
        ):
            # "Minister of Defence of Armenia, Colonel General X": the office stands before the rank and comma
            title_span = _title_before(text, boundaries[-2], boundary - 1)
            if title_span and not _ends_as_title(text[title_span[0] : title_span[1]]):
                title_span = None  # "Norwegian PM Berg, Anna Lind": a name the finder missed ends it
        if title_span is None:
            title_span = _title_after(text, end)
        title_text = text[title_span[0] : title_span[1]] if title_span else None
        style = None
        royal = ROYAL_STYLE.search(title_text) if title_text and title_span and title_span[1] <= start else None
        if royal and royal.start() > 0 and has_head_word(title_text[: royal.start()]):
            # "the Crown Prince of Ruritania Prince Otto": the office, then the style the name is said with
            style, title_text = royal.group(1), title_text[: royal.start()].rstrip()
            title_span = (title_span[0], title_span[0] + len(title_text))
        title = split_title(title_text, acronyms, known_acronyms) if title_text else None
        said_end = end
        country_after = COUNTRY_AFTER_NAME.match(text, end) if title_span is None or title_span[1] <= end else None
        side_after = country_code(country_after.group("who"), loose=False) if country_after else None
        if side_after and (title is None or title.affiliation is None):
            # "President Luis Soto of Peru", "Soto for Peru", "Ruiz (Chile)"
            title = Title(title.role if title else None, side_after, title.normalized if title else None)
            title_span = title_span or (end, country_after.end())
            said_end = max(said_end, country_after.end())  # "X of Sierra Leone, Vice President Y": not Y's
        if title and title.role and title_span and title_span[0] < start:
            title = _with_possessor(title, text[previous_end : title_span[0]], found)
        title_start = title_span[0] if title_span and title_span[0] < start else start
        leader = found[-1].title if found else None
        # "Burundi's X sent his first vice-president Y", "X was represented by his Foreign minister Y"
        if (
            (title is None or title.affiliation is None)
            and leader
            and leader.affiliation
            and STANDS_IN_FOR.fullmatch(text[found[-1].end - offset : title_start])
        ):
            title = Title(title.role if title else None, leader.affiliation, title.normalized if title else None)
        if title is None or title.affiliation is None:
            before_title = title_span[0] if title_span and title_span[0] < start else start
            side = represented_side(text[previous_end:before_title], acronyms)
            if side is not None:
                title = Title(
                    role=title.role if title else None, affiliation=side, normalized=title.normalized if title else None
                )
        if (title is None or title.affiliation is None) and sentence_side:
            # "The participants on the Russian side included ... Federation Council Speaker X"
            title = Title(title.role if title else None, sentence_side, title.normalized if title else None)
        found.append(
            NamedPerson(
                name=re.sub(r"\s+", " ", text[start:end]),
                start=start + offset,
                end=end + offset,
                title=title,
                title_text=title_text,
                honorific=honorific_before(written, honorific_spans, start) or style,
            )
        )
        # a title said after the name is no title of the next name: "X, Minister of Y, Z"
        previous_end = max(end, title_span[1], said_end) if title_span else max(end, said_end)
    return shared_plural_roles(text, offset, found)
