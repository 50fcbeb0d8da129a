"""Scale-out throughput: one process, 2 local worker processes, a 2-worker Dask LocalCluster, in one run.

Writes the invented corpus of bench/ingest.py (≥ 1,000 articles by default) into a temporary
folder and ingests it, ``--repeat`` times over, into fresh SQLite files with four configurations:

  (1) in this process (``--workers 1``: the client reads, analyses and writes),
  (2) with ``LocalPool(2)`` (``--workers 2``: two worker processes analyse, the client writes),
  (3) with a ``LocalCluster(n_workers=2, threads_per_worker=1)`` on loopback, made in this process
      (its scheduler shares the client's process, as with ``Client(LocalCluster())``), and
  (4) with the same LocalCluster made in a process of its own and reached through its address,
      which is how ``dateline ingest --scheduler tcp://HOST:8786`` meets a running cluster.

The repetitions alternate the order (1 2 3 4, then 4 3 2 1, ...), so a slow spell of a shared
machine does not fall on one configuration; each configuration's workers start (and load their
models) afresh for each run, before its clock starts (start-up is printed apart). It prints every
run as it ends, then per configuration the median time, the speed-up from the medians and the
speed-up within each repetition (against that repetition's one-process run), and the CPU seconds
of every process: the client (with an in-process LocalCluster, its scheduler and nannies too), the
workers, and a separate scheduler's process. CPU seconds say what each part costs even when other
work shares the machine. Then whether every export is identical to the first one-process run's,
and where (1)'s time went: the client's own share (reading, the unchanged check, writing, the
cross-article stage) is what stays serial however many workers analyse. Usage:

    .venv/bin/python bench/parallel.py [--articles 1000] [--batch-size 32] [--repeat 3] [--seed 1] [--keep]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil  # comes with distributed

from dateline.export import dumps, export_json
from dateline.ingest import discover, read_all
from dateline.parallel import DaskCluster, LocalPool, warm_worker
from dateline.pipeline import Processor, ProgressEvent, ingest, process_documents
from dateline.store import open_store
from scratch import scratch_folder

# loopback; a free port for the scheduler's HTTP server (None would take 8787)
LOCAL_CLUSTER = {"processes": True, "n_workers": 2, "threads_per_worker": 1, "host": "127.0.0.1",
                 "dashboard_address": "127.0.0.1:0"}  # fmt: skip
ONE, POOL, CLUSTER, REMOTE = "1 process", "2 local workers", "2-worker LocalCluster", "LocalCluster, own proc"
TARGETS = {POOL: 1.7, CLUSTER: 1.6}  # issue 12

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


@contextlib.contextmanager
def backend(label: str) -> Iterator[tuple[Processor | None, set[int]]]:
    """The configuration's processor, started with its models loaded, and its worker processes' ids."""
    if label == ONE:
        yield None, set()
        return
    if label == POOL:
        with LocalPool(2) as pool:
            pool.warm_up()
            yield pool.process, pool.worker_pids()
        return
    from distributed import Client, LocalCluster

    with contextlib.ExitStack() as stack:
        if label == CLUSTER:
            cluster = stack.enter_context(LocalCluster(**LOCAL_CLUSTER))
            dask = DaskCluster(stack.enter_context(Client(cluster)))
        else:
            dask = stack.enter_context(DaskCluster.connect(stack.enter_context(cluster_in_own_process())))
        yield dask.process, set(dask.client.run(os.getpid).values())


def cpu_seconds(workers: set[int]) -> dict[str, float]:
    """CPU seconds so far of this process, of the workers, and of every other process under it."""
    def used(process: psutil.Process) -> float:
        times = process.cpu_times()
        return times.user + times.system

    me = psutil.Process()
    seconds = {"client": used(me), "workers": 0.0, "scheduler, nannies": 0.0}
    for child in me.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            seconds["workers" if child.pid in workers else "scheduler, nannies"] += used(child)
    return seconds


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
    cpu: dict[str, float]  # CPU seconds per process kind (client, workers, scheduler and nannies)
    thread_cpu: float  # the client's main thread: reading, writing, the cross-article stage (and analysis in (1))
    stored: int
    export: str
    parts: dict[str, float]
    load: float  # the machine's load average (1 minute) when the run began


def run(label: str, corpus: Path, db: Path, batch_size: int, process: Processor | None, workers: set[int]) -> Run:
    """Ingest ``corpus`` into a fresh SQLite file with ``process``; time it, its client's parts, every process."""
    clock = Clock()
    inner: Processor = process or process_documents
    marks: dict[str, float] = {}

    def timed_process(documents: Iterable[Any], *, batch_size: int) -> Iterator[Any]:
        reading = clock.pull("read + unchanged check", documents)
        return clock.pull("analysis (incl. reading)", inner(reading, batch_size=batch_size))

    def progress(event: ProgressEvent) -> None:
        marks.setdefault(event.kind, time.thread_time())

    load = os.getloadavg()[0]
    with open_store(str(db)) as store:
        store.save_article = clock.call("store writes", store.save_article)  # type: ignore[method-assign]
        cpu_before = cpu_seconds(workers)
        started = (time.perf_counter(), time.thread_time())
        report = ingest([corpus], store, batch_size=batch_size, process=timed_process, progress=progress)
        ended = (time.perf_counter(), time.thread_time())
        cpu_after = cpu_seconds(workers)
        wall, thread = (end - start for end, start in zip(ended, started, strict=True))
        exported = dumps(export_json(store))
    parts = dict(clock.seconds)
    parts["analysis (incl. reading)"] -= parts.get("read + unchanged check", 0.0)
    parts["analysis, or waiting for it"] = parts.pop("analysis (incl. reading)")
    parts["cross-article stage"] = marks.get("done", 0.0) - marks.get("derive", 0.0)
    parts["the rest (bookkeeping)"] = thread - sum(parts.values())
    if report.rejected:
        print(f"  {label}: {len(report.rejected)} rejected, first: {report.rejected[0]}")
    cpu = {kind: cpu_after[kind] - cpu_before[kind] for kind in cpu_after}
    return Run(label, wall, cpu, thread, report.stored, exported, parts, load)


def _median(runs: list[Run], value: Callable[[Run], float]) -> float:
    return statistics.median(value(r) for r in runs)


def report(runs: dict[str, list[Run]]) -> None:
    """Per configuration: median time and speed-ups (from the medians, and within each repetition); CPU per process."""
    base = runs[ONE]
    base_wall = _median(base, lambda r: r.wall)
    print(f"\nmedians over {len(base)} repetitions; CPU seconds per process kind "
          f"(an in-process LocalCluster's scheduler and nannies count in the client):")  # fmt: skip
    print(f"{'run':22} {'seconds':>8} {'art./s':>7} {'speed-up':>9}  {'per repetition':22} "
          f"{'client':>7} {'workers':>8} {'sched.':>7} {'worker ms/art.':>15}")  # fmt: skip
    for label, results in runs.items():
        wall = _median(results, lambda r: r.wall)
        stored = results[0].stored
        each = [one.wall / result.wall for one, result in zip(base, results, strict=True)]
        cpu = {kind: _median(results, lambda r, k=kind: r.cpu[k]) for kind in results[0].cpu}
        per_article = 1000 * cpu["workers"] / stored if cpu["workers"] else 1000 * cpu["client"] / stored
        print(f"{label:22} {wall:8.1f} {stored / wall:7.1f} {base_wall / wall:8.2f}×  "
              f"{' '.join(f'{x:.2f}' for x in each):22} {cpu['client']:7.1f} {cpu['workers']:8.1f} "
              f"{cpu['scheduler, nannies']:7.1f} {per_article:15.1f}")  # fmt: skip
        if label in TARGETS:
            target = TARGETS[label]
            verdict = "met" if base_wall / wall >= target else "NOT met"
            met = sum(x >= target for x in each)
            every = "in every repetition" if met == len(each) else f"in {met} of {len(each)} repetitions"
            print(f"{'':22} target ≥ {target}: {verdict} from the medians, {every}")
    print("the client's CPU time (its main thread), seconds, medians per configuration:")
    print(f"  {'':30}" + "".join(f"{label:>24}" for label in runs))
    for part in base[0].parts:
        print(f"  {part:30}" + "".join(f"{_median(r, lambda x, p=part: x.parts.get(p, 0.0)):24.1f}"
                                       for r in runs.values()))  # fmt: skip
    total = _median(base, lambda r: r.thread_cpu)
    tail = _median(base, lambda r: r.parts["cross-article stage"])
    client = total - _median(base, lambda r: r.parts["analysis, or waiting for it"])
    print(
        f"one process: the client's own part (reading, writing, cross-article stage) is {client:.1f} s of "
        f"{total:.1f} s CPU ({client / total:.1%}); the cross-article stage ({tail:.1f} s) runs after the "
        f"last article, alone, so 2 workers sharing 2 cores with the client reach at best "
        f"{2 * total / (total + tail):.2f}×, and N workers at most {total / client:.1f}× (the client's limit)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles to generate (default 1000)")
    parser.add_argument("--batch-size", type=int, default=32, help="articles per spaCy batch and per worker task")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each configuration, in alternating order")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the corpus")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and the SQLite files")
    parser.add_argument("--only", nargs="+", choices=["1", "2", "3", "4"], default=["1", "2", "3", "4"],
                        help="the configurations to run (numbers as above; (1) is always run)")  # fmt: skip
    args = parser.parse_args()
    labels = [label for number, label in enumerate((ONE, POOL, CLUSTER, REMOTE), 1)
              if number == 1 or str(number) in args.only]  # fmt: skip

    with scratch_folder("dateline-parallel-", keep=args.keep) as folder:
        corpus = folder / "corpus"
        corpus.mkdir()
        texts, files = _corpus_writer()(corpus, args.articles, args.seed)
        words = sum(len(text.split()) for text in texts)
        print(f"corpus: {len(texts)} articles in {files} files, {words} words; {psutil.cpu_count()} cores")
        warm_worker()  # the model of run (1), loaded in this process before its clock starts
        for _document in read_all(discover([corpus])):  # the readers' imports too, and the files cached
            pass
        runs: dict[str, list[Run]] = {label: [] for label in labels}
        for repetition in range(args.repeat):
            for label in labels if repetition % 2 == 0 else labels[::-1]:
                start = time.perf_counter()
                with backend(label) as (process, workers):
                    started = time.perf_counter() - start
                    db = folder / f"{labels.index(label) + 1}-{repetition}.db"
                    result = run(label, corpus, db, args.batch_size, process, workers)
                if not args.keep:
                    for path in folder.glob(f"{db.name}*"):
                        path.unlink()
                runs[label].append(result)
                cpu = " ".join(f"{kind} {seconds:.1f}" for kind, seconds in result.cpu.items())
                print(f"[{repetition + 1}] {label:22} {result.wall:6.1f} s  {result.stored / result.wall:5.1f} "
                      f"articles/s  (start-up {started:.1f} s, load {result.load:.1f}; CPU s: {cpu})",
                      flush=True)  # fmt: skip
        report(runs)
        first = runs[ONE][0].export
        same = all(result.export == first for results in runs.values() for result in results)
        count = sum(len(results) for results in runs.values())
        print(f"exports identical across the {count} runs: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
