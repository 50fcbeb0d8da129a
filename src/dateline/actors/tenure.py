"""Offices over time: each role (title + affiliation) an actor holds, first and last seen.

A role is dated by the meetings its holder took part in as the stating document dates them,
else by the fused event's dates, else by the publication date of the document that states it,
else (an undated report) by the dates of the meetings that document reports.
Wordings of one office ("Secretary of the Security Council", "Security Council Secretary")
are one role, shown as most often worded.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

from dateline.actors.resolve import Resolution
from dateline.model import Document, Event, Extraction, RoleHeld
from dateline.roles import role_words


def roles_held(
    extractions: Sequence[Extraction], events: Sequence[Event], resolution: Resolution, documents: dict[str, Document]
) -> dict[str, tuple[RoleHeld, ...]]:
    """Every actor's roles with first_seen/last_seen and the documents that state them."""
    # (actor, document) → dates of the events the actor took part in, as reported in that document
    dated: dict[tuple[str, str], list[date]] = defaultdict(list)
    # document → the dates of the held meetings it reports: the time of a report that gives no date of its own
    reported: dict[str, list[date]] = defaultdict(list)
    for event in events:
        if event.status != "held" or event.start is None:
            continue
        for document in event.documents:
            reported[document] += [event.start, event.end or event.start]
        for person in (*event.participants, *event.received_by):
            for document in person.documents:
                dated[(person.actor, document)] += [event.start, event.end or event.start]
    # the dates a document itself gives the meetings it reports an actor at: a report joined to the
    # wrong story must not date the office by that story
    # ... unless the meeting it was fused into is surely the same one (its organisation and ordinal), whose
    # dates the reports agreed on ("the 23rd session" dated by a sentence on the 22nd)
    numbered = {
        (document, event.organization, event.ordinal): event
        for event in events
        if event.status == "held" and event.start is not None and event.ordinal is not None
        for document in event.documents
    }
    own: dict[tuple[str, str], list[date]] = defaultdict(list)
    for extraction in extractions:
        for report in extraction.events:
            if report.status != "held" or report.start is None:
                continue
            same = numbered.get((report.document, report.organization, report.ordinal))
            start, end = (same.start, same.end) if same else (report.start, report.end)
            for mention in (*report.participants, *report.received_by):
                actor = resolution.actor_of.get((mention.evidence.document, mention.name))
                if actor is not None and start is not None:
                    own[(actor, mention.evidence.document)] += [start, end or start]
    stated: dict[tuple[str, frozenset[str], str | None], dict[str, object]] = {}
    for extraction in extractions:
        mentions = [*extraction.persons]
        for report in extraction.events:
            mentions += [*report.participants, *report.received_by]
        for mention in mentions:
            if not mention.role:
                continue
            actor = resolution.actor_of.get((mention.evidence.document, mention.name))
            if actor is None:
                continue
            # named without a country ("Foreign Minister X"): the one every other mention states
            key = (actor, role_words(mention.role), mention.affiliation or resolution.sole_affiliation(actor))
            entry = stated.setdefault(key, {"wordings": Counter(), "documents": set(), "dates": []})
            entry["wordings"][mention.role] += 1  # type: ignore[index]
            entry["documents"].add(mention.evidence.document)  # type: ignore[union-attr]
            document = documents.get(mention.evidence.document)
            when = (
                own.get((actor, mention.evidence.document))
                or dated.get((actor, mention.evidence.document))
                or ([document.published] if document and document.published else [])
                or reported.get(mention.evidence.document, [])
            )
            entry["dates"] += when  # type: ignore[operator]
    # a role stated without an affiliation joins the same role of the same actor with one
    affiliated: dict[tuple[str, frozenset[str]], list[tuple[str, frozenset[str], str | None]]] = defaultdict(list)
    for key in stated:  # the keys with an affiliation, by actor and role (in the order stated)
        if key[2] is not None:
            affiliated[(key[0], key[1])].append(key)
    for actor, words, affiliation in list(stated):
        if affiliation is None:
            fuller = affiliated.get((actor, words), [])
            if len(fuller) == 1:
                entry, target = stated.pop((actor, words, None)), stated[fuller[0]]
                target["wordings"].update(entry["wordings"])  # type: ignore[union-attr]
                target["documents"] |= entry["documents"]  # type: ignore[operator]
                target["dates"] += entry["dates"]  # type: ignore[operator]
    out: dict[str, list[RoleHeld]] = defaultdict(list)
    for (actor, words, affiliation), entry in sorted(stated.items(), key=lambda item: (item[0][0], sorted(item[0][1]))):
        wordings: Counter[str] = entry["wordings"]  # type: ignore[assignment]
        dates: list[date] = entry["dates"]  # type: ignore[assignment]
        out[actor].append(
            RoleHeld(
                title=wordings.most_common(1)[0][0],
                affiliation=affiliation,
                first_seen=min(dates) if dates else None,
                last_seen=max(dates) if dates else None,
                documents=tuple(sorted(entry["documents"])),  # type: ignore[arg-type]
                normalized=" ".join(sorted(words)),
            )
        )
    return {
        actor: tuple(sorted(roles, key=lambda r: (r.first_seen or date.max, r.title))) for actor, roles in out.items()
    }
