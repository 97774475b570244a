"""Targets meet results in the right period: baselines, in-term progress, final results.

The seed cases run on the bundled corpus (`published_run`); each status and period rule runs
end to end on made-up articles (tests/data/scorecard): raw layer, extraction, a real dbt build.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from chitieu import transform
from chitieu.settings import Paths
from tests import raw_fixtures
from tests.conftest import query
from tests.raw_fixtures import parsed

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

MADE_UP = Path(__file__).parent / "data" / "scorecard"
SCORECARD = (
    "select indicator_code, target_scope, "
    "case target_scope when 'year' then cast(target_year as varchar) else term_code end, "
    "baseline_value, baseline_year, result_value, result_year, result_period_part, "
    "is_final_result, status from main_marts.mart_scorecard where district_code = ?"
)


def _published(run) -> Path:
    return Paths.from_env(run[0]).published


def _row(db: Path, district: str, indicator: str, where: str = "true") -> tuple:
    (row,) = query(
        db,
        "select baseline_value, baseline_start_year, baseline_year, result_value, result_year, "
        "status from main_marts.mart_scorecard "
        f"where district_code = ? and indicator_code = ? and {where}",
        [district, indicator],
    )
    return row


def test_bac_tu_liem_schools_2020_is_the_baseline_not_a_result(published_run):
    row = _row(_published(published_run), "hn_bac_tu_liem", "public_schools_national_standard")
    assert row == (84.7, 2020, 2020, None, None, "no_result_yet")


def test_bac_tu_liem_growth_of_the_past_five_years_is_the_baseline(published_run):
    row = _row(_published(published_run), "hn_bac_tu_liem", "production_value_growth")
    baseline, start, end, result, result_year, _ = row
    assert (baseline, start, end) == (15.0, 2016, 2020)
    assert result is None or result_year >= 2021


def test_tay_ho_schools_100_is_behind_with_96_2_in_2023(published_run):
    row = _row(
        _published(published_run), "hn_tay_ho", "public_schools_national_standard",
        "term_code = '2020_2025' and measure = 'level'",
    )  # fmt: skip
    assert row[3:] == (96.2, 2023, "behind")


def test_year_end_2023_results_of_bac_tu_liem_score_its_targets(published_run):
    """Every 2023 result of the year-end article that a target in force in 2023 can take is the
    result that target is scored on."""
    db = _published(published_run)
    expected = query(
        db,
        "select t.target_id, r.result_value from main_marts.fct_result r "
        "join main_marts.dim_article a on a.article_id = r.article_id "
        "join main_marts.fct_target t on t.district_code = r.district_code "
        "and t.indicator_code = r.indicator_code and t.measure = r.measure and t.unit = r.unit "
        "where a.title_vi like '%24 chỉ tiêu%năm 2023%' and r.period_year = 2023 "
        "and r.result_period_part is null "
        "and 2023 between t.first_plan_year and t.target_year order by 1",
    )
    scored = query(
        db,
        "select target_id, result_value from main_marts.mart_scorecard "
        "where result_year = 2023 and district_code = 'hn_bac_tu_liem' order by 1",
    )
    assert len(expected) >= 3 and expected == scored


@pytest.fixture(scope="module")
def made_up(tmp_path_factory) -> Path:
    """A warehouse built by dbt from the made-up articles only (district Cầu Giấy)."""
    home = tmp_path_factory.mktemp("scorecard-home")
    paths = Paths.from_env(home)
    sources = json.loads((MADE_UP / "sources.json").read_text(encoding="utf-8"))
    articles = {}
    for doc, meta in sorted(sources.items()):
        text = (MADE_UP / meta["file"]).read_text(encoding="utf-8")
        title, _, body = text.partition("\n\n")
        articles[doc] = parsed(
            doc, title, body, published_at=datetime.fromisoformat(meta["published"]),
            districts=["hn_cau_giay"], canonical_url=f"https://caugiay.hanoi.gov.vn/tin-tuc/{doc}",
        )  # fmt: skip
    raw_fixtures.load(paths.build_db, home / "landing", articles, source="made_up")
    transform.build(paths, paths.build_db)
    return paths.build_db


def _scorecard(db: Path) -> dict[tuple[str, str], tuple]:
    rows = query(db, SCORECARD, ["hn_cau_giay"])
    return {(r[0], r[2]): r[3:] for r in rows}


def test_each_status_on_made_up_articles(made_up):
    card = _scorecard(made_up)
    # baseline, baseline year, result, result year, part, final, status
    assert card[("public_schools_national_standard", "2020_2025")] == (
        70.0, 2020, 78.0, 2023, None, False, "met")  # fmt: skip
    assert card[("health_insurance_coverage", "2020_2025")][2:] == (
        97.0, 2023, None, False, "exceeded")  # fmt: skip
    assert card[("cultural_families_rate", "2020_2025")][2:] == (
        90.0, 2023, None, False, "behind")  # fmt: skip
    assert card[("budget_revenue", "2023")] == (None, None, 3594e9, 2023, None, True, "missed")
    assert card[("waste_collection_rate", "2020_2025")][2:] == (
        None, None, None, False, "no_result_yet")  # fmt: skip


def test_a_part_of_a_year_is_progress_only(made_up):
    card = _scorecard(made_up)
    assert card[("budget_revenue", "2024")] == (3594e9, 2023, 2100e9, 2024, "h1", False, "behind")


def test_a_target_without_a_term_gets_the_term_in_force_and_its_horizon(made_up):
    rows = query(
        made_up,
        "select term_code, target_scope, target_year, has_stated_period, result_value, status "
        "from main_marts.mart_scorecard where indicator_code = 'social_insurance_coverage'",
    )
    assert rows == [("2020_2025", "term", 2025, False, 52.0, "exceeded")]


def test_progress_is_the_share_of_the_way_from_the_baseline(made_up):
    rows = query(
        made_up,
        "select progress from main_marts.mart_scorecard "
        "where indicator_code = 'public_schools_national_standard'",
    )
    assert rows == [(1.6,)]  # (78 - 70) / (75 - 70): past the range's low end


def test_results_per_year_keep_earlier_reports_as_revisions(made_up):
    rows = query(
        made_up,
        "select result_year, revision, is_latest_report, result_value, result_period_part "
        "from main_marts.mart_indicator_results "
        "where indicator_code = 'public_schools_national_standard' order by 1, 2",
    )
    assert rows == [(2020, 1, True, 70.0, None), (2023, 1, True, 78.0, None),
                    (2023, 2, False, 76.0, "h1")]  # fmt: skip


def test_statuses_are_the_seed_vocabulary(made_up):
    seed = MADE_UP.parents[2] / "dbt_project" / "seeds" / "scorecard_statuses.csv"
    vocabulary = [line.split(",")[0] for line in seed.read_text().splitlines()[1:]]
    used = {s for (s,) in query(made_up, "select distinct status from main_marts.mart_scorecard")}
    assert used == set(vocabulary)


def test_the_report_shows_baseline_latest_target_and_links_to_public_urls(published_run):
    report = Paths.from_env(published_run[0]).warehouse / "report" / "index.html"
    html = report.read_text(encoding="utf-8")
    assert "Xuất phát (baseline)" in html and "Mới nhất (latest)" in html
    assert "84,7%" in html and "96,2%" in html and "<polyline" in html
    assert 'href="../docs/index.html"' in html
    links = re.findall(r'href="(http[^"]+)"', html)
    assert links and not [u for u in links if "127.0.0.1" in u]
    assert "https://hanoidep.vn/" in " ".join(links)


def test_the_static_dbt_docs_open_offline(published_run, tmp_path):
    home, summary = published_run
    page = Paths.from_env(home).warehouse / "docs" / "index.html"
    assert dict(summary.lines())["analyst docs"] == str(page)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "chromium is missing: `make test` installs it (apt-get install chromium)"
    dom = subprocess.run(
        [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--virtual-time-budget=20000", "--dump-dom", page.resolve().as_uri(),
        ],
        check=True, capture_output=True, text=True, timeout=180,
    ).stdout  # fmt: skip
    # the model tree is drawn by the page's own script from the manifest embedded in it
    assert 'data-nav-unique-id="model.chitieu.mart_scorecard"' in dom
    assert not re.findall(r'<script[^>]+src="https?://', dom)


@pytest.mark.parametrize(
    ("name", "statuses"),
    [("targets_met_in_term", {"met", "exceeded"}), ("targets_behind", {"behind", "missed"})],
)
def test_analyst_queries_answer_their_question(published_run, name, statuses):
    sql = (MADE_UP.parents[2] / "docs" / "queries" / f"{name}.sql").read_text(encoding="utf-8")
    rows = query(_published(published_run), f"select status from ({sql.rstrip().rstrip(';')})")
    assert rows and {status for (status,) in rows} <= statuses


def test_trend_query_gives_the_latest_report_per_district_and_year(published_run):
    root = MADE_UP.parents[2]
    sql = (root / "docs" / "queries" / "indicator_trend_across_districts.sql").read_text()
    rows = query(_published(published_run), f"select district, result_year, revision from ({sql})")
    assert ("Tây Hồ", 2023, 1) in rows and ("Bắc Từ Liêm", 2020, 1) in rows
    assert len(rows) == len({(d, y) for d, y, _ in rows})
