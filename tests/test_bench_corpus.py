"""The benchmark's synthetic corpus: deterministic for a seed, pages of realistic size,
served by the mirror and parsed like the real ones."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx

from bench import corpus
from scrapers.mirror.server import serve_mirror
from scrapers.mirror.site import static_site
from scrapers.parse import parse_article
from scrapers.registry import MIRROR_REGISTRY, load_registry, source_for_url


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def test_corpus_is_deterministic_and_realistic(tmp_path: Path) -> None:
    a = corpus.generate(tmp_path / "a", 30, seed=3)
    corpus.generate(tmp_path / "b", 30, seed=3)
    other = corpus.generate(tmp_path / "c", 30, seed=4)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")
    assert a["min_kb"] >= 39 and a["max_kb"] <= 121  # 40-120 KB; windows-1258 pages a bit less
    assert other["min_kb"] >= 39 and other["max_kb"] <= 121

    pages = static_site(tmp_path / "a")
    assert pages is not None
    articles = {t: f for t, f in pages.items() if f.path.parent.parent.name == "pages"}
    assert len(articles) == 30
    assert {"/sitemap.xml", "/robots.txt", "/city/tin-tuc", "/bao/chinh-tri"} <= set(pages)

    sources = load_registry(MIRROR_REGISTRY, base_url="http://127.0.0.1:1")
    for target, page in list(articles.items())[:6]:
        url = "http://127.0.0.1:1" + target
        source = source_for_url(url, sources)
        assert source is not None
        parsed = parse_article(
            page.path.read_bytes(), url, source, headers={"content-type": page.content_type}
        )
        assert parsed.parser.startswith("adapter:")
        assert parsed.published_at is not None and len(parsed.text) > 1000
        assert "Tin cùng chuyên mục" not in parsed.text  # sidebars are not body


def test_mirror_serves_the_site_and_a_changed_page(tmp_path: Path) -> None:
    corpus.generate(tmp_path, 10, seed=1)
    pages = static_site(tmp_path)
    assert pages is not None
    target = next(t for t, f in pages.items() if f.path.parent.parent.name == "pages")
    with serve_mirror(tmp_path) as url, httpx.Client() as client:
        first = client.get(url + target)
        assert first.status_code == 200 and len(first.content) > 40 * 1024
        again = client.get(url + target, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304
        sitemap = client.get(url + "/sitemap.xml").text
        assert url + "/sitemap-1.xml" in sitemap
        corpus.touch_pages(tmp_path, 10, 1, fraction=1.0)
        changed = client.get(url + target, headers={"If-None-Match": first.headers["etag"]})
        assert changed.status_code == 200 and changed.content != first.content
        assert client.get(url + "/no/such/page").status_code == 404
