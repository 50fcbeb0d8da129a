"""Stories on the Gun Violence Corpus: a second, out-of-domain check of story grouping.

GVC (../shared/data/gvc/README.md) is 510 local US news reports of 241 shootings, every one
the same kind of event, so grouping by incident rests on who, where and when. It is for
reporting only: every threshold and feature is chosen on ECB+ (bench/ecbplus.py), then this
runs once and the figure is reported as it comes out. The articles go to ``dateline ingest``
with their title, text, URL and publication date (as a feed gives them; never the gold
incident), and the export's document → story links are scored as for ECB+: pairwise P/R/F1
and B³ over all 510 documents. Usage:

    .venv/bin/python bench/gvc.py [--data ../shared/data/gvc] [--db PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecbplus import report_stories

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "gvc"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--db", type=Path, default=None, help="keep the store here (an existing one is reused)")
    args = parser.parse_args()
    source = args.data / "gvc.jsonl"
    if not source.is_file():
        print(f"{source}: not found (the GVC file lives in ../shared/data/gvc)", file=sys.stderr)
        return 2
    report_stories("GVC", "gold incidents", source, ("id", "title", "text", "url", "published"), args.db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
