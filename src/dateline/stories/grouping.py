"""Stories: reports of one happening grouped together; near-duplicate copies marked.

Documents that report a common event are one story. A document that reports no event
joins the story of a document it nearly copies (MinHash over word 3-shingles, Jaccard
estimate at or above ``DUPLICATE_JACCARD``); otherwise it is a story of its own. Within a
story, a near-copy of an earlier document (by id) is marked ``duplicate_of`` it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from datasketch import MinHash, MinHashLSH

from dateline.model import Document, Event, Story

DUPLICATE_JACCARD = 0.8
NUM_PERM = 128


def _minhash(text: str) -> MinHash:
    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}
    signature = MinHash(num_perm=NUM_PERM, seed=1)
    signature.update_batch([s.encode() for s in shingles])
    return signature


def near_duplicates(documents: Sequence[Document]) -> dict[str, str]:
    """Each document that nearly copies an earlier one (by id) → that earlier document."""
    lsh = MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=NUM_PERM)
    signatures: dict[str, MinHash] = {}
    copies: dict[str, str] = {}
    for document in sorted(documents, key=lambda d: d.id):
        signature = _minhash(document.text)
        matches = [m for m in lsh.query(signature) if signature.jaccard(signatures[m]) >= DUPLICATE_JACCARD]
        if matches:
            original = min(matches)
            copies[document.id] = copies.get(original, original)
        signatures[document.id] = signature
        lsh.insert(document.id, signature)
    return copies


def group_stories(
    documents: Sequence[Document], events: Sequence[Event], main_event: dict[str, str] | None = None
) -> tuple[Story, ...]:
    """Documents whose main event is one held meeting are one story; copies join their original.

    ``main_event`` maps a document to the meeting it is mainly about (the first it reports);
    a document that reports two meetings then belongs to the story of the first. Without it,
    every meeting a document reports joins its stories.
    """
    parent = {d.id: d.id for d in documents}

    def find(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(a: str, b: str) -> None:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)

    for event in events:
        if event.type == "meeting" and event.status == "held":
            members = [
                d
                for d in event.documents
                if d in parent and (main_event is None or main_event.get(d, event.id) == event.id)
            ]
            for other in members[1:]:
                union(members[0], other)
    copies = near_duplicates(documents)
    for copy, original in copies.items():
        union(original, copy)
    members_of: dict[str, list[str]] = {}
    for document in sorted(parent):
        members_of.setdefault(find(document), []).append(document)
    titles = {d.id: d.title for d in documents}
    stories = []
    for members in members_of.values():
        member_set = set(members)
        story_events = sorted(e.id for e in events if member_set & set(e.documents))
        main = next(
            (e for e in events if e.type == "meeting" and e.status == "held" and member_set & set(e.documents)), None
        )
        digest = hashlib.sha1("|".join(members).encode()).hexdigest()[:10]
        stories.append(
            Story(
                id=f"story-{digest}",
                title=(main.title if main else None) or titles.get(members[0]),
                documents=tuple(members),
                events=tuple(story_events),
                duplicates=tuple(sorted((c, o) for c, o in copies.items() if c in member_set)),
            )
        )
    return tuple(sorted(stories, key=lambda s: s.id))
