"""`trafilatura.extract` on a list of pages, timed: run with the bench venv's Python.

    .venv-bench/bin/python bench/baseline_trafilatura.py LIST.json

LIST.json is a JSON list of HTML file paths; prints one JSON object: pages, seconds,
ms per page, characters extracted. Standalone (no chitieu import), so trafilatura never
enters the project's lock file.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    import trafilatura

    files = [Path(p) for p in json.loads(Path(sys.argv[1]).read_text())]
    bodies = [f.read_bytes() for f in files]
    trafilatura.extract(bodies[0])  # warm-up: imports and caches, not counted
    chars, empty = 0, 0
    start = time.perf_counter()
    for body in bodies:
        text = trafilatura.extract(body)
        chars += len(text or "")
        empty += not text
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "pages": len(bodies),
                "seconds": seconds,
                "ms_per_page": 1000 * seconds / len(bodies),
                "chars": chars,
                "empty": empty,
                "version": trafilatura.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
