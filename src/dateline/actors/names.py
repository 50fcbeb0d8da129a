"""Person names in English news: the project's one text folder, transliteration keys, parsing.

``fold`` (and ``compact``, ``slug`` built on it) is the text normaliser every stage keys
names on: actors, queries, fusion and the series view. ``translit_key`` folds one name
token across romanisations (Djumakadyrov ~ Jumakadyrov, Sysoev ~ Sysoyev). ``parse_name``
splits a mention into given names, initials and surname, with honorifics and ranks
(``data/honorifics.txt``) and a bare family name's opening particles ("von der Leyen")
left out; ``readings`` lists the other ways its parse could be read. Comparing two
names is :mod:`dateline.actors.name_match`.

Name order is a heuristic, kept simple: a comma, a patronymic last, an all-capitals
word, or initials after a word put the surname first; so do a Slavic/Turkic surname
ending on the first of two words ("Aliyev Heydar") and two or three words shaped like
Chinese or Korean syllables ("Guo Shengkun", "Kim Jong Un", "Moon Jae-in"). Two-word
readings of those last two kinds are guesses, marked ``reversible``: comparison also
tries the other order ("Joe Biden" is syllable-shaped too, "Yakov" ends like a surname).
Everything else is read given names first, surname last, and comparison also tries a
two-word family name and the name without its last word (``family_last``).
"""

from __future__ import annotations

import importlib.resources
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from anyascii import anyascii

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
    {"al", "el", "bin", "ibn", "bint", "van", "von", "der", "den", "de", "del", "della", "da", "das", "dos"}
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


@lru_cache(maxsize=1)
def honorific_phrases() -> tuple[tuple[str, ...], ...]:
    """The honorifics and ranks of ``data/honorifics.txt`` as word tuples, longest first:
    ("datuk", "seri"), ("h", "e"), ("sheikh",)."""
    text = importlib.resources.files("dateline.data").joinpath("honorifics.txt").read_text("utf-8")
    phrases = {_honorific_words(line) for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return tuple(sorted(phrases - {()}, key=lambda p: (-len(p), p)))


@lru_cache(maxsize=1)
def _honorifics_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """``honorific_phrases`` by their first word, longest first (a name is matched only against its own)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for phrase in honorific_phrases():
        found.setdefault(phrase[0], []).append(phrase)
    return {word: tuple(phrases) for word, phrases in found.items()}


def _honorific_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s.]+", _ascii(text).lower()) if w)


def strip_honorifics(words: list[str]) -> list[str]:
    """``words`` without the honorifics, ranks and titles they open with, always keeping one
    word: "H. E. Dr. William Ruto" → "William Ruto", "Datuk Seri Anwar Ibrahim" → "Anwar Ibrahim"."""
    opening = _honorifics_by_first_word()
    while len(words) > 1:
        low = [w.strip(".,").lower() for w in words]
        if low[0] in _TITLES:
            words = words[1:]
            continue
        phrases = opening.get(low[0], ())
        phrase = next((p for p in phrases if len(p) < len(words) and tuple(low[: len(p)]) == p), None)
        if phrase is not None and len(phrase[0]) == 1 and ("." in words[0] or len(words) < 3):
            phrase = None  # a one-letter style ("U Kyaw Lin Htet") is an initial when dotted or before a surname alone
        if phrase is None:
            return words
        words = words[len(phrase) :]
    return words


def _ascii(text: str) -> str:
    """Unicode → ASCII with anyascii (Ғ → Gh, Ş → Sh), apostrophes dropped (G'ayratov → Gayratov)."""
    return re.sub(r"['`]", "", anyascii(unicodedata.normalize("NFC", text).translate(_PREMAP)))


@lru_cache(maxsize=1 << 16)  # a pure function of the string, asked for the same names again and again
def fold(text: str) -> str:
    """ASCII, lower case, every run of punctuation or space turned into one space.

    The project's one text folder for names of people, organisations and series: resolve,
    queries, fusion and the series view key on it (``compact``, ``slug``)."""
    return re.sub(r"[^a-z0-9]+", " ", _ascii(text).lower()).strip()


def compact(text: str) -> str:
    """``fold`` without spaces: 'N. P.Patrushev' == 'n. p. patrushev', 'Anti-Terrorist' == 'Antiterrorist'."""
    return fold(text).replace(" ", "")


def slug(text: str) -> str:
    """``fold`` with hyphens for spaces, for identifiers: 'Kassym-Jomart Tokayev' → 'kassym-jomart-tokayev'."""
    return fold(text).replace(" ", "-")


@lru_cache(maxsize=65536)
def translit_key_and_rules(token: str) -> tuple[str, tuple[str, ...]]:
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
    return translit_key_and_rules(token)[0]


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
    name ("Abiy Ahmed" in "Abiy Ahmed Ali"). ``patronymic``: the name holds a father's
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


@lru_cache(maxsize=1 << 16)  # one name is parsed for every mention of it
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


@lru_cache(maxsize=65536)
def readings(name: PersonName) -> tuple[PersonName, ...]:
    """The name as parsed, and the other readings its parse could not rule out: the other order
    of a two-word name; for a name read surname last, the last two words as one family name
    ("Andrés Manuel | López Obrador", "Kwame | Osei Mensah"), and the words before the last as
    the whole name ("Abiy Ahmed" of "Abiy Ahmed Ali", "Mohammed bin Salman" of "… Al Saud")."""
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
