"""End-to-end benchmark of the pipeline: `make bench` (= `python -m bench.run`).

For each corpus size (default 1,000 and 10,000 pages) it generates the synthetic site
(`bench/corpus.py`), serves it with the local mirror in a child process on 127.0.0.1, and
runs, each in a fresh home under `bench/.work/`:

1. **plain**: the pipeline's library calls without Prefect, stage by stage: crawl (fetch,
   archive and parse, as `crawl_sources` runs them together), load, extract, dbt build,
   validate, publish; plus parse alone (the archive re-parsed by `reparse_archive`, no
   network), so that the crawl's fetch share can be told from its parse share;
2. **flow**: the Prefect flow `chitieu_pipeline` on the same site (a cold start of the
   embedded Prefect API included, as `chitieu run` pays it);
3. **rerun**: the flow again, nothing changed (conditional GETs, nothing re-parsed);
4. **changed**: the flow again after 1% of the article pages changed their numbers;
5. **baseline**: `parse_article` (+ figure extraction) against `trafilatura.extract`
   (in `.venv-bench`, a separate venv) on the same sample of pages.

Wall time, throughput and peak memory (RSS of this process and its children, the mirror
excluded, sampled every 20 ms) per stage; the load average next to each. Results go to
`bench/results/bench-<pages>.json` and a table is printed; `docs/performance.md` explains.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import platform
import random
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import yaml  # type: ignore[import-untyped]

from chitieu.settings import PROJECT_ROOT, Paths, configure_prefect

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
RESULTS = HERE / "results"
BENCH_PYTHON = PROJECT_ROOT / ".venv-bench" / "bin" / "python"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
STAGES = ("crawl", "parse", "extract", "load", "dbt build", "validate", "publish")
ALL_RUNS = ("plain", "flow", "rerun", "changed", "baseline")
BIG = 5000  # from this size on, only the flow runs by default


# -- memory and load ----------------------------------------------------------------------
def _children(pid: int) -> list[int]:
    out: list[int] = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError), open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    return out


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


class MemorySampler:
    """Peak RSS of this process tree (minus excluded pids), sampled in a thread."""

    def __init__(self, every: float = 0.02) -> None:
        self.every, self.exclude = every, set[int]()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def tree_rss(self) -> int:
        todo, total = [os.getpid()], 0
        while todo:
            pid = todo.pop()
            if pid in self.exclude:
                continue
            total += _rss(pid)
            todo += _children(pid)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.tree_rss())
            self._stop.wait(self.every)

    def start(self) -> MemorySampler:
        self._thread.start()
        return self

    def reset(self) -> None:
        self.peak = self.tree_rss()

    def stop(self) -> None:
        self._stop.set()


SAMPLER = MemorySampler()


def load() -> float:
    return round(os.getloadavg()[0], 2)


class Timer:
    """Stage timings of one run: wall seconds, peak RSS, load average before and after."""

    def __init__(self, pages: int) -> None:
        self.pages, self.stages = pages, {}

    @contextlib.contextmanager
    def stage(self, name: str, items: int | None = None) -> Iterator[dict]:
        SAMPLER.reset()
        record: dict = {"load_before": load()}
        start = time.perf_counter()
        try:
            yield record
        finally:
            seconds = time.perf_counter() - start
            items = record.pop("items", items if items is not None else self.pages)
            record.update(
                seconds=round(seconds, 3),
                items=items,
                per_second=round(items / seconds, 1) if seconds and items else None,
                peak_mb=round(max(SAMPLER.peak, SAMPLER.tree_rss()) / 2**20, 1),
                load_after=load(),
            )
            self.stages[name] = record
            print(f"    {name:<10} {seconds:8.2f} s  {record['peak_mb']:7.0f} MB  load {load()}")


# -- the site ------------------------------------------------------------------------------
def corpus_dir(pages: int, seed: int) -> Path:
    return WORK / f"corpus-{pages}-s{seed}"


def ensure_corpus(pages: int, seed: int) -> tuple[Path, dict]:
    from bench import corpus

    out = corpus_dir(pages, seed)
    info, touched = out / "corpus.json", out / "touched.json"
    if info.exists() and touched.exists():  # a "1% changed" run left its pages changed
        corpus.restore_pages(out, json.loads(touched.read_text()), seed)
        touched.unlink()
    if info.exists():
        return out, json.loads(info.read_text())
    start = time.perf_counter()
    summary = corpus.generate(out, pages, seed)
    summary["generate_seconds"] = round(time.perf_counter() - start, 1)
    info.write_text(json.dumps(summary, indent=1))
    return out, summary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def mirror(root: Path, port: int) -> Iterator[str]:
    """The mirror in a child process (its CPU is not the pipeline's, its GIL neither)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "scrapers.mirror.server", "--root", str(root), "--port", str(port)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    SAMPLER.exclude.add(proc.pid)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)
        SAMPLER.exclude.discard(proc.pid)


def write_registry(home: Path, base_url: str) -> Path:
    """The mirror's registry pointed at the synthetic site: no per-source caps (10k pages),
    as many requests in flight as crawl workers, no RSS feed (the site has none)."""
    from scrapers.crawl import WORKERS
    from scrapers.registry import MIRROR_REGISTRY

    data = yaml.safe_load(MIRROR_REGISTRY.read_text(encoding="utf-8"))
    data["defaults"]["crawl"].update(
        concurrency=WORKERS, timeout=30.0, max_listing_pages=100_000, max_articles=1_000_000
    )
    for source in data["sources"]:
        source["discovery"].pop("rss_urls", None)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path = home / "registry.yaml"
    path.write_text(text.replace("{base_url}", base_url), encoding="utf-8")
    return path


# -- runs ------------------------------------------------------------------------------------
def plain_run(home: Path, registry: Path, pages: int, batch_size: int = 250) -> dict:
    """The flow's work as plain function calls, stage by stage (no Prefect)."""
    from chitieu import extraction, publish, quality, raw, transform
    from expectations.run import validate
    from scrapers.crawl import crawl_sources, reparse_archive
    from scrapers.registry import load_registry

    paths = Paths.from_env(home).ensure()
    sources = load_registry(registry)
    run_id, started = uuid.uuid4().hex, datetime.now(UTC)
    timer = Timer(pages)
    with timer.stage("crawl") as rec:
        crawled = crawl_sources(sources, paths.archive)
        rec["items"] = len(crawled.articles)
        rec["counts"] = crawled.counts()
    with timer.stage("parse") as rec:
        reparsed = reparse_archive(paths.archive, sources)
        rec["items"] = len(reparsed.articles)
    del reparsed
    with timer.stage("load") as rec:
        raw.load_crawl(paths.build_db, crawled.pages, crawled.articles, run_id)
        rec["items"] = len(crawled.articles)
    n_articles = len(crawled.articles)
    counts = crawled.counts()
    del crawled
    version = extraction.extractor_version()
    pending = raw.articles_to_extract(paths.build_db, version)
    figures_seconds, load_seconds, n_figures = 0.0, 0.0, 0
    with timer.stage("extract+load figures") as rec:
        for i in range(0, len(pending), batch_size):
            batch = pending[i : i + batch_size]
            t0 = time.perf_counter()
            figures = extraction.extract_batch(batch)
            t1 = time.perf_counter()
            n_figures += raw.load_figures(
                paths.build_db, [a["article_id"] for a in batch], figures, version, run_id
            )
            figures_seconds += t1 - t0
            load_seconds += time.perf_counter() - t1
        rec["items"] = len(pending)
        rec["figures"] = n_figures
    both = timer.stages.pop("extract+load figures")
    timer.stages["extract"] = {
        **both,
        "seconds": round(figures_seconds, 3),
        "per_second": round(len(pending) / figures_seconds, 1) if figures_seconds else None,
    }
    timer.stages["load"]["seconds"] = round(timer.stages["load"]["seconds"] + load_seconds, 3)
    timer.stages["load"]["figures_seconds"] = round(load_seconds, 3)
    with timer.stage("dbt build", n_articles) as rec:
        rec["counts"] = transform.build(paths, paths.build_db).counts
    with timer.stage("validate", n_articles) as rec:
        baseline = publish.published_counts(paths.published)
        report = validate(paths.build_db, paths.gx, paths.validation, run_id, baseline)
        quality.record(paths.build_db, report)
        rec["passed"] = report.passed
    with timer.stage("publish", n_articles):
        totals = raw.table_counts(paths.build_db)
        raw.record_run(paths.build_db, run_id, started, "validated", {"crawl": counts})
        if report.passed:
            publish.publish(paths.build_db, paths.published, run_id, {"totals": totals})
    stages = timer.stages
    total = sum(s["seconds"] for k, s in stages.items() if k != "parse")
    return {
        "stages": stages,
        "total_seconds": round(total, 2),
        "peak_mb": max(s["peak_mb"] for s in stages.values()),
        "articles": n_articles,
        "figures": n_figures,
        "validation_passed": report.passed,
        "crawl_counts": counts,
    }


def flow_run(home: Path, registry: Path, label: str) -> dict:
    """The Prefect flow as `chitieu run` calls it, timed as a whole."""
    from flows.pipeline import chitieu_pipeline

    SAMPLER.reset()
    before = load()
    start = time.perf_counter()
    state = chitieu_pipeline(
        home=str(home), registry=str(registry), use_mirror=False, return_state=True
    )
    seconds = time.perf_counter() - start
    summary = state.result()
    out = {
        "seconds": round(seconds, 2),
        "peak_mb": round(max(SAMPLER.peak, SAMPLER.tree_rss()) / 2**20, 1),
        "load_before": before,
        "load_after": load(),
        "crawl": summary.crawl,
        "figures_extracted": summary.figures_extracted,
    }
    with contextlib.suppress(Exception):  # the breakdown is a courtesy
        out.update(task_breakdown(state.state_details.flow_run_id, seconds))
    print(f"    flow {label:<8} {seconds:8.2f} s  {out['peak_mb']:7.0f} MB  load {load()}")
    for name, t in out.get("tasks", {}).items():
        print(f"      {name:<20} x{t['runs']:<4} span {t['span_seconds']:8.2f} s")
    return out


def task_breakdown(flow_run_id, wall: float) -> dict:
    """Task runs of the flow run, from the Prefect API: per task name, how many runs, the
    span (first start to last end) and the summed run time; and the wall time during which
    no task ran (the flow's own code plus orchestration)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.client.schemas.sorting import TaskRunSort

    runs = []
    with get_client(sync_client=True) as client:
        flow_run = client.read_flow_run(flow_run_id)
        while True:
            page = client.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])),
                sort=TaskRunSort.EXPECTED_START_TIME_ASC,
                limit=200,
                offset=len(runs),
            )
            runs += page
            if len(page) < 200:
                break
    tasks: dict[str, dict] = {}
    intervals = []
    for run in runs:
        if not (run.start_time and run.end_time):
            continue
        name = run.name.rsplit("-", 1)[0]
        t = tasks.setdefault(name, {"runs": 0, "sum_seconds": 0.0, "start": None, "end": None})
        t["runs"] += 1
        t["sum_seconds"] += (run.end_time - run.start_time).total_seconds()
        t["start"] = min(t["start"] or run.start_time, run.start_time)
        t["end"] = max(t["end"] or run.end_time, run.end_time)
        intervals.append((run.start_time, run.end_time))
    busy, last = 0.0, None
    for a, b in sorted(intervals):
        if last is None or a > last:
            busy += (b - a).total_seconds()
            last = b
        elif b > last:
            busy += (b - last).total_seconds()
            last = b
    engine = None
    if flow_run.start_time and flow_run.end_time:
        engine = (flow_run.end_time - flow_run.start_time).total_seconds()
    for t in tasks.values():
        t["span_seconds"] = round((t.pop("end") - t.pop("start")).total_seconds(), 2)
        t["sum_seconds"] = round(t["sum_seconds"], 2)
    return {
        "tasks": dict(sorted(tasks.items(), key=lambda kv: -kv[1]["span_seconds"])),
        "tasks_busy_seconds": round(busy, 2),
        "flow_run_seconds": round(engine, 2) if engine else None,
        "outside_tasks_seconds": round(wall - busy, 2),
    }


def baseline(corpus: Path, sample: int) -> dict:
    """parse_article (+ extract_figures) vs trafilatura.extract on the same pages."""
    from chitieu.figures import extract_figures
    from chitieu.raw import article_text
    from scrapers.mirror.site import static_site
    from scrapers.parse import parse_article
    from scrapers.registry import load_registry, source_for_url

    base = "http://127.0.0.1:1"
    sources = load_registry(write_registry(WORK, base))
    files = sorted(
        (t, f) for t, f in static_site(corpus).items() if f.path.parent.parent.name == "pages"
    )
    chosen = random.Random(0).sample(files, min(sample, len(files)))
    jobs = [(f.path.read_bytes(), base + t, f.content_type) for t, f in chosen]
    parsed = []
    start = time.perf_counter()
    for body, url, ctype in jobs:
        parsed.append(
            parse_article(body, url, source_for_url(url, sources), headers={"content-type": ctype})
        )
    parse_s = time.perf_counter() - start
    start = time.perf_counter()
    for art in parsed:
        extract_figures(article_text(art.title, art.text))
    extract_s = time.perf_counter() - start
    out: dict = {
        "pages": len(jobs),
        "mean_kb": round(sum(len(b) for b, _, _ in jobs) / len(jobs) / 1024, 1),
        "parse_ms_per_page": round(1000 * parse_s / len(jobs), 2),
        "extract_ms_per_page": round(1000 * extract_s / len(jobs), 2),
        "parse_plus_extract_ms_per_page": round(1000 * (parse_s + extract_s) / len(jobs), 2),
        "chitieu_chars": sum(len(a.text) for a in parsed),
        "load": load(),
    }
    if BENCH_PYTHON.exists():
        listing = WORK / "baseline-files.json"
        listing.write_text(json.dumps([str(f.path) for _, f in chosen]))
        proc = subprocess.run(
            [str(BENCH_PYTHON), str(HERE / "baseline_trafilatura.py"), str(listing)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode == 0:
            out["trafilatura"] = json.loads(proc.stdout.strip().splitlines()[-1])
        else:
            out["trafilatura_error"] = proc.stderr[-2000:]
    else:
        out["trafilatura_error"] = f"{BENCH_PYTHON} missing: run `make bench`"
    tf = out.get("trafilatura", {}).get("ms_per_page")
    print(
        f"    baseline: parse {out['parse_ms_per_page']} ms/page, +extract "
        f"{out['parse_plus_extract_ms_per_page']} ms/page, trafilatura.extract {tf} ms/page"
    )
    return out


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as fh:
        cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), "")
    mem = 0
    with contextlib.suppress(OSError), open("/proc/meminfo") as fh:
        mem = int(next(ln.split()[1] for ln in fh if ln.startswith("MemTotal"))) // 1024
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_mb": mem,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def git_state() -> dict:
    """The commit the code came from, and which tracked files differed from it."""

    def git(*args: str) -> str:
        proc = subprocess.run(
            ["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
        )
        return proc.stdout.strip()

    return {"head": git("rev-parse", "HEAD"), "modified": git("diff", "--name-only").split()}


def bench_size(pages: int, seed: int, args: argparse.Namespace) -> dict:
    from bench import corpus

    print(f"== {pages} pages (seed {seed})")
    root, info = ensure_corpus(pages, seed)
    print(
        f"    corpus: {info['files']} files, {info['bytes'] / 2**20:.0f} MB, "
        f"mean {info['mean_kb']:.0f} KB"
    )
    result: dict = {
        "pages": pages,
        "seed": seed,
        "machine": machine(),
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": git_state(),
        "corpus": info,
        "load_at_start": os.getloadavg(),
    }
    tag = f"{pages}-s{seed}"
    for home in (WORK / f"home-plain-{tag}", WORK / f"home-flow-{tag}"):
        if home.exists():
            subprocess.run(["rm", "-rf", str(home)], check=True)
        home.mkdir(parents=True)
    port = free_port()  # one port for all runs of this size: page identity is the URL
    with mirror(root, port) as url:
        if "plain" in args.runs:
            print("  plain (no Prefect)")
            home = WORK / f"home-plain-{tag}"
            result["plain"] = plain_run(home, write_registry(home, url), pages)
        if "flow" in args.runs:
            home = WORK / f"home-flow-{tag}"
            registry = write_registry(home, url)
            result["flow"] = flow_run(home, registry, "full")
            if "rerun" in args.runs:
                result["rerun"] = flow_run(home, registry, "rerun")
            if "changed" in args.runs:
                changed = corpus.touch_pages(root, pages, seed, 0.01)
                (root / "touched.json").write_text(json.dumps(changed))
                result["changed"] = {
                    **flow_run(home, registry, "1%"),
                    "pages_changed": len(changed),
                }
                corpus.restore_pages(root, changed, seed)
                (root / "touched.json").unlink()
    if "baseline" in args.runs:
        result["baseline"] = baseline(root, args.sample)
    result["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    summarise(result)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench-{pages}.json"
    out.write_text(json.dumps(result, indent=1, default=str) + "\n")
    print(f"    written {out.relative_to(PROJECT_ROOT)}")
    return result


def summarise(result: dict) -> None:
    """Derived numbers: Prefect's share, re-run ratios, the table."""
    plain, flow = result.get("plain"), result.get("flow")
    if plain and flow:
        overhead = flow["seconds"] - plain["total_seconds"]
        result["prefect_overhead_seconds"] = round(overhead, 2)
        result["prefect_share"] = round(overhead / flow["seconds"], 3)
    for key in ("rerun", "changed"):
        if flow and result.get(key):
            result[key]["ratio_to_full"] = round(result[key]["seconds"] / flow["seconds"], 3)
    if plain:
        print(f"  {'stage':<10} {'seconds':>9} {'items/s':>9} {'peak MB':>8} {'load':>5}")
        for name in STAGES:
            s = plain["stages"].get(name)
            if s:
                print(
                    f"  {name:<10} {s['seconds']:9.2f} {s['per_second'] or 0:9.1f} "
                    f"{s['peak_mb']:8.0f} {s['load_after']:5.2f}"
                )
        print(f"  {'total':<10} {plain['total_seconds']:9.2f}  (parse is inside crawl; not added)")
    for key in ("flow", "rerun", "changed"):
        if result.get(key):
            r = result[key]
            print(
                f"  flow {key:<8} {r['seconds']:9.2f} s, peak {r['peak_mb']:.0f} MB, "
                f"ratio {r.get('ratio_to_full', 1)}"
            )
    if "prefect_share" in result:
        print(
            f"  Prefect overhead {result['prefect_overhead_seconds']} s = "
            f"{result['prefect_share']:.1%} of the flow"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sample", type=int, default=300, help="pages in the parse baseline")
    ap.add_argument(
        "--runs",
        nargs="+",
        default=None,
        choices=list(ALL_RUNS),
        help=f"default: all below {BIG:,} pages; from {BIG:,} the flow runs only (the plain "
        "run would double the time; the flow's task spans give the stages)",
    )
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    os.environ.pop("PREFECT_API_URL", None)  # the embedded API, as `chitieu run` on a laptop
    os.environ["PREFECT_HOME"] = str(WORK / "prefect")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")  # not the missing-limit notices
    configure_prefect(WORK)
    logging.basicConfig(level=logging.WARNING)
    SAMPLER.start()
    chosen = args.runs
    for pages in args.pages:
        args.runs = chosen or (ALL_RUNS if pages < BIG else ("flow", "rerun", "changed"))
        bench_size(pages, args.seed, args)
    SAMPLER.stop()


if __name__ == "__main__":
    main()
