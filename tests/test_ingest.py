"""Readers (txt, HTML, JSON Lines, JSON), decoding, discovery and the errors bad input gets."""

from __future__ import annotations

import codecs
import json
import logging
import random
from datetime import date
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.ingest import discover, iter_documents
from dateline.model import Document

ARTICLE = (
    "MOSCOW, 5 April 2016. /TASS/. The foreign ministers of Ruritania and Freedonia met in Moscow "
    "on Tuesday and discussed trade and security.\u00a0They agreed to meet again in the autumn.\n"
)

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Ministers meet - Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2019-03-02T10:00:00Z">
<link rel="canonical" href="https://wire.example.com/world/ministers-meet">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Ministers meet</h1>
<p>The foreign ministers of Ruritania and Freedonia met in the capital on Friday to discuss trade,
energy and security cooperation between the two countries, the ministry said.</p>
<p>The ministers signed a memorandum on cooperation in the energy sector. The next round of talks
will be held on 12 May 2019 in Freedonia, the ministry added in its statement.</p>
</article><footer>Copyright Example Wire. All rights reserved.</footer></body></html>"""


def read(paths: list[Path], **kwargs: int) -> list[Document | InputError]:
    return list(iter_documents(paths, **kwargs))


def only_doc(results: list[Document | InputError]) -> Document:
    assert len(results) == 1 and isinstance(results[0], Document), results
    return results[0]


def only_error(results: list[Document | InputError]) -> InputError:
    assert len(results) == 1 and isinstance(results[0], InputError), results
    return results[0]


# --- plain text and decoding -----------------------------------------------------------------


def test_text_file_becomes_a_document(tmp_path):
    path = tmp_path / "moscow-talks.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = only_doc(read([path]))
    assert (doc.id, doc.path, doc.format) == ("moscow-talks", str(path), "txt")
    assert doc.text == ARTICLE  # kept exactly, non-breaking space included
    assert (doc.published, doc.source, doc.dateline) == (date(2016, 4, 5), "TASS", "Moscow")
    assert len(doc.content_hash) == 64


def test_line_ends_are_normalised_and_bom_dropped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"Line one\r\nLine two\rLine three\n")
    assert only_doc(read([path])).text == "Line one\nLine two\nLine three\n"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1251", "АСТАНА. Президент Казахстана принял делегации. Встреча прошла в Акорде."),
        ("cp1252", "PARIS, 5 April - The café owner said the naïve approach was déjà vu. Señor Müller."),
        ("utf-16", "BEIJING (Xinhua) -- Leaders met in the capital to discuss the economy."),
    ],
)
def test_other_encodings_are_decoded(tmp_path, encoding, text):
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    assert only_doc(read([path])).text == text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n \t\r\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (random.Random(7).randbytes(4000).replace(b"\x00", b"\x01"), "no plausible text encoding"),
    ],
)
def test_unreadable_text_files(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    error = only_error(read([path]))
    assert error.path == str(path)
    assert reason in error.reason
    assert str(error).startswith(f"{path}: ")
    assert "\n" not in str(error)


def test_too_large_file_is_refused_with_its_size(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 400, encoding="utf-8")  # 2,000 bytes
    error = only_error(read([path], max_bytes=1_000))
    assert "too large: 2,000 bytes" in error.reason and "limit is 1,000 bytes" in error.reason


def test_huge_file_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20_000_000_000)  # sparse: reading it would take minutes and 20 GB
    error = only_error(read([path]))
    assert "too large: 20000.0 MB of text (the limit is 1.0 MB)" in error.reason


# --- JSON Lines and JSON ----------------------------------------------------------------------


def test_json_lines_records(tmp_path):
    path = tmp_path / "feed.jsonl"
    records = [
        {"id": "r1", "text": ARTICLE, "title": "Talks", "url": "https://x.example/2016/04/06/talks",
         "published": "2016-04-06", "source": "INTERFAX"},
        {"text": "Leaders met in Minsk.\r\n\r\n— Xinhua"},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    first, second = read([path])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.title, first.published, first.source, first.url, first.format) == (
        "r1", "Talks", date(2016, 4, 6), "Interfax", "https://x.example/2016/04/06/talks", "jsonl",
    )  # fmt: skip
    assert (second.id, second.text, second.source, second.path) == (
        "feed-2",
        "Leaders met in Minsk.\n\n— Xinhua",
        "Xinhua",
        str(path),
    )


def test_bad_records_are_reported_and_good_ones_still_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "ok-1", "text": "First article text."}),
        '{"id": "broken", "text": "no closing brace"',
        json.dumps({"id": "no-text", "title": "A title only"}),
        json.dumps({"id": "blank", "text": "   "}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": 7, "text": "Second article text."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = read([path])
    docs = [r for r in results if isinstance(r, Document)]
    errors = [str(r) for r in results if isinstance(r, InputError)]
    assert [d.id for d in docs] == ["ok-1", "7"]
    assert errors == [
        f"{path}: line 2: malformed JSON: Expecting ',' delimiter (column 44)",
        f"{path}: line 3: record has no text",
        f"{path}: line 4: record has an empty text",
        f"{path}: line 5: expected a JSON object, found list",
    ]


def test_record_over_the_limit_is_skipped_and_reported(tmp_path):
    path = tmp_path / "feed.jsonl"
    big = json.dumps({"id": "big", "text": "word " * 1000})
    path.write_text(json.dumps({"id": "a", "text": "Small."}) + "\n" + big + "\n" + json.dumps(
        {"id": "b", "text": "Also small."}) + "\n", encoding="utf-8")  # fmt: skip
    results = read([path], max_bytes=1_000)
    assert [r.id for r in results if isinstance(r, Document)] == ["a", "b"]
    (error,) = [r for r in results if isinstance(r, InputError)]
    assert error.reason.startswith("line 2: record too large")


def test_json_file_with_one_object_or_a_list(tmp_path):
    one = tmp_path / "single.json"
    one.write_text(json.dumps({"text": ARTICLE, "title": "Talks"}, indent=2), encoding="utf-8")
    many = tmp_path / "list.json"
    many.write_text(json.dumps([{"text": "One."}, {"id": "x", "text": "Two."}, {"title": "no"}]), "utf-8")
    lines = tmp_path / "lines.json"
    lines.write_text('{"text": "A."}\n{"text": "B."}\n', encoding="utf-8")
    results = read([one, many, lines])
    ids = [r.id if isinstance(r, Document) else str(r) for r in results]
    assert ids == ["single", "list-1", "x", f"{many}: record 3: record has no text", "lines-1", "lines-2"]


def test_malformed_json_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"text": "unterminated', encoding="utf-8")
    assert "malformed JSON" in only_error(read([path])).reason


# --- HTML -------------------------------------------------------------------------------------


def test_html_page_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = only_doc(read([path]))
    assert doc.format == "html"
    assert "signed a memorandum" in doc.text
    assert "Home" not in doc.text and "All rights reserved" not in doc.text
    assert (doc.title, doc.published, doc.url, doc.source) == (
        "Ministers meet",
        date(2019, 3, 2),
        "https://wire.example.com/world/ministers-meet",
        "Example Wire",
    )


def test_html_body_date_is_not_the_publication_date(tmp_path):
    path = tmp_path / "page.htm"
    page = PAGE.replace('<meta property="article:published_time" content="2019-03-02T10:00:00Z">', "")
    path.write_text(page, encoding="utf-8")
    assert only_doc(read([path])).published is None  # "12 May 2019" is in the story, not its date


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><script>var x = 1;</script></head><body><div><span></span></div></body></html>",
        "<<<>>> <div <p </ garbage &&& <script>",
        "<html><body><div>Menu</div><div>Login | Register</div><footer>(c) 2020</footer></body></html>",
    ],
)
def test_html_without_article_text(tmp_path, markup):
    path = tmp_path / "soup.html"
    path.write_text(markup, encoding="utf-8")
    assert only_error(read([path])).reason == "no article text found in the HTML"


# --- files and folders ----------------------------------------------------------------------------


def test_folders_are_walked_recursively_in_sorted_order(tmp_path, caplog):
    for name in ["b.txt", "a/z.txt", "a/b/c.txt", "a.txt", ".hidden/x.txt", ".x.txt", "notes.pdf", "c.HTM"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE if name.endswith("HTM") else f"Text of {name}.", encoding="utf-8")
    with caplog.at_level(logging.DEBUG, logger="dateline.ingest"):
        found = list(discover([tmp_path]))
    assert [p.relative_to(tmp_path).as_posix() for p in found if isinstance(p, Path)] == [
        "a/b/c.txt", "a/z.txt", "a.txt", "b.txt", "c.HTM",
    ]  # fmt: skip
    assert "notes.pdf: not a supported file type" in caplog.text


def test_missing_path_and_named_unsupported_file(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    good = tmp_path / "good.txt"
    good.write_text("Good text.", encoding="utf-8")
    results = read([tmp_path / "missing", pdf, good])
    assert str(results[0]) == f"{tmp_path / 'missing'}: no such file or directory"
    assert str(results[1]).startswith(f"{pdf}: unsupported file type '.pdf'")
    assert isinstance(results[2], Document) and results[2].id == "good"


def test_a_file_named_twice_is_read_once_and_a_second_file_gets_its_own_id(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "same.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "two" / "same.txt").write_text("Second.", encoding="utf-8")
    results = read([tmp_path / "one", tmp_path / "one" / "same.txt", tmp_path / "two"])
    assert len(results) == 2
    assert isinstance(results[0], Document) and (results[0].id, results[0].text) == ("same", "First.")
    assert isinstance(results[1], Document) and (results[1].id, results[1].text) == ("two--same", "Second.")


def test_same_content_same_hash_changed_content_new_hash(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    first = only_doc(read([path]))
    assert only_doc(read([path])).content_hash == first.content_hash
    path.write_text(ARTICLE.replace("Tuesday", "Wednesday"), encoding="utf-8")
    assert only_doc(read([path])).content_hash != first.content_hash
