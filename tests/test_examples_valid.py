"""The hand-written articles in examples/ and tests/data/events are well-formed and original."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EVENTS = ROOT / "tests" / "data" / "events"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
RECORD_KEYS = {"id", "title", "url", "published", "source", "text"}


class PageParser(HTMLParser):
    """Collects what a small news page must have: title, published time, article text, boilerplate."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.article_text: list[str] = []
        self.boilerplate: list[str] = []  # body text outside the article: navigation, footer
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "meta":
            values = dict(attrs)
            key = values.get("property") or values.get("name")
            if key and values.get("content"):
                self.meta[key] = values["content"] or ""
        elif tag not in {"meta", "input", "br", "img", "link"}:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "title":
            self.title += data
        if "article" in self._open:
            self.article_text.append(data)
        elif "body" in self._open:
            self.boilerplate.append(data)


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def articles(folder: Path) -> dict[str, str]:
    """Document id -> the article's text, for every format."""
    found: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".txt":
            found[path.stem] = path.read_text(encoding="utf-8")
        elif path.suffix == ".html":
            found[path.stem] = " ".join(parse_page(path).article_text)
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                assert record["id"] not in found, record["id"]
                found[record["id"]] = record["text"]
    return found


def words(text: str) -> int:
    return len(text.split())


@pytest.mark.parametrize("folder", [EXAMPLES, EVENTS], ids=["examples", "events"])
def test_files_decode_and_have_known_formats(folder: Path) -> None:
    for path in folder.iterdir():
        assert path.suffix in {".txt", ".html", ".jsonl", ".json"}, path.name
        text = path.read_text(encoding="utf-8")
        assert "\r" not in text and text.endswith("\n"), path.name


def test_examples_cover_every_format_and_length() -> None:
    found = articles(EXAMPLES)
    assert len(found) >= 10
    assert list(EXAMPLES.glob("*.txt")) and list(EXAMPLES.glob("*.html"))
    assert len(list(EXAMPLES.glob("*.jsonl"))) == 1
    for doc_id, text in found.items():
        assert 150 <= words(text) <= 400, (doc_id, words(text))


def test_test_articles_have_news_length() -> None:
    for doc_id, text in articles(EVENTS).items():
        assert 100 <= words(text) <= 450, (doc_id, words(text))


@pytest.mark.parametrize("folder", [EXAMPLES, EVENTS], ids=["examples", "events"])
def test_html_pages_are_complete(folder: Path) -> None:
    pages = list(folder.glob("*.html"))
    assert pages
    for path in pages:
        page = parse_page(path)
        assert page.title.strip(), path.name
        published = page.meta.get("article:published_time")
        assert published, path.name
        datetime.fromisoformat(published)
        assert page.tags.count("article") == 1, path.name
        assert words(" ".join(page.boilerplate)) >= 5, path.name
        assert page.tags[0] == "html" and "body" in page.tags, path.name


@pytest.mark.parametrize("folder", [EXAMPLES, EVENTS], ids=["examples", "events"])
def test_jsonl_records_have_the_expected_fields(folder: Path) -> None:
    files = list(folder.glob("*.jsonl"))
    assert files
    for path in files:
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert len(records) >= 3, path.name
        for record in records:
            assert set(record) == RECORD_KEYS, (path.name, record.get("id"))
            date.fromisoformat(record["published"])
            assert record["url"].startswith("https://")
            assert record["text"].startswith(record["title"]), record["id"]
            assert all(isinstance(record[k], str) and record[k] for k in RECORD_KEYS)


def test_document_ids_are_unique_across_folders() -> None:
    examples, events = articles(EXAMPLES), articles(EVENTS)
    assert not set(examples) & set(events)
    stems = [p.stem for folder in (EXAMPLES, EVENTS) for p in folder.iterdir() if p.suffix != ".jsonl"]
    assert len(stems) == len(set(stems))


# Official titles repeat word for word across real and invented copy ("Director of the Executive
# Committee of the SCO Regional Anti-Terrorist Structure" is 12 words); a 14-word run is prose.
def shingles(text: str, size: int = 14) -> set[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text.lower())
    return {tuple(tokens[n : n + size]) for n in range(len(tokens) - size + 1)}


@pytest.mark.shared
def test_articles_do_not_copy_the_shared_corpus() -> None:
    corpus = SHARED / "corpus"
    if not corpus.exists():
        pytest.skip("../shared is absent")
    seen: set[tuple[str, ...]] = set()
    for path in corpus.rglob("*"):
        if path.is_file() and path.suffix in {".txt", ".html", ".jsonl", ".md"}:
            seen |= shingles(path.read_text(encoding="utf-8", errors="replace"))
    assert seen
    for folder in (EXAMPLES, EVENTS):
        for doc_id, text in articles(folder).items():
            copied = shingles(text) & seen
            assert not copied, (doc_id, sorted(" ".join(s) for s in copied)[:3])
