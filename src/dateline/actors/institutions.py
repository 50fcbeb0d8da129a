"""Countries and organisations as actors, named by their codes (ISO alpha-3, usual abbreviation)."""

from __future__ import annotations

from collections.abc import Sequence

import pycountry

from dateline.model import Actor, Alias, Event, Extraction


def country_and_organization_actors(extractions: Sequence[Extraction], events: Sequence[Event]) -> list[Actor]:
    """One actor per country or organisation code that events and titles name."""
    codes: dict[str, set[str]] = {}
    for extraction in extractions:
        for mention in extraction.persons:
            if mention.affiliation:
                codes.setdefault(mention.affiliation, set()).add(mention.evidence.document)
    for event in events:
        values = [
            event.chair,
            event.organization,
            event.location.country,
            event.next_venue.country if event.next_venue else None,
            *(p.affiliation for p in (*event.participants, *event.received_by)),
        ]
        for code in values:
            if code:
                codes.setdefault(code, set()).update(event.documents)
    actors = []
    for code, documents in sorted(codes.items()):
        country = pycountry.countries.get(alpha_3=code) if len(code) == 3 and code.isupper() else None
        kind = "country" if country else "organization"
        name = getattr(country, "common_name", None) or (country.name if country else code)
        actors.append(
            Actor(
                id=f"{kind}:{code}",
                kind=kind,
                name=name,
                code=code,
                aliases=(Alias(text=code, document=min(documents), reason="code"),),  # first document naming it
            )
        )
    return actors
