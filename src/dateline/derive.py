"""Cross-article stages over the store: resolve actors, fuse event reports, group stories.

``rebuild`` recomputes every derived record from the per-article extractions in the store,
so the result never depends on the order articles were ingested in. ``add_articles`` is the
entry point for a writer that has just stored some articles: today it rebuilds everything
(the incremental stage of issue 11 is not built yet); callers need not change when it is.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from dateline.actors.institutions import country_and_organization_actors
from dateline.actors.resolve import resolve_persons
from dateline.actors.tenure import roles_held
from dateline.model import Actor
from dateline.stories.fusion import fuse
from dateline.stories.grouping import group_stories
from dateline.stories.reuse import passages_between, story_pairs
from dateline.stories.similarity import profile

if TYPE_CHECKING:
    from dateline.store import Store

log = logging.getLogger(__name__)


def add_articles(store: Store, doc_ids: Sequence[str]) -> None:
    """Bring the derived records up to date after ``doc_ids`` were stored (or changed)."""
    log.info("deriving after %d stored articles", len(doc_ids))
    rebuild(store)


def rebuild(store: Store) -> None:
    """Recompute actors, events and stories from every stored extraction."""
    extractions = store.extractions()
    documents = {d.id: d for d in store.documents()}
    resolution = resolve_persons(extractions)
    reports = [report for extraction in extractions for report in extraction.events]
    fused = fuse(reports, resolution, documents)
    roles = roles_held(extractions, fused.events, resolution, documents)
    persons = [
        Actor(
            id=actor_id,
            kind="person",
            name=name,
            aliases=resolution.aliases.get(actor_id, ()),
            roles=roles.get(actor_id, ()),
        )
        for actor_id, name in sorted(resolution.names.items())
    ]
    actors = persons + country_and_organization_actors(extractions, fused.events)
    held = {e.id for e in fused.events if e.type == "meeting" and e.status == "held"}
    main_event: dict[str, str] = {}
    for (document, _index), event_id in sorted(fused.member_of.items()):
        if event_id in held:
            main_event.setdefault(document, event_id)  # the first meeting the document reports
    mentions = store.mentions_by_document()
    profiles = [profile(d, *mentions.get(d.id, ([], []))) for d in documents.values()]
    stories = group_stories(list(documents.values()), fused.events, main_event, profiles)
    story_of = {event_id: story.id for story in stories for event_id in story.events}
    events = [replace(event, story=story_of.get(event.id)) for event in fused.events]
    pairs = story_pairs(story.documents for story in stories)
    pairs += [pair for story in stories for pair in story.duplicates]
    passages = passages_between(list(documents.values()), pairs)
    log.info("rebuilt %d actors, %d events, %d stories, %d shared passages",
             len(actors), len(events), len(stories), len(passages))  # fmt: skip
    store.replace_derived(actors=actors, events=events, stories=stories, passages=passages)
