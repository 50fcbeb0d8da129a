"""Offices a sentence or an article says once for several mentions.

A plural office before a list of names goes to each name ("Presidents Berg and
Lind", "all three ministers -- France's X, Germany's Y and Poland's Z"); an article's
mentions of one surname complete each other's role and affiliation ("ECO Secretary General
Halim Ozbek" ... "Secretary-General Ozbek" ... "Ozbek said").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from dateline.events.titles import Title, is_title_word
from dateline.roles import normalize_role

if TYPE_CHECKING:
    from dateline.events.persons import NamedPerson

# an office said once in the plural for the list of names after it: "Presidents Berg and Lind",
# "all three ministers -- France's X, Germany's Y and Poland's Z"
PLURAL_OFFICE = re.compile(
    r"\b((?:(?:[Ff]oreign|[Dd]efen[cs]e|[Pp]rime|[Vv]ice|[Dd]eputy|[Ee]xternal [Aa]ffairs)\s+)?"
    r"(?:[Mm]inisters|[Pp]residents|[Pp]rime [Mm]inisters|[Ss]ecretaries|[Cc]ounterparts))\b"
)
LIST_GLUE = re.compile(
    r"(?:[\s,:;()–—-]+|\band\b|\bincluding\b|\bnamely\b|\bsuch as\b|\bas well as\b|\b(?:were|are)\b|"
    r"\b(?:of|for|from)\s+(?:the\s+)?(?=[A-Z])|[A-Z][\w'’.-]*|"  # "X of Rwanda, Y of Kenya", "France's"
    r"\b(?:who|that)\b[^,;.]{0,60}?\binclud(?:e|es|ed)\b|\binclud(?:e|es|ed)\b)*"
)


def shared_plural_roles(text: str, offset: int, found: list[NamedPerson]) -> list[NamedPerson]:
    """Give the names of a list the office a plural before the list says they hold."""
    out: list[NamedPerson] = []
    carry: tuple[str, int] | None = None  # (singular office, where the list has reached)
    for person in found:
        start = person.start - offset
        plurals = [m for m in PLURAL_OFFICE.finditer(text, 0, start) if carry is None or m.start() >= carry[1]]
        if plurals:
            office = _singular(plurals[-1].group(1))
            if office.lower().startswith("counterpart"):
                # "President X was joined by his counterparts Y of Uganda and Kenya's Z": X's office
                before = [p.title for p in out if p.title and p.title.role and p.end - offset <= plurals[-1].start()]
                office = bare_office(before[-1].role) if before and before[-1].role else ""
            carry = (office, plurals[-1].end()) if office else None
        title = person.title
        if carry and (title is None or title.role is None or PLURAL_OFFICE.fullmatch(title.role)):
            gap = text[carry[1] : start]
            if title is not None and person.title_text and person.title_text in gap:
                gap = gap.replace(person.title_text, " ")  # "France's", "Presidents"
            if PLURAL_OFFICE.fullmatch(gap.strip()) or LIST_GLUE.fullmatch(gap):
                role = carry[0]
                title = Title(role, title.affiliation if title else None, normalize_role(role))
                person = replace(person, title=title)
            else:
                carry = None
        if carry is not None:
            carry = (carry[0], max(carry[1], person.end - offset))
        out.append(person)
    return out


def _singular(office: str) -> str:
    """'Foreign Ministers' → 'Foreign Minister', 'Presidents' → 'President', 'Secretaries' → 'Secretary'."""
    words = office.split()
    plural = next((i for i, w in enumerate(words) if w.lower() in {"ministers", "presidents", "secretaries"}), None)
    if plural is None:
        return office
    word = words[plural]
    words[plural] = word[:-3] + "y" if word.lower().endswith("ies") else word[:-1]
    return " ".join(words)


def titles_by_surname(persons: Iterable[Iterable[NamedPerson]]) -> dict[str, Title]:
    """What one article says of each surname: the role and affiliation its mentions agree on.

    A later mention that leaves them out ("Secretary-General Holm", "Ruiz said") gets them
    from the fuller one ("ECO Secretary General Halil Ibrahim Akca"); where mentions disagree
    (two people of one surname, or two offices) nothing is filled.
    """
    roles: dict[str, dict[str, str]] = {}  # surname → normalized office → its first wording
    affiliations: dict[str, set[str]] = {}
    for person in (p for sentence in persons for p in sentence):
        surname = person.name.split()[-1].lower()
        if person.title and person.title.role and person.title.normalized:
            roles.setdefault(surname, {}).setdefault(person.title.normalized, person.title.role)
        if person.title and person.title.affiliation:
            affiliations.setdefault(surname, set()).add(person.title.affiliation)
    known: dict[str, Title] = {}
    for surname in roles.keys() | affiliations.keys():
        said = roles.get(surname, {})
        # "Minister" is "Foreign Minister" said short: an office whose words another one holds is that one
        role = [(k, v) for k, v in said.items() if not any(set(k.split()) < set(other.split()) for other in said)]
        affiliation = affiliations.get(surname, set())
        known[surname] = Title(
            role=role[0][1] if len(role) == 1 else None,
            affiliation=next(iter(affiliation)) if len(affiliation) == 1 else None,
            normalized=role[0][0] if len(role) == 1 else None,
        )
    return known


def completed(person: NamedPerson, known: dict[str, Title]) -> Title | None:
    """A person's title, its missing role or affiliation filled from the article's other mentions."""
    title = person.title
    other = known.get(person.name.split()[-1].lower())
    if other is None or (title and title.role and title.affiliation):
        return title
    if title is None:
        return other if other.affiliation else None  # a bare name becomes no participant by a role alone
    # "Secretary-General Akca" and "ECO Secretary General Akca" agree; a different office does not
    if title.role and other.role and not set(normalize_role(title.role).split()) <= set(other.normalized.split()):
        return title
    # "Minister X" where the article calls X "Foreign Minister" elsewhere: the fuller wording of the office
    fuller = bool(title.role and other.role) and set(normalize_role(title.role or "").split()) < set(
        (other.normalized or "").split()
    )
    return Title(
        role=other.role if fuller else title.role or other.role,
        affiliation=title.affiliation or other.affiliation,
        normalized=other.normalized if fuller else title.normalized or other.normalized,
    )


def bare_office(role: str) -> str:
    """An office without the words before it that say no office: "Host president" → "president"."""
    words = role.split()
    while len(words) > 1 and not is_title_word(words[0]):
        words = words[1:]
    return " ".join(words)
