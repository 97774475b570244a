"""Period predictions for a folder of articles with their publication dates, for
tests/data/score_periods.py:

    .venv/bin/python -m tests.periods_scoring tests/data/periods > /tmp/pred.jsonl
    python tests/data/score_periods.py tests/data/periods/all.jsonl /tmp/pred.jsonl

A folder holds `<id>_<slug>.txt` articles and `sources.json`, mapping each id to an object with
its publication date (`published`, or any key with "published" or "date" in its name, as
YYYY-MM-DD, YYYY-MM or YYYY).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from chitieu.figures import extract_figures


def published_dates(folder: Path) -> dict[str, date | None]:
    sources = json.loads((folder / "sources.json").read_text(encoding="utf-8"))
    out: dict[str, date | None] = {}
    for doc, meta in sources.items():
        keys = sorted(k for k in meta if "published" in k or "date" in k)
        value = next((str(meta[k])[:10] for k in keys if meta.get(k)), None)
        out[doc.split("_")[0]] = _date(value) if value else None
    return out


def _date(value: str) -> date | None:
    """YYYY-MM-DD; a bare YYYY-MM or YYYY (a date inferred only to the month or year) takes
    the month's first day or mid-year."""
    parts = value.split("-")
    if not parts[0].isdigit():
        return None
    year, month = int(parts[0]), int(parts[1]) if len(parts) > 1 else 7
    return date(year, month, int(parts[2]) if len(parts) > 2 else 1)


def predictions(folder: Path) -> list[dict]:
    """Every figure of the folder's articles as a record with `doc`, periods included."""
    dates = published_dates(folder)
    rows = []
    for path in sorted(folder.glob("*_*.txt")):
        doc = path.name.split("_")[0]
        text = path.read_text(encoding="utf-8")
        rows += [f.to_dict(doc) for f in extract_figures(text, published=dates.get(doc))]
    return rows


def main() -> None:
    for row in predictions(Path(sys.argv[1])):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
