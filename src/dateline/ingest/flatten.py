"""Deeply nested HTML made shallow, so that its text survives the parser.

libxml2 (under lxml and trafilatura) stops building the tree a few hundred elements deep and
drops everything below, so a page nested 10,000 ``<div>``s deep reads as "no article text".
:func:`flatten_if_deep` measures the nesting with the standard library's event parser (which
has no depth limit and builds no tree) and, past :data:`MAX_DEPTH`, rewrites the page as its
head's title, meta and link tags plus one ``<p>`` per block of body text; text inside
``script``, ``style``, ``template`` and ``noscript`` is dropped, as a browser would not show it.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

MAX_DEPTH = 200

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_HIDDEN = {"script", "style", "template", "noscript"}
_HEAD_TAGS = {"meta", "link"}
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "font", "i", "kbd", "mark", "q", "s", "small",
           "span", "strong", "sub", "sup", "time", "u", "var"}  # fmt: skip


class _Depth(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = self.deepest = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)


class _Flattener(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head: list[str] = []
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.hidden = 0
        self.in_title = False
        self.title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HEAD_TAGS:
            rendered = "".join(f' {name}="{html.escape(value or "", quote=True)}"' for name, value in attrs)
            self.head.append(f"<{tag}{rendered}>")
        elif tag == "title":
            self.in_title = True
        elif tag in _HIDDEN:
            self.hidden += 1
        elif tag not in _INLINE:
            self._end_block()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag not in _INLINE:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.current.append(data)

    def _end_block(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def page(self) -> str:
        self._end_block()
        title = html.escape(" ".join("".join(self.title).split()))
        body = "".join(f"<p>{html.escape(block)}</p>\n" for block in self.blocks)
        head = f"<head><title>{title}</title>{''.join(self.head)}</head>"
        return f"<html>{head}<body><article>\n{body}</article></body></html>"


def nesting_depth(markup: str) -> int:
    """How many elements deep the page goes (void elements not counted)."""
    parser = _Depth()
    parser.feed(markup)
    parser.close()
    return parser.deepest


def flatten_if_deep(markup: str, max_depth: int = MAX_DEPTH) -> tuple[str, int]:
    """The page itself when it is at most ``max_depth`` deep, else its flat rewrite; and its depth."""
    depth = nesting_depth(markup)
    if depth <= max_depth:
        return markup, depth
    flattener = _Flattener()
    flattener.feed(markup)
    flattener.close()
    return flattener.page(), depth
