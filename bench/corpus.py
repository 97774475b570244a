"""Synthetic corpus for the benchmarks: N article pages built from the five seed articles.

`python -m bench.corpus OUT --pages 1000 [--seed 7]` writes a static web site that the local
mirror serves (`serve_mirror(root=OUT)`, see `scrapers.mirror.site.STATIC_INDEX`):

- N article pages in the mirror's three templates (city portal, Liferay district portal,
  "cms" newspaper), each a seed article with its numbers varied, its district replaced by
  another Hà Nội district (from `dbt_project/seeds/districts.csv`), a new publication date
  and a title to match; every tenth district page is served in windows-1258 without a
  charset, as the mirror's seed 003 is;
- page furniture as on the real portals: a mega-menu, sidebars (most read, latest news,
  documents), inline configuration scripts, on top of the templates' own menus and
  comments, so that pages weigh 40-120 KB (drawn uniformly per page; a windows-1258 page
  can end slightly under 40 KB) while the article text is 6-36 KB;
- paginated listing pages per site (20 links a page, a window of page links and rel=next),
  a sitemap index with sitemaps of at most 5,000 URLs, and robots.txt.

Deterministic: the same (pages, seed) gives byte-identical files. `touch_pages` rewrites a
fraction of the article pages with different numbers (the benchmark's "1% changed" run).
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import random
import re
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from scrapers.mirror import site
from scrapers.mirror.site import STATIC_INDEX, SeedArticle

DISTRICTS_CSV = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "districts.csv"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
PER_LISTING = 20
PER_SITEMAP = 5000
MIN_KB, MAX_KB = 40, 120
TEMPLATES = ("city", "district", "news")
SEED_DISTRICTS = ("Bắc Từ Liêm", "Tây Hồ")  # the districts the seed articles are about
FIRST_DAY, DAYS = datetime(2019, 1, 1, 7, 0, tzinfo=VN), 6 * 365  # until the 2025 reform
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
PERCENT = re.compile(r"\s?(%|phần trăm)")
NUMBER = re.compile(r"(?<![\d/.,:\-])(\d{1,3}(?:\.\d{3})+|\d+)(,\d+)?(?![\d/:\-]|,\d|\.\d)")


def districts() -> list[str]:
    """Names of the Hà Nội urban districts (quận) that existed before July 2025."""
    with open(DISTRICTS_CSV, encoding="utf-8") as fh:
        return [r["name_vi"] for r in csv.DictReader(fh) if r["unit_type"] == "quận"]


@lru_cache(maxsize=4096)
def slugify(text: str, limit: int = 80) -> str:
    ascii_ = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_ = "".join(c for c in ascii_ if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:limit].rstrip("-")


def vary_numbers(text: str, rng: random.Random) -> str:
    """Every count, amount or percentage moved by up to ±30%, in its own format (a
    percentage stays at most 100%); years, dates, times and numbers of resolutions
    (04-NQ/TU) are kept."""

    def one(m: re.Match[str]) -> str:
        whole, frac = m.group(1), m.group(2)
        value = int(whole.replace(".", ""))
        if 1945 <= value <= 2035 and not frac and "." not in whole:
            return m.group(0)  # a year
        if value == 0 and not frac:
            return m.group(0)
        factor = rng.uniform(0.7, 1.3)
        percent = PERCENT.match(m.string, m.end()) is not None and value <= 100
        if frac:
            digits = len(frac) - 1
            new_value = value * factor + rng.random()
            if percent:  # a rate stays a rate: at most 100%
                new_value = min(new_value, 100 - 10**-digits)
            return f"{new_value:.{digits}f}".replace(".", ",")
        new_int = max(1, round(value * factor))
        if percent:
            new_int = min(new_int, 100)
        if "." in whole:
            return f"{new_int:,}".replace(",", ".")
        return str(new_int)

    return NUMBER.sub(one, text)


def _replace_districts(text: str, name: str) -> str:
    for old in SEED_DISTRICTS:
        text = text.replace(old, name).replace(old.upper(), name.upper())
    return text


def date_text(template: str, when: datetime) -> str:
    if template == "city":
        return when.strftime("(%H:%M %d/%m/%Y)")
    if template == "district":
        return when.strftime("%d/%m/%Y - %I:%M %p")
    return f"{WEEKDAYS[when.weekday()]}, {when.strftime('%d/%m/%Y %H:%M')}"


def article_path(template: str, title: str, number: int) -> str:
    slug = slugify(title)
    if template == "city":
        return f"/city/tin-tuc/{slug}-{5_000_000 + number}.htm"
    if template == "district":
        return f"{site.LIFERAY}{slug}-{number}"
    return f"/bao/{slug}-c{100_000 + number}.html"


# -- page furniture -------------------------------------------------------------------
SECTIONS = (
    "Thời sự", "Chính trị", "Kinh tế", "Đô thị", "Xã hội", "Văn hóa", "Giáo dục", "Y tế",
    "Pháp luật", "Thể thao", "Du lịch", "Bất động sản", "Giao thông", "Môi trường",
)  # fmt: skip
HEADLINES = (
    "Hà Nội đẩy nhanh tiến độ giải ngân vốn đầu tư công",
    "Khánh thành trường học đạt chuẩn quốc gia mức độ 2",
    "Ra quân tổng vệ sinh môi trường dịp cuối năm",
    "Tăng cường kiểm tra an toàn thực phẩm trên địa bàn",
    "Hội nghị tiếp xúc cử tri trước kỳ họp HĐND thành phố",
    "Cải cách hành chính: người dân hài lòng với dịch vụ công trực tuyến",
    "Giải phóng mặt bằng dự án đường Vành đai 4",
    "Phát động phong trào thi đua chào mừng Đại hội Đảng bộ các cấp",
    "Kiểm tra công tác phòng cháy chữa cháy tại các khu dân cư",
    "Tuyên dương học sinh đạt giải kỳ thi học sinh giỏi thành phố",
    "Khởi công xây dựng công viên cây xanh ven hồ",
    "Đối thoại với doanh nghiệp về tháo gỡ khó khăn sản xuất kinh doanh",
)  # fmt: skip


def _links(rng: random.Random, prefix: str, n: int) -> str:
    items = []
    for _ in range(n):
        title = rng.choice(HEADLINES)
        items.append(
            f'<li class="item"><a href="{prefix}{slugify(title)}-{rng.randrange(10**6)}.html" '
            f'title="{html.escape(title)}">{html.escape(title)}</a>'
            f'<span class="meta">{rng.randrange(1, 28):02d}/{rng.randrange(1, 13):02d}</span></li>'
        )
    return "\n".join(items)


def mega_menu(rng: random.Random, prefix: str) -> str:
    cols = []
    for section in SECTIONS:
        slug = slugify(section)
        sub = "".join(
            f'<li><a href="{prefix}{slug}/muc-{k}">{html.escape(section)} {k}</a></li>'
            for k in range(1, rng.randrange(5, 10))
        )
        cols.append(
            f'<li class="menu-item has-sub"><a href="{prefix}{slug}">{html.escape(section)}</a>'
            f'<ul class="sub-menu">{sub}</ul></li>'
        )
    return (
        f'<nav class="mega-menu" id="mega-menu"><ul class="menu-level-1">{"".join(cols)}</ul></nav>'
    )


def sidebar_box(rng: random.Random, prefix: str) -> str:
    kind = rng.choice(("Đọc nhiều", "Tin mới", "Văn bản mới", "Tin cùng chuyên mục", "Sự kiện"))
    return (
        f'<div class="box sidebar-box"><h3 class="box-title">{kind}</h3>'
        f'<ul class="list-news">{_links(rng, prefix, rng.randrange(8, 16))}</ul></div>'
    )


def config_script(rng: random.Random) -> str:
    data = {
        "zones": [{"id": rng.randrange(10**5), "name": s, "slug": slugify(s)} for s in SECTIONS],
        "ads": [{"slot": f"banner-{k}", "size": [300, 250], "refresh": 30} for k in range(20)],
        "token": "".join(rng.choice("abcdef0123456789") for _ in range(64)),
    }
    return f"<script>window.__PORTAL__ = {json.dumps(data)};</script>"


def furniture(rng: random.Random, prefix: str, room: int) -> tuple[str, str]:
    """(top, bottom) HTML adding about `room` bytes of menus, sidebars and scripts."""
    top = mega_menu(rng, prefix)
    bottom: list[str] = [config_script(rng)]
    size = len(top.encode()) + len(bottom[0])
    while size < room:
        part = sidebar_box(rng, prefix) if rng.random() < 0.85 else config_script(rng)
        bottom.append(part)
        size += len(part.encode())
    return top, '<div class="extra-sidebar">' + "\n".join(bottom) + "</div>"


# -- pages ----------------------------------------------------------------------------
def make_article(seeds: list[SeedArticle], number: int, seed: int, names: list[str]) -> tuple:
    """(SeedArticle variant, target size in bytes) for page `number`."""
    rng = random.Random(f"{seed}:{number}")
    base = seeds[rng.randrange(len(seeds))]
    template = rng.choice(TEMPLATES)
    name = rng.choice(names)
    when = FIRST_DAY + timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(12 * 60))
    lines = [vary_numbers(_replace_districts(line, name), rng) for line in base.lines]
    if rng.random() < 0.3:  # a longer report: a second seed's body appended
        extra = seeds[rng.randrange(len(seeds))]
        lines += [vary_numbers(_replace_districts(x, name), rng) for x in extra.lines]
    title = vary_numbers(_replace_districts(base.title, name), rng)
    encoding = "cp1258" if template == "district" and rng.random() < 0.1 else "utf-8"
    art = replace(
        base,
        seed=f"s{number}",
        template=template,
        path=article_path(template, title, number),
        published=when,
        date_text=date_text(template, when),
        title=title,
        lines=lines,
        encoding=encoding,
        fail_first=False,
        captions={
            vary_numbers(_replace_districts(c, name), random.Random(0)) for c in base.captions
        },
    )
    return art, rng.randrange(MIN_KB * 1024, (MAX_KB - 3) * 1024), rng.random()


PREFIX = {"city": "/city/", "district": "/web/tayho/", "news": "/bao/"}


def render_page(art: SeedArticle, target: int, salt: float, base_url: str = "") -> bytes:
    page = site.render_article(art, base_url)
    rng = random.Random(f"furniture:{art.path}:{salt}")
    room = max(0, target - len(page.encode("utf-8")))
    top, bottom = furniture(rng, PREFIX[art.template], room)
    body_open = page.index(">", page.index("<body")) + 1
    body_close = page.rindex("</body>")
    page = (
        page[:body_open]
        + "\n"
        + top
        + page[body_open:body_close]
        + bottom
        + "\n"
        + page[body_close:]
    )
    return site.encode_page(page, art.encoding)


def listing_url(template: str, n: int) -> str:
    conf = site.SITES[template]
    return conf["listing"] if n == 1 else conf["page_url"].format(n=n)


def render_listing(template: str, n: int, pages: int, items: list[SeedArticle]) -> bytes:
    conf = site.SITES[template]
    links = "\n".join(
        f'<li class="news-item"><a class="title" href="{html.escape(a.path)}">'
        f'{html.escape(a.title)}</a><p class="sapo">{html.escape(a.lines[0][:200])}</p></li>'
        for a in items
    )
    window = sorted({1, pages, *range(max(1, n - 3), min(pages, n + 3) + 1)})
    nav = [
        f'<span class="current">{k}</span>'
        if k == n
        else f'<a class="page-link" href="{html.escape(listing_url(template, k))}">{k}</a>'
        for k in window
    ]
    if n < pages:
        nav.append(
            f'<a class="next" rel="next" href="{html.escape(listing_url(template, n + 1))}">'
            "Trang sau »</a>"
        )
    return (
        site._tpl("listing.html")
        .substitute(
            meta_charset='<meta charset="utf-8">',
            heading=html.escape(conf["heading"]),
            site_name=html.escape(conf["name"]),
            site_class=template,
            home=conf["home"],
            items=links,
            pagination=" ".join(nav),
        )
        .encode()
    )


def sitemaps(articles: list[SeedArticle]) -> dict[str, bytes]:
    """`/sitemap.xml` (an index) and its parts; URLs are site-relative paths made absolute
    by the mirror (`{base_url}` is replaced when served)."""
    parts: dict[str, bytes] = {}
    chunks = [articles[i : i + PER_SITEMAP] for i in range(0, len(articles), PER_SITEMAP)]
    for k, chunk in enumerate(chunks, start=1):
        urls = "".join(
            f"<url><loc>{{base_url}}{html.escape(a.path)}</loc>"
            f"<lastmod>{a.published.date().isoformat()}</lastmod></url>\n"
            for a in chunk
        )
        parts[f"/sitemap-{k}.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n"
        ).encode()
    index = "".join(f"<sitemap><loc>{{base_url}}{p}</loc></sitemap>\n" for p in parts)
    parts["/sitemap.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + index
        + "</sitemapindex>\n"
    ).encode()
    return parts


def generate(out: Path, pages: int, seed: int = 7) -> dict:
    """Write the site under `out` (pages/, static-site.tsv); returns a summary."""
    out = Path(out)
    seeds = site.load_articles()
    names = districts()
    files: list[tuple[str, str, str]] = []  # (request target, file, content type)
    articles: list[SeedArticle] = []
    sizes: list[int] = []
    for number in range(pages):
        art, target, salt = make_article(seeds, number, seed, names)
        body = render_page(art, target, salt)
        rel = str(_page_file(out, number).relative_to(out))
        _write(out / rel, body)
        ctype = "text/html" if art.encoding != "utf-8" else "text/html; charset=utf-8"
        files.append((art.path, rel, ctype))
        articles.append(art)
        sizes.append(len(body))
    for template in TEMPLATES:
        mine = [a for a in articles if a.template == template]
        n_pages = max(1, -(-len(mine) // PER_LISTING))
        for n in range(1, n_pages + 1):
            rel = f"listings/{template}-{n:05d}.html"
            chunk = mine[(n - 1) * PER_LISTING : n * PER_LISTING]
            _write(out / rel, render_listing(template, n, n_pages, chunk))
            files.append((listing_url(template, n), rel, "text/html; charset=utf-8"))
    for target, body in sitemaps(articles).items():
        rel = "sitemaps/" + target.strip("/")
        _write(out / rel, body)
        files.append((target, rel, "application/xml"))
    _write(
        out / "robots.txt",
        b"User-agent: *\nDisallow: /private/\n\nSitemap: {base_url}/sitemap.xml\n",
    )
    files.append(("/robots.txt", "robots.txt", "text/plain"))
    index = "".join(f"{t}\t{f}\t{c}\n" for t, f, c in files)
    _write(out / STATIC_INDEX, index.encode())
    summary = {
        "pages": pages,
        "seed": seed,
        "files": len(files),
        "bytes": sum(sizes),
        "min_kb": min(sizes) / 1024 if sizes else 0,
        "max_kb": max(sizes) / 1024 if sizes else 0,
        "mean_kb": sum(sizes) / len(sizes) / 1024 if sizes else 0,
    }
    _write(out / "corpus.json", json.dumps(summary, indent=1).encode())
    return summary


def _page_file(out: Path, number: int) -> Path:
    return out / f"pages/{number // 1000:03d}/{number:06d}.html"


def touch_pages(out: Path, pages: int, seed: int, fraction: float, salt: int = 1) -> list[int]:
    """Re-render `fraction` of the article pages with other numbers (same URLs, same
    furniture); returns their numbers. Deterministic for (seed, salt)."""
    seeds, names = site.load_articles(), districts()
    rng = random.Random(f"touch:{seed}:{salt}")
    chosen = sorted(rng.sample(range(pages), max(1, round(pages * fraction))))
    paths = []
    for number in chosen:
        art, target, furniture_salt = make_article(seeds, number, seed, names)
        vary = random.Random(f"touch:{seed}:{salt}:{number}")
        art = replace(art, lines=[vary_numbers(line, vary) for line in art.lines])
        _write(_page_file(out, number), render_page(art, target, furniture_salt))
        paths.append(art.path)
    bump_lastmod(out, paths)
    return chosen


def bump_lastmod(out: Path, paths: list[str]) -> None:
    """The sitemaps' `lastmod` of changed pages moves to now, as a CMS's does."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    wanted = {html.escape(p) for p in paths}
    for sitemap in (out / "sitemaps").glob("sitemap-*.xml"):
        text = sitemap.read_text(encoding="utf-8")
        new = re.sub(
            r"(<loc>\{base_url\}([^<]+)</loc><lastmod>)[^<]+(</lastmod>)",
            lambda m: m.group(1) + now + m.group(3) if m.group(2) in wanted else m.group(0),
            text,
        )
        if new != text:
            _write(sitemap, new.encode())


def restore_pages(out: Path, numbers: list[int], seed: int) -> None:
    """Undo `touch_pages`: the pages as `generate` wrote them."""
    seeds, names = site.load_articles(), districts()
    paths = []
    for number in numbers:
        art, target, salt = make_article(seeds, number, seed, names)
        _write(_page_file(out, number), render_page(art, target, salt))
        paths.append(art.path)
    bump_lastmod(out, paths)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    print(json.dumps(generate(args.out, args.pages, args.seed)))


if __name__ == "__main__":
    main()
