"""Scale: how ingestion and the cross-article stage behave as the store grows (issue 11).

Writes the invented articles of ``bench/ingest.py`` (its generator and seed) for the largest
size asked, split into steps, and ingests them step by step into one SQLite store, as a
growing archive is: 1,000 articles, then the next 1,000 up to 2,000, and so on (each step one
``dateline ingest`` run, so each step pays one incremental derive over the whole store). At each
size it prints

- articles/s of that step (wall clock of the whole ``dateline ingest`` command),
- the cost of one more article: ``dateline ingest ONE.txt`` into a copy of the store against the
  same article into an empty store (wall clock, median of ``--repeat`` runs each), and the ratio,
- peak memory (largest resident set of the command and its worker processes) of the step and of
  the one-more run;

and, at the largest size, where one more article's derive goes (``derive.add_articles`` after
storing it, in this process, the stages timed as ``bench/ingest.py`` times them: wall clock and
CPU seconds, the latter less disturbed on a shared machine), next to a full ``derive.rebuild``
of the same store.

Usage (the default sizes take a few minutes; 10k and 100k take much longer):

    .venv/bin/python bench/scale.py [--sizes 1000,2000] [--workers 2] [--repeat 3] [--keep]
    .venv/bin/python bench/scale.py --sizes 1000,10000,100000
    .venv/bin/python bench/scale.py --store /tmp/dateline-scale-XXXX/grown.db   # the split alone
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ingest import StageClock, Writer, write_corpus
from scratch import scratch_folder

DATELINE = str(Path(sys.executable).with_name("dateline"))


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def run_ingest(paths: list[Path], db: Path, workers: int) -> Run:
    """One ``dateline ingest`` command in its own process: wall clock and peak memory."""
    command = [DATELINE, "ingest", *map(str, paths), "--db", str(db), "--quiet", "--workers", str(workers)]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, _, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = 0
    errors = child.stderr.read() if child.stderr else ""
    if errors.strip():
        print(errors.strip()[:500], file=sys.stderr)
    # Linux: a waited child's ru_maxrss is the largest of its own and its waited descendants' (workers)
    return Run(seconds, usage.ru_maxrss / 1024)


def copy_store(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


def split_corpus(folder: Path, sizes: list[int], seed: int) -> list[Path]:
    """The generated corpus of ``max(sizes)`` articles in one folder per step (files and JSON lines)."""
    whole = folder / "whole"
    whole.mkdir()
    write_corpus(whole, max(sizes), seed)
    bounds = list(zip([0, *sizes], sizes, strict=False))
    steps = [folder / f"step{i}" for i in range(len(bounds))]
    for step in steps:
        step.mkdir()

    def step_of(number: int) -> Path:
        return next(steps[i] for i, (low, high) in enumerate(bounds) if low <= number < high)

    for path in whole.iterdir():
        if path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                with (step_of(int(json.loads(line)["id"])) / path.name).open("a", encoding="utf-8") as out:
                    out.write(line + "\n")
        else:
            path.rename(step_of(int(path.stem)) / path.name)
    return steps


def one_more_article(folder: Path, seed: int) -> Path:
    """An article of the same generator with another seed (new to every store), as a .txt file."""
    writer = Writer(seed + 1000)
    target = folder / "one-more.txt"
    target.write_text(writer.as_text(writer.article(0)), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,2000", help="store sizes, comma-separated (default 1000,2000)")
    parser.add_argument("--workers", type=int, default=2, help="ingest worker processes (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="one-more-article runs per store (median; default 3)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the corpus")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and the stores")
    parser.add_argument("--store", type=Path, help="only the derive split: one more article into a copy of this store")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))

    with scratch_folder("dateline-scale-", keep=args.keep) as folder:
        if args.store is not None:  # a store kept by an earlier run (--keep): its grown.db
            derive_split(args.store, folder / "split.db", one_more_article(folder, args.seed), 0)
            return
        steps = split_corpus(folder, sizes, args.seed)
        extra = one_more_article(folder, args.seed)
        db = folder / "grown.db"
        print(f"{'size':>7} {'step s':>8} {'art/s':>7} {'peak MB':>8}   {'one more: empty':>15} "
              f"{'into size':>9} {'ratio':>6} {'peak MB':>8}")  # fmt: skip
        for size, step in zip(sizes, steps, strict=True):
            count = sum(1 for p in step.iterdir() if p.suffix != ".jsonl") + sum(
                len(p.read_text(encoding="utf-8").splitlines()) for p in step.glob("*.jsonl")
            )
            grown = run_ingest([step], db, args.workers)
            empty_runs, full_runs = [], []
            for attempt in range(args.repeat):
                for runs, base in ((empty_runs, None), (full_runs, db)):
                    target = folder / f"one-{attempt}-{'full' if base else 'empty'}.db"
                    if base is not None:
                        copy_store(base, target)
                    runs.append(run_ingest([extra], target, args.workers))
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{target}{suffix}").unlink(missing_ok=True)
            empty = statistics.median(r.seconds for r in empty_runs)
            full = statistics.median(r.seconds for r in full_runs)
            print(f"{size:>7} {grown.seconds:>8.1f} {count / grown.seconds:>7.1f} {grown.peak_mb:>8.0f}   "
                  f"{empty:>13.1f} s {full:>7.1f} s {full / empty:>6.2f} "
                  f"{max(r.peak_mb for r in full_runs):>8.0f}", flush=True)  # fmt: skip
        derive_split(db, folder / "split.db", extra, sizes[-1])


def derive_split(grown: Path, copy: Path, extra: Path, size: int) -> None:
    """Where one more article's derive goes at the largest size, and a full rebuild's time."""
    from dateline import derive
    from dateline.ingest import iter_documents
    from dateline.pipeline import process_documents
    from dateline.store import open_store

    copy_store(grown, copy)
    outcome = next(iter(process_documents(iter_documents([extra]))))
    assert isinstance(outcome, tuple), outcome
    with open_store(str(copy)) as store:
        store.save_article(*outcome)
        with StageClock() as clock:
            written = derive.add_articles(store)
        count = store.document_count() - 1  # before the one more
        start = time.perf_counter()
        derive.rebuild(store)
        full = time.perf_counter() - start
    size = size or count
    print(f"one more article's derive at {size} (seconds: wall clock, CPU; written: {written}):")
    for label, seconds in clock.seconds.items():
        if label.startswith("derive"):
            print(f"  {label:33} {seconds:7.2f} {clock.cpu.get(label, 0.0):7.2f}")
    print(f"  {'full rebuild of the same store':33} {full:7.2f}")


if __name__ == "__main__":
    main()
