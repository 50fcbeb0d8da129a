"""The batch runner: files in, articles stored, derived records rebuilt; failure per article.

``process_documents`` runs the per-article stages (nlp → events) over a stream of documents
and touches no store, so a process pool or Dask workers can reuse it. ``ingest`` reads the
files, skips articles whose content is already stored unchanged, saves each new or changed
article in its own transaction and, at the end, brings the cross-article records up to date
(``derive.add_articles``). An article that fails at any stage is reported as an InputError
naming its file; the rest of the batch goes on.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from dateline import derive
from dateline.errors import BatchStopped, DatelineError, InputError, ModelError, StoreUnavailable
from dateline.events import extract
from dateline.ingest import MAX_TEXT_BYTES, DocumentIds, Renamed, discover, read_all
from dateline.model import Annotated, Document, Extraction
from dateline.nlp import annotate
from dateline.steps import whole_step

if TYPE_CHECKING:
    from dateline.store import Store

log = logging.getLogger(__name__)

Outcome = tuple[Annotated, Extraction] | InputError
ProgressKind = Literal["start", "stored", "unchanged", "rejected", "stopped", "derive", "done"]


class Processor(Protocol):
    """Runs the per-article stages over documents: ``process_documents`` here, or workers (parallel.py)."""

    def __call__(self, documents: Iterable[Document | InputError], *, batch_size: int) -> Iterator[Outcome]: ...


@dataclass(frozen=True)
class ProgressEvent:
    """Where a batch stands, sent after each article (and at start, before deriving, at the end)."""

    kind: ProgressKind
    files_done: int
    files_total: int
    stored: int
    unchanged: int
    rejected: int
    words: int
    seconds: float
    path: str | None = None
    document: str | None = None
    error: InputError | None = None


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did: articles stored and unchanged, inputs rejected (in order), time, words stored."""

    stored: int
    unchanged: int
    rejected: tuple[InputError, ...]
    seconds: float
    words: int
    derived: bool = False  # the cross-article records were rebuilt
    updated: int = 0  # of ``stored``: documents already stored under their id, with new content
    renamed: tuple[Renamed, ...] = ()  # documents given another id because a different file holds theirs


# --- per-article stages: pure functions of one article -------------------------------------


def _article_error(document: Document, stage: str, err: Exception) -> InputError:
    """An InputError naming the article's file (and its id, when the file holds several)."""
    which = "" if Path(document.path).stem == document.id else f"article '{document.id}': "
    if isinstance(err, InputError):
        return InputError(document.path, f"{which}{err.reason}")
    if isinstance(err, DatelineError):
        return InputError(document.path, f"{which}{stage} failed: {err}")
    log.error("%s: %s failed on %s", document.path, stage, document.id, exc_info=err)
    return InputError(document.path, f"{which}{stage} failed unexpectedly ({type(err).__name__}: {err})")


def _annotate_batch(documents: list[Document], batch_size: int) -> list[Annotated | InputError]:
    """Annotate a batch in one ``nlp.pipe`` run; if that fails, one by one to find the culprit."""
    try:
        return list(annotate(documents, batch_size=batch_size))
    except ModelError:
        raise  # no model, no batch: not one article's fault
    except Exception:
        if len(documents) == 1:
            raise
        log.debug("a batch of %d failed in the NLP stage; retrying one by one", len(documents), exc_info=True)
    results: list[Annotated | InputError] = []
    for document in documents:
        try:
            results.extend(annotate([document], batch_size=1))
        except ModelError:
            raise
        except Exception as err:
            results.append(_article_error(document, "NLP", err))
    return results


def _extract(annotated: Annotated) -> Outcome:
    try:
        extraction = extract(annotated)
    except ModelError:
        raise
    except Exception as err:
        return _article_error(annotated.document, "event extraction", err)
    return dataclasses.replace(annotated, spacy_doc=None), extraction


def _run_batch(batch: list[Document | InputError], batch_size: int) -> Iterator[Outcome]:
    documents = [item for item in batch if isinstance(item, Document)]
    annotated: list[Annotated | InputError] = []
    if documents:
        try:
            annotated = _annotate_batch(documents, batch_size)
        except ModelError:
            raise
        except Exception as err:
            annotated = [_article_error(documents[0], "NLP", err)]
    by_id = {id(doc): result for doc, result in zip(documents, annotated, strict=True)}
    for item in batch:
        if isinstance(item, InputError):
            yield item
            continue
        result = by_id[id(item)]
        yield result if isinstance(result, InputError) else _extract(result)


def process_documents(documents: Iterable[Document | InputError], *, batch_size: int = 32) -> Iterator[Outcome]:
    """Annotate (in ``nlp.pipe`` batches) and extract each document, lazily and in input order.

    Yields ``(annotated, extraction)`` per article (without the spaCy Doc), or an InputError
    naming the file when the article fails; InputErrors in the input pass through in place.
    Raises only ModelError (no NLP model: nothing can be processed). Touches no store.
    """
    batch: list[Document | InputError] = []
    count = 0
    for item in documents:
        batch.append(item)
        count += isinstance(item, Document)
        if count >= batch_size:
            yield from _run_batch(batch, batch_size)
            batch, count = [], 0
    if batch:
        yield from _run_batch(batch, batch_size)


# --- the batch over a store -------------------------------------------------------------------


class _Tally:
    """Counters of a running batch, and the progress callback they feed."""

    def __init__(self, files: list[Path], progress: Callable[[ProgressEvent], None] | None) -> None:
        self.started = time.perf_counter()
        self.file_index = {str(path): i for i, path in enumerate(files)}
        self.files_total = len(files)
        self.files_done = 0
        self.stored = self.unchanged = self.words = self.updated = 0
        self.replacing: set[str] = set()  # ids whose stored content this batch replaces
        self.rejected: list[InputError] = []
        self.progress = progress

    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def emit(self, kind: ProgressKind, path: str | None = None, document: str | None = None,
             error: InputError | None = None) -> None:  # fmt: skip
        if path is not None and path in self.file_index:  # files before this one are done, and
            finished = kind in {"stored", "unchanged", "rejected"}  # this one when it was dealt with
            self.files_done = max(self.files_done, self.file_index[path] + finished)
        if kind == "done":
            self.files_done = self.files_total
        if self.progress is not None:
            self.progress(ProgressEvent(
                kind, self.files_done, self.files_total, self.stored, self.unchanged, len(self.rejected),
                self.words, self.seconds(), path, document, error,
            ))  # fmt: skip

    def stopped(self, cause: StoreUnavailable) -> BatchStopped:
        """The error that ends a batch whose store failed, with how far the batch got."""
        return BatchStopped(
            cause, stored=self.stored, unchanged=self.unchanged, rejected=len(self.rejected),
            not_attempted=self.files_total - self.files_done,
        )  # fmt: skip

    def reject(self, error: InputError) -> None:
        log.info("rejected %s", error)
        self.rejected.append(error)
        self.emit("rejected", error.path, error=error)


def _pending(items: Iterable[Document | InputError], store: Store, tally: _Tally) -> Iterator[Document | InputError]:
    """The documents that need work: those whose content is not stored yet, or changed."""
    for item in items:
        if isinstance(item, Document):
            stored = store.stored_hash(item.id)
            if stored == item.content_hash:
                tally.unchanged += 1
                tally.emit("unchanged", item.path, item.id)
                continue
            if stored is not None:
                tally.replacing.add(item.id)
        yield item


def _store_all(
    pending: Iterable[Document | InputError], store: Store, tally: _Tally, batch_size: int, process: Processor
) -> None:
    """Save each processed article; an article's failure rejects it, the store's failure raises."""
    for outcome in process(pending, batch_size=batch_size):
        if isinstance(outcome, InputError):
            tally.reject(outcome)
            continue
        annotated, extraction = outcome
        with whole_step():  # a signal waits until the article is both stored and counted
            _store_one(store, tally, annotated, extraction)


def _store_one(store: Store, tally: _Tally, annotated: Annotated, extraction: Extraction) -> None:
    document = annotated.document
    try:
        changed = store.save_article(annotated, extraction)
    except StoreUnavailable:
        tally.emit("stopped", document.path, document.id)
        raise
    except Exception as err:
        tally.reject(_article_error(document, "storing", err))
        return
    if changed:
        tally.stored += 1
        tally.updated += document.id in tally.replacing
        tally.words += len(document.text.split())
        tally.emit("stored", document.path, document.id)
    else:  # stored meanwhile by another process, exactly so
        tally.unchanged += 1
        tally.emit("unchanged", document.path, document.id)


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    *,
    progress: Callable[[ProgressEvent], None] | None = None,
    batch_size: int = 32,
    max_bytes: int = MAX_TEXT_BYTES,
    process: Processor | None = None,
) -> IngestReport:
    """Read, analyse and store every article under ``paths``; rebuild the derived records.

    Articles already stored with the same content hash are skipped (counted unchanged).
    Each article is saved in its own transaction, so an interrupted batch keeps every
    finished article and a rerun completes it. Raises ModelError when no NLP model loads.
    When the store itself fails (disk full, read-only, connection lost for good: StoreUnavailable)
    the batch stops at once with BatchStopped, which carries the counts so far (stored,
    unchanged, rejected, files not attempted); per-article failures, a record the store
    refuses included, are returned in ``IngestReport.rejected``.
    ``process`` runs the per-article stages elsewhere (worker processes, a Dask cluster:
    :mod:`dateline.parallel`); this process stays the writer.
    """
    found = list(discover(paths))
    tally = _Tally([item for item in found if isinstance(item, Path)], progress)
    tally.emit("start")
    try:
        ids = DocumentIds(paths, owner=store.document_source)
        pending = _pending(read_all(found, max_bytes, ids), store, tally)
        _store_all(pending, store, tally, batch_size, process or process_documents)
        derived = False
        if tally.stored or store.derived_is_stale():
            tally.emit("derive")
            derive.add_articles(store)
            derived = True
    except StoreUnavailable as err:
        raise tally.stopped(err) from err
    tally.emit("done")
    return IngestReport(
        stored=tally.stored,
        unchanged=tally.unchanged,
        rejected=tuple(tally.rejected),
        seconds=tally.seconds(),
        words=tally.words,
        derived=derived,
        updated=tally.updated,
        renamed=tuple(ids.renamed),
    )
