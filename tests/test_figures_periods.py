"""The period of each figure (docs/FIGURES.md, "Periods"): years, part of a year, horizon and
yearly averages, from the text and the article's publication date."""

from __future__ import annotations

import csv
import importlib.util
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from chitieu.extraction import published_date
from chitieu.figures import extract_figures
from chitieu.settings import DBT_PROJECT_DIR
from tests.periods_scoring import predictions, published_dates

DATA = Path(__file__).parent / "data"
CASES = DATA / "periods"
FIELDS = ("period_start_year", "period_end_year", "period_part", "horizon_year",
          "is_annual_average")  # fmt: skip


def _periods(text: str, published: date | None) -> list[tuple]:
    return [
        (f.surface, f.kind, *(getattr(f, name) for name in FIELDS))
        for f in extract_figures(text, published=published)
    ]


def _score_periods():
    spec = importlib.util.spec_from_file_location("score_periods", DATA / "score_periods.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("doc", sorted(published_dates(CASES)))
def test_made_up_article_of_each_period_form_matches_its_gold(doc):
    gold = [json.loads(line) for line in (CASES / f"{doc}.jsonl").read_text().splitlines()]
    pred = [row for row in predictions(CASES) if row["doc"] == doc]
    assert [(p["unit"], p["value"], *(p[f] for f in FIELDS)) for p in pred] == [
        (g["unit"], g["value"], *(g[f] for f in FIELDS)) for g in gold
    ]


def test_half_year_without_a_year_takes_the_articles_year():
    text = "Kết quả sơ kết\n\n6 tháng đầu năm, thu ngân sách ước đạt 4.120 tỷ đồng."
    assert _periods(text, date(2024, 7, 12)) == [
        ("4.120 tỷ đồng", "actual", 2024, 2024, "h1", None, False)
    ]


def test_quarter_and_nine_months():
    text = (
        "Kinh tế\n\nQuý II/2024, thu ngân sách đạt 1.240 tỷ đồng. "
        "9 tháng năm 2023 đạt 5.210 tỷ đồng."
    )
    got = [(s, start, part) for s, _, start, _, part, _, _ in _periods(text, date(2024, 7, 5))]
    assert got == [("1.240 tỷ đồng", 2024, "q2"), ("5.210 tỷ đồng", 2023, "m9")]


def test_past_five_years_count_back_from_the_publication_date():
    text = "Đại hội\n\n5 năm qua, tổng thu ngân sách đạt 21.400 tỷ đồng."
    assert _periods(text, date(2020, 8, 20))[0][2:4] == (2016, 2020)
    assert _periods(text, date(2025, 9, 1))[0][2:4] == (2021, 2025)


def test_up_to_now_is_the_articles_year():
    text = "Nông thôn mới\n\nĐến nay, huyện có 24/25 xã đạt chuẩn nông thôn mới."
    assert _periods(text, date(2023, 6, 15))[0][2:5] == (2023, 2023, None)


def test_a_span_and_its_yearly_average():
    text = "Kết quả\n\nGiai đoạn 2016-2020, thu ngân sách tăng bình quân 12%/năm."
    assert _periods(text, date(2021, 3, 10)) == [
        ("12%/năm", "actual", 2016, 2020, None, None, True)
    ]


def test_the_base_of_a_comparison_is_not_the_period():
    text = "Năm 2023\n\nGiá trị sản xuất tăng 8,1% so với năm 2022."
    assert _periods(text, date(2023, 12, 20))[0][2:4] == (2023, 2023)


def test_a_congress_term_in_a_result_sentence_is_not_the_results_period():
    text = (
        "Đại hội\n\nSáng 20/8, Đại hội Đảng bộ huyện nhiệm kỳ 2020-2025 khai mạc với 300 đại biểu."
    )
    assert _periods(text, date(2020, 8, 20))[0][2:4] == (2020, 2020)


def test_term_targets_are_the_plan_years_with_their_horizon():
    text = (
        "Nghị quyết Đại hội nhiệm kỳ 2020-2025\n\nCác chỉ tiêu chủ yếu nhiệm kỳ 2020-2025:\n\n"
        "- Tỷ lệ trường công lập đạt chuẩn quốc gia đạt 85%."
    )
    assert _periods(text, date(2020, 9, 25)) == [("85%", "target", 2021, 2025, None, 2025, False)]


def test_by_2025_takes_its_first_year_from_the_heading_span():
    text = (
        "Mục tiêu giai đoạn 2021-2025\n\nMục tiêu đặt ra:\n\n"
        "- Cơ cấu ngành dịch vụ đến năm 2025 chiếm khoảng 34-35%."
    )
    assert _periods(text, date(2021, 1, 5))[0][1:] == ("target", 2021, 2025, None, 2025, False)


def test_an_annual_target():
    text = "Kế hoạch năm 2024\n\nNăm 2024, huyện phấn đấu thu ngân sách đạt 9.200 tỷ đồng."
    assert _periods(text, date(2023, 12, 22)) == [
        ("9.200 tỷ đồng", "target", 2024, 2024, None, 2024, False)
    ]


def test_no_period_in_the_text_gives_none():
    text = "Ra quân\n\nPhường phấn đấu tỷ lệ thu gom rác thải trong ngày đạt 100%."
    assert _periods(text, date(2022, 5, 18)) == [("100%", "target", None, None, None, None, False)]


@pytest.mark.parametrize(
    ("sentence", "average"),
    [
        ("Tốc độ tăng giá trị sản xuất bình quân hằng năm giai đoạn 2021-2025 đạt 9,5%.", True),
        ("Giai đoạn 2021-2025, tổng thu ngân sách tăng bình quân 10%/năm.", True),
        ("Giai đoạn 2021-2025, tỷ lệ đảng viên hoàn thành tốt nhiệm vụ hằng năm đạt 70%.", False),
        ("Giai đoạn 2021-2025, thu nhập bình quân đầu người đạt 95 triệu đồng.", False),
    ],
)
def test_yearly_averages(sentence, average):
    (fig,) = extract_figures("Mục tiêu\n\n" + sentence, published=date(2021, 1, 5))
    assert fig.is_annual_average is average


def test_without_a_publication_date_the_dateline_counts():
    text = "Đại hội\nThứ Năm, 30/07/2020 - 09:15\n\n5 năm qua, thu ngân sách đạt 21.400 tỷ đồng."
    assert _periods(text, None)[0][2:4] == (2016, 2020)


def test_parts_of_a_year_are_in_the_seed_vocabulary():
    with (DBT_PROJECT_DIR / "seeds" / "period_parts.csv").open(encoding="utf-8") as fh:
        vocabulary = {row["period_part"] for row in csv.DictReader(fh)}
    parts = {row["period_part"] for row in predictions(CASES)} - {None}
    assert parts and parts <= vocabulary


def test_records_carry_the_five_period_fields():
    (fig,) = extract_figures("Năm 2023\n\nThu ngân sách đạt 3.594 tỷ đồng.", published=None)
    record = fig.to_dict()
    assert {name: record[name] for name in FIELDS} == {
        "period_start_year": 2023, "period_end_year": 2023, "period_part": None,
        "horizon_year": None, "is_annual_average": False,
    }  # fmt: skip


def test_the_publication_day_is_counted_in_vietnam():
    assert published_date(datetime(2023, 12, 31, 18, 0, tzinfo=UTC)) == date(2024, 1, 1)
    assert published_date("2020-07-30T07:43:00+00:00") == date(2020, 7, 30)
    assert published_date(None) is None


def test_period_scorer_counts_each_field_over_matched_pairs():
    scorer = _score_periods()
    gold = [json.loads(line) for line in (CASES / "all.jsonl").read_text().splitlines()]
    perfect, _ = scorer.score(gold, [dict(g) for g in gold])
    assert perfect["all_five_accuracy"] == 1.0 and perfect["matched_pairs"] == len(gold)
    shifted = [dict(g, period_end_year=(g["period_end_year"] or 0) + 1) for g in gold[:10]]
    scores, wrong = scorer.score(gold, shifted + [dict(g) for g in gold[10:]])
    assert scores["period_end_year_accuracy"] == round((len(gold) - 10) / len(gold), 4)
    assert len(wrong) == 10


_PIECES = (
    "năm ", "2020", "-", "2025", " đến ", "tới ", "  ", "\n", "giai đoạn ", "6 tháng", "sáu ",
    "cuối năm", "nửa cuối năm", "ngày 12/3", "12/2023", ".2024", "qua", "trong ", "5 ",
    "năm qua", "ước", "(", "/", "hết ", "tính ", "chiều nay ", "sắp tới", "1999", "thực hiện",
)  # fmt: skip


def test_form_search_by_core_finds_what_finditer_finds():
    """The core-anchored search of the slow period forms (periods._finditer) is a speed-up
    only: the same matches as the forms' own finditer, on the test articles and on random
    strings of the pieces the forms are made of."""
    import random

    from chitieu.figures import periods

    rng = random.Random(1)
    texts = [p.read_text(encoding="utf-8").lower() for p in sorted(DATA.rglob("*.txt"))]
    texts += ["".join(rng.choices(_PIECES, k=rng.randrange(1, 40))) for _ in range(2000)]
    for text in texts:
        for i, (form, rx) in enumerate(periods._FORM_RE):
            want = [(m.span(), m.groups()) for m in rx.finditer(text)]
            assert [(m.span(), m.groups()) for m in periods._finditer(i, text)] == want, form
