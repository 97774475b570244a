"""Pure rendering of the mirror web site from the seed articles in ``corpus/``.

Nothing here does I/O beyond reading the seed .txt files and templates, so tests can
render a page without a server.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from string import Template

import yaml  # type: ignore[import-untyped]

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
DEFAULT_ROOT = HERE.parents[1] / "corpus"
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"

RELATED = [
    (
        "/bao/ha-noi-thu-ngan-sach-11-thang-dat-94-6-du-toan-c8001.html",
        "Hà Nội: Thu ngân sách 11 tháng đạt 94,6% dự toán",
    ),
    (
        "/bao/quan-cau-giay-hoan-thanh-27-27-chi-tieu-c8002.html",
        "Quận Cầu Giấy hoàn thành 27/27 chỉ tiêu năm 2023",
    ),
    (
        "/bao/huyen-dong-anh-phan-dau-len-quan-c8003.html",
        "Huyện Đông Anh phấn đấu đạt chuẩn quận trước năm 2025",
    ),
]
VIDEO_HOT = (
    '<div class="box-video-hot"><h4>Video đang HOT</h4>'
    '<a href="/bao/video/2">Clip: Xe container lật trên đại lộ Thăng Long, 3 người bị thương</a>'
    "</div>"
)
INLINE_RELATED = (
    '<div class="related-news-inline"><b>Tin liên quan</b><ul>'
    '<li><a href="/bao/quan-cau-giay-hoan-thanh-27-27-chi-tieu-c8002.html">'
    "Quận Cầu Giấy hoàn thành 27/27 chỉ tiêu năm 2023</a></li></ul></div>"
)


@dataclass
class SeedArticle:
    seed: str
    template: str
    path: str
    published: datetime
    date_text: str
    title: str
    lines: list[str]
    author: str | None = None
    encoding: str = "utf-8"
    fail_first: bool = False
    captions: set[str] = field(default_factory=set)
    url: str | None = None  # the article's address on the real web: its pages' canonical URL


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def load_manifest() -> list[dict]:
    path = HERE / "articles.yaml"
    return _manifest(path.stat().st_mtime_ns)


@lru_cache(maxsize=2)
def _manifest(mtime_ns: int) -> list[dict]:
    # Keyed on mtime: every request re-reads the seeds, but YAML parsing is slow.
    return yaml.safe_load((HERE / "articles.yaml").read_text(encoding="utf-8"))["articles"]


def _seed_file(root: Path, seed: str) -> Path:
    matches = sorted(root.glob(f"{seed}_*.txt")) or sorted(root.glob(f"{seed}.txt"))
    if not matches:
        raise FileNotFoundError(f"seed {seed} not found in {root}")
    return matches[0]


def _clean_lines(text: str, meta: dict) -> list[str]:
    drop = {collapse(x) for x in meta.get("drop_lines") or []}
    suffixes = meta.get("strip_suffixes") or []
    lines = []
    for raw in unicodedata.normalize("NFC", text).splitlines():
        line = collapse(raw)
        for suffix in suffixes:
            if line.endswith(suffix) and line != suffix:
                line = line[: -len(suffix)].rstrip()
        if line and line not in drop:
            lines.append(line)
    return lines


def load_articles(root: Path | None = None) -> list[SeedArticle]:
    """Seed articles with their template assignment, read fresh from ``root``."""
    root = Path(root) if root is not None else DEFAULT_ROOT
    out = []
    for meta in load_manifest():
        lines = _clean_lines(_seed_file(root, meta["seed"]).read_text(encoding="utf-8"), meta)
        title, body = lines[0], lines[1:]
        author = meta.get("author")
        if author and author in body:
            body.reverse()
            body.remove(author)  # the byline line at the end belongs in the template
            body.reverse()
        out.append(
            SeedArticle(
                seed=meta["seed"],
                template=meta["template"],
                path=meta["path"],
                published=datetime.fromisoformat(meta["published"]),
                date_text=meta["date_text"],
                title=title,
                lines=body,
                author=author,
                encoding=meta.get("encoding", "utf-8"),
                fail_first=bool(meta.get("fail_first")),
                captions={collapse(c) for c in meta.get("captions") or []},
                url=meta.get("url"),
            )
        )
    return out


def is_heading(line: str) -> bool:
    if len(line) > 110 or line[0] in "-+*•(" or line.endswith((".", ":", ";", "…", ",")):
        return False
    return not line.endswith(("”", '"', ")")) or len(line) < 60


def _group(art: SeedArticle) -> list[tuple[str, str]]:
    """(kind, text) blocks; consecutive duplicate captions collapse into one figure."""
    blocks: list[tuple[str, str]] = []
    for line in art.lines:
        if line == "Video đang HOT":
            kind = "video"
        elif line in art.captions:
            kind = "caption"
        elif line.startswith("- "):
            kind = "bullet"
        elif is_heading(line):
            kind = "heading"
        else:
            kind = "para"
        if kind == "caption" and blocks and blocks[-1] == ("caption", line):
            continue
        blocks.append((kind, line))
    return blocks


def _figure(text: str) -> str:
    t = html.escape(text)
    return (
        f'<figure class="image"><img src="/media/img.jpg" alt="{t}">'
        f"<figcaption>{t}</figcaption></figure>"
    )


def render_body(art: SeedArticle, style: str) -> str:
    """Body HTML; ``style`` is 'news', 'city' or 'district' (different markup per CMS)."""
    out: list[str] = []
    in_list = False
    for i, (kind, text) in enumerate(_group(art)):
        t = html.escape(text)
        if kind == "bullet" and style != "district":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{html.escape(text[2:])}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if kind == "video":
            out.append(VIDEO_HOT)
        elif kind == "caption":
            out.append(_figure(text))
        elif kind == "heading":
            out.append(
                {
                    "news": f"<h2>{t}</h2>",
                    "city": f"<p><strong>{t}</strong></p>",
                    "district": f'<p style="text-align: justify;"><b>{t}</b></p>',
                }[style]
            )
        elif style == "district":
            out.append(f'<p style="text-align: justify;">{t}</p>')
        else:
            out.append(f"<p>{t}</p>")
        if style == "news" and i == 3:
            out.append(INLINE_RELATED)
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def _related(exclude: str = "") -> str:
    return "".join(
        f'<li><a href="{u}">{html.escape(t)}</a></li>' for u, t in RELATED if u != exclude
    )


def _tpl(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


def _jsonld(art: SeedArticle, base_url: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": art.title,
        "datePublished": art.published.isoformat(),
        "mainEntityOfPage": canonical_url(art, base_url),
        "author": {"@type": "Person", "name": art.author or ""},
        "publisher": {"@type": "Organization", "name": "Báo Kinh tế & Đô thị"},
    }
    return json.dumps(data, ensure_ascii=False)


def canonical_url(art: SeedArticle, base_url: str = "") -> str:
    """The article's real address (articles.yaml `url`), else its address on the mirror."""
    return art.url or base_url + art.path


def render_article(art: SeedArticle, base_url: str = "") -> str:
    """The full HTML page of a seed article in its template; every template names the
    article's real address as its canonical URL, as the real sites do."""
    author = html.escape(art.author or "")
    canonical = html.escape(canonical_url(art, base_url), quote=True)
    if art.template == "news":
        lines = list(art.lines)
        sapo, rest = lines[0], SeedArticle(**{**art.__dict__, "lines": lines[1:]})
        return _tpl("news_article.html").substitute(
            title=html.escape(art.title),
            published_iso=art.published.isoformat(),
            author=author,
            canonical=canonical,
            jsonld=_jsonld(art, base_url),
            date_text=html.escape(art.date_text),
            sapo=html.escape(sapo),
            body=render_body(rest, "news") + ("\n" + VIDEO_HOT if art.seed == "004" else ""),
            related=_related(),
        )
    if art.template == "district":
        meta = "" if art.encoding != "utf-8" else '<meta charset="utf-8">'
        return _tpl("district_article.html").substitute(
            title=html.escape(art.title),
            canonical=canonical,
            meta_charset=meta,
            date_text=html.escape(art.date_text),
            body=render_body(art, "district"),
            author=author,
            related=_related(),
        )
    return _tpl("city_article.html").substitute(
        title=html.escape(art.title),
        canonical=canonical,
        date_text=html.escape(art.date_text),
        body=render_body(art, "city"),
        author=author,
        related=_related(),
    )


def encode_page(text: str, encoding: str) -> bytes:
    """Encode a page; for windows-1258 tone marks become combining characters, as in the wild."""
    if encoding.lower().replace("-", "") not in ("cp1258", "windows1258"):
        return text.encode(encoding)
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258", errors="xmlcharrefreplace")


# --- site structure ---------------------------------------------------------------------
SITES = {
    "city": {
        "name": "Cổng thông tin điện tử Thành phố Hà Nội",
        "home": "/city/",
        "listing": "/city/tin-tuc",
        "page_url": "/city/tin-tuc?page={n}",
        "heading": "Tin tức - Sự kiện",
    },
    "district": {
        "name": "Cổng thông tin điện tử quận Tây Hồ",
        "home": "/web/tayho/trang-chu",
        "listing": "/web/tayho/tin-tuc",
        "page_url": "/web/tayho/tin-tuc?p_p_id=asset_publisher&_cur={n}",
        "heading": "Tin tức - Sự kiện",
    },
    "news": {
        "name": "Báo Kinh tế & Đô thị",
        "home": "/bao/",
        "listing": "/bao/chinh-tri",
        "page_url": "/bao/chinh-tri/trang-{n}.html",
        "heading": "Chính trị",
    },
}
LIFERAY = "/web/tayho/tin-tuc/-/asset_publisher/Tt3VqLiQ/content/"

# Faulty pages: path -> (behaviour, listing site, listing page, link title)
FAULTS: dict[str, tuple[str, str, int, str]] = {
    "/city/tin-tuc/khong-ton-tai-4209999.htm": ("404", "city", 1, "Bài viết đã bị gỡ"),
    "/private/bao-cao-noi-bo-4209998.htm": ("disallowed", "city", 1, "Báo cáo nội bộ (mật)"),
    "/city/tin-tuc/bao-cao-tong-ket-2023.pdf": ("pdf", "city", 2, "Báo cáo tổng kết 2023 (PDF)"),
    "/city/tin-tuc/trang-dang-cap-nhat-4201111.htm": ("empty", "city", 2, "Trang đang cập nhật"),
    "/city/tin-tuc/phu-luc-so-lieu-rat-lon-4202222.htm": ("huge", "city", 2, "Phụ lục số liệu"),
    "/city/tin-tuc/du-lieu-hong-4203333.htm": ("binary", "city", 2, "Dữ liệu lỗi"),
    LIFERAY + "tin-dang-tai-cham": ("slow", "district", 2, "Tin đăng tải chậm"),
    LIFERAY + "vong-lap-a": ("loop", "district", 2, "Chuyển hướng vòng lặp"),
    LIFERAY + "vong-lap-b": ("loop", "", 0, ""),
    "/bao/chuyen-trang-doi-tac-c9001.html": ("foreign", "news", 2, "Chuyên trang đối tác"),
    "/bao/bai-viet-bi-cat-c9002.html": ("truncated", "news", 2, "Bài viết bị cắt"),
}
PAGES_PER_LISTING = 2


def listing_links(site: str, page: int, articles: list[SeedArticle]) -> list[tuple[str, str]]:
    links = [(a.path, a.title) for a in articles if a.template == site and page == 1]
    links += [(p, t) for p, (_, s, n, t) in FAULTS.items() if s == site and n == page]
    return links


def render_listing(site: str, page: int, articles: list[SeedArticle]) -> str:
    conf = SITES[site]
    items = "\n".join(
        f'<li class="news-item"><a class="title" href="{html.escape(p)}">{html.escape(t)}</a>'
        f'<p class="sapo">{html.escape(t)}</p></li>'
        for p, t in listing_links(site, page, articles)
    )
    pages = []
    for n in range(1, PAGES_PER_LISTING + 1):
        url = conf["listing"] if n == 1 else conf["page_url"].format(n=n)
        pages.append(
            f'<span class="current">{n}</span>'
            if n == page
            else f'<a class="page-link" href="{html.escape(url)}">{n}</a>'
        )
    if page < PAGES_PER_LISTING:
        nxt = conf["page_url"].format(n=page + 1)
        pages.append(f'<a class="next" rel="next" href="{html.escape(nxt)}">Trang sau »</a>')
    return _tpl("listing.html").substitute(
        meta_charset='<meta charset="utf-8">',
        heading=html.escape(conf["heading"]),
        site_name=html.escape(conf["name"]),
        site_class=site,
        home=conf["home"],
        items=items,
        pagination=" ".join(pages),
    )


def listing_page_for(path: str, query: dict[str, str]) -> tuple[str, int] | None:
    """(site, page number) if ``path``/``query`` is a listing page."""
    for site, conf in SITES.items():
        if path == conf["listing"]:
            n = int(query.get("page") or query.get("_cur") or 1)
            return (site, n) if 1 <= n <= PAGES_PER_LISTING else None
        m = re.fullmatch(re.escape(conf["listing"]) + r"/trang-(\d+)\.html", path)
        if m and 1 <= int(m.group(1)) <= PAGES_PER_LISTING:
            return site, int(m.group(1))
    return None


def render_sitemap(
    base_url: str, articles: list[SeedArticle], modified: Callable[[SeedArticle], float]
) -> str:
    """A sitemap whose `lastmod` (W3C datetime, UTC) follows each page's changes, as a CMS's."""
    urls = "".join(
        f"<url><loc>{html.escape(base_url + a.path)}</loc><lastmod>"
        f"{datetime.fromtimestamp(modified(a), UTC).isoformat(timespec='seconds')}"
        "</lastmod></url>\n"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n"
    )


def render_rss(base_url: str, articles: list[SeedArticle]) -> str:
    items = "".join(
        f"<item><title>{html.escape(a.title)}</title><link>{html.escape(base_url + a.path)}</link>"
        f"<pubDate>{a.published.strftime('%a, %d %b %Y %H:%M:%S %z')}</pubDate></item>\n"
        for a in articles
        if a.template == "news"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "<title>Kinh tế &amp; Đô thị - Chính trị</title>\n" + items + "</channel></rss>\n"
    )


# --- pre-rendered sites (the benchmark's synthetic corpus) ---------------------------------
STATIC_INDEX = "static-site.tsv"  # request target <TAB> file under root <TAB> content type


@dataclass(frozen=True)
class StaticFile:
    path: Path
    content_type: str


def static_site(root: Path) -> dict[str, StaticFile] | None:
    """The pages of a pre-rendered site under ``root`` (``bench/corpus.py`` writes one), keyed
    by request target (path, plus ``?query`` for listing pages); None for a seed folder."""
    index = Path(root) / STATIC_INDEX
    try:
        mtime = index.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    return _static_site(index, mtime)


@lru_cache(maxsize=4)
def _static_site(index: Path, mtime_ns: int) -> dict[str, StaticFile]:
    files = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        target, rel, ctype = line.split("\t")
        files[target] = StaticFile(index.parent / rel, ctype)
    return files


def render_robots(base_url: str) -> str:
    return (
        "User-agent: *\nDisallow: /private/\nDisallow: /admin/\n\n"
        f"Sitemap: {base_url}/sitemap.xml\n"
    )


def render_empty_page() -> str:
    return (TEMPLATES / "empty_page.html").read_text(encoding="utf-8")


def render_huge_chunks(total: int, chunk: int = 64 * 1024):
    """A very long (but valid) page, streamed so the client must stop reading by itself."""
    yield b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Phu luc</title></head><body>"
    row = "<p>Bảng số liệu: chỉ tiêu 1 đạt 100%; chỉ tiêu 2 đạt 95%.</p>\n".encode()
    sent = 0
    while sent < total:
        block = row * (chunk // len(row))
        sent += len(block)
        yield block
    yield b"</body></html>"
