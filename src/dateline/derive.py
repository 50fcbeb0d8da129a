"""Cross-article stages over the store: resolve actors, fuse event reports, group stories.

``rebuild`` recomputes every derived record from the per-article extractions in the store and
writes them all anew, so the result never depends on the order articles were ingested in.
``add_articles`` (after a batch) computes the same records with the same functions, but reuses
what depends on one document or one pair of documents (or names) only and was computed before:
the MinHash signature of each unchanged text, the shared passages of each pair of unchanged
documents, whether two person names compared before may be one person; and it writes only the
rows that differ from what is stored. So its result equals ``rebuild``'s by construction, and
``tests/test_incremental.py`` checks that on corpora ingested in different orders and batches.
What stays global, and why (a new article can change any of them): the TF-IDF weights and each
document's neighbourhood in story similarity (every idf changes), the grouping of names into
persons and of reports into events (greedy passes over a sorted order, and actor ids that depend
on every other name) (``docs/benchmarks.md`` has what each part costs as the store grows).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from dateline.actors.institutions import country_and_organization_actors
from dateline.actors.resolve import resolve_persons
from dateline.actors.tenure import roles_held
from dateline.model import Actor, Derived, Document
from dateline.stories.duplicates import Copies, band_keys, near_copies, signature_bytes, update_copies
from dateline.stories.fusion import fuse
from dateline.stories.grouping import group_stories
from dateline.stories.reuse import passages_between, story_pairs
from dateline.stories.similarity import ANCHOR_SENTENCES, NAME_LABELS, profile

if TYPE_CHECKING:
    from dateline.store import Store

log = logging.getLogger(__name__)


ATTEMPTS = 3  # incremental derives tried while other writers change the store, before a rebuild


def add_articles(store: Store) -> dict[str, int]:
    """Bring the derived records up to date after articles were stored (or changed); returns
    how many records of each table had to be written. When another writer stores articles or
    derives meanwhile (two ingests on one store), derive again; in the end rebuild."""
    for attempt in range(1, ATTEMPTS + 1):
        written = store.write_derived(derive(store, reuse=True))
        if written is not None:
            return written
        log.info("%s: the store changed during the derive; deriving again (%d)", store.label, attempt)
    return rebuild(store)


def rebuild(store: Store) -> dict[str, int]:
    """Recompute actors, events and stories from every stored extraction and rewrite them all."""
    return store.write_derived(derive(store, reuse=False), full=True) or {}


def derive(store: Store, *, reuse: bool) -> Derived:
    """Every cross-article record; with ``reuse``, per-document and per-pair results kept by the last derive."""
    mark = store.saved_mark() or ""  # before the articles: a save after it makes this derive's result stale
    extractions = store.extractions()
    documents = {extraction.document.id: extraction.document for extraction in extractions}  # by id, as stored
    resolution = resolve_persons(extractions, store.name_pairs() if reuse else None)
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
    signed, compared_before = store.derive_cache() if reuse else (set(), set())
    computed = {d.id: signature_bytes(d.text) for d in documents.values() if d.id not in signed}
    copies, redo = _near_copies(store, documents, computed, reuse=reuse)
    mentions = store.mentions_by_document(labels=NAME_LABELS, date_sentences=ANCHOR_SENTENCES)  # what profiles read
    profiles = [profile(d, *mentions.get(d.id, ([], []))) for d in documents.values()]
    stories = group_stories(list(documents.values()), fused.events, main_event, profiles, copies=copies.of)
    story_of = {event_id: story.id for story in stories for event_id in story.events}
    events = [replace(event, story=story_of.get(event.id)) for event in fused.events]
    pairs = story_pairs(story.documents for story in stories)
    pairs += [pair for story in stories for pair in story.duplicates]
    compared = frozenset(tuple(sorted(pair)) for pair in pairs if pair[0] != pair[1])
    to_compare = frozenset(p for p in compared if p not in compared_before or not computed.keys().isdisjoint(p))
    passages = passages_between(_only(documents, to_compare), to_compare)
    log.info("derived %d actors, %d events, %d stories; compared %d of %d pairs, %d new signatures",
             len(actors), len(events), len(stories), len(to_compare), len(compared), len(computed))  # fmt: skip
    return Derived(
        actors=tuple(actors),
        events=tuple(events),
        stories=stories,
        passages=tuple(passages),
        compared=compared,  # type: ignore[arg-type]
        compared_now=to_compare,  # type: ignore[arg-type]
        signatures=tuple((i, documents[i].content_hash, m) for i, m in sorted(computed.items())),
        mark=mark,
        name_pairs=resolution.name_pairs,
        bands=tuple((i, band, key) for i, signature in sorted(computed.items()) for band, key in band_keys(signature)),
        links=frozenset(p for p in copies.links if redo.issuperset(p)),
        links_of=frozenset(redo),
    )


def _near_copies(
    store: Store, documents: dict[str, Document], computed: dict[str, bytes], *, reuse: bool
) -> tuple[Copies, set[str]]:
    """The near-copies among all documents, and the documents whose near-copies were computed now:
    with ``reuse``, only those a text signed anew can change (``duplicates.update_copies``)."""
    if not reuse or len(computed) == len(documents):
        return near_copies(list(documents.values()), computed), set(documents)
    bands = {pair for signature in computed.values() for pair in band_keys(signature)}
    filed, links, copies = store.near_copy_index(bands)
    return update_copies(documents, computed, filed - computed.keys(), links, copies, store.signatures)


def _only(documents: dict[str, Document], pairs: frozenset[tuple[str, ...]]) -> list[Document]:
    wanted = {doc_id for pair in pairs for doc_id in pair}
    return [documents[doc_id] for doc_id in sorted(wanted)]
