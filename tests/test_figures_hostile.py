"""The extractor on hostile text: it never raises, offsets index the surface, values are finite,
records are strict JSON; `chitieu extract` reports a bad file and goes on."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main
from chitieu.figures import extract_figures, normalize_text

# Pieces that exercise the grammar: numbers in both notations, units, cue words, brackets,
# separators, combining marks and odd spaces; glued together in any order.
PIECES = [
    "1",
    "09",
    "12.153",
    "84,7",
    "3.5",
    "2020",
    "2020-2025",
    "30/7",
    "38/42",
    "9" * 320,
    "%",
    "‰",
    "%o",
    " tỷ đồng",
    " triệu USD",
    " ha",
    " lần",
    " người",
    " xã",
    " chỉ tiêu",
    "tăng ",
    "giảm ",
    "đạt ",
    "vượt ",
    "gấp ",
    "trên ",
    "khoảng ",
    "từ ",
    " đến ",
    " trở lên",
    "phấn đấu ",
    "mục tiêu ",
    "kế hoạch",
    "dự toán",
    "so với cùng kỳ",
    "năm 2024",
    "đến năm 2030",
    "Tỷ lệ hộ nghèo ",
    "Thu ngân sách ",
    "(",
    ")",
    ",",
    ";",
    ":",
    ".",
    "\n",
    "\n\n- ",
    " ",
    "\u00a0",
    "\u0301",
    "a\u0300",
    "“",
    "”",
    "-",
    "/",
    "Ð",
    "İ",
    "\u200b",
    "\r\n",
]
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(max_size=300),
)


def _check(text: str) -> None:
    norm = normalize_text(text)
    assert len(norm) == len(text) or norm == normalize_text(norm)
    for fig in extract_figures(text):
        assert norm[fig.char_start : fig.char_end] == fig.surface
        assert fig.surface in fig.sentence
        for value in (fig.value, fig.value_max, fig.denominator):
            assert value is None or math.isfinite(value)
        json.dumps(fig.to_dict("x"), allow_nan=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_invariants_on_any_text(text):
    _check(text)


def test_numbers_too_large_for_a_float_are_no_figures():
    text = "Thu ngân sách đạt " + "9" * 400 + " tỷ đồng, có trên 1" + "0" * 310 + " người dân."
    figs = extract_figures(text)
    assert all(math.isfinite(f.value) for f in figs)
    assert not [f for f in figs if f.unit == "vnd"]


def test_large_but_finite_count_is_kept():
    figs = extract_figures("Toàn huyện có " + "1" * 300 + " người dân.")
    assert len(figs) == 1 and math.isfinite(figs[0].value)


def test_one_sentence_of_many_figures_keeps_its_records_small():
    text = "".join(f"{n}%, " for n in range(1, 2000))
    figs = extract_figures(text)
    assert len(figs) == 1999
    assert max(len(f.sentence) for f in figs) < 2100


def test_cli_reports_a_bad_file_and_goes_on(tmp_path, capsys):
    bad = tmp_path / "001_bad.txt"
    bad.mkdir()  # cannot be read as a file
    good = tmp_path / "002_good.txt"
    good.write_text("Thu ngân sách đạt 500 tỷ đồng, " + "9" * 400 + "%.", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["--home", str(tmp_path / "home"), "extract", str(bad), str(good)])
    out, err = capsys.readouterr()
    assert exit_info.value.code == 1 and "001_bad.txt" in err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["value"] for r in rows] == [500_000_000_000]
