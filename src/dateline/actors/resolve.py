"""Mentions → persons: one identity across spellings, initials and surname-only mentions.

Rules, in order, each recorded as the reason an alias joined its actor:
1. the same surface form is the same person (within the store);
2. within one document, a bare surname joins the one full name it fits;
3. across documents, two full names join when ``compare_names`` calls them definitely the
   same (transliteration-equal surnames, compatible first names or initials, the same two
   names in the other order); within one document, a full name that fits only as a
   candidate (a shorter form of a longer name) joins the one person there it fits; across
   documents, a shorter form written as the end of exactly one known fuller name joins it;
4. a bare surname seen alone in a document joins a person of another document only when
   exactly one known person fits it.
Two groups never join when any of their full names definitely disagree (different initials).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateline.actors.name_match import candidate_pairs, compare_names
from dateline.actors.names import PersonName, compact, fold, parse_name, slug
from dateline.model import Alias, Extraction, NamePairs, PersonMention

# a style of one word and no abbreviation dot ("Sheikh", "Datuk", "Chief", "U"), not "Mr." or "H.E."
STYLE = re.compile(r"[A-Z][a-z]*")
ROLE_WINDOW = timedelta(days=14)  # a role stated by another report this close is the office held then


def _is_state(code: str) -> bool:
    import pycountry

    return len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None


@dataclass(frozen=True)
class Resolution:
    """Which actor each (document, surface form) names, and the aliases with reasons."""

    actor_of: dict[tuple[str, str], str]
    names: dict[str, str]  # actor id → display name
    aliases: dict[str, tuple[Alias, ...]]
    published: dict[str, date] = field(default_factory=dict)  # document → publication date
    # actor id → (document, publication date, role, affiliation) of every mention that states a
    # role: for a participant whose own mention gives none ("Japan's X")
    stated_roles: dict[str, tuple[tuple[str, date | None, str, str | None], ...]] = field(default_factory=dict)
    # actor id → every affiliation its mentions state (a country or an organisation)
    affiliations: dict[str, frozenset[str]] = field(default_factory=dict)
    # the names compared (one surface form per key) and the pairs of them that may be one person
    name_pairs: NamePairs = field(default_factory=lambda: NamePairs(frozenset(), frozenset()))

    def sole_affiliation(self, actor: str) -> str | None:
        """The one affiliation every mention of ``actor`` that states one agrees on: whom a person
        named without a country ("Foreign Minister X") stands for, when the other reports all say it."""
        stated = self.affiliations.get(actor, frozenset())
        if len(stated) == 1:
            return next(iter(stated))
        # a head of state also said to speak for an organisation they chaired: a person has one state
        states = [code for code in stated if _is_state(code)]
        return states[0] if len(states) == 1 else None


    def stated_role(self, document: str, actor: str, affiliation: str | None) -> str | None:
        """The role stated for ``actor`` elsewhere in ``document`` (its affiliation not disagreeing),
        else the role most often stated with the same affiliation by reports published within
        ``ROLE_WINDOW`` of it: the office the person held then."""
        stated = self.stated_roles.get(actor, ())
        for doc, _, role, said in stated:
            if doc == document and (affiliation is None or said in (None, affiliation)):
                return role
        on = next((day for doc, day, _, _ in stated if doc == document), None) or self.published.get(document)
        if affiliation is None or on is None:
            return None
        near = Counter(
            role for _, day, role, said in stated if said == affiliation and day and abs(day - on) <= ROLE_WINDOW
        )
        return near.most_common(1)[0][0] if near else None


class _Groups:
    """Union-find over surface forms, with the reason each union was made."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.reason: dict[str, str] = {}
        self.groups: dict[str, list[str]] = {}  # root → members, kept current on every union

    def find(self, item: str) -> str:
        if item not in self.parent:
            self.parent[item] = item
            self.groups[item] = [item]
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str, reason: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            # a's group absorbs b's: b's root is no longer first seen, and b carries the reason
            self.parent[root_b] = root_a
            self.groups[root_a].extend(self.groups.pop(root_b))
            self.reason.setdefault(b, reason)
            if root_b != b:
                self.reason.setdefault(root_b, reason)

    def members(self) -> dict[str, list[str]]:
        return self.groups


def surface_key(name: str) -> str:
    """'N. P.Patrushev' and 'N. P. Patrushev' are one surface form (``names.compact``)."""
    return compact(name)


def _is_full(name: PersonName) -> bool:
    return bool(name.given or name.initials)


def resolve_persons(extractions: Sequence[Extraction], known: NamePairs | None = None) -> Resolution:
    """Every person mentioned, one actor per identity. ``known``: the names an earlier call compared
    and the pairs of them that fit (``Resolution.name_pairs``); only pairs with a name outside it
    are compared now (the result is the same: a pair fits or not by its two names alone)."""
    mentions: list[PersonMention] = []
    for extraction in extractions:
        mentions.extend(extraction.persons)
        for event in extraction.events:
            mentions.extend(event.participants)
            mentions.extend(event.received_by)
    groups = _Groups()
    parsed: dict[str, PersonName] = {}
    display: dict[str, Counter[str]] = defaultdict(Counter)
    seen_in: dict[str, list[tuple[str, str]]] = defaultdict(list)  # key → (document, surface)
    affiliations: dict[str, set[str]] = defaultdict(set)
    keys_of: dict[str, str] = {}  # surface → its key, each computed once
    forms: dict[str, str] = {}  # key → the surface form it was parsed from
    styled: dict[tuple[str, str], str] = {}  # (document, surface) → a one-word style written before it
    for mention in mentions:
        if mention.honorific and STYLE.fullmatch(mention.honorific):
            styled.setdefault((mention.evidence.document, mention.name), mention.honorific)
        key = keys_of.get(mention.name) or keys_of.setdefault(mention.name, surface_key(mention.name))
        groups.find(key)
        if key not in parsed:  # the first form seen of a key is parsed (once)
            parsed[key] = parse_name(mention.name)
            forms[key] = mention.name
        display[key][mention.name] += 1
        if (mention.evidence.document, mention.name) not in seen_in[key]:
            seen_in[key].append((mention.evidence.document, mention.name))
        if mention.affiliation:
            affiliations[key].add(mention.affiliation)
    keys = sorted(parsed)
    # only pairs whose surnames are close are compared (rapidfuzz blocking in candidate_pairs);
    # a pair outside ``fitting`` can never be the same person
    fitting = {(keys[i], keys[j]) for i, j in _fitting_pairs(keys, parsed, forms, known)}
    name_pairs = NamePairs(
        names=frozenset(forms.values()), pairs=frozenset((forms[a], forms[b]) for a, b in fitting)
    )
    fitting |= {(b, a) for a, b in fitting}
    partners: dict[str, list[str]] = defaultdict(list)
    for a, b in sorted(fitting):
        partners[a].append(b)
    full = {k for k in keys if _is_full(parsed[k])}
    bare = [k for k in keys if k not in full]
    documents_of = {k: {d for d, _ in seen_in[k]} for k in keys}
    # 2. within a document, a bare surname joins the one full name of that document it fits
    in_document: dict[str, list[str]] = defaultdict(list)
    for k in sorted(full):
        for document in documents_of[k]:
            in_document[document].append(k)
    for key in bare:
        for document in sorted(documents_of[key]):
            fits = [k for k in partners[key] if k in full and document in documents_of[k]]
            if len({groups.find(k) for k in fits}) == 1:
                groups.union(fits[0], key, f"surname of '{_shown(display, fits[0])}' in the same document")
            elif not fits:  # "Somchai said", "Lula said": a given name of the one full name that has it
                fits = [k for k in in_document[document] if parsed[key].surname in parsed[k].given]
                if len({groups.find(k) for k in fits}) == 1:
                    groups.union(fits[0], key, f"given name of '{_shown(display, fits[0])}' in the same document")
    # 3. across documents, full names that are definitely the same person
    for a in sorted(full):
        for b in partners[a]:
            if b <= a or b not in full or groups.find(a) == groups.find(b):
                continue
            match = compare_names(parsed[a], parsed[b])
            if match.definite and not _conflicts(groups, full, fitting, a, b):
                groups.union(a, b, match.reason)
    # 3b. within a document, a full name that fits only as a candidate ("López Obrador" beside
    # "Andrés Manuel López Obrador", "Javad Zarif" beside "Mohammad Javad Zarif") joins the one
    # person of that document it fits
    for key in sorted(full):
        for document in sorted(documents_of[key]):
            fits = {groups.find(k) for k in partners[key] if k in full and document in documents_of[k]}
            fits.discard(groups.find(key))
            if len(fits) == 1:
                target = fits.pop()
                if not _conflicts(groups, full, fitting, target, key):
                    groups.union(target, key, f"fits '{_shown(display, target)}' in the same document")
    # 3c. across documents, a shorter form that is the end of exactly one known fuller name ("Mendes Costa"
    # of "Paulo Mendes Costa") joins that person, as a bare surname does in 4
    for key in sorted(full):
        fits = {groups.find(k) for k in partners[key] if k in full and _ends_name(parsed[key], parsed[k])}
        fits.discard(groups.find(key))
        if len(fits) == 1:
            target = fits.pop()
            if not _conflicts(groups, full, fitting, target, key):
                groups.union(target, key, f"the only known person whose name ends '{_shown(display, key)}'")
    # 4. a bare surname alone: joins only when exactly one known person fits it
    for key in bare:
        if groups.find(key) != key or len(groups.members()[key]) > 1:
            continue
        fits = {groups.find(k) for k in partners[key] if k in full}
        if len(fits) == 1:
            target = fits.pop()
            groups.union(target, key, f"the only known person with surname '{_shown(display, key)}'")
    actor_of: dict[tuple[str, str], str] = {}
    names: dict[str, str] = {}
    aliases: dict[str, tuple[Alias, ...]] = {}
    for root, members in sorted(groups.members().items()):
        name = _best_name(members, parsed, display)
        actor_id = "person:" + slug(name)
        if actor_id in names:
            actor_id = f"{actor_id}-{len(names)}"
        names[actor_id] = name
        member_aliases = []
        for member in sorted(members):
            for seen, (document, surface) in enumerate(seen_in[member]):
                actor_of[(document, surface)] = actor_id
                if seen:  # the same form again, in another document
                    reason = f"same surface form as in {seen_in[member][0][0]}"
                else:
                    reason = "first seen" if member == root else groups.reason.get(member, "same surface form")
                member_aliases.append(Alias(text=surface, document=document, reason=reason))
                if style := styled.get((document, surface)):
                    # "Sheikh Hasina": a style written as part of how the person is named is a form seen
                    member_aliases.append(
                        Alias(text=f"{style} {surface}", document=document, reason=f"'{surface}' with its style")
                    )
        aliases[actor_id] = tuple(member_aliases)
    published = {e.document.id: e.document.published for e in extractions if e.document.published}
    stated: dict[str, list[tuple[str, date | None, str, str | None]]] = defaultdict(list)
    said_for: dict[str, set[str]] = defaultdict(set)
    for mention in sorted(mentions, key=lambda m: (m.affiliation is None, m.evidence.document, m.evidence.start)):
        actor_id = actor_of.get((mention.evidence.document, mention.name))
        if mention.affiliation and actor_id:
            said_for[actor_id].add(mention.affiliation)
        if mention.role and actor_id:
            document = mention.evidence.document
            stated[actor_id].append((document, published.get(document), mention.role, mention.affiliation))
    return Resolution(
        name_pairs=name_pairs,
        actor_of=actor_of,
        names=names,
        aliases=aliases,
        published=published,
        stated_roles={actor: tuple(found) for actor, found in stated.items()},
        affiliations={actor: frozenset(said) for actor, said in said_for.items()},
    )


def _fitting_pairs(
    keys: list[str], parsed: dict[str, PersonName], forms: dict[str, str], known: NamePairs | None
) -> set[tuple[int, int]]:
    """Index pairs (i < j) of ``keys`` whose names may be one person: those ``known`` kept for two of
    its names, and ``candidate_pairs`` of every pair with a name it does not hold."""
    names = [parsed[k] for k in keys]
    if known is None:
        return set(candidate_pairs(names))
    position = {forms[k]: i for i, k in enumerate(keys)}
    new = [i for i, k in enumerate(keys) if forms[k] not in known.names]
    found = set(candidate_pairs(names, new=new))
    for a, b in known.pairs:
        if a in position and b in position:
            i, j = position[a], position[b]
            found.add((i, j) if i < j else (j, i))
    return found


def _ends_name(short: PersonName, long: PersonName) -> bool:
    """Whether ``short`` (two words or more) is written as the last words of the longer ``long``."""
    a, b = fold(short.surface).split(), fold(long.surface).split()
    return 2 <= len(a) < len(b) and b[-len(a) :] == a


def _shown(display: dict[str, Counter[str]], key: str) -> str:
    return display[key].most_common(1)[0][0]


def _conflicts(groups: _Groups, full: set[str], fitting: set[tuple[str, str]], a: str, b: str) -> bool:
    """Whether joining a's and b's groups would put two people whose names cannot match together."""
    left = [k for k in groups.members()[groups.find(a)] if k in full]
    right = [k for k in groups.members()[groups.find(b)] if k in full]
    return any((x, y) not in fitting for x in left for y in right)


def _best_name(members: list[str], parsed: dict[str, PersonName], display: dict[str, Counter[str]]) -> str:
    """The fullest form: most spelt-out given names, then the most frequent, then the first alphabetically."""

    def rank(key: str) -> tuple[int, int, int, str]:
        name = parsed[key]
        return (-len([g for g in name.given if g]), -len(name.initials), -sum(display[key].values()), key)

    best = min(members, key=rank)
    return _shown(display, best)
