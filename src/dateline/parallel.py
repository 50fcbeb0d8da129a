"""Scale-out of the per-article stages: a local process pool, or a Dask cluster.

A batch splits into *extract* and *write*. The client reads the files (ids unique across the
batch; articles whose content is stored unchanged are skipped before any NLP), cuts the
documents into chunks of ``batch_size`` and sends each chunk to a worker, which runs
:func:`dateline.pipeline.process_documents` on it (spaCy and the events stage; the model and
the tables load once per worker process) and returns picklable outcomes. The one writer in
the client (``pipeline.ingest``) stores them in input order, one transaction per article,
and runs the cross-article stage, so the store and its export do not depend on the number
of workers. At most ``IN_FLIGHT_PER_WORKER`` chunks per worker are out at a time
(back-pressure: memory stays bounded however large the input).

A worker that dies mid-chunk loses nothing: Dask reschedules its tasks on another worker,
and the local pool is started again and sent the chunk again. A chunk that kills its worker
``MAX_ATTEMPTS`` times is rejected article by article; the batch goes on.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Any, Protocol

from dateline.errors import InputError, ModelError, UsageError, WorkerError
from dateline.model import Document
from dateline.pipeline import Outcome, Processor, process_documents

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger(__name__)

IN_FLIGHT_PER_WORKER = 2  # one chunk running, one waiting: no worker idles between chunks
MAX_ATTEMPTS = 3  # as Dask's default allowed-failures before it gives up on a task
CONNECT_TIMEOUT = "20s"

Item = Document | InputError


def default_workers() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process_chunk(documents: list[Document], batch_size: int) -> list[Outcome]:
    """One task on a worker: NLP and events over a chunk of documents, outcomes in input order."""
    return list(process_documents(documents, batch_size=batch_size))


# an invented sentence run once per worker, so that the stages' tables load before real work
_WARM_UP = Document(
    id="warm-up", path="<warm-up>", published=date(2000, 1, 3),
    text="GENEVA, 3 January 2000. Foreign Minister of Norway Anna Lind met the President of Chile in Geneva "
    "on Monday at the second meeting of the Council of Ministers of the United Nations. They signed an agreement.",
)  # fmt: skip


def warm_worker() -> None:
    """Load the spaCy model and the events stage's tables once, when a worker process starts.

    The first article a process analyses costs seconds (the model, the gazetteer, the date
    parser); every chunk after that reuses what it loaded.
    """
    try:
        process_chunk([_WARM_UP], 1)
    except ModelError:  # the first chunk on this worker raises it again, with its reason
        log.debug("no model in a worker process", exc_info=True)


def start_pool_worker() -> None:
    """A local pool's worker process starts: it ends with its parent (however that dies), then loads the model."""
    parent = multiprocessing.parent_process()
    if parent is not None:  # else a killed client would leave its workers (and its output pipes) behind

        def exit_with_parent() -> None:
            wait([parent.sentinel])
            os._exit(1)

        threading.Thread(target=exit_with_parent, name="exit-with-parent", daemon=True).start()
    warm_worker()


def _lost(documents: list[Document], why: str) -> list[Outcome]:
    """Each article of a chunk that could not be processed, as an InputError naming its file."""
    return [InputError(doc.path, f"article '{doc.id}': {why}; ingest it again") for doc in documents]


@dataclass
class _Task:
    """A chunk sent out: its documents, the backend's handle for it, how often it was sent."""

    documents: list[Document]
    handle: Any
    attempts: int = 1
    owner: object = field(default=None, repr=False)


class _Backend(Protocol):
    local: bool

    def capacity(self) -> int: ...

    def submit(self, documents: list[Document], batch_size: int) -> _Task: ...

    def result(self, task: _Task, batch_size: int) -> list[Outcome]: ...


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """The items in order, cut after every ``size`` documents (InputErrors ride along)."""
    chunk: list[Item] = []
    count = 0
    for item in items:
        chunk.append(item)
        count += isinstance(item, Document)
        if count >= size:
            yield chunk
            chunk, count = [], 0
    if chunk:
        yield chunk


def _merge(chunk: list[Item], outcomes: list[Outcome]) -> Iterator[Outcome]:
    """The chunk's InputErrors in place, and one outcome per document, in input order."""
    results = iter(outcomes)
    for item in chunk:
        yield item if isinstance(item, InputError) else next(results)


def _run(backend: _Backend, items: Iterable[Item], batch_size: int) -> Iterator[Outcome]:
    """Outcomes of every item, in input order, with a bounded number of chunks out at a time."""
    chunks = _chunks(items, batch_size)
    head = list(itertools.islice(chunks, 2))
    if backend.local and len(head) < 2:  # one chunk: not worth starting worker processes
        for chunk in head:
            yield from process_documents(chunk, batch_size=batch_size)
        return
    out: deque[tuple[list[Item], _Task | None]] = deque()
    for chunk in itertools.chain(head, chunks):
        documents = [item for item in chunk if isinstance(item, Document)]
        out.append((chunk, backend.submit(documents, batch_size) if documents else None))
        while len(out) > backend.capacity():
            chunk_done, task = out.popleft()
            yield from _merge(chunk_done, backend.result(task, batch_size) if task else [])
    while out:
        chunk_done, task = out.popleft()
        yield from _merge(chunk_done, backend.result(task, batch_size) if task else [])


class LocalPool:
    """``workers`` spawned processes on this machine, started on the first chunk sent out."""

    local = True

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise UsageError(f"--workers must be at least 1, not {workers}")
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            context = multiprocessing.get_context("spawn")  # no fork of a client holding threads and files
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=start_pool_worker)
        return self._executor

    def warm_up(self) -> None:
        """Start every worker process and load its model now (for timing runs)."""
        pool = self._pool()
        for future in [pool.submit(warm_worker) for _ in range(self.workers)]:
            future.result()

    def worker_pids(self) -> set[int]:
        """The process ids of the running worker processes (none before the first chunk or ``warm_up``)."""
        return set(self._executor._processes or {}) if self._executor is not None else set()

    def capacity(self) -> int:
        return IN_FLIGHT_PER_WORKER * self.workers

    def submit(self, documents: list[Document], batch_size: int, attempts: int = 1) -> _Task:
        pool = self._pool()
        return _Task(documents, pool.submit(process_chunk, documents, batch_size), attempts, owner=pool)

    def result(self, task: _Task, batch_size: int) -> list[Outcome]:
        future: Future[list[Outcome]] = task.handle
        try:
            return future.result()
        except BrokenProcessPool:
            if task.owner is self._executor:  # the first to notice: this pool is gone, start another
                log.warning("a worker process died; restarting the pool and sending its chunks again")
                self.close()
            if task.attempts >= MAX_ATTEMPTS:
                return _lost(task.documents, f"a worker process died {MAX_ATTEMPTS} times on its chunk")
            return self.result(self.submit(task.documents, batch_size, task.attempts + 1), batch_size)

    def process(self, documents: Iterable[Item], *, batch_size: int = 32) -> Iterator[Outcome]:
        """Like ``pipeline.process_documents``, with the chunks run on the worker processes."""
        return _run(self, documents, batch_size)


class DaskCluster:
    """The workers of a ``dask.distributed`` cluster, reached through its scheduler."""

    local = False

    def __init__(self, client: Client, *, own: bool = False) -> None:
        """Use the cluster behind ``client``, set up first: its workers (:class:`DaskWorkerSetup`),
        and its scheduler, which imports the stages (:func:`load_on_scheduler`)."""
        from dateline.dask_worker import DaskWorkerSetup, load_on_scheduler

        self.client = client
        self._own = own
        client.register_plugin(DaskWorkerSetup())
        client.run_on_scheduler(load_on_scheduler)

    @classmethod
    def connect(cls, address: str) -> DaskCluster:
        """A client of the scheduler at ``address`` (tcp://HOST:8786); WorkerError if none answers."""
        from distributed import Client

        try:
            return cls(Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False), own=True)
        except (OSError, TimeoutError, ValueError) as err:
            raise WorkerError(
                f"cannot reach a Dask scheduler at {address} ({err}); start one with "
                f"`dask scheduler` and workers with `dask worker {address} --nthreads 1`"
            ) from err

    def __enter__(self) -> DaskCluster:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._own:
            self.client.close()

    def capacity(self) -> int:
        threads = sum(self.client.nthreads().values())
        return IN_FLIGHT_PER_WORKER * max(1, threads)

    def submit(self, documents: list[Document], batch_size: int) -> _Task:
        future = self.client.submit(process_chunk, documents, batch_size, pure=False)
        return _Task(documents, future)

    def result(self, task: _Task, batch_size: int) -> list[Outcome]:
        from distributed import KilledWorker

        try:
            return task.handle.result()
        except KilledWorker:  # the scheduler already retried it on other workers
            return _lost(task.documents, "Dask workers died on its chunk every time it was tried")
        finally:
            task.handle.release()

    def process(self, documents: Iterable[Item], *, batch_size: int = 32) -> Iterator[Outcome]:
        """Like ``pipeline.process_documents``, with the chunks run on the cluster's workers."""
        return _run(self, documents, batch_size)


@contextmanager
def open_processor(workers: int | None = None, scheduler: str | None = None) -> Iterator[Processor | None]:
    """What runs the per-article stages: None (this process), a local pool, or a Dask cluster.

    ``workers`` defaults to the number of cores; 1 means this process, as before scale-out.
    ``scheduler`` (tcp://HOST:8786) sends the work to that Dask cluster instead.
    """
    if scheduler:
        if workers is not None:
            raise UsageError("--workers is for local runs; a Dask cluster has the workers its scheduler knows")
        with DaskCluster.connect(scheduler) as cluster:
            yield cluster.process
        return
    count = default_workers() if workers is None else workers
    if count == 1:
        yield None
        return
    with LocalPool(count) as pool:
        yield pool.process


__all__ = [
    "DaskCluster",
    "LocalPool",
    "default_workers",
    "open_processor",
    "process_chunk",
]
