"""Stories on ECB+: news of one real-world event grouped together, scored against the gold events.

Writes the split's articles (id, title, text, url only: never the gold labels) to a JSONL file,
runs ``dateline ingest`` and ``dateline export`` on it as a user would, and scores the export's
document → story links against the gold ``event`` labels: pairwise precision, recall and F1,
and B³ (Bagga & Baldwin 1998). Tune on train, report on dev; the test split is for a final
report only (../shared/data/ecbplus/README.md). Usage:

    .venv/bin/python bench/ecbplus.py [--split dev] [--data ../shared/data/ecbplus] [--db PATH]

``--db`` keeps the store (an existing one is reused, so a second run only re-derives).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "ecbplus"


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def score(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise P/R/F1 and B³ P/R/F1 of a predicted clustering against gold labels (same items)."""
    items = sorted(gold)
    cells = Counter((predicted[i], gold[i]) for i in items)
    sizes_pred = Counter(predicted[i] for i in items)
    sizes_gold = Counter(gold[i] for i in items)
    together = sum(pairs(v) for v in cells.values())
    pred_pairs = sum(pairs(v) for v in sizes_pred.values())
    gold_pairs = sum(pairs(v) for v in sizes_gold.values())
    precision = together / pred_pairs if pred_pairs else float("nan")
    recall = together / gold_pairs if gold_pairs else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if together else 0.0
    b3_p = sum(v * v / sizes_pred[p] for (p, _), v in cells.items()) / len(items)
    b3_r = sum(v * v / sizes_gold[g] for (_, g), v in cells.items()) / len(items)
    return {
        "clusters": len(sizes_pred), "events": len(sizes_gold),
        "pair_p": precision, "pair_r": recall, "pair_f1": f1,
        "b3_p": b3_p, "b3_r": b3_r, "b3_f1": 2 * b3_p * b3_r / (b3_p + b3_r),
    }  # fmt: skip


def stories_by_dateline(
    records: list[dict], fields: tuple[str, ...], db: Path | None
) -> tuple[dict[str, str], list[str]]:
    """Ingest ``records`` (only ``fields``: never the gold labels) and export; each id's story.

    A document in no story, or not stored (counted in the second value), is a story of its own.
    """
    dateline = shutil.which("dateline", path=str(Path(sys.executable).parent)) or "dateline"
    with tempfile.TemporaryDirectory(prefix="stories-") as tmp:
        articles = Path(tmp) / "articles.jsonl"
        with articles.open("w", encoding="utf-8") as out:
            for r in records:
                out.write(json.dumps({k: r[k] for k in fields if r.get(k)}) + "\n")
        store = str(db or Path(tmp) / "stories.db")
        ingest = subprocess.run([dateline, "ingest", str(articles), "--db", store, "--quiet"], check=False)
        if ingest.returncode not in (0, 1):  # 1: some records rejected (ECB+ has an empty text)
            raise SystemExit(ingest.returncode)
        export = Path(tmp) / "export.json"
        subprocess.run([dateline, "export", "--db", store, "--format", "json", "--out", str(export)], check=True)
        documents = json.loads(export.read_text(encoding="utf-8"))["documents"]
    predicted = {d["id"]: d["story"] or f"none-{d['id']}" for d in documents}
    missing = sorted({r["id"] for r in records} - set(predicted))
    for doc_id in missing:
        predicted[doc_id] = f"rejected-{doc_id}"
    return predicted, missing


def report_stories(name: str, gold_unit: str, source: Path, fields: tuple[str, ...], db: Path | None) -> None:
    """Score Dateline's stories over the JSONL records of ``source`` against their gold ``event`` and print it."""
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = {r["id"]: r["event"] for r in records}
    predicted, missing = stories_by_dateline(records, fields, db)
    figures = score({k: predicted[k] for k in gold}, gold)
    print(f"{name}: {len(gold)} documents ({len(missing)} not stored), {figures['events']} {gold_unit}")
    print(
        f"clusters {figures['clusters']}  pairwise P {figures['pair_p']:.3f} R {figures['pair_r']:.3f} "
        f"F1 {figures['pair_f1']:.3f}  B3 P {figures['b3_p']:.3f} R {figures['b3_r']:.3f} F1 {figures['b3_f1']:.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    source = args.data / f"ecbplus_{args.split}.jsonl"
    if not source.is_file():
        print(f"{source}: not found (the ECB+ files live in ../shared/data/ecbplus)", file=sys.stderr)
        return 2
    report_stories(f"ECB+ {args.split}", "gold events", source, ("id", "title", "text", "url"), args.db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
