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
   (in `.venv-bench`, a separate venv with the project's pin) on the same sample of pages,
   each in a process of its own, one after the other;
6. **realweb**: the same side by side on the 181 real pages of the article-extraction
   benchmark (the generic path), with each one's main-text score; `--old-tree DIR` adds the
   parser of another checkout (the code before a change) to both.

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
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import yaml  # type: ignore[import-untyped]

from chitieu.net import free_port
from chitieu.settings import PROJECT_ROOT, configure_prefect

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
RESULTS = HERE / "results"
BENCH_PYTHON = PROJECT_ROOT / ".venv-bench" / "bin" / "python"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
STAGES = ("crawl", "parse", "load", "extract", "build", "validate", "publish")
ALL_RUNS = ("plain", "flow", "rerun", "changed", "baseline", "realweb")
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
def plain_run(home: Path, registry: Path, pages: int) -> dict:
    """The pipeline's plain-Python stages (`flows.stages`, no Prefect), timed one by one: the
    same `stages.run_crawl` and `stages.finish` the flow wraps as tasks."""
    from flows import stages
    from scrapers.crawl import reparse_archive

    timer = Timer(pages)

    def step(name: str, fn, *args):  # type: ignore[no-untyped-def]
        with timer.stage(name):
            return fn(*args)

    request = stages.RunRequest(home=str(home), registry=str(registry), use_mirror=False)
    with stages.prepared(request) as request:
        with stages.registered_sources(request) as sources:
            summary = stages.run_crawl(request, sources, step)
            # parse + extract alone: the archive again, no network (not added to the total)
            with timer.stage("parse") as rec:
                again = reparse_archive(request.paths.archive, sources, str(WORK / "reparse"))
                rec["items"] = again.counts["articles"]
            subprocess.run(["rm", "-rf", str(WORK / "reparse")], check=True)
        stages.finish(request, summary, step)
    done = timer.stages
    total = sum(s["seconds"] for k, s in done.items() if k != "parse")
    return {
        "stages": done,
        "total_seconds": round(total, 2),
        "peak_mb": max(s["peak_mb"] for s in done.values()),
        "articles": summary.totals.get("articles"),
        "figures": summary.totals.get("figures"),
        "validation_passed": bool(summary.validation and summary.validation.passed),
        "crawl_counts": {k: v for k, v in summary.crawl.items() if k != "sources"},
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
        "crawl": {k: v for k, v in summary.crawl.items() if k != "sources"},
        "build_skipped": summary.build_skipped,
        "totals": summary.totals,
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


def _python_with_trafilatura() -> Path:
    """The bench venv's Python; else this one (trafilatura is a dependency, same pin)."""
    return BENCH_PYTHON if BENCH_PYTHON.exists() else Path(sys.executable)


def _worker(cmd: list[str]) -> dict:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=PROJECT_ROOT)
    if proc.returncode != 0:
        return {"error": proc.stderr[-2000:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def side_by_side(
    pages: list[dict], tag: str, registry: Path | None, old_tree: str | None, reps: int
) -> dict:
    """Our parse (then extract), trafilatura.extract and, with ``old_tree``, the parser of
    another checkout, one after the other, each in a process of its own (one core), on the
    same pages; texts to bench/.work/<tag>-<who>.jsonl."""
    listing = WORK / f"{tag}-pages.json"
    listing.write_text(json.dumps(pages))
    worker = [sys.executable, str(HERE / "parse_worker.py"), str(listing)]
    worker += ["--registry", str(registry)] if registry else []
    runs = {"chitieu": [*worker, str(WORK / f"{tag}-chitieu.jsonl"), "--extract"]}
    if old_tree:
        runs["old"] = [*worker, str(WORK / f"{tag}-old.jsonl"), "--tree", old_tree]
    runs["trafilatura"] = [
        str(_python_with_trafilatura()), str(HERE / "baseline_trafilatura.py"), str(listing),
        "--out", str(WORK / f"{tag}-trafilatura.jsonl"),
    ]  # fmt: skip
    out: dict = {"pages": len(pages), "load_before": load()}
    for who, cmd in runs.items():
        out[who] = _worker([*cmd, "--reps", str(reps)])
    out["load_after"] = load()
    ours, tf = out["chitieu"], out["trafilatura"]
    if "error" not in ours and "error" not in tf:
        both = ours["parse_cpu_ms"] + ours["extract_cpu_ms"]
        out["ratios_cpu"] = {
            "parse_vs_trafilatura_time": round(ours["parse_cpu_ms"] / tf["cpu_ms_per_page"], 3),
            "parse_plus_extract_vs_trafilatura_time": round(both / tf["cpu_ms_per_page"], 3),
            "parse_plus_extract_pages_per_s_vs_trafilatura": round(tf["cpu_ms_per_page"] / both, 2),
        }
    return out


def baseline(corpus: Path, sample: int, old_tree: str | None = None, reps: int = 2) -> dict:
    """parse_article (+ extract_figures) vs trafilatura.extract on the same synthetic pages."""
    from scrapers.mirror.site import static_site

    base = "http://127.0.0.1:1"
    registry = write_registry(WORK, base)
    files = sorted(
        (t, f) for t, f in static_site(corpus).items() if f.path.parent.parent.name == "pages"
    )
    chosen = random.Random(0).sample(files, min(sample, len(files)))
    pages = [{"path": str(f.path), "url": base + t, "content_type": f.content_type}
             for t, f in chosen]  # fmt: skip
    out = side_by_side(pages, "baseline", registry, old_tree, reps)
    out["mean_kb"] = round(sum(f.path.stat().st_size for _, f in chosen) / len(chosen) / 1024, 1)
    print_side_by_side("baseline (synthetic pages, adapters)", out)
    return out


def realweb(old_tree: str | None = None, reps: int = 2) -> dict:
    """The generic path on the 181 real pages of the article-extraction benchmark: time per
    page and main-text score (P/R/F1, empty outputs), ours against trafilatura.extract."""
    from tests.realweb import ZYTE, score, zyte_truth

    truth = zyte_truth()
    pages = [{"path": str(ZYTE / "html" / f"{k}.html.gz"), "url": v["url"]}
             for k, v in sorted(truth.items())]  # fmt: skip
    out = side_by_side(pages, "realweb", None, old_tree, reps)
    gold = {k: v["articleBody"] for k, v in truth.items()}
    for who in ("chitieu", "old", "trafilatura"):
        path = WORK / f"realweb-{who}.jsonl"
        if who in out and "error" not in out[who] and path.exists():
            texts = {}
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                texts[Path(row["path"]).name.split(".")[0]] = row["text"]
            s = score(gold, texts)
            out[who]["score"] = {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                                 "f1": round(s.f1, 4), "empty": s.empty}  # fmt: skip
    print_side_by_side("realweb (181 benchmark pages, generic path)", out)
    return out


def print_side_by_side(title: str, out: dict) -> None:
    print(f"    {title}: {out['pages']} pages, load {out['load_before']}→{out['load_after']}")
    for who in ("old", "chitieu", "trafilatura"):
        r = out.get(who)
        if not r:
            continue
        if "error" in r:
            print(f"      {who:<12} failed: {r['error'][-300:]}")
            continue
        ms = r.get("parse_cpu_ms", r.get("cpu_ms_per_page"))
        line = f"      {who:<12} {'parse' if who != 'trafilatura' else 'extract'} {ms:7.2f} ms"
        if "extract_cpu_ms" in r:
            both = r["parse_cpu_ms"] + r["extract_cpu_ms"]
            line += f"  figures {r['extract_cpu_ms']:6.2f} ms  parse+figures {both:7.2f} ms"
        if "score" in r:
            sc = r["score"]
            line += f"  P {sc['precision']:.3f} R {sc['recall']:.3f} F1 {sc['f1']:.3f}"
            line += f" empty {sc['empty']}"
        print(line + "  (CPU ms a page)")
    if "ratios_cpu" in out:
        print(f"      ratios {out['ratios_cpu']}")


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
        result["baseline"] = baseline(root, args.sample, args.old_tree, args.reps)
    if "realweb" in args.runs:
        result["realweb"] = realweb(args.old_tree, args.reps)
    result["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    summarise(result)
    RESULTS.mkdir(exist_ok=True)
    # a subset of the runs gets its own file: the full run's results stay as they were
    subset = "" if args.default_runs else "-" + "-".join(args.runs)
    out = RESULTS / f"bench-{pages}{subset}.json"
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
        "--old-tree", help="a checkout of the code before a change: its parser runs too "
        "(baseline, realweb), for old-vs-new in the same run",
    )  # fmt: skip
    ap.add_argument("--reps", type=int, default=2, help="repetitions per timed run (fastest)")
    ap.add_argument(
        "--embedded", action="store_true", help="flows on the embedded API, not a server"
    )
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
    os.environ["PREFECT_HOME"] = str(WORK / "prefect")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")  # not the missing-limit notices
    configure_prefect(WORK)
    logging.basicConfig(level=logging.WARNING)
    SAMPLER.start()
    with prefect_server(args.embedded):
        chosen = args.runs
        for pages in args.pages:
            args.runs = chosen or (ALL_RUNS if pages < BIG else ("flow", "rerun", "changed"))
            args.default_runs = chosen is None
            bench_size(pages, args.seed, args)
    SAMPLER.stop()


@contextlib.contextmanager
def prefect_server(embedded: bool) -> Iterator[None]:
    """The flows run on a real Prefect server started once (as the scheduled runs of
    `chitieu server` do; its start is not a run's cost), in this process tree (its memory
    counts); `--embedded` uses Prefect's embedded API instead, as `chitieu run` does."""
    os.environ.pop("PREFECT_API_URL", None)
    if embedded:
        yield
        return
    from app.server import start_server

    server = start_server(WORK / "prefect-server", free_port(), timeout=300)
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()


if __name__ == "__main__":
    main()
