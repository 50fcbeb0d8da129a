"""Whether two person mentions can name one person, and which pairs of many can.

Two mentions can be the same person when their surnames agree after transliteration
(Djumakadyrov ~ Jumakadyrov, Sysoev ~ Sysoyev) and their first names or initials do
not disagree ("N. P. Patrushev" ~ "Nikolai Patrushev"); every reading of each name
(:func:`dateline.actors.names.readings`) is tried. A surname-only mention is only a
*candidate*: ``NameMatch.needs_context`` says the resolver must find other evidence
(same document, same role). Different first names or initials never merge, except
forms of one given name in neighbouring languages (``data/given_name_forms.tsv``).

Thresholds (measured with ``bench/names.py`` on ``bench/data/name_pairs.tsv``; figures
in docs/benchmarks.md):

- ``SURNAME_JW``: Jaro-Winkler similarity of the surnames' transliteration keys;
  ``SURNAME_LEV``: their normalised edit similarity (two letters swapped count as one edit:
  Peiris ~ Pieris), against long shared
  prefixes (Ivanov / Ivanenko); ``SHORT_SURNAME``: keys this short (Li, Kim) must be equal.
- ``GIVEN_JW`` / ``GIVEN_LEV``: the same two measures for first names (Aleksandr ~
  Aleksander, Muammar ~ Moammar), stricter because first names are short and many.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

from dateline.actors.names import PersonName, fold, parse_name, readings, translit_key, translit_key_and_rules

SURNAME_JW = 0.88
SURNAME_LEV = 0.75
SHORT_SURNAME = 4
GIVEN_JW = 0.90
GIVEN_LEV = 0.75

def clear_caches() -> None:
    """Forget cached comparisons (after a threshold changed, as ``bench/names.py --sweep`` does)."""
    _surnames_agree.cache_clear()
    _slot_compatible.cache_clear()


_FEMININE = re.compile(r"(?:(?:ov|ev|in|sk)a|kaia)$")
_MASCULINE = re.compile(r"(?:ov|ev|in|ki)$")


@dataclass(frozen=True)
class NameMatch:
    """Whether two mentions can name one person, how close the surnames are, and why.

    ``same`` with ``needs_context``: the names allow it (one side is a bare surname, or
    only one side carries "Jr."), but the name alone is not enough; ``definite`` is
    ``same and not needs_context``. ``score`` is the surnames' similarity (0-1).
    """

    same: bool
    score: float
    reason: str
    needs_context: bool = False

    @property
    def definite(self) -> bool:
        return self.same and not self.needs_context


def _gender(key: str) -> str | None:
    return "f" if _FEMININE.search(key) else "m" if _MASCULINE.search(key) else None


def surname_similarity(a: str, b: str) -> float:
    """Jaro-Winkler similarity (0-1) of the two surnames' transliteration keys."""
    ka, kb = translit_key(a), translit_key(b)
    return 0.0 if not ka or not kb else 1.0 if ka == kb else JaroWinkler.similarity(ka, kb)


@lru_cache(maxsize=65536)
def _surnames_agree(a: str, b: str) -> tuple[bool, float, str]:
    (ka, rules_a), (kb, rules_b) = translit_key_and_rules(a), translit_key_and_rules(b)
    score = surname_similarity(a, b)
    if not ka or not kb:
        return False, 0.0, "no surname on one side"
    if (" " in a or " " in b) and ka != kb:  # a family name of two words read as one: equal or nothing
        return False, score, f"surnames differ: {a} / {b}"
    genders = {_gender(ka), _gender(kb)}
    if genders == {"f", "m"}:
        return False, score, f"surnames {a} / {b} differ in gender form"
    if ka != kb:
        if min(len(ka), len(kb)) <= SHORT_SURNAME:
            return False, score, f"surnames differ: {a} / {b} (short names must match after transliteration)"
        lev = OSA.normalized_similarity(ka, kb)
        if score < SURNAME_JW or lev < SURNAME_LEV:
            return False, score, f"surnames differ: {a} / {b} ({score:.2f})"
    rules = sorted(set(rules_a) ^ set(rules_b))
    if fold(a) == fold(b):
        return True, score, f"surname {a}"
    after = f" after {', '.join(rules)}" if rules else ""
    return True, score, f"surname {a} ~ {b} ({score:.2f}{after})"


@lru_cache(maxsize=1)
def _given_name_forms() -> dict[str, int]:
    """Transliteration key → number of its line in ``data/given_name_forms.tsv``."""
    text = importlib.resources.files("dateline.data").joinpath("given_name_forms.tsv").read_text("utf-8")
    forms: dict[str, int] = {}
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for number, line in enumerate(lines):
        for form in line.split("\t"):
            forms.setdefault(translit_key(form.strip()), number)
    return forms


def _given_compatible(a: str, b: str) -> bool:
    ka, kb = translit_key(a), translit_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    forms = _given_name_forms()
    if ka in forms and forms.get(kb) == forms[ka]:  # Pavlo / Pavel, Volodymyr / Vladimir
        return True
    if ka + "a" == kb or kb + "a" == ka:  # Aleksandr / Aleksandra, Evgeni / Evgenia
        return False
    if JaroWinkler.similarity(ka, kb) >= GIVEN_JW and Levenshtein.normalized_similarity(ka, kb) >= GIVEN_LEV:
        return True
    # vowels vary freely in romanised Arabic (Mohammed / Muhammad): same consonants, same first letter
    va, vb = re.sub(r"[aeiou]+", "a", ka), re.sub(r"[aeiou]+", "a", kb)
    same_start = ka[0] == kb[0] or (ka[0] in "aeiou" and kb[0] in "aeiou")  # Osama / Usama
    return va == vb and same_start and min(len(fold(a)), len(fold(b))) >= 5


def _initial_fits(initial: str, name: str) -> bool:
    low, folded = initial.lower(), fold(name).replace(" ", "")
    if folded.startswith(low):
        return True
    key_i, key_n = translit_key(low), translit_key(name)
    if key_i and key_n.startswith(key_i) and key_i[0] not in "aiou":  # Zh. = Jomart, E. = Yevgeny
        return True
    return low == "y" and key_n.startswith("e")  # Y. = Evgeny (spelt Yevgeny elsewhere)


def _initials_agree(a: str, b: str) -> bool:
    la, lb = a.lower(), b.lower()
    if la.startswith(lb) or lb.startswith(la):  # "Yu" / "Y", "Zh" / "Z"
        return True
    key_a = translit_key(la)
    if key_a == translit_key(lb) and key_a[:1] not in ("", "a", "i", "o", "u"):  # "Zh" / "J", "Kh" / "H"
        return True
    return {la[:1], lb[:1]} == {"e", "y"}  # Ye. / E. (Yevgeny, Evgeny)


def _slots(name: PersonName) -> tuple[tuple[str, str], ...]:
    """(spelt-out form or "", initial) for every given-name position."""
    return tuple((name.given[i] if i < len(name.given) else "", ini) for i, ini in enumerate(name.initials))


@lru_cache(maxsize=65536)
def _slot_compatible(a: tuple[str, str], b: tuple[str, str]) -> bool:
    (fa, ia), (fb, ib) = a, b
    if fa and fb:
        return _given_compatible(fa, fb)
    if fa or fb:
        return _initial_fits(ib, fa) if fa else _initial_fits(ia, fb)
    return _initials_agree(ia, ib)


def _joined_fallback(slots_a: tuple[tuple[str, str], ...], slots_b: tuple[tuple[str, str], ...]) -> bool:
    """Whether "Kim Jong Un" / "Kim Jongun", "Abdel Fattah" / "Abdelfattah" may still agree."""
    all_full = all(f for f, _ in slots_a) and all(f for f, _ in slots_b)
    return all_full and len(slots_a) != len(slots_b)


def _compare_given(a: PersonName, b: PersonName) -> tuple[bool, str]:
    slots_a, slots_b = _slots(a), _slots(b)
    notes: list[str] = []
    for (fa, ia), (fb, ib) in zip(slots_a, slots_b, strict=False):
        if fa and fb:
            note = f"first name {fa}" if fold(fa) == fold(fb) else f"first name {fa} ~ {fb}"
            bad = f"first names differ: {fa} / {fb}"
        elif fa or fb:
            initial, full = (ib, fa) if fa else (ia, fb)
            note, bad = f"initial {initial}. = {full}", f"initial {initial}. does not fit {full}"
        else:
            note, bad = f"initial {ia}.", f"initials differ: {ia}. / {ib}."
        if not _slot_compatible((fa, ia), (fb, ib)):
            joined_a, joined_b = "".join(f for f, _ in slots_a), "".join(f for f, _ in slots_b)
            if _joined_fallback(slots_a, slots_b) and _given_compatible(joined_a, joined_b):
                return True, f"first names {' '.join(a.given)} ~ {' '.join(b.given)}"
            return False, bad
        if note not in notes:
            notes.append(note)
    return True, ", ".join(notes)


def _compare_reading(a: PersonName, b: PersonName) -> NameMatch:
    agree, score, why = _surnames_agree(a.surname, b.surname)
    if not agree:
        return NameMatch(False, score, why)
    if not a.initials or not b.initials:
        return NameMatch(True, score, f"{why}; no first name or initial on one side: a candidate, needs context", True)
    ok, given_why = _compare_given(a, b)
    if not ok:
        return NameMatch(False, score, f"{why}, but {given_why}")
    reason = f"{why}, {given_why}"
    if a.suffix.lower() != b.suffix.lower():
        if a.suffix and b.suffix:
            return NameMatch(False, score, f"{reason}, but {a.suffix} / {b.suffix}")
        suffix = a.suffix or b.suffix
        return NameMatch(True, score, f"{reason}; '{suffix}' on one side only: needs context", True)
    return NameMatch(True, score, reason)


def _two_word_key(name: PersonName) -> tuple[str, str] | None:
    """(given, surname) keys of a name of one spelt-out given name and a surname."""
    if len(name.given) != 1 or len(name.initials) != 1 or not name.given[0]:
        return None
    given, surname = translit_key(name.given[0]), translit_key(name.surname)
    return (given, surname) if len(given) > 1 and len(surname) > 1 and given != surname else None


def compare_names(a: PersonName, b: PersonName) -> NameMatch:
    """Whether two parsed names can be one person, with a short English reason."""
    key_a, key_b = _two_word_key(a), _two_word_key(b)
    if key_a and key_b and key_a == key_b[::-1]:  # "Abe Shinzo" / "Shinzo Abe"
        return NameMatch(True, 1.0, f"the same two names in the other order: {a.surface} / {b.surface}")
    plain = _compare_reading(a, b)
    readings_a, readings_b = readings(a), readings(b)
    if plain.definite or (len(readings_a) == 1 and len(readings_b) == 1):
        return plain
    results = [plain] + [_compare_reading(ra, rb) for ra in readings_a for rb in readings_b if (ra, rb) != (a, b)]
    return max(results, key=lambda m: (m.definite, m.same, m.score))


def candidate_pairs(names: Sequence[PersonName | str], new: Collection[int] | None = None) -> list[tuple[int, int]]:
    """Index pairs (i < j) of names that ``compare_names`` calls ``same`` (definite or needing context).

    Surnames are blocked with ``rapidfuzz.process.cdist`` over their transliteration keys,
    so only pairs with close surnames are compared in full. With ``new``, only the pairs with
    at least one name of ``new`` (indices): each pair is found as it is among all the names
    (whether a pair is a candidate, and its comparison, depend on its two names alone), so the
    pairs of the other names, kept from an earlier call, complete the answer.
    """
    fresh = set(range(len(names))) if new is None else set(new)
    parsed = [n if isinstance(n, PersonName) else parse_name(n) for n in names]
    by_key: dict[str, set[tuple[int, int]]] = {}  # surname key → (name, reading)
    compound: dict[str, set[int]] = {}  # a two-word family name's key: compared on equality only
    two_words: dict[tuple[str, str], list[int]] = {}
    for index, name in enumerate(parsed):
        for number, reading in enumerate(readings(name)):
            key = translit_key(reading.surname)
            if key and " " in reading.surname:
                compound.setdefault(key, set()).add(index)
            elif key:
                by_key.setdefault(key, set()).add((index, number))
        if key_pair := _two_word_key(name):
            two_words.setdefault(key_pair, []).append(index)
    pairs: set[tuple[int, int]] = set()
    seen: set[tuple[int, int]] = set()
    exact = [(i, j) for pair, indices in two_words.items() for i in indices for j in two_words.get(pair[::-1], [])]
    for key, indices in compound.items():
        others = indices | {i for i, _ in by_key.get(key, ())}
        exact.extend((i, j) for i in indices for j in others)
    for i, j in exact:  # the same two names in the other order; the same compound family name
        pair = (i, j) if i < j else (j, i)
        if i != j and pair not in seen and (i in fresh or j in fresh):
            seen.add(pair)
            if compare_names(parsed[pair[0]], parsed[pair[1]]).same:
                pairs.add(pair)
    keys = list(by_key)
    rows = [k for k, key in enumerate(keys) if any(i in fresh for i, _ in by_key[key])]  # keys of a fresh name
    if not rows:
        return sorted(pairs)
    scores = process.cdist(
        [keys[k] for k in rows], keys, scorer=JaroWinkler.similarity, score_cutoff=SURNAME_JW, dtype=np.float32,
        workers=-1,
    )  # fmt: skip
    groups = {(i, n): _group(reading) for i, name in enumerate(parsed) for n, reading in enumerate(readings(name))}
    is_row = set(rows)
    for row, kj in zip(*np.nonzero(scores), strict=True):
        ki = rows[row]
        if ki > kj and kj in is_row:
            continue  # met as (kj, ki)
        ki, kj = min(ki, kj), max(ki, kj)
        side_a, side_b = _by_group(by_key[keys[ki]], groups), _by_group(by_key[keys[kj]], groups)
        for group_a, members_a in side_a.items():
            for group_b, members_b in side_b.items():
                if _first_names_clash(group_a, group_b):
                    continue
                for i in members_a:
                    for j in members_b:
                        pair = (i, j) if i < j else (j, i)
                        if i == j or pair in seen or not (i in fresh or j in fresh):
                            continue
                        seen.add(pair)
                        if compare_names(parsed[pair[0]], parsed[pair[1]]).same:
                            pairs.add(pair)
    return sorted(pairs)


_Group = tuple[bool, tuple[str, str] | None, bool, int]


def _group(name: PersonName) -> _Group:
    """What ``_first_names_clash`` looks at: reversible, first slot, all spelt out, number of slots."""
    slots = _slots(name)
    return name.reversible, slots[0] if slots else None, all(f for f, _ in slots), len(slots)


def _by_group(members: set[tuple[int, int]], groups: dict[tuple[int, int], _Group]) -> dict[_Group, list[int]]:
    """The names of one surname key, by the group of the reading that gave them that key."""
    out: dict[_Group, list[int]] = {}
    for member in sorted(members):
        indices = out.setdefault(groups[member], [])
        if member[0] not in indices:
            indices.append(member[0])
    return out


def _first_names_clash(a: _Group, b: _Group) -> bool:
    """True only where ``compare_names`` must say "not same": the first given names disagree
    and neither a swapped order nor the joined-given fallback can rescue the pair."""
    (rev_a, first_a, full_a, n_a), (rev_b, first_b, full_b, n_b) = a, b
    if rev_a or rev_b or first_a is None or first_b is None:
        return False
    return not _slot_compatible(first_a, first_b) and not (full_a and full_b and n_a != n_b)
