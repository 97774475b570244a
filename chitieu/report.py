"""The scorecard report: one static HTML page a manager can open without SQL.

Per district and term, each target with its latest result and status; charts
of targets against results per indicator and of an indicator's results over
the years; the articles' own inconsistencies. Every figure links to its
article and quotes its sentence. Plain HTML and inline SVG: no scripts, no
network, opens from disk.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from pathlib import Path

import duckdb

STATUS_LABELS = {
    "met": ("Đạt", "met"),
    "exceeded": ("Vượt", "exceeded"),
    "not_met": ("Chưa đạt", "not met"),
    "no_result_yet": ("Chưa có kết quả", "no result yet"),
}

SCORECARD_SQL = """
    select d.name_vi, s.district_code, s.term_code, coalesce(s.indicator_name_vi, s.indicator_code),
           coalesce(s.indicator_name_en, ''), s.surface, s.sentence_vi, a.article_url, a.title_vi,
           s.result_surface, s.result_year, s.status, s.target_value, s.target_value_max,
           s.result_value, s.unit, r.sentence_vi, ra.article_url
    from main_marts.mart_scorecard s
    join main_marts.dim_district d using (district_code)
    join main_marts.dim_article a on a.article_id = s.article_id
    left join main_marts.fct_figure r on r.figure_id = s.result_figure_id
    left join main_marts.dim_article ra on ra.article_id = r.article_id
    order by d.name_vi, s.term_code, 4
"""

TREND_SQL = """
    select coalesce(i.name_vi, f.indicator_code), d.name_vi, f.period_year,
           avg(coalesce(f.ratio_percent, f.figure_value))
    from main_marts.fct_figure f
    join main_marts.dim_indicator i using (indicator_code)
    join main_marts.dim_district d using (district_code)
    where f.figure_kind = 'actual' and f.measure = 'level' and f.unit in ('percent', 'ratio')
    group by all
    order by 1, 2, 3
"""

INCONSISTENCY_SQL = """
    select c.rule_name, c.checked_text, c.stated_value, c.computed_value, c.sentence_vi,
           a.article_url, a.title_vi
    from main_marts.mart_figure_consistency c
    join main_marts.dim_article a using (article_id)
    where not c.is_consistent
    order by a.title_vi
"""

CSS = """
body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:2rem;color:#222;max-width:1200px}
h1{font-size:1.6rem} h2{margin-top:2rem;border-bottom:2px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f4f4f4} .met{background:#d8f3dc} .exceeded{background:#b7e4c7}
.not_met{background:#ffd6d6} .no_result_yet{background:#eee} blockquote{margin:0;color:#555}
.chart{display:inline-block;margin:.5rem 1rem .5rem 0;vertical-align:top}
.chart text{font-size:11px} small{color:#666}
"""


def write_report(db: Path, out_dir: Path) -> Path:
    """Render the report of the warehouse at `db` into `out_dir/index.html`."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        scorecard = con.execute(SCORECARD_SQL).fetchall()
        trends = con.execute(TREND_SQL).fetchall()
        inconsistencies = con.execute(INCONSISTENCY_SQL).fetchall()
        run = con.execute("select run_id, published_at from meta.warehouse_build").fetchone()
        run = run or ("unknown", "unknown")
    finally:
        con.close()
    body = [
        f"<h1>Chỉ tiêu và kết quả — scorecard</h1><p><small>run {escape(str(run[0])[:8])}, "
        f"published {escape(str(run[1]))}</small></p>",
        _scorecard_sections(scorecard),
        "<h2>Mục tiêu và kết quả theo chỉ tiêu (targets vs results)</h2>",
        _target_charts(scorecard),
        "<h2>Xu hướng theo năm (trends)</h2>",
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


def _scorecard_sections(rows: list[tuple]) -> str:
    groups: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for row in rows:
        groups[(row[0], row[2])].append(row)
    parts = []
    for (district, term), items in groups.items():
        parts.append(f"<h2>{escape(district)} — nhiệm kỳ {escape(term.replace('_', '-'))}</h2>")
        parts.append(
            "<table><tr><th>Chỉ tiêu (indicator)</th><th>Mục tiêu (target)</th>"
            "<th>Kết quả (result)</th><th>Trạng thái (status)</th></tr>"
        )
        parts.extend(_scorecard_row(row) for row in items)
        parts.append("</table>")
    return "".join(parts) or "<p>No targets matched to an indicator yet.</p>"


def _scorecard_row(row: tuple) -> str:
    (_, _, _, name_vi, name_en, surface, sentence, url, title,
     result_surface, result_year, status, *_, result_sentence, result_url) = row  # fmt: skip
    vi, en = STATUS_LABELS.get(status, (status, status))
    result = "—"
    if result_surface:
        result = (
            f"{_link(result_url, result_surface)} ({result_year})"
            f"<blockquote>{escape(result_sentence or '')}</blockquote>"
        )
    return (
        f"<tr><td>{escape(name_vi)}<br><small>{escape(name_en)}</small></td>"
        f"<td>{_link(url, surface)}<blockquote title='{escape(title or '', quote=True)}'>"
        f"{escape(sentence or '')}</blockquote></td><td>{result}</td>"
        f'<td class="{escape(status)}">{escape(vi)}<br><small>{escape(en)}</small></td></tr>'
    )


def _bar_chart(title: str, bars: list[tuple[str, float, str]]) -> str:
    """Horizontal bars scaled to the largest value; each bar (label, value, css class)."""
    top = max((v for _, v, _ in bars), default=0) or 1
    height = 22 * len(bars) + 24
    svg = [f'<svg width="420" height="{height}" role="img" aria-label="{escape(title, True)}">']
    svg.append(f'<text x="0" y="12" font-weight="bold">{escape(title[:70])}</text>')
    for i, (label, value, css) in enumerate(bars):
        y = 20 + 22 * i
        width = max(1, int(260 * value / top))
        colour = {"target": "#4a6fa5", "result": "#2d9d5b"}.get(css, "#999")
        svg.append(f'<text x="0" y="{y + 13}">{escape(label)}</text>')
        svg.append(f'<rect x="90" y="{y}" width="{width}" height="16" fill="{colour}"/>')
        svg.append(f'<text x="{95 + width}" y="{y + 13}">{value:g}</text>')
    svg.append("</svg>")
    return f'<div class="chart">{"".join(svg)}</div>'


def _target_charts(rows: list[tuple]) -> str:
    charts = []
    for row in rows:
        district, name_vi, target, target_max, result = row[0], row[3], row[12], row[13], row[14]
        if result is None or target is None:
            continue
        bars = [("mục tiêu", float(target_max or target), "target"),
                ("kết quả", float(result), "result")]  # fmt: skip
        charts.append(_bar_chart(f"{district}: {name_vi}", bars))
    return "".join(charts) or "<p>No target has a result yet.</p>"


def _trend_charts(rows: list[tuple]) -> str:
    series: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    for indicator, district, year, value in rows:
        if year is not None and value is not None:
            series[(indicator, district)].append((int(year), float(value)))
    charts = [
        _bar_chart(f"{district}: {indicator}", [(str(y), v, "result") for y, v in points])
        for (indicator, district), points in series.items()
        if len(points) >= 2
    ]
    return "".join(charts) or "<p>No indicator has results for two or more years yet.</p>"


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
