"""The shipped source registry and the mirror's registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapers.registry import (
    DEFAULT_REGISTRY,
    MIRROR_REGISTRY,
    USER_AGENT,
    RegistryError,
    load_registry,
    source_for_url,
)


def test_shipped_registry_has_the_required_sources() -> None:
    sources = {s.name: s for s in load_registry()}
    hosts = {h for s in sources.values() for h in s.allowed_hosts}
    assert {
        "hanoi.gov.vn",
        "bactuliem.hanoi.gov.vn",
        "tayho.hanoi.gov.vn",
        "hanoimoi.vn",
        "kinhtedothi.vn",
    } <= hosts
    kinds = [s.kind for s in sources.values()]
    assert kinds.count("district_portal") >= 2 and kinds.count("newspaper") >= 2
    assert "city_portal" in kinds


def test_every_source_has_discovery_selectors_and_settings() -> None:
    for s in load_registry(DEFAULT_REGISTRY):
        assert s.base_url.startswith("https://") and s.allowed_hosts
        assert s.listing_urls and s.sitemap_urls
        assert all(s.host_allowed(u) for u in s.listing_urls + s.sitemap_urls + s.rss_urls)
        for key in ("title", "date", "body", "author", "drop"):
            assert s.selector_list(key), (s.name, key)
        # which selectors were checked on saved real pages: tests/test_scrapers_realweb.py
        assert s.crawl.delay >= 1 and s.crawl.concurrency == 1 and s.crawl.timeout > 0
        assert s.crawl.max_bytes > 0 and s.crawl.user_agent == USER_AGENT
        assert s.timezone == "Asia/Ho_Chi_Minh"
    liferay = [s for s in load_registry() if s.adapter == "liferay"]
    assert liferay and all(s.crawl.legacy_tls for s in liferay)
    assert all(any("/-/asset_publisher/" in p for p in s.article_url_patterns) for s in liferay)
    cms = [s for s in load_registry() if s.adapter == "cms"]
    assert all(".article__body.cms-body" in s.selector_list("body") for s in cms)


def test_mirror_registry_substitutes_base_url() -> None:
    sources = load_registry(MIRROR_REGISTRY, base_url="http://127.0.0.1:9999/")
    assert len(sources) == 3 and len({s.adapter for s in sources}) == 3
    assert all(u.startswith("http://127.0.0.1:9999/") for s in sources for u in s.listing_urls)
    url = "http://127.0.0.1:9999/web/tayho/tin-tuc/-/asset_publisher/x/content/y"
    assert source_for_url(url, sources).adapter == "liferay"


def test_bad_registry_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - name: x\n    base_url: https://x.vn\n    crawl: {speed: 1}\n")
    with pytest.raises(RegistryError):
        load_registry(bad)
    bad.write_text("sources: []\n")
    with pytest.raises(RegistryError):
        load_registry(bad)
