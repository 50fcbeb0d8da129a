"""A small store for the HTTP and browser tests: two reports of one meeting and one hostile article.

The hostile article's title, text and event title carry ``<script>`` and ``<img onerror>``:
every page must show them as text.
"""

from __future__ import annotations

from dataclasses import replace

from conftest import ARTICLE, build_article, build_derived
from dateline.model import Annotated, Extraction
from dateline.store import Store, open_store

HOSTILE_TITLE = "Ministers <script>window.pwned=1</script> meet"
HOSTILE_TAIL = ' Observers wrote <img src="x" onerror="window.pwned=2"> in the margin.'
HOSTILE_EVENT_TITLE = "<script>window.pwned=3</script>Council <b>session</b>"


def _retitled(article: tuple[Annotated, Extraction], title: str) -> tuple[Annotated, Extraction]:
    annotated, extraction = article
    document = replace(annotated.document, title=title, content_hash=annotated.document.content_hash + "-t")
    return replace(annotated, document=document), replace(extraction, document=document)


def build_web_store(target: str) -> Store:
    """Open a store at ``target`` holding doc_a, doc_b (one meeting) and doc_evil (hostile markup)."""
    articles = [
        build_article("doc_a"),
        build_article("doc_b", text=ARTICLE.replace("Tuesday", "Monday")),
        _retitled(build_article("doc_evil", text=ARTICLE + HOSTILE_TAIL), HOSTILE_TITLE),
    ]
    store = open_store(target)
    for annotated, extraction in articles:
        store.save_article(annotated, extraction)
    actors, events, stories = build_derived([extraction for _, extraction in articles])
    events = [replace(events[0], title=HOSTILE_EVENT_TITLE)]
    store.replace_derived(actors, events, stories)
    return store
