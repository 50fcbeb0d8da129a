"""Person names in English news: folding, transliteration keys, parsing and comparison.

Two mentions can be the same person when their surnames agree after transliteration
(Djumakadyrov ~ Jumakadyrov, Sysoev ~ Sysoyev) and their first names or initials do
not disagree ("N. P. Patrushev" ~ "Nikolai Patrushev"). A surname-only mention is only
a *candidate*: ``NameMatch.needs_context`` says the resolver must find other evidence
(same document, same role). Different first names or initials never merge.

Thresholds (measured with ``bench/names.py`` on ``bench/data/name_pairs.tsv``; figures
in docs/benchmarks.md):

- ``SURNAME_JW``: Jaro-Winkler similarity of the surnames' transliteration keys;
  ``SURNAME_LEV``: their normalised Levenshtein similarity, against long shared
  prefixes (Ivanov / Ivanenko); ``SHORT_SURNAME``: keys this short (Li, Kim) must be equal.
- ``GIVEN_JW`` / ``GIVEN_LEV``: the same two measures for first names (Aleksandr ~
  Aleksander, Muammar ~ Moammar), stricter because first names are short and many.

Name order is a heuristic, kept simple: a comma, a patronymic last, an all-capitals
word, or initials after a word put the surname first; so do a Slavic/Turkic surname
ending on the first of two words ("Aliyev Heydar") and two or three words shaped like
Chinese or Korean syllables ("Guo Shengkun", "Kim Jong Un", "Moon Jae-in"). Two-word
readings of those last two kinds are guesses, marked ``reversible``: comparison also
tries the other order ("Joe Biden" is syllable-shaped too, "Yakov" ends like a surname).
Everything else is read given names first, surname last.
"""

from __future__ import annotations

import importlib.resources
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler, Levenshtein

SURNAME_JW = 0.88
SURNAME_LEV = 0.75
SHORT_SURNAME = 4
GIVEN_JW = 0.90
GIVEN_LEV = 0.75

# Letters anyascii would flatten to one letter although they stand for two (š → s).
_PREMAP = str.maketrans(
    {"š": "sh", "Š": "Sh", "ş": "sh", "Ş": "Sh", "č": "ch", "Č": "Ch", "ç": "ch", "Ç": "Ch"}
    | {"ž": "zh", "Ž": "Zh", "ə": "a", "Ə": "A"}  # Azerbaijani schwa is "a" in English: Əliyev → Aliyev
)

# (shown as, pattern, replacement): general transliteration rules, applied in order.
_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (shown, re.compile(pattern), repl)
    for shown, pattern, repl in (
        ("j→i after a vowel", r"(?<=[aeiou])j(?![aeiou])", "i"),  # ISO 9 й: Nikolaj, Sojgu
        ("tch→ch", r"t?sch(?=[aeiou]|$)|tch", "ch"),  # Gorbatchev, Gorbatschow
        ("shch→sh", r"shch|sch", "sh"),
        ("dj→j", r"dzh|dj", "j"),
        ("zh→j", r"zh", "j"),
        ("kh→h", r"kh", "h"),
        ("gh→g", r"gh", "g"),
        ("dh→d", r"dh", "d"),
        ("th→t", r"th", "t"),
        ("ph→f", r"ph", "f"),
        ("q→k", r"q", "k"),
        ("ck→k", r"ck", "k"),
        ("x→ks", r"x", "ks"),
        ("ts→c", r"ts|tz", "c"),
        ("c→k", r"c(?=[^aeiouyh]|$)", "k"),
        ("-ow→-ov", r"(?<=[aeo])w$", "v"),
        ("-off→-ov", r"ff$", "v"),
        ("ou→u", r"ou|oo|ow(?=[^aeiouy])", "u"),
        ("yo→e", r"(?<=[bcdfghklmnprstvz])yo", "e"),  # ё after a consonant: Gorbachyov, Pyotr
        ("ye→e at start", r"^[yi](?=[aeiou])", ""),  # Yevgeny, Yermekbayev, Yuri/Iouri
        ("yev→ev", r"(?<=[aeiou])[yi](?=e)", ""),  # Sysoyev, Tokayev, Aliyev
        ("y→i", r"y", "i"),  # Zelenskyy/-iy/-ii, Shoygu, Nikolay
        ("double letters", r"([a-z])\1+", r"\1"),
    )
)

_TITLE_WORDS = (
    "mr mrs ms miss mister madam madame dr prof professor sir dame lord lady sheikh shaikh sheik "
    "king queen prince princess president vice premier prime deputy minister general gen colonel col "
    "lt lieutenant maj captain capt admiral adm marshal ambassador amb senator sen rep governor gov "
    "mayor chairman chairwoman secretary hon honourable honorable his her excellency comrade "
    "ayatollah imam rev reverend cardinal"
)
_TITLES = frozenset(_TITLE_WORDS.split())
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PARTICLE_WORDS = (
    "al el ad ar as ash at az an bin ibn bint ben van von der den de da di du del della la le dos das do ter ten zu"
)
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
# particles that open a bare family name ("von der Leyen", "Al Mansouri", "de Gaulle"); not the
# ones that are also surnames or given names ("Le", "Du", "Do", "An", "Ben")
_LEADING_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "van", "von", "der", "den", "de", "del", "della", "dos"}
)
_PATRONYMIC_MARKERS = frozenset({"oglu", "ogly", "uly", "uli", "kyzy", "qizi", "gizi", "uulu"})
_FATHER_MARKERS = _PATRONYMIC_MARKERS | {"bin", "ibn", "bint", "binti", "ben"}
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ud|ul)-(?=[A-Za-z])", re.IGNORECASE)
_INITIAL = re.compile(r"^(?:[A-Z][a-z]?\.|[A-Z])$")
_SURNAME_ENDING = re.compile(r"(?:ov|ev|ova|eva|sky|ski|skiy|skii|skaya|enko|chuk|dze|shvili|zade)$")
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ichna|uly|ovic|kyzy)$")
_PINYIN = r"(?:zh|ch|sh|ts|hs|[bpmfdtnlgkhjqxrzcswy])?[aeiouv]{1,3}(?:ng|n|r)?"
_PINYIN_SURNAME = re.compile(_PINYIN.replace("ng|n|r", "ng|n|r|m"))  # + Korean Kim, Lim, Nam
_PINYIN_GIVEN = re.compile(f"(?:{_PINYIN}){{1,2}}")
_SYLLABLE = re.compile(r"[b-df-hj-np-tv-z]{0,3}[aeiouy]{1,3}[b-df-hj-np-tv-z]{0,2}")
_FEMININE = re.compile(r"(?:(?:ov|ev|in|sk)a|kaia)$")
_MASCULINE = re.compile(r"(?:ov|ev|in|ki)$")


@lru_cache(maxsize=1)
def honorific_phrases() -> tuple[tuple[str, ...], ...]:
    """The honorifics and ranks of ``data/honorifics.txt`` as word tuples, longest first:
    ("datuk", "seri"), ("h", "e"), ("sheikh",)."""
    text = importlib.resources.files("dateline.data").joinpath("honorifics.txt").read_text("utf-8")
    phrases = {_honorific_words(line) for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return tuple(sorted(phrases - {()}, key=lambda p: (-len(p), p)))


def _honorific_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s.]+", _ascii(text).lower()) if w)


def strip_honorifics(words: list[str]) -> list[str]:
    """``words`` without the honorifics, ranks and titles they open with, always keeping one
    word: "H. E. Dr. William Ruto" → "William Ruto", "Datuk Seri Anwar Ibrahim" → "Anwar Ibrahim"."""
    phrases = honorific_phrases()
    while len(words) > 1:
        low = [w.strip(".,").lower() for w in words]
        if low[0] in _TITLES:
            words = words[1:]
            continue
        phrase = next((p for p in phrases if len(p) < len(words) and tuple(low[: len(p)]) == p), None)
        if phrase is None:
            return words
        words = words[len(phrase) :]
    return words


def _ascii(text: str) -> str:
    """Unicode → ASCII with anyascii (Ғ → Gh, Ş → Sh), apostrophes dropped (G'ayratov → Gayratov)."""
    return re.sub(r"['`]", "", anyascii(unicodedata.normalize("NFC", text).translate(_PREMAP)))


def fold(text: str) -> str:
    """ASCII, lower case, every run of punctuation or space turned into one space."""
    return re.sub(r"[^a-z0-9]+", " ", _ascii(text).lower()).strip()


@lru_cache(maxsize=65536)
def _key_and_rules(token: str) -> tuple[str, tuple[str, ...]]:
    key = re.sub(r"[^a-z]", "", fold(token))
    fired = []
    for shown, pattern, repl in _RULES:
        new = pattern.sub(repl, key)
        if new != key:
            fired.append(shown)
            key = new
    return key, tuple(fired)


def translit_key(token: str) -> str:
    """A transliteration-normalised form of one name token: general rules, no name list.

    ``translit_key("Djumakadyrov") == translit_key("Jumakadyrov") == "jumakadirov"``;
    Sysoyev/Sysoev, Kakharov/Kaharov, Yermekbayev/Ermekbaev, Nikolai/Nikolay,
    Smirnoff/Smirnov, Zelenskyy/Zelenskiy and Tsai/Cai also meet.
    """
    return _key_and_rules(token)[0]


@dataclass(frozen=True)
class PersonName:
    """A parsed person name.

    ``initials`` has one entry per given-name position (first name, patronymic, middle
    names), whether the text spelt the name out or not; ``given`` holds the spelt-out
    forms by the same positions, "" where the text gave only an initial, and stops at
    the last spelt-out one ("N. P. Patrushev" → given (), initials ("N", "P")).
    A hyphenated first name is one position (Kassym-Jomart, Jong-un). ``reversible``: the
    order of a two-word name was guessed (syllable shapes, a surname ending on the first
    word, or nothing at all marks it); comparison also tries the other order. ``suffix``:
    "Jr", "Sr", "II", ... ``family_last``: the surname was taken as the last word only
    because nothing said otherwise, so comparison also reads the last two words as one
    family name ("López Obrador", "Osei Mensah") and the words before the last as a whole
    name ("Salva Kiir" in "Salva Kiir Mayardit"). ``patronymic``: the name holds a father's
    name ("bin", "oglu", "-ovich"), so neither of those readings is tried, except dropping
    a family name that an article opens (``family_article``: "Mohammed bin Salman Al Saud").
    """

    surface: str
    given: tuple[str, ...] = ()
    initials: tuple[str, ...] = ()
    surname: str = ""
    suffix: str = ""
    reversible: bool = False
    family_last: bool = False
    patronymic: bool = False
    family_article: bool = False


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


def _display(token: str) -> str:
    return token.capitalize() if token.isupper() and len(token) > 1 else token


def _tokens(surface: str) -> tuple[list[str], list[str], str, bool]:
    """(tokens before a comma, tokens after it, suffix, had a comma) with titles and particles gone."""
    text = re.sub(r"['’]s$", "", surface.strip())
    text = _ascii(text)
    text = re.sub(r"^\s*h\.\s*e\.\s*", "", text, flags=re.IGNORECASE)  # "H.E." = His Excellency
    text = re.sub(r"\.(?=[A-Za-z])", ". ", text)  # glued initials: "N.P.Patrushev"
    text = re.sub(r"(?<=\.)-(?=[A-Z]\.)", " ", text)  # "J.-C."
    suffix = ""
    parts = [p.split() for p in text.split(",")]
    if len(parts) > 1 and len(parts[-1]) == 1 and parts[-1][0].strip(".").lower() in _SUFFIXES:
        suffix = parts.pop()[0].strip(".")
    head = strip_honorifics(parts[0]) if parts[0] else parts[0]
    tail = [t for p in parts[1:] for t in p]
    if tail:  # "Patrushev, Nikolai": the titles stand before the given names
        tail = strip_honorifics(tail)
    while len(head) > 1 and head[0].strip(".-").lower() in _LEADING_PARTICLES and (
        head[0][:1].islower() or len(head) == 2 or head[1].strip(".-").lower() in _PARTICLES
    ):
        head = head[1:]  # "von der Leyen", "Al Mansouri": a family name alone
    words = tail or head
    if len(head) + len(tail) > 1 and (words[-1].strip(".").lower() in {"jr", "sr"} or words[-1] in {"II", "III", "IV"}):
        suffix = words.pop().strip(".")
    cleaned: list[list[str]] = []
    for group in (head, tail):
        out = []
        for i, tok in enumerate(group):
            low = tok.strip(".-").lower()
            if 0 < i < len(group) - 1 and (low in _PARTICLES or low in _PATRONYMIC_MARKERS):
                continue
            if not _INITIAL.match(tok):
                tok = _ARTICLE_PREFIX.sub("", tok).strip(".-")
            if tok:
                out.append(tok)
        cleaned.append(out)
    return cleaned[0], cleaned[1], suffix, bool(tail)


def _east_asian(words: list[str]) -> bool:
    low = [w.lower() for w in words]
    if len(low) == 2:
        first, second = low
        if "-" in first or not _SYLLABLE.fullmatch(first) or len(first) > 5:
            return False
        if "-" in second:
            pieces = second.split("-")
            return len(pieces) == 2 and all(_SYLLABLE.fullmatch(p) and len(p) <= 5 for p in pieces)
        return bool(_PINYIN_SURNAME.fullmatch(first) and _PINYIN_GIVEN.fullmatch(second))
    if len(low) == 3:
        return all("-" not in w and len(w) <= 5 and _SYLLABLE.fullmatch(w) for w in low)
    return False


def _surname_first(words: list[str]) -> bool:
    low = [w.lower() for w in words]
    if len(low) == 3 and _PATRONYMIC.search(low[2]) and not _PATRONYMIC.search(low[1]):
        return True
    two = len(low) == 2 and len(low[0]) >= 5
    return two and bool(_SURNAME_ENDING.search(low[0])) and not _SURNAME_ENDING.search(low[1])


def _build(surface: str, surname: str, given_words: list[str], suffix: str, reversible: bool) -> PersonName:
    slots: list[tuple[str, str]] = []  # (full form or "", initial)
    for word in given_words:
        if _INITIAL.match(word):
            slots.append(("", word.rstrip(".")))
        else:
            slots.append((_display(word), word[:1].upper()))
    last_full = max((i for i, (full, _) in enumerate(slots) if full), default=-1)
    return PersonName(
        surface=surface,
        given=tuple(full for full, _ in slots[: last_full + 1]),
        initials=tuple(initial for _, initial in slots),
        surname=_display(surname),
        suffix=suffix,
        reversible=reversible,
    )


def parse_name(surface: str) -> PersonName:
    """Split a person mention into given names, initials and surname (see the module notes)."""
    head, tail, suffix, comma = _tokens(surface)
    if comma and head:
        return _build(surface, " ".join(head), tail, suffix, False)
    words = head
    full = [i for i, w in enumerate(words) if not _INITIAL.match(w)]
    if not full:
        return _build(surface, "", words, suffix, False)
    if len(words) == 1:
        return _build(surface, words[0], [], suffix, False)
    if _INITIAL.match(words[-1]):  # "Patrushev N. P.", "Patrushev Nikolai P."
        return _build(surface, words[full[0]], words[: full[0]] + words[full[0] + 1 :], suffix, False)
    if len(full) == len(words):
        caps = [i for i, w in enumerate(words) if w.isupper() and len(w) > 1]
        if len(caps) == 1:
            return _build(surface, words[caps[0]], words[: caps[0]] + words[caps[0] + 1 :], suffix, False)
        if _surname_first(words):
            return _build(surface, words[0], words[1:], suffix, len(words) == 2)
        if _east_asian(words):
            reversible = len(words) == 2 and "-" not in words[1]
            return _build(surface, words[0], words[1:], suffix, reversible)
    folded = fold(surface).split()
    return replace(
        _build(surface, words[-1], words[:-1], suffix, False),
        family_last=True,
        patronymic=any(w in _FATHER_MARKERS for w in folded[1:-1]) or any(_PATRONYMIC.search(w) for w in folded),
        family_article=len(folded) >= 3 and folded[-2] in {"al", "el", "aal"},
    )


def _swapped(name: PersonName) -> PersonName:
    surname, given = name.given[0], name.surname
    return replace(name, surname=surname, given=(given,), initials=(given[:1].upper(),), reversible=False)


def _gender(key: str) -> str | None:
    return "f" if _FEMININE.search(key) else "m" if _MASCULINE.search(key) else None


def surname_similarity(a: str, b: str) -> float:
    """Jaro-Winkler similarity (0-1) of the two surnames' transliteration keys."""
    ka, kb = translit_key(a), translit_key(b)
    return 0.0 if not ka or not kb else 1.0 if ka == kb else JaroWinkler.similarity(ka, kb)


@lru_cache(maxsize=65536)
def _surnames_agree(a: str, b: str) -> tuple[bool, float, str]:
    (ka, rules_a), (kb, rules_b) = _key_and_rules(a), _key_and_rules(b)
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
        lev = Levenshtein.normalized_similarity(ka, kb)
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


@lru_cache(maxsize=65536)
def _readings(name: PersonName) -> tuple[PersonName, ...]:
    """The name as parsed, and the other readings its parse could not rule out: the other order
    of a two-word name; for a name read surname last, the last two words as one family name
    ("Andrés Manuel | López Obrador", "Kwame | Osei Mensah"), and the words before the last as
    the whole name ("Salva Kiir" of "Salva Kiir Mayardit", "Mohammed bin Salman" of "… Al Saud")."""
    readings = [name]
    if name.reversible and len(name.given) == 1:
        readings.append(_swapped(name))
    spelt = len(name.given) == len(name.initials) and all(name.given)
    if name.family_last and spelt and name.given and not name.patronymic:
        readings.append(replace(name, given=name.given[:-1], initials=name.initials[:-1],
                                surname=f"{name.given[-1]} {name.surname}", reversible=False))  # fmt: skip
    if name.family_last and spelt and len(name.given) >= 2 and (not name.patronymic or name.family_article):
        readings.append(replace(name, given=name.given[:-1], initials=name.initials[:-1],
                                surname=name.given[-1], reversible=False))  # fmt: skip
    return tuple(readings)


def _two_word_key(name: PersonName) -> tuple[str, str] | None:
    """(given, surname) keys of a name of one spelt-out given name and a surname."""
    if len(name.given) != 1 or len(name.initials) != 1 or not name.given[0]:
        return None
    given, surname = translit_key(name.given[0]), translit_key(name.surname)
    return (given, surname) if len(given) > 1 and len(surname) > 1 and given != surname else None


def compare_names(a: PersonName, b: PersonName) -> NameMatch:
    """Whether two parsed names can be one person, with a short English reason."""
    key_a, key_b = _two_word_key(a), _two_word_key(b)
    if key_a and key_b and key_a == key_b[::-1]:  # "Kishida Fumio" / "Fumio Kishida"
        return NameMatch(True, 1.0, f"the same two names in the other order: {a.surface} / {b.surface}")
    plain = _compare_reading(a, b)
    readings_a, readings_b = _readings(a), _readings(b)
    if plain.definite or (len(readings_a) == 1 and len(readings_b) == 1):
        return plain
    results = [plain] + [_compare_reading(ra, rb) for ra in readings_a for rb in readings_b if (ra, rb) != (a, b)]
    return max(results, key=lambda m: (m.definite, m.same, m.score))


def candidate_pairs(names: Sequence[PersonName | str]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of names that ``compare_names`` calls ``same`` (definite or needing context).

    Surnames are blocked with ``rapidfuzz.process.cdist`` over their transliteration keys,
    so only pairs with close surnames are compared in full.
    """
    parsed = [n if isinstance(n, PersonName) else parse_name(n) for n in names]
    by_key: dict[str, set[tuple[int, int]]] = {}  # surname key → (name, reading)
    compound: dict[str, set[int]] = {}  # a two-word family name's key: compared on equality only
    two_words: dict[tuple[str, str], list[int]] = {}
    for index, name in enumerate(parsed):
        for number, reading in enumerate(_readings(name)):
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
        if i != j and pair not in seen:
            seen.add(pair)
            if compare_names(parsed[pair[0]], parsed[pair[1]]).same:
                pairs.add(pair)
    keys = list(by_key)
    if not keys:
        return sorted(pairs)
    scores = process.cdist(
        keys, keys, scorer=JaroWinkler.similarity, score_cutoff=SURNAME_JW, dtype=np.float32, workers=-1
    )
    groups = {(i, n): _group(reading) for i, name in enumerate(parsed) for n, reading in enumerate(_readings(name))}
    for ki, kj in zip(*np.nonzero(scores), strict=True):
        if ki > kj:
            continue
        side_a, side_b = _by_group(by_key[keys[ki]], groups), _by_group(by_key[keys[kj]], groups)
        for group_a, members_a in side_a.items():
            for group_b, members_b in side_b.items():
                if _first_names_clash(group_a, group_b):
                    continue
                for i in members_a:
                    for j in members_b:
                        pair = (i, j) if i < j else (j, i)
                        if i == j or pair in seen:
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
