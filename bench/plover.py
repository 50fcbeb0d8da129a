"""Meeting detection on the PLOVER gold-standard sentences: found where coded, absent where not.

The PLOVER GSR (``../shared/data/plover/plover_gsr.jsonl``) holds 322 news-style sentences, each
hand-coded with one event category; meetings, visits and consultations are CONSULT (modes visit,
host, phone, multilateral, third-party). Each distinct sentence is ingested as one document
(JSON Lines, no publication date) through ``dateline ingest`` into a temporary SQLite file, and
the export says which documents gave which event types. Printed, in one run:

  - recall: the share of CONSULT sentences (phone calls apart: Dateline records meetings held
    in person) that gave a meeting or reception event;
  - false events: the share of sentences of every other category that gave one, by category
    (an AGREE sentence may well mention talks: read those before calling them errors);
  - for CONSULT sentences found: whether the countries of the coded source and target actors
    are among the event's participants' and hosts' affiliations and place.

A benchmark, not a test: the sentences are the CAMEO manual's examples as PLOVER recoded them
(see the data's README), and eleven CONSULT sentences are few. Usage:

    .venv/bin/python bench/plover.py [--gsr ../shared/data/plover/plover_gsr.jsonl] [--keep]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from dateline.export import export_json
from dateline.pipeline import ingest
from dateline.store import open_store
from scratch import scratch_folder

DEFAULT_GSR = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover" / "plover_gsr.jsonl"
MEETING_TYPES = {"meeting", "reception", "visit", "talks"}
IN_PERSON = {"visit", "host", "multilateral", "third-party", "", None}


def load_sentences(path: Path) -> list[dict[str, Any]]:
    """One record per distinct sentence: its text, the categories and modes coded for it, actor codes."""
    by_text: dict[str, dict[str, Any]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        entry = by_text.setdefault(record["text"], {
            "id": f"plover-{record['gsr_index']:03d}", "text": record["text"], "events": set(), "modes": set(),
            "codes": set(),
        })  # fmt: skip
        entry["events"].add(record["event"])
        entry["modes"].add(record.get("mode"))
        for side in ("source", "target"):
            actors = record.get(side) or []
            entry["codes"] |= {a.get("code") for a in actors if isinstance(a, dict) and len(a.get("code", "")) == 3}
    return list(by_text.values())


def event_countries(event: dict[str, Any]) -> set[str]:
    found = {p.get("affiliation") for p in [*event.get("participants", []), *event.get("received_by", [])]}
    found.add((event.get("location") or {}).get("country"))
    return {code for code in found if code}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gsr", type=Path, default=DEFAULT_GSR, help="plover_gsr.jsonl")
    parser.add_argument("--keep", action="store_true", help="keep the corpus, the SQLite file and the export")
    args = parser.parse_args()
    sentences = load_sentences(args.gsr)
    with scratch_folder("dateline-plover-", keep=args.keep) as folder:
        corpus = folder / "gsr.jsonl"
        corpus.write_text("".join(json.dumps({"id": s["id"], "text": s["text"]}) + "\n" for s in sentences), "utf-8")
        with open_store(str(folder / "plover.db")) as store:
            report = ingest([corpus], store)
            exported = export_json(store)
        print(f"{len(sentences)} distinct sentences, {report.stored} stored, {len(report.rejected)} rejected")
        types_of: dict[str, set[str]] = defaultdict(set)
        events_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for event in [*exported["events"], *exported.get("planned_events", [])]:
            for document in event["documents"]:
                types_of[document].add(event["type"])
                events_of[document].append(event)
        doc_of = {d["id"]: d["id"] for d in exported["documents"]}
        met = {s["id"] for s in sentences if types_of.get(doc_of.get(s["id"], ""), set()) & MEETING_TYPES}
        consult = [s for s in sentences if "CONSULT" in s["events"] and s["modes"] & IN_PERSON]
        phone = [s for s in sentences if "CONSULT" in s["events"] and not s["modes"] & IN_PERSON]
        found = [s for s in consult if s["id"] in met]
        print(f"recall: {len(found)}/{len(consult)} CONSULT sentences (in person) gave a meeting or reception "
              f"({len(found) / max(1, len(consult)):.2f}); phone calls giving one: "
              f"{sum(s['id'] in met for s in phone)}/{len(phone)}")  # fmt: skip
        others = [s for s in sentences if "CONSULT" not in s["events"]]
        false = [s for s in others if s["id"] in met]
        print(f"false events: {len(false)}/{len(others)} sentences of other categories gave a meeting or "
              f"reception ({len(false) / max(1, len(others)):.3f})")  # fmt: skip
        by_category = Counter(event for s in false for event in s["events"])
        totals = Counter(event for s in others for event in s["events"])
        print("  by category: " + ", ".join(f"{c} {by_category[c]}/{totals[c]}" for c in sorted(by_category)))
        any_type = Counter(t for s in others for t in types_of.get(s["id"], ()))
        print("  every event type the other sentences gave: " + ", ".join(f"{t} {n}" for t, n in any_type.items()))
        hits = sum(bool(s["codes"] & set().union(*(event_countries(e) for e in events_of[s["id"]]))) for s in found)
        print(f"actors: {hits}/{len(found)} found CONSULT sentences name a coded actor's country among the "
              f"event's participants, hosts or place")  # fmt: skip
        if args.keep:
            (folder / "export.json").write_text(json.dumps(exported, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
