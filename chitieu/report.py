"""The scorecard report: one static HTML page a manager can open without SQL.

Per district and term, each target from where it started (baseline) to where it is (the latest
result in its period) against where it should get (the target), with a small progress bar and
its status; a trend chart per indicator across districts and years; the articles' own
inconsistencies. Every figure links to its article's public address and quotes its sentence.
Plain HTML and inline SVG: no scripts, no network, opens from disk.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from pathlib import Path
from types import SimpleNamespace as Row

import duckdb

from chitieu.settings import duckdb_config

SCORECARD_SQL = """
    select d.name_vi as district, s.term_code, s.target_scope, s.target_year,
           coalesce(s.indicator_name_vi, s.indicator_code) as name_vi,
           coalesce(s.indicator_name_en, '') as name_en, s.unit, s.measure,
           s.surface, s.sentence_vi, ta.public_url as target_url, ta.title_vi as target_title,
           s.baseline_surface, s.baseline_value, s.baseline_start_year, s.baseline_year,
           ba.public_url as baseline_url, s.result_surface, s.result_value, s.result_year,
           s.result_period_part, ra.public_url as result_url, r.sentence_vi as result_sentence,
           s.target_value, s.target_value_max, s.is_higher_better, s.progress, s.status,
           coalesce(st.name_vi, s.status) as status_vi, coalesce(st.name_en, s.status) as status_en
    from main_marts.mart_scorecard s
    join main_marts.dim_district d using (district_code)
    join main_marts.dim_article ta on ta.article_id = s.article_id
    left join main_marts.dim_article ba on ba.article_id = s.baseline_article_id
    left join main_marts.dim_article ra on ra.article_id = s.result_article_id
    left join main_marts.fct_figure r on r.figure_id = s.result_figure_id
    left join main_seeds.scorecard_statuses st on st.status = s.status
    order by d.name_vi, s.term_code, s.target_scope, s.target_year, 5
"""

TREND_SQL = """
    select coalesce(indicator_name_vi, indicator_code), measure, unit, district_name_vi,
           result_year, result_value
    from main_marts.mart_indicator_results
    where is_latest_report
    order by 1, 2, 3, 4, 5
"""

INCONSISTENCY_SQL = """
    select c.rule_name, c.checked_text, c.stated_value, c.computed_value, c.sentence_vi,
           a.public_url, a.title_vi
    from main_marts.mart_figure_consistency c
    join main_marts.dim_article a using (article_id)
    where not c.is_consistent
    order by a.title_vi
"""

CSS = """
body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:2rem;color:#222;max-width:1280px}
h1{font-size:1.6rem} h2{margin-top:2rem;border-bottom:2px solid #ddd} h3{margin:1rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f4f4f4} .met{background:#d8f3dc} .exceeded{background:#b7e4c7}
.behind{background:#fff1c9} .missed{background:#ffd6d6} .no_result_yet{background:#eee}
blockquote{margin:.2rem 0 0;color:#555;font-size:.8rem}
.chart{display:inline-block;margin:.5rem 1rem .5rem 0;vertical-align:top}
.chart text{font-size:11px} small{color:#666} .nav a{margin-right:1rem}
"""
COLOURS = ["#1b6ca8", "#d1495b", "#2d9d5b", "#edae49", "#6a4c93", "#00798c", "#8c564b"]
PART_VI = {"h1": "6 tháng", "h2": "6 tháng cuối năm", "q1": "quý I", "q2": "quý II",
           "q3": "quý III", "q4": "quý IV"}  # fmt: skip


def write_report(db: Path, out_dir: Path) -> Path:
    """Render the report of the warehouse at `db` into `out_dir/index.html`."""
    con = duckdb.connect(str(db), read_only=True, config=duckdb_config())
    try:
        cur = con.execute(SCORECARD_SQL)
        names = [d[0] for d in cur.description]
        scorecard = [Row(**dict(zip(names, r, strict=True))) for r in cur.fetchall()]
        trends = con.execute(TREND_SQL).fetchall()
        inconsistencies = con.execute(INCONSISTENCY_SQL).fetchall()
        run = con.execute("select run_id, published_at from meta.warehouse_build").fetchone()
        run = run or ("unknown", "unknown")
    finally:
        con.close()
    body = [
        f"<h1>Chỉ tiêu và kết quả — scorecard</h1><p><small>run {escape(str(run[0])[:8])}, "
        f"published {escape(str(run[1]))}</small></p>",
        '<p class="nav"><a href="../docs/index.html">Tài liệu dữ liệu (analysts\' docs: every '
        'table and column)</a><a href="../validation/index.html">Kiểm tra dữ liệu (validation '
        "report)</a></p>",
        _scorecard_sections(scorecard),
        "<h2>Xu hướng theo năm (trends: the latest report of each year)</h2>",
        _trend_charts(trends),
        "<h2>Số liệu tự mâu thuẫn (the articles' own inconsistencies)</h2>",
        _inconsistency_table(inconsistencies),
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / "index.html"
    tmp = out_dir / ".index.html.tmp"
    tmp.write_text(_page("".join(body)), encoding="utf-8")
    tmp.replace(page)
    return page


def _page(body: str) -> str:
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>chitieu scorecard</title><style>{CSS}</style></head><body>{body}</body></html>"
    )


def _link(url: str | None, text: str) -> str:
    if not url:
        return escape(text)
    return f'<a href="{escape(url, quote=True)}">{escape(text)}</a>'


def _section_title(row: Row) -> str:
    if row.target_scope == "year":
        return f"{escape(row.district)} — chỉ tiêu năm {row.target_year}"
    return f"{escape(row.district)} — nhiệm kỳ {escape(str(row.term_code).replace('_', '-'))}"


def _scorecard_sections(rows: list[Row]) -> str:
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[_section_title(row)].append(row)
    parts = []
    for title, items in groups.items():
        parts.append(f"<h2>{title}</h2>")
        parts.append(
            "<table><tr><th>Chỉ tiêu (indicator)</th><th>Xuất phát (baseline)</th>"
            "<th>Mới nhất (latest)</th><th>Mục tiêu (target)</th><th>Tiến độ (progress)</th>"
            "<th>Trạng thái (status)</th></tr>"
        )
        parts.extend(_scorecard_row(row) for row in items)
        parts.append("</table>")
    return "".join(parts) or "<p>No targets matched to an indicator yet.</p>"


def _years(start: int | None, end: int | None, part: str | None = None) -> str:
    if end is None:
        return ""
    years = f"{start}-{end}" if start and start != end else str(end)
    if not part:
        return years
    return f"{PART_VI.get(part) or part.replace('m', '') + ' tháng'} {years}"


def _scorecard_row(row: Row) -> str:
    baseline = "—"
    if row.baseline_surface:
        baseline = (
            f"{_link(row.baseline_url, row.baseline_surface)}"
            f"<br><small>{_years(row.baseline_start_year, row.baseline_year)}</small>"
        )
    latest = "—"
    if row.result_surface:
        latest = (
            f"{_link(row.result_url, row.result_surface)} "
            f"<small>({_years(None, row.result_year, row.result_period_part)})</small>"
            f"<blockquote>{escape(row.result_sentence or '')}</blockquote>"
        )
    target = (
        f"{_link(row.target_url, row.surface)} <small>(đến {row.target_year})</small>"
        f"<blockquote title='{escape(row.target_title or '', quote=True)}'>"
        f"{escape(row.sentence_vi or '')}</blockquote>"
    )
    return (
        f"<tr><td>{escape(row.name_vi)}<br><small>{escape(row.name_en)}</small></td>"
        f"<td>{baseline}</td><td>{latest}</td><td>{target}</td><td>{_progress_bar(row)}</td>"
        f'<td class="{escape(row.status)}">{escape(row.status_vi)}<br>'
        f"<small>{escape(row.status_en)}</small></td></tr>"
    )


def _share(row: Row) -> tuple[float, str] | None:
    """(fill 0..1, caption): progress from the baseline when there is one, else how far the
    result is toward a higher-is-better level target."""
    if row.progress is not None:
        return float(row.progress), f"{float(row.progress):.0%} từ mức xuất phát"
    if row.result_value is None or row.measure != "level" or not row.is_higher_better:
        return None
    target = row.target_value
    if not target or target <= 0:
        return None
    return float(row.result_value) / float(target), f"{row.result_value / target:.1%} mục tiêu"


def _progress_bar(row: Row) -> str:
    share = _share(row)
    if share is None:
        return "<small>—</small>"
    fill, caption = share
    width = int(100 * min(1.0, max(0.0, fill)))
    colour = "#2d9d5b" if fill >= 1 else "#e0a100"
    return (
        f'<svg width="104" height="12" role="img" aria-label="{escape(caption, True)}">'
        '<rect x="1" y="1" width="102" height="10" fill="#eee" stroke="#bbb"/>'
        f'<rect x="2" y="2" width="{width}" height="8" fill="{colour}"/></svg>'
        f"<br><small>{escape(caption)}</small>"
    )


def _trend_charts(rows: list[tuple]) -> str:
    """One line chart per indicator (and measure, unit): a line per district over the years."""
    charts: dict[tuple[str, str, str], dict[str, list[tuple[int, float]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for indicator, measure, unit, district, year, value in rows:
        if year is not None and value is not None:
            charts[(indicator, measure, unit)][district].append((int(year), float(value)))
    out = [
        _line_chart(indicator, measure, unit, series)
        for (indicator, measure, unit), series in charts.items()
        if sum(len(points) for points in series.values()) >= 2
    ]
    return "".join(out) or "<p>No indicator has results for two or more years yet.</p>"


def _fmt(value: float, unit: str) -> str:
    """Axis and point labels: money in tỷ đồng (10^9), percentages with %."""
    if unit == "vnd":
        return f"{value / 1e9:,.0f} tỷ".replace(",", ".")
    if unit in ("percent", "permille"):
        return f"{value:g}{'%' if unit == 'percent' else '‰'}"
    return f"{value:g}"


def _line_chart(indicator: str, measure: str, unit: str, series: dict) -> str:
    points = [p for pts in series.values() for p in pts]
    years = sorted({y for y, _ in points})
    low, high = min(0.0, min(v for _, v in points)), max(v for _, v in points) or 1.0
    width, height, left, top = 440, 200, 70, 24

    def x(year: int) -> float:
        span = (years[-1] - years[0]) or 1
        return left + (width - left - 20) * (year - years[0]) / span if len(years) > 1 else 200

    def y(value: float) -> float:
        return top + (height - top - 40) * (1 - (value - low) / ((high - low) or 1))

    title = f"{indicator} ({measure}, {unit})"
    svg = [f'<svg width="{width}" height="{height + 16 * len(series)}" role="img" '
           f'aria-label="{escape(title, True)}">',
           f'<text x="0" y="12" font-weight="bold">{escape(title[:70])}</text>',
           f'<line x1="{left}" y1="{y(low)}" x2="{width - 10}" y2="{y(low)}" stroke="#999"/>',
           f'<text x="0" y="{y(high) + 4}">{_fmt(high, unit)}</text>',
           f'<text x="0" y="{y(low) + 4}">{_fmt(low, unit)}</text>']  # fmt: skip
    svg += [f'<text x="{x(yr) - 14}" y="{height - 20}">{yr}</text>' for yr in years]
    for i, (district, pts) in enumerate(sorted(series.items())):
        colour, pts = COLOURS[i % len(COLOURS)], sorted(pts)
        path = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in pts)
        svg.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        svg += [f'<circle cx="{x(yr):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}">'
                f"<title>{escape(district)} {yr}: {_fmt(v, unit)}</title></circle>"
                for yr, v in pts]  # fmt: skip
        svg.append(f'<text x="{left}" y="{height + 16 * i}" fill="{colour}">'
                   f"■ {escape(district)}</text>")  # fmt: skip
    svg.append("</svg>")
    return f'<div class="chart">{"".join(svg)}</div>'


def _inconsistency_table(rows: list[tuple]) -> str:
    if not rows:
        return "<p>None found.</p>"
    body = "".join(
        f"<tr><td>{escape(rule)}</td><td>{_link(url, checked)}</td><td>{stated:g}</td>"
        f"<td>{computed:.2f}</td><td><blockquote>{escape(sentence or '')}</blockquote>"
        f"<small>{escape(title or '')}</small></td></tr>"
        for rule, checked, stated, computed, sentence, url, title in rows
    )
    return (
        "<table><tr><th>Rule</th><th>Figures</th><th>Stated</th><th>Computed</th>"
        f"<th>Sentence</th></tr>{body}</table>"
    )
