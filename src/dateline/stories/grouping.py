"""Stories: reports of one real-world event grouped together; near-duplicate copies marked.

Documents are grouped by average-link clustering over their similarity (``similarity.py``:
words, names, dates), cut at ``STORY_THRESHOLD``. Two rules come first: documents whose main
event is one held meeting (as fusion decided) start in one story, and so do a document and its
near-copy (MinHash over word 3-shingles, Jaccard estimate at or above ``DUPLICATE_JACCARD``).
One rule stops merging: a story is one event, so two groups whose documents mainly report
different held meetings stay apart. Within a story a near-copy points at the earliest copy
(by publication date, then id) with ``duplicate_of``. A story's id comes from its earliest
report, so it stays when later reports join.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from dateline.model import Document, Event, Story
from dateline.stories.clustering import average_link
from dateline.stories.duplicates import by_age, near_copies, signature_bytes
from dateline.stories.similarity import Profile, profile, similar_pairs

__all__ = ["STORY_THRESHOLD", "group_stories", "near_duplicates", "signature_bytes"]

STORY_THRESHOLD = 0.44  # mean (locally scaled) similarity at which two groups are one story (chosen on ECB+ train)


def near_duplicates(documents: Sequence[Document], stored: dict[str, bytes] | None = None) -> dict[str, str]:
    """Each document that nearly copies an earlier one (by publication date, then id) → the earliest
    copy (``duplicates.near_copies``)."""
    return near_copies(documents, stored).of


def group_stories(
    documents: Sequence[Document],
    events: Sequence[Event],
    main_event: dict[str, str] | None = None,
    profiles: Sequence[Profile] | None = None,
    threshold: float = STORY_THRESHOLD,
    signatures: dict[str, bytes] | None = None,
    copies: dict[str, str] | None = None,
) -> tuple[Story, ...]:
    """Documents grouped into stories, one real-world event each.

    ``main_event`` maps a document to the meeting it is mainly about (the first it reports);
    without it, every held meeting a document reports counts. ``profiles`` (one per document,
    in the same order) carry the names and dates similarity needs; without them each document
    is profiled from its text and publication date alone. ``signatures`` are MinHash signatures
    kept from an earlier run (``signature_bytes``), by document id; ``copies`` the near-copies
    (copy → earliest copy, by the copy's age) when the caller has them (``duplicates.update_copies``).
    """
    documents = sorted(documents, key=lambda d: d.id)
    if profiles is None:
        profiles = [profile(d, (), ()) for d in documents]
    else:
        by_id = {p.document: p for p in profiles}
        profiles = [by_id.get(d.id) or profile(d, (), ()) for d in documents]
    position = {d.id: i for i, d in enumerate(documents)}
    held = [e for e in events if e.type == "meeting" and e.status == "held"]
    meetings_of: list[set[str]] = [set() for _ in documents]
    for event in held:
        for doc in event.documents:
            if doc in position and (main_event is None or main_event.get(doc, event.id) == event.id):
                meetings_of[position[doc]].add(event.id)
    must: list[list[int]] = [
        [position[d] for d in event.documents if d in position and event.id in meetings_of[position[d]]]
        for event in held
    ]
    if copies is None:
        copies = near_duplicates(documents, signatures)
    must += [[position[copy], position[original]] for copy, original in copies.items()]

    def apart(a: list[int], b: list[int]) -> bool:
        meetings_a = set().union(*(meetings_of[i] for i in a))
        meetings_b = set().union(*(meetings_of[i] for i in b))
        return bool(meetings_a and meetings_b and not meetings_a & meetings_b)

    clusters = average_link(len(documents), similar_pairs(profiles), threshold, must, apart)
    reported_in: dict[str, list[int]] = {}  # document id → positions of the events it reports
    for k, event in enumerate(events):
        for doc in event.documents:
            reported_in.setdefault(doc, []).append(k)
    stories = []
    for cluster in clusters:
        positions = sorted({k for i in cluster for k in reported_in.get(documents[i].id, ())})
        stories.append(_story(documents, profiles, [*cluster], [events[k] for k in positions], copies))
    return tuple(sorted(stories, key=lambda s: s.id))


def _story(
    documents: Sequence[Document],
    profiles: Sequence[Profile],
    cluster: list[int],
    events: Sequence[Event],
    copies: dict[str, str],
) -> Story:
    """The story of one cluster; ``events`` are those its documents report (in the fused order)."""
    members = [documents[i].id for i in cluster]
    member_set = set(members)
    story_events = sorted(e.id for e in events if member_set & set(e.documents))
    held = [e for e in events if e.type == "meeting" and e.status == "held" and member_set & set(e.documents)]
    main = min(held, key=lambda e: (-len(member_set & set(e.documents)), e.id), default=None)
    anchors = sorted(a for i in cluster if (a := profiles[i].anchor) is not None)
    first = min(cluster, key=lambda i: by_age(documents[i]))
    # named after its earliest report (each document is in one story): a story keeps its id when a
    # later report joins it, so the events it holds are not written anew for the id alone
    digest = hashlib.sha1(documents[first].id.encode()).hexdigest()[:10]
    return Story(
        id=f"story-{digest}",
        title=(main.title if main else None) or documents[first].title,
        documents=tuple(members),
        events=tuple(story_events),
        duplicates=tuple(sorted((c, o) for c, o in copies.items() if c in member_set)),
        main_event=main.id if main else None,
        start=anchors[0] if anchors else None,
        end=anchors[-1] if anchors else None,
    )
