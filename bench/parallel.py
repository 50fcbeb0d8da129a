"""Scale-out throughput: one process, 2 local worker processes, a 2-worker Dask LocalCluster, in one run.

Writes the invented corpus of bench/ingest.py (≥ 1,000 articles by default) into a temporary
folder and ingests it four times into fresh SQLite files:

  (1) in this process (``--workers 1``: the client reads, analyses and writes),
  (2) with ``LocalPool(2)`` (``--workers 2``: two worker processes analyse, the client writes),
  (3) with a ``LocalCluster(n_workers=2, threads_per_worker=1)`` on loopback, made in this process
      (its scheduler shares the client's process, as with ``Client(LocalCluster())``), and
  (4) with the same LocalCluster made in a process of its own and reached through its address,
      which is how ``dateline ingest --scheduler tcp://HOST:8786`` meets a running cluster.

Models load before the clocks start (worker start-up is printed apart). It prints articles/s and
the speed-up of each run over (1), whether the three exports are identical, and where (1)'s time
went: the client's own share (reading, the unchanged check, writing, the cross-article stage) is
what stays serial however many workers analyse. Usage:

    .venv/bin/python bench/parallel.py [--articles 1000] [--batch-size 32] [--seed 1] [--keep]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.export import dumps, export_json
from dateline.ingest import discover, read_all
from dateline.parallel import DaskCluster, LocalPool, warm_worker
from dateline.pipeline import Processor, ProgressEvent, ingest, process_documents
from dateline.store import open_store
from scratch import scratch_folder

# loopback; a free port for the scheduler's HTTP server (None would take 8787)
LOCAL_CLUSTER = {"processes": True, "n_workers": 2, "threads_per_worker": 1, "host": "127.0.0.1",
                 "dashboard_address": "127.0.0.1:0"}  # fmt: skip


# a LocalCluster in a process of its own: prints its scheduler's address, stops when stdin closes
_CLUSTER_PROCESS = (
    "import json, sys\n"
    "from distributed import LocalCluster\n"
    "with LocalCluster(**json.loads(sys.argv[1])) as cluster:\n"
    "    print(cluster.scheduler_address, flush=True)\n"
    "    sys.stdin.read()\n"
)


@contextlib.contextmanager
def cluster_in_own_process() -> Iterator[str]:
    """The address of a 2-worker LocalCluster running in a separate Python process."""
    process = subprocess.Popen([sys.executable, "-c", _CLUSTER_PROCESS, json.dumps(LOCAL_CLUSTER)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert process.stdout is not None
        address = process.stdout.readline().strip()
        if not address:
            raise RuntimeError("the LocalCluster process gave no scheduler address")
        yield address
    finally:
        if process.stdin:
            process.stdin.close()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def _corpus_writer() -> Callable[[Path, int, int], tuple[list[str], int]]:
    """bench/ingest.py's ``write_corpus`` (the same invented articles as the one-process benchmark)."""
    spec = importlib.util.spec_from_file_location("bench_ingest", Path(__file__).with_name("ingest.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module.write_corpus


class Clock:
    """CPU seconds of this thread (the client's) spent inside labelled iterators and calls.

    CPU time rather than wall clock: on a busy machine it still says what each part costs.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def pull(self, label: str, items: Iterable[Any]) -> Iterator[Any]:
        iterator = iter(items)
        while True:
            start = time.thread_time()
            try:
                item = next(iterator)
            except StopIteration:
                self.seconds[label] += time.thread_time() - start
                return
            self.seconds[label] += time.thread_time() - start
            yield item

    def call(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[label] += time.thread_time() - start

        return timed


@dataclass(frozen=True)
class Run:
    label: str
    wall: float
    client_cpu: float  # the whole client process (its helper threads too)
    thread_cpu: float  # its main thread: reading, writing, the cross-article stage (and analysis in run 1)
    stored: int
    export: str
    parts: dict[str, float]


def run(label: str, corpus: Path, db: Path, batch_size: int, process: Processor | None) -> Run:
    """Ingest ``corpus`` into a fresh SQLite file with ``process``; time it and its client's parts."""
    clock = Clock()
    inner: Processor = process or process_documents
    marks: dict[str, float] = {}

    def timed_process(documents: Iterable[Any], *, batch_size: int) -> Iterator[Any]:
        reading = clock.pull("read + unchanged check", documents)
        return clock.pull("analysis (incl. reading)", inner(reading, batch_size=batch_size))

    def progress(event: ProgressEvent) -> None:
        marks.setdefault(event.kind, time.thread_time())

    with open_store(str(db)) as store:
        store.save_article = clock.call("store writes", store.save_article)  # type: ignore[method-assign]
        started = (time.perf_counter(), time.thread_time(), time.process_time())
        report = ingest([corpus], store, batch_size=batch_size, process=timed_process, progress=progress)
        ended = (time.perf_counter(), time.thread_time(), time.process_time())
        wall, cpu, process_cpu = (end - start for end, start in zip(ended, started, strict=True))
        exported = dumps(export_json(store))
    parts = dict(clock.seconds)
    parts["analysis (incl. reading)"] -= parts.get("read + unchanged check", 0.0)
    parts["analysis, or waiting for it"] = parts.pop("analysis (incl. reading)")
    parts["cross-article stage"] = marks.get("done", 0.0) - marks.get("derive", 0.0)
    parts["the rest (bookkeeping)"] = cpu - sum(parts.values())
    if report.rejected:
        print(f"  {label}: {len(report.rejected)} rejected, first: {report.rejected[0]}")
    return Run(label, wall, process_cpu, cpu, report.stored, exported, parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles to generate (default 1000)")
    parser.add_argument("--batch-size", type=int, default=32, help="articles per spaCy batch and per worker task")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the corpus")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and the SQLite files")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    with scratch_folder("dateline-parallel-", keep=args.keep) as folder:
        corpus = folder / "corpus"
        corpus.mkdir()
        texts, files = _corpus_writer()(corpus, args.articles, args.seed)
        words = sum(len(text.split()) for text in texts)
        print(f"corpus: {len(texts)} articles in {files} files, {words} words")
        warm_worker()  # the model of run (1), loaded in this process before its clock starts
        for _document in read_all(discover([corpus])):  # the readers' imports too, and the files cached
            pass
        runs = [run("1 process", corpus, folder / "one.db", args.batch_size, None)]

        with LocalPool(2) as pool:
            start = time.perf_counter()
            pool.warm_up()
            print(f"local pool: 2 worker processes started with their models in {time.perf_counter() - start:.1f} s")
            runs.append(run("2 local workers", corpus, folder / "pool.db", args.batch_size, pool.process))

        start = time.perf_counter()
        with (
            LocalCluster(**LOCAL_CLUSTER) as cluster,
            Client(cluster) as client,
        ):
            client.run(warm_worker)
            print(f"LocalCluster: 2 workers started with their models in {time.perf_counter() - start:.1f} s")
            runs.append(run("2-worker LocalCluster", corpus, folder / "dask.db", args.batch_size,
                            DaskCluster(client).process))  # fmt: skip

        start = time.perf_counter()
        with cluster_in_own_process() as address, DaskCluster.connect(address) as remote:
            remote.client.run(warm_worker)
            print(f"LocalCluster in its own process: 2 workers started with their models in "
                  f"{time.perf_counter() - start:.1f} s")  # fmt: skip
            runs.append(run("LocalCluster, own proc", corpus, folder / "remote.db", args.batch_size, remote.process))

        base = runs[0]
        for result in runs:
            print(
                f"{result.label:22} {result.wall:7.1f} s  {result.stored / result.wall:6.1f} articles/s  "
                f"speed-up {base.wall / result.wall:4.2f}×  client CPU {result.client_cpu:6.1f} s "
                f"({result.client_cpu / result.wall:4.0%} of a core)"
            )
        same = all(result.export == base.export for result in runs)
        print(f"exports identical across the {len(runs)} runs: {'yes' if same else 'NO'}")
        print("the client's CPU time (its main thread), seconds, per run:")
        print(f"  {'':30}" + "".join(f"{result.label:>24}" for result in runs))
        for label in base.parts:
            print(f"  {label:30}" + "".join(f"{result.parts.get(label, 0.0):24.1f}" for result in runs))
        total, tail = base.thread_cpu, base.parts["cross-article stage"]
        client = total - base.parts["analysis, or waiting for it"]
        print(
            f"one process: the client's own part (reading, writing, cross-article stage) is {client:.1f} s of "
            f"{total:.1f} s CPU ({client / total:.1%}); the cross-article stage ({tail:.1f} s) runs after the "
            f"last article, alone, so 2 workers sharing 2 cores with the client reach at best "
            f"{2 * total / (total + tail):.2f}×, and N workers at most {total / client:.1f}× (the client's limit)"
        )


if __name__ == "__main__":
    main()
