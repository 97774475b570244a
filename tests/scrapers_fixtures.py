"""Shared helpers for the scrapers tests (imported by tests/test_scrapers_*.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from scrapers.mirror import site
from scrapers.registry import MIRROR_REGISTRY, Source, load_registry

TEMPLATE_ADAPTER = {"city": "city_portal", "district": "liferay", "news": "cms"}
# Page furniture of the three templates: none of it may reach an article's text.
BOILERPLATE = [
    "Các tin khác",
    "Các tin tức khác",
    "Tin liên quan",
    "Video đang HOT",
    "Xe container",
    "Chia sẻ",
    "Bình luận",
    "Ý kiến bạn đọc",
    "Mong quận sớm đạt",
    "Phản hồi",
    "Album Ảnh",
    "Các chuyên mục",
    "Tìm kiếm",
    "Trang chủ",
    "Đọc nhiều",
    "Giá vàng",
    "Liên kết website",
    "Văn bản mới",
    "94,6% dự toán",
    "27/27 chỉ tiêu",
    "Lê Lai",
    "Lạc Long Quân",
    "Giấy phép số",
    "View count",
    "Từ khóa",
    "Cư dân Quảng An",
]
FAULTY_REASONS = {
    "khong-ton-tai-4209999.htm": "http_status",
    "bao-cao-noi-bo-4209998.htm": "robots_disallowed",
    "bao-cao-tong-ket-2023.pdf": "not_html",
    "trang-dang-cap-nhat-4201111.htm": "no_article_body",
    "phu-luc-so-lieu-rat-lon-4202222.htm": "too_large",
    "du-lieu-hong-4203333.htm": "undecodable",
    "tin-dang-tai-cham": "timeout",
    "vong-lap-a": "redirect_loop",
    "chuyen-trang-doi-tac-c9001.html": "foreign_host",
    "bai-viet-bi-cat-c9002.html": "truncated",
}
SLOW_SECONDS = 6.0  # past TIMEOUT with room: a loaded 2-core CI box must not time out good pages
TIMEOUT = 3.0


def mirror_sources(base_url: str) -> list[Source]:
    return load_registry(MIRROR_REGISTRY, base_url=base_url)


def source_for_template(template: str, base_url: str = "http://127.0.0.1:1") -> Source:
    wanted = TEMPLATE_ADAPTER[template]
    return next(s for s in mirror_sources(base_url) if s.adapter == wanted)


def seed(seed_id: str, root: Path | None = None) -> site.SeedArticle:
    return next(a for a in site.load_articles(root) if a.seed == seed_id)


def saved_page(art: site.SeedArticle) -> tuple[bytes, dict[str, str]]:
    """The page as the mirror serves it: bytes and HTTP headers."""
    body = site.encode_page(site.render_article(art, "http://127.0.0.1:1"), art.encoding)
    ctype = "text/html" if art.encoding != "utf-8" else "text/html; charset=utf-8"
    return body, {"Content-Type": ctype}


def figure_lines(art: site.SeedArticle) -> list[str]:
    """Body lines of the seed with a number in them (captions aside)."""
    return [line for line in art.lines if re.search(r"\d", line) and line not in art.captions]


def copy_corpus(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for path in site.DEFAULT_ROOT.glob("*.txt"):
        shutil.copy(path, dest / path.name)
    return dest


def short_path(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def landed(store: Path) -> tuple[list[dict], list[dict]]:
    """Every page and article row written to a landing store, batch after batch."""
    import duckdb

    from chitieu import landing

    pages: list[dict] = []
    articles: list[dict] = []
    con = duckdb.connect()
    try:
        for manifest in landing.list_batches(str(store)):
            folder = store / "batches" / manifest["batch_id"]
            for kind, rows in (("pages", pages), ("articles", articles)):
                cur = con.execute(f"select * from read_parquet('{folder / kind}.parquet')")
                names = [d[0] for d in cur.description]
                rows += [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()
    return pages, articles
