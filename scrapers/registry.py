"""Source registry: which sites to crawl, how to find their articles and how to parse them.

The registry is data (YAML) so that adding a site never needs code: selectors, discovery
URLs and politeness settings all live in ``scrapers/sources.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml  # type: ignore[import-untyped]

USER_AGENT = "chitieu/0.1 (+https://github.com/chitieu/chitieu)"
DEFAULT_REGISTRY = Path(__file__).resolve().parent / "sources.yaml"
MIRROR_REGISTRY = Path(__file__).resolve().parent / "mirror" / "sources.yaml"
SELECTOR_KEYS = ("title", "date", "body", "author", "drop", "listing_links", "pagination")


class RegistryError(ValueError):
    """The registry file is malformed."""


@dataclass(frozen=True)
class CrawlSettings:
    """Politeness and limits for one source (seconds and bytes)."""

    delay: float = 2.0  # minimum gap between two requests to the same host
    concurrency: int = 1  # simultaneous requests to the same host
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    retries: int = 3  # extra attempts on 429/5xx/connection errors
    backoff: float = 1.0  # first backoff; doubles each attempt
    max_backoff: float = 60.0
    legacy_tls: bool = False  # old state sites still speak TLS 1.0/weak ciphers
    max_redirects: int = 5
    max_listing_pages: int = 20
    max_articles: int = 500
    user_agent: str = USER_AGENT

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> CrawlSettings:
        data = dict(data or {})
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise RegistryError(f"unknown crawl settings: {sorted(unknown)}")
        return cls(**data)


@dataclass(frozen=True)
class Source:
    """One registered site."""

    name: str
    base_url: str
    allowed_hosts: tuple[str, ...]
    listing_urls: tuple[str, ...] = ()
    sitemap_urls: tuple[str, ...] = ()
    rss_urls: tuple[str, ...] = ()
    selectors: dict = field(default_factory=dict, hash=False, compare=False)
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    adapter: str = "generic"
    kind: str = "news"  # city_portal | district_portal | newspaper
    article_url_patterns: tuple[str, ...] = ()  # regexes on the URL path (+query)
    timezone: str = "Asia/Ho_Chi_Minh"
    district: str | None = None  # gazetteer code of the publishing authority, if any
    verified: bool = False  # selectors checked against real pages

    def selector_list(self, key: str) -> list[str]:
        value = self.selectors.get(key) or []
        return [value] if isinstance(value, str) else list(value)

    def host_allowed(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""
        return any(host == h or host.endswith("." + h) for h in self.allowed_hosts)


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _substitute(value: Any, base_url: str | None) -> Any:
    if base_url is None:
        return value
    if isinstance(value, str):
        return value.replace("{base_url}", base_url.rstrip("/"))
    if isinstance(value, list):
        return [_substitute(v, base_url) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, base_url) for k, v in value.items()}
    return value


def _source_from_dict(raw: dict[str, Any], defaults: dict[str, Any]) -> Source:
    if "name" not in raw or "base_url" not in raw:
        raise RegistryError(f"source needs name and base_url: {raw!r}")
    base_url = str(raw["base_url"]).rstrip("/")
    hosts = _as_tuple(raw.get("allowed_hosts")) or (urlsplit(base_url).hostname or "",)
    discovery = raw.get("discovery") or {}
    selectors = dict(raw.get("selectors") or {})
    unknown = set(selectors) - set(SELECTOR_KEYS) - {"verified"}
    if unknown:
        raise RegistryError(f"{raw['name']}: unknown selector keys {sorted(unknown)}")
    crawl = CrawlSettings.from_dict({**defaults, **(raw.get("crawl") or {})})
    return Source(
        name=str(raw["name"]),
        base_url=base_url,
        allowed_hosts=hosts,
        listing_urls=_as_tuple(discovery.get("listing_urls")),
        sitemap_urls=_as_tuple(discovery.get("sitemap_urls")),
        rss_urls=_as_tuple(discovery.get("rss_urls")),
        article_url_patterns=_as_tuple(discovery.get("article_url_patterns")),
        selectors=selectors,
        crawl=crawl,
        adapter=str(raw.get("adapter") or "generic"),
        kind=str(raw.get("kind") or "news"),
        timezone=str(raw.get("timezone") or "Asia/Ho_Chi_Minh"),
        district=raw.get("district"),
        verified=bool(selectors.get("verified", False)),
    )


def load_registry(path: Path | None = None, *, base_url: str | None = None) -> list[Source]:
    """Load sources from a registry YAML; ``base_url`` fills ``{base_url}`` placeholders."""
    path = Path(path) if path is not None else DEFAULT_REGISTRY
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    data = _substitute(data, base_url)
    defaults = data.get("defaults", {}).get("crawl", {}) if isinstance(data, dict) else {}
    raw_sources = data.get("sources") if isinstance(data, dict) else data
    if not isinstance(raw_sources, list) or not raw_sources:
        raise RegistryError(f"{path}: no sources")
    sources = [_source_from_dict(raw, defaults) for raw in raw_sources]
    names = [s.name for s in sources]
    if len(set(names)) != len(names):
        raise RegistryError(f"{path}: duplicate source names")
    return sources


def source_for_url(url: str, sources: list[Source]) -> Source | None:
    """The first source whose allowed hosts (and article patterns, if any) cover ``url``."""
    import re

    path = urlsplit(url)
    tail = path.path + (("?" + path.query) if path.query else "")
    candidates = [s for s in sources if s.host_allowed(url)]
    for s in candidates:
        if any(re.search(p, tail) for p in s.article_url_patterns):
            return s
    return candidates[0] if candidates else None
