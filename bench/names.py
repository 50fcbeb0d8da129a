"""Benchmark person-name matching on bench/data/name_pairs.tsv.

Runs ``compare_names`` on every pair and prints precision, recall and F1, the figures
per kind, every error, and the time of a 2,000 x 2,000 ``candidate_pairs`` run.

A pair counts as "same" when the match is definite; a surname-only candidate
(``needs_context``) counts as "not same" unless ``--context`` is given, which stands for
a resolver that has found the supporting evidence (same document, same role).

    .venv/bin/python bench/names.py [--context] [--sweep] [--data PATH]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import time
from collections import Counter
from pathlib import Path

from dateline.actors import name_match
from dateline.actors.name_match import candidate_pairs, compare_names
from dateline.actors.names import parse_name

DATA = Path(__file__).resolve().parent / "data" / "name_pairs.tsv"


def load(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def score(rows: list[dict[str, str]], context: bool) -> tuple[Counter[str], dict[str, Counter[str]], list]:
    """Outcome counts (tp/fp/fn/tn), the same per kind, and the errors."""
    counts: Counter[str] = Counter()
    per_kind: dict[str, Counter[str]] = {}
    errors = []
    for row in rows:
        match = compare_names(parse_name(row["name_a"]), parse_name(row["name_b"]))
        predicted = match.same if context else match.definite
        gold = row["same"] == "1"
        outcome = ("t" if predicted == gold else "f") + ("p" if predicted else "n")
        counts[outcome] += 1
        per_kind.setdefault(row["kind"], Counter())[outcome] += 1
        if outcome in ("fp", "fn"):
            errors.append((outcome.upper(), row, match))
    return counts, per_kind, errors


def metrics(counts: Counter[str]) -> tuple[float, float, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(rows: list[dict[str, str]], context: bool) -> None:
    started = time.perf_counter()
    counts, per_kind, errors = score(rows, context)
    elapsed = time.perf_counter() - started
    precision, recall, f1 = metrics(counts)
    mode = "needs_context counted as same (--context)" if context else "needs_context counted as not same"
    print(
        f"{len(rows)} pairs ({counts['tp'] + counts['fn']} same,"
        f" {counts['fp'] + counts['tn']} different); {mode}"
    )
    print(
        f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}"
        f"  (tp {counts['tp']}, fp {counts['fp']}, fn {counts['fn']})"
    )
    print(f"compare_names: {elapsed * 1e6 / len(rows):.0f} µs per pair (parse included)")
    print(f"\n{'kind':<20}{'pairs':>6}{'right':>7}")
    for kind, c in sorted(per_kind.items()):
        print(f"{kind:<20}{c.total():>6}{c['tp'] + c['tn']:>7}")
    print(f"\n{len(errors)} errors:")
    for outcome, row, match in errors:
        print(f"  {outcome} [{row['kind']}] {row['name_a']} | {row['name_b']}: {match.reason}")


def sweep(rows: list[dict[str, str]]) -> None:
    """Precision and recall as one threshold moves and the others stay at their defaults."""
    grid = {
        "SURNAME_JW": (0.80, 0.84, 0.86, 0.88, 0.90, 0.92, 0.95),
        "SURNAME_LEV": (0.50, 0.60, 0.70, 0.75, 0.80, 0.85),
        "GIVEN_JW": (0.85, 0.88, 0.90, 0.92, 0.95),
    }
    print("\nthreshold sweep (P/R without context | with --context):")
    for attr, values in grid.items():
        default = getattr(name_match, attr)
        for value in values:
            setattr(name_match, attr, value)
            name_match.clear_caches()  # cached comparisons were made under the old threshold
            p, r, _ = metrics(score(rows, context=False)[0])
            pc, rc, _ = metrics(score(rows, context=True)[0])
            mark = " (default)" if value == default else ""
            print(f"  {attr:<12}{value:.2f}: P {p:.3f} R {r:.3f} | P {pc:.3f} R {rc:.3f}{mark}")
        setattr(name_match, attr, default)
        name_match.clear_caches()


def speed(rows: list[dict[str, str]], size: int = 2000) -> None:
    """candidate_pairs over ``size`` names made by crossing the data's first names and surnames."""
    parsed = [parse_name(row[col]) for row in rows for col in ("name_a", "name_b")]
    firsts = sorted({p.given[0] for p in parsed if p.given})
    surnames = sorted({p.surname for p in parsed if p.surname})
    sample = [f"{g} {s}" for s, g in itertools.islice(itertools.product(surnames, firsts), 0, None, 7)][:size]
    started = time.perf_counter()
    pairs = candidate_pairs(sample)
    elapsed = time.perf_counter() - started
    print(f"\ncandidate_pairs: {len(sample)} x {len(sample)} names -> {len(pairs)} pairs in {elapsed:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--context", action="store_true", help="count needs_context candidates as same")
    parser.add_argument("--sweep", action="store_true", help="also print a threshold sweep")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    rows = load(args.data)
    evaluate(rows, args.context)
    if args.sweep:
        sweep(rows)
    speed(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
