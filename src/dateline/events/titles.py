"""Office titles: split "Secretary of the Security Council of the Republic of Kazakhstan" into
the role as the text words it ("Secretary of the Security Council") and the affiliation (KAZ).

A title is read as segments joined by connectors (of, under, to, for, at); a segment that
names a country or an organisation is the affiliation, the rest is the role. Prefixes work
too: "Russian Security Council Secretary", "Russia's Defence Minister", "SCO Secretary-General".
A body inside an organisation becomes "PARENT BODY" when the text gives the body an acronym:
"Director of the Executive Committee of the SCO Regional Anti-Terrorist Structure" → SCO RATS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from dateline.events.places import (
    COMPASS,
    city_country,
    country_code,
    find_countries,
    find_organizations,
    is_listed_organization,
    is_region,
    organization_code,
)
from dateline.roles import normalize_role

CONNECTOR = re.compile(r"(\s+(?:of|under|to|for|at|in)\s+(?:the\s+)?)", re.IGNORECASE)
# words that make a phrase an office ("Secretary", "Minister"): a title must hold one
HEAD_WORDS = frozenset(
    [
        "secretary",
        "secretary-general",
        "minister",
        "president",
        "vice-president",
        "premier",
        "chairman",
        "chairwoman",
        "chairperson",
        "chair",
        "director",
        "director-general",
        "member",
        "head",
        "chief",
        "adviser",
        "advisor",
        "aide",
        "assistant",
        "ambassador",
        "envoy",
        "representative",
        "commander",
        "governor",
        "speaker",
        "king",
        "queen",
        "emir",
        "prince",
        "sultan",
        "leader",
        "coordinator",
        "commissioner",
        "deputy",
        "officer",
        "prosecutor",
        "prosecutor-general",
        "judge",
        "mayor",
        "chancellor",
        "councilor",
        "councillor",
        "undersecretary",
        "under-secretary",
        "counsellor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "counterpart",
    ]
)


@cache
def title_words() -> frozenset[str]:
    text = resources.files("dateline.data").joinpath("title_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#")


@lru_cache(maxsize=1 << 16)  # a pure test of one word, asked for every word of every sentence
def is_title_word(word: str) -> bool:
    word = word.lower().strip(".,;:'’")
    word = re.sub(r"['’]s$", "", word)
    if word in title_words() or word in HEAD_WORDS:
        return True
    singular = re.sub(r"ies$", "y", word) if word.endswith("ies") else re.sub(r"(?<!s)s$", "", word)
    if singular != word and (singular in title_words() or singular in HEAD_WORDS):
        return True  # "Cabinet of Ministers", "Council of Secretaries"
    first = word.split("-")[0]  # "Ambassador-at-Large", "Vice-Minister", "European-Central"
    return "-" in word and (first in title_words() or first in HEAD_WORDS)


# abbreviations of offices as news text writes them: "Japanese PM X", "Minister of FA of Russia"
OFFICE_ABBREVIATIONS = {
    "PM": "Prime Minister",
    "FM": "Foreign Minister",
    "DPM": "Deputy Prime Minister",
    "EAM": "External Affairs Minister",
    "NSA": "National Security Adviser",
    "FA": "Foreign Affairs",
    "SG": "Secretary-General",
}
_ABBREVIATION = re.compile(rf"\b(?:{'|'.join(OFFICE_ABBREVIATIONS)})\b")


def expand_abbreviations(title: str) -> str:
    """A title with its office abbreviations written out: "Japanese PM" → "Japanese Prime Minister"."""
    return _ABBREVIATION.sub(lambda m: OFFICE_ABBREVIATIONS[m.group()], title)


def has_head_word(text: str) -> bool:
    text = expand_abbreviations(text)
    words = re.findall(r"[A-Za-z][\w-]*", text)
    parts = [part for word in words for part in (word, *word.split("-"))]  # "Vice-Minister"
    return any(part.lower() in HEAD_WORDS for part in parts) or bool(
        re.search(r"\bhead of (?:state|government|delegation)", text, re.IGNORECASE)
    )


@dataclass(frozen=True)
class Title:
    role: str | None
    affiliation: str | None
    normalized: str | None


def _org_of_segment(segment: str, acronyms: dict[str, str], known_acronyms: frozenset[str]) -> str | None:
    code = organization_code(segment, acronyms)
    if code:
        return code
    initials = "".join(part[0] for word in segment.split() for part in word.split("-") if part and part[0].isupper())
    if len(initials) >= 3 and initials in known_acronyms:
        return initials
    return None


def split_title(
    title: str, acronyms: dict[str, str] | None = None, known_acronyms: frozenset[str] = frozenset()
) -> Title:
    """Role and affiliation of a title as the text words it.

    ``acronyms`` maps folded names to acronyms the document defines; ``known_acronyms`` are
    the all-capital words the document uses (so "Regional Anti-Terrorist Structure" is taken
    for RATS when the text also says RATS).
    """
    acronyms = acronyms or {}
    text = re.sub(r"^\s*(?:the|a|an)\s+", "", expand_abbreviations(title).strip(" ,;:"), flags=re.IGNORECASE)
    countries: list[str] = []
    orgs: list[str] = []
    # protect multi-word country names ("Republic of Kazakhstan") from the connector split
    spans = find_countries(text)
    protected = text
    for start, end, code in reversed(spans):
        if DIASPORA.match(text, end):
            countries.append(code)  # the people of a portfolio stay in it; their country is the affiliation
            continue
        protected = protected[:start] + f"§{code}§" + protected[end:]
    written: dict[str, str] = {}  # an organisation's code → its words in the title
    for start, end, code in reversed(find_organizations(protected)):  # "Organization of Turkic States"
        written.setdefault(code, protected[start:end])
        protected = protected[:start] + code + protected[end:]
    pieces = CONNECTOR.split(protected)
    segments = pieces[0::2]
    connectors = pieces[1::2]
    kept: list[tuple[str, str]] = []  # (connector before, segment)
    targets: list[str] = []  # countries an office is "to" or "for": "UN Special Representative for Libya"
    for index, segment in enumerate(segments):
        connector = connectors[index - 1] if index else ""
        toward = connector.strip().lower().split()[0] in {"to", "for"} if connector.strip() else False
        remainder = _strip_affiliations(segment, targets if toward else countries, orgs, acronyms, known_acronyms)
        if index and remainder and remainder != segment.strip() and "§" not in segment and has_head_word(remainder):
            # "Special Representative of the UN Secretary-General": the other office an office serves is
            # named with its organisation; the organisation stays the affiliation too
            remainder = re.sub(r"\b[A-Z][A-Z0-9-]+\b", lambda m: written.get(m.group(), m.group()), segment.strip())
        if remainder:
            kept.append((connector, remainder))
    if not orgs:
        countries += targets  # "Ambassador to Kenya" with no sender named: the country is all it says
    role_parts: list[str] = []
    for connector, segment in kept:
        role_parts.append(f"{connector}{segment}" if role_parts else segment)
    role = re.sub(r"\s+", " ", "".join(role_parts)).strip(" -–—,") or None
    if role and re.fullmatch(r"(?i:from|the|from the)", role):
        role = None
    if role and not has_head_word(role):
        role = role if re.search(r"[A-Za-z]", role) else None
    affiliation = countries[0] if countries else _combine_orgs(orgs)
    if affiliation is None and role:
        affiliation = _state_of_place_office(role)
    role = _with_named_body(role, text, acronyms) if role and orgs else role
    return Title(role=role, affiliation=affiliation, normalized=normalize_role(role) if role else None)


# an office of a place within a state: "Governor of Kerala", "President of Zanzibar", "Prince of Wales"
_PLACE = r"(?:[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*\s+){0,2}[A-Z]\w*(?:-[A-Z]\w*)*"
PLACE_OFFICE = re.compile(rf"\b(?:of|for)\s+(?:the\s+)?({_PLACE})|^({_PLACE})['’]s\s")


def _state_of_place_office(role: str) -> str | None:
    """The state of the towns or provinces a role's office is "of": the role keeps the place, the
    state is the affiliation. None when the places lie in several states or are no places."""
    states: set[str] = set()
    for match in PLACE_OFFICE.finditer(role):
        place = match.group(1) or match.group(2)
        parts = place.split("-") if "-" in place else [place]
        found = {country_code(part, loose=False) or place_state(part) for part in parts}
        while None in found and len(place.split()) > 1:  # "of Wales Prince X": the place ends before the style
            place = place.rsplit(None, 1)[0]
            found = {country_code(place, loose=False) or place_state(place)}
        if None in found:
            continue
        states |= found  # type: ignore[arg-type]
    return states.pop() if len(states) == 1 else None


@cache
def _province_states() -> dict[str, frozenset[str]]:
    """A first-level province's name (ISO 3166-2, as pycountry has it) → the states that have one so named."""
    import pycountry

    alpha_3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    index: dict[str, set[str]] = {}
    for division in pycountry.subdivisions:
        if division.parent_code or division.country_code not in alpha_3:
            continue
        name = re.sub(r"\s*\[.*\]", "", division.name).strip().lower()  # "Wales [Cymru GB-CYM]"
        index.setdefault(name, set()).add(alpha_3[division.country_code])
    return {name: frozenset(states) for name, states in index.items()}


def place_state(name: str) -> str | None:
    """The state a province or a town of some size lies in; None for an office word ("Interior",
    "Central"), a compass point or a world region, and for a name several states share."""
    words = name.lower().split()
    if any(word in title_words() or word in HEAD_WORDS or word in COMPASS for word in words) or is_region(name):
        return None
    states = _province_states().get(name.lower())
    if states:
        return next(iter(states)) if len(states) == 1 else None
    return city_country(name)


# an organisation's own body named with it: "the ECOWAS Commission", "the European Council"
NAMED_BODY = re.compile(r"\b((?:[A-Z][\w'’-]*\s+){1,4}?)(Commission|Council|Parliament)\b")


def _with_named_body(role: str, title: str, acronyms: dict[str, str]) -> str:
    """The role with the organisation's body it heads named in full: "President of the Commission" →
    "President of the ECOWAS Commission", "President" → "European Commission President"; the
    organisation stays the affiliation too."""
    for match in NAMED_BODY.finditer(title):
        phrase = match.group().strip()
        if not (organization_code(phrase, acronyms) or organization_code(match.group(1).strip(), acronyms)):
            continue
        if phrase in role:
            return role
        body = re.search(rf"\b{match.group(2)}\b", role)
        if body:
            return role[: body.start()] + phrase + role[body.end() :]
        return f"{phrase} {role}" if title.index(phrase) < len(title) // 2 else f"{role} of the {phrase}"
    return role


def _strip_affiliations(
    segment: str, countries: list[str], orgs: list[str], acronyms: dict[str, str], known_acronyms: frozenset[str]
) -> str:
    """Remove the country/organisation parts of one segment, recording them; return the rest."""
    segment = segment.strip()
    whole = re.fullmatch(r"(?:the\s+)?§([A-Z]{3})§(?:['’]s)?", segment)
    if whole:
        countries.append(whole.group(1))
        return ""
    # prefixes: "§RUS§ Security Council Secretary", "SCO Secretary-General", "Russia's Defence Minister"
    while True:
        prefix = re.match(r"(?:the\s+)?§([A-Z]{3})§(?:['’]s)?\s+", segment)
        if prefix:
            countries.append(prefix.group(1))
            segment = segment[prefix.end() :]
            continue
        acronym = re.match(r"((?:[A-Z]\.){2,3}|[A-Z][A-Z0-9-]{1,7})(?:['’]s)?\s+", segment)
        if acronym and not organization_code(acronym.group(1), acronyms) and country_code(acronym.group(1)):
            countries.append(country_code(acronym.group(1)) or "")  # "US President", "U.S. Secretary of State"
            segment = segment[acronym.end() :]
            continue
        if acronym and organization_code(acronym.group(1), acronyms):
            orgs.append(organization_code(acronym.group(1), acronyms) or acronym.group(1))
            segment = segment[acronym.end() :]
            continue
        break
    segment = re.sub(r"§([A-Z]{3})§", lambda m: _record(countries, m.group(1)), segment).strip()
    org = _org_of_segment(segment, acronyms, known_acronyms) if segment else None
    if org and not has_head_word(segment):
        orgs.append(org)
        return ""
    return segment


# after a demonym, words that make it the people of a portfolio: "... and Ghanaians Abroad", "Peruvians in the Diaspora"
DIASPORA = re.compile(r"s?\s+(?:Abroad|in\s+(?:the\s+)?Diaspora|Living\s+Abroad)\b", re.IGNORECASE)


def _record(countries: list[str], code: str) -> str:
    countries.append(code)
    return ""


def _combine_orgs(orgs: list[str]) -> str | None:
    """'Regional Anti-Terrorist Structure' of the 'SCO' → 'SCO RATS' (parent first)."""
    if not orgs:
        return None
    unique = list(dict.fromkeys(orgs))
    parents = [o for o in unique if is_listed_organization(o)]
    if len(unique) == 1:
        return unique[0]
    parent = next((o for o in reversed(unique) if o in parents), unique[-1])
    bodies = [o for o in unique if o != parent]
    return " ".join([parent, *bodies])


def affiliation_of_words(text: str) -> str | None:
    """A country or organisation named by a short phrase: "Kazakhstan", "the Uzbek side", "SCO"."""
    return country_code(text) or organization_code(text)
