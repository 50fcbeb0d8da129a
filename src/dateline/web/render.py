"""Turning records into HTML: the Jinja2 environment (autoescaping on), marked snippets, annotated article text.

Article text is untrusted: every value reaches the page through Jinja2's escaping or
through ``markupsafe.escape`` here; only markup built in this package is marked safe.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from dateline.cli.render import ordinal as numbered
from dateline.cli.render import span as day_span
from dateline.model import Evidence, Place
from dateline.store.fulltext import MARK_END, MARK_START
from dateline.web import charts


@dataclass(frozen=True)
class Span:
    """A stretch of a document's text to mark: CSS classes, and a title shown on hover."""

    start: int
    end: int
    classes: tuple[str, ...]
    title: str = ""


def href(kind: str, ident: str) -> str:
    """The page of a record: /events/ID, /actors/ID ... (the id quoted)."""
    return f"/{kind}/{quote(ident, safe='')}"


def evidence_href(ev: Evidence) -> str:
    """The article page with this evidence highlighted and scrolled to."""
    return f"{href('documents', ev.document)}?hl={ev.start}-{ev.end}#focus"


def place(value: Place | None) -> str:
    if value is None:
        return ""
    return ", ".join(p for p in (value.city, value.country) if p)


def ordinal(number: int | None) -> str:
    """12 → "12th"; "" for no number."""
    return numbered(number) or ""


def unmark(snippet: str) -> tuple[str, list[list[int]]]:
    """A search snippet without its match marks, and the [start, end) of each marked stretch."""
    plain: list[str] = []
    highlights: list[list[int]] = []
    length = 0
    for text, marked in _marked_parts(snippet):
        if marked:
            highlights.append([length, length + len(text)])
        plain.append(text)
        length += len(text)
    return "".join(plain), highlights


def _marked_parts(snippet: str) -> Iterable[tuple[str, bool]]:
    for i, chunk in enumerate(snippet.split(MARK_START)):
        if i == 0:
            yield chunk.replace(MARK_END, ""), False
            continue
        marked, _, rest = chunk.partition(MARK_END)
        yield marked, True
        yield rest, False


def marked_snippet(snippet: str) -> Markup:
    """The snippet escaped, its matches in <mark>."""
    return Markup("").join(
        Markup("<mark>{}</mark>").format(text) if marked else escape(text)
        for text, marked in _marked_parts(snippet)
        if text
    )


def annotated_text(text: str, spans: Iterable[Span], focus: tuple[int, int] | None = None) -> Markup:
    """The text escaped, paragraphs kept, each stretch under some spans wrapped in a <span> with their classes.

    Overlapping spans are fine: the text is cut at every span boundary and each piece gets the
    classes of all spans over it. The ``focus`` stretch gets class "focus" and its first piece id="focus".
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    if focus is not None and 0 <= focus[0] < focus[1] <= len(text):
        spans.append(Span(focus[0], focus[1], ("focus",)))
    else:
        focus = None
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[Markup] = []
    focus_marked = False
    for a, b in pairwise(cuts):
        piece = escape(text[a:b])
        over = [s for s in spans if s.start <= a and b <= s.end]
        if not over:
            out.append(piece)
            continue
        classes = " ".join(sorted({c for s in over for c in s.classes}))
        titles = "; ".join(dict.fromkeys(s.title for s in over if s.title))
        anchor = ""
        if focus is not None and not focus_marked and a >= focus[0] and b <= focus[1]:
            anchor, focus_marked = ' id="focus"', True
        out.append(Markup('<span class="{}" title="{}"{}>{}</span>').format(classes, titles, Markup(anchor), piece))
    return Markup("").join(out)


ENV = Environment(
    loader=PackageLoader("dateline.web", "templates"),
    autoescape=select_autoescape(["html"], default_for_string=True, default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.filters.update(day_span=day_span, place=place, ordinal=ordinal, snippet=marked_snippet)
ENV.globals.update(timeline_svg=charts.timeline_svg, href=href, evidence_href=evidence_href)


def render(name: str, **context: object) -> str:
    return ENV.get_template(name).render(**context)
