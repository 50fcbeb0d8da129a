"""HTML pages (.html, .htm): trafilatura finds the main text and the page's metadata.

The publication date comes from the page's metadata markup and address only (htmldate's
extensive search, which reads dates in the body, is off): a date in the story is not a
publication date.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import trafilatura

from dateline.errors import InputError
from dateline.ingest.decode import decode_bytes, normalize_newlines, read_limited
from dateline.ingest.flatten import MAX_DEPTH, flatten_if_deep
from dateline.ingest.metadata import build_document
from dateline.model import Document

log = logging.getLogger(__name__)

MIN_WORDS = 10  # fewer words than this (a menu, a cookie notice) is no article
HTML_SIZE_FACTOR = 4  # markup is bulky: a page may be this many times the text limit
_WORD = re.compile(r"[^\W\d_]{2,}")
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(path: Path, max_bytes: int, name: str) -> Iterator[Document | InputError]:
    data = read_limited(path, max_bytes * HTML_SIZE_FACTOR, what="HTML")
    if not data.strip():
        raise InputError(str(path), "empty file")
    markup, depth = flatten_if_deep(decode_bytes(data, path))
    if depth > MAX_DEPTH:
        log.info("%s: HTML nested %d elements deep, read flattened", path, depth)
    try:
        result = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as err:  # trafilatura/lxml raise a variety of errors on broken markup
        log.debug("%s: trafilatura failed", path, exc_info=True)
        raise InputError(str(path), f"cannot parse HTML ({type(err).__name__}: {err})") from err
    text = normalize_newlines(result.text or "") if result is not None else ""
    if len(_WORD.findall(text)) < MIN_WORDS:
        raise InputError(str(path), "no article text found in the HTML")
    if len(text.encode("utf-8")) > max_bytes:
        raise InputError(str(path), f"too large: over {max_bytes / 1_000_000:.1f} MB of article text")
    yield build_document(
        name,
        str(path),
        text,
        "html",
        title=result.title,
        published=result.date,
        url=result.url,
        sitename=result.sitename,
    )
