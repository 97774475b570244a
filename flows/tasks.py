"""Prefect tasks: small, typed wrappers over the chitieu library.

Retries only where there is I/O that can fail for passing reasons (the crawl);
the rest is deterministic and would fail the same way twice.
"""

from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from chitieu import extraction, publish, quality, raw, transform
from chitieu.settings import Paths
from expectations.run import ValidationReport, validate
from flows.runtime import CrawlProgress, host_limits
from scrapers.crawl import CrawlResult, crawl_sources, reparse_archive
from scrapers.registry import Source


@task(name="crawl", retries=1, retry_delay_seconds=10, timeout_seconds=6 * 3600)
def crawl(sources: list[Source], archive: Path, full_reparse: bool) -> CrawlResult:
    if full_reparse:
        return reparse_archive(archive, sources)
    # one crawl per host across all workers; progress shows as a Prefect artifact
    with host_limits(sources):
        return crawl_sources(sources, archive, progress=CrawlProgress())


@task(name="load-crawl", cache_policy=NO_CACHE)
def load_crawl(db: Path, result: CrawlResult, run_id: str) -> dict[str, int]:
    return raw.load_crawl(db, result.pages, result.articles, run_id)


@task(name="articles-to-extract")
def articles_to_extract(db: Path) -> list[dict]:
    return raw.articles_to_extract(db, extraction.extractor_version())


@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_batch(articles: list[dict]) -> list[dict]:
    return extraction.extract_batch(articles)


@task(name="load-figures", cache_policy=NO_CACHE)
def load_figures(db: Path, article_ids: list[str], figures: list[dict], run_id: str) -> int:
    return raw.load_figures(db, article_ids, figures, extraction.extractor_version(), run_id)


@task(name="dbt-build", timeout_seconds=1800)
def dbt_build(paths: Paths) -> dict[str, int]:
    return transform.build(paths, paths.build_db).counts


@task(name="validate", timeout_seconds=1800)
def validate_warehouse(paths: Paths, run_id: str) -> ValidationReport:
    baseline = publish.published_counts(paths.published)
    report = validate(paths.build_db, paths.gx, paths.validation, run_id, baseline)
    quality.record(paths.build_db, report)
    return report


@task(name="publish")
def publish_warehouse(paths: Paths, run_id: str, counts: dict) -> Path:
    return publish.publish(paths.build_db, paths.published, run_id, counts)
