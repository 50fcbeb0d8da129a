"""The one normaliser of meeting series names, shared by events, fusion and the series view.

A series is known by the words that identify it, in any order, singular, synonyms folded and
generic words left out: "Secretaries of Security Councils of member states" and "security council
secretaries' meeting" give one key. Two keys name one series when half their words are shared, or
when one holds all of the other's and says more than "council".
"""

from __future__ import annotations

import re
from functools import lru_cache

from dateline.events.places import organization_words

GENERIC_WORDS = frozenset(
    {
        "of",
        "the",
        "and",
        "member",
        "states",
        "countries",
        "member-states",
        "states-members",
        "members-states",
        "national",
        "'s",
        "’s",
        "'",
        "for",
        "on",
        "a",
        "an",
        "s",
        # the meeting itself is no part of its series: "Caspian Summit" is the "Caspian" series
        "meeting",
        "meetings",
        "session",
        "summit",
        "sitting",
        # how one sitting differs from another, not which series it belongs to
        "extraordinary",
        "ordinary",
        "regular",
        "informal",
        "special",
        "annual",
        "level",
    }
)


def singular(word: str) -> str:
    lower = word.lower()
    if word.isupper():
        return word
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + ("Y" if word.isupper() else "y")
    if lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3:
        return word[:-1]
    return word


# wordings of one portfolio: "Ministers of Internal Affairs" are "Interior Ministers"
SYNONYMS = (
    (re.compile(r"\b(?:internal|home) affairs\b"), "interior"),
    (re.compile(r"\bforeign affairs\b"), "foreign"),
    (re.compile(r"\bdefense\b"), "defence"),
    (re.compile(r"\badvisors?\b"), "adviser"),
    (re.compile(r"\bfms\b"), "foreign ministers"),
    # a summit's body, however worded: "Heads of State and Government", "State Heads", "leaders"
    (re.compile(r"\bleaders\b"), "leader"),
)
# a summit's body, however worded or ordered: "Heads of State and Government", "State Heads", "leaders"
LEADERS = frozenset({"head", "state"})
OFFICE_WORDS = frozenset(
    {"minister", "secretary", "adviser", "chief", "director", "prosecutor", "speaker", "chairman", "commander",
     "official", "expert", "ambassador", "deputy", "governor", "mayor", "parliament", "parliamentarian"}
)  # fmt: skip


BODY_NOUNS = frozenset({"council", "committee", "meeting", "session", "summit", "conference", "forum", "board"})


@lru_cache(maxsize=1 << 16)  # fusion compares every pair of reports: a name is keyed once
def series_words(name: str) -> frozenset[str]:
    """The words that identify a series, in any order, singular, synonyms folded, generic words left out."""
    text = name.lower()
    for pattern, replacement in SYNONYMS:
        text = pattern.sub(replacement, text)
    # the parts of a pair in either order: "Japan-EU" == "EU-Japan"
    words = re.findall(r"[a-z][\w]*", text.replace("-level", " level"))
    key = frozenset(singular(w) for w in words if w not in GENERIC_WORDS)
    if key >= LEADERS:
        key = (key - LEADERS - {"government"}) | {"leader"}
    if "summit" in words and not key & OFFICE_WORDS:
        key |= {"leader"}  # a summit is the leaders' meeting: "SADC Summit" == "SADC leaders"
    return key


def similar_series(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> bool:
    """Half the words shared, or one wording holding all of the other's ("security" ⊂ "national security ...")."""
    if not a or not b:
        return False
    smaller = a if len(a) <= len(b) else b
    contained = (a <= b or b <= a) and bool(smaller - BODY_NOUNS)  # "council" alone names no series
    if a == b:
        return True
    if not (a & b) - BODY_NOUNS:
        return False  # "the Council of Ministers" and "the Council of Secretaries" share only "council"
    return len(a & b) / len(a | b) >= 0.5 or contained


def named_apart(
    organization_a: str | None, key_a: frozenset[str], organization_b: str | None, key_b: frozenset[str]
) -> bool:
    """One names an organisation, the other none but words of its own: two series ("NATO leaders" and
    "the Caspian summit"). ``key_a`` and ``key_b`` are keys without the organisation's own name."""
    if bool(organization_a) == bool(organization_b):
        return False
    unnamed_key = key_b if organization_a else key_a
    named = organization_words(organization_a or organization_b or "")  # "the Summit of Turkic States" is the OTS's
    own = {singular(w) for w in named} | named
    return bool(unnamed_key - BODY_NOUNS - OFFICE_WORDS - PORTFOLIO_WORDS - own - {"leader"})


PORTFOLIO_WORDS = frozenset(
    {"foreign", "defence", "interior", "security", "national", "economy", "economic", "trade", "finance", "justice",
     "energy", "transport", "health", "education", "culture", "agriculture", "emergency", "border"}
)  # fmt: skip
