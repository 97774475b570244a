"""Kind, measure, qualifier and indicator rules of the figure extractor (own sentences)."""

from __future__ import annotations

import pytest

from chitieu.figures import extract_figures
from chitieu.figures.indicators import indicator_code


def one(text: str):
    found = extract_figures(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- kind


def test_result_verbs_are_actual():
    assert one("Năm 2023, thu ngân sách đạt 980 tỷ đồng.").kind == "actual"


def test_estimates_are_actual():
    assert one("Tổng vốn đầu tư ước đạt 5.400 tỷ đồng.").kind == "actual"


def test_phan_dau_is_target():
    assert one("Phấn đấu tỷ lệ lao động qua đào tạo đạt 75%.").kind == "target"


def test_muc_tieu_is_target():
    assert one("Mục tiêu đến năm 2030, thu nhập bình quân đạt 120 triệu đồng.").kind == "target"


def test_den_nam_is_target():
    assert one("Đến năm 2025, tỷ lệ đô thị hóa đạt 60%.").kind == "target"


def test_se_is_target():
    assert one("Huyện sẽ xây dựng thêm 5 trường học.").kind == "target"


def test_da_de_ra_is_target_not_actual():
    text = "Thống nhất với 15 chỉ tiêu chủ yếu đã đề ra cho nhiệm kỳ."
    assert one(text).kind == "actual"  # the cue comes after the figure
    assert one("Thống nhất mục tiêu và 15 chỉ tiêu chủ yếu đã đề ra.").kind == "target"


def test_thuc_hien_co_hieu_qua_is_no_result_cue():
    text = "Đề nghị huyện thực hiện có hiệu quả 04 chương trình công tác."
    assert one(text).kind == "target"


def test_heading_makes_list_items_targets():
    text = (
        "Các chỉ tiêu chủ yếu\n- Tỷ lệ hộ nghèo dưới 1%.\n- Thu nhập bình quân đạt 90 triệu đồng."
    )
    assert [f.kind for f in extract_figures(text)] == ["target", "target"]


def test_heading_scope_ends_at_next_heading():
    text = (
        "Mục tiêu đến năm 2030\n- Tỷ lệ đô thị hóa đạt 55%.\n"
        "Kết quả năm 2024\n- Tỷ lệ đô thị hóa đạt 48%."
    )
    assert [f.kind for f in extract_figures(text)] == ["target", "actual"]


def test_subtopic_line_keeps_scope():
    text = "2. Chỉ tiêu:\n* Về kinh tế\n- Tăng trưởng kinh tế đạt 8%."
    assert one(text).kind == "target"


def test_result_estimate_in_target_list_is_actual():
    text = "Các chỉ tiêu:\n- Năm 2024 ước đạt 92% số hộ dùng nước sạch."
    assert one(text).kind == "actual"


def test_headline_with_plan_words_is_actual():
    assert one("Thu ngân sách vượt 15% kế hoạch đề ra").kind == "actual"


# ---------------------------------------------------------------- measure


def test_level():
    assert one("Tỷ lệ bao phủ bảo hiểm y tế đạt 93%.").measure == "level"


def test_change_tang_so_voi_cung_ky():
    assert one("Doanh thu tăng 9,5% so với cùng kỳ.").measure == "change"


def test_change_giam():
    assert one("Tỷ lệ hộ nghèo giảm 0,5%.").measure == "change"


def test_giam_xuong_is_a_level():
    assert one("Giảm tỷ lệ hộ nghèo xuống còn 0,8%.").measure == "level"


def test_change_from_growth_indicator():
    assert one("Tốc độ tăng trưởng kinh tế đạt 7,2%.").measure == "change"


def test_change_binh_quan_moi_nam():
    assert one("Giá trị sản xuất công nghiệp tăng bình quân 11% mỗi năm.").measure == "change"


def test_change_them():
    assert one("Phấn đấu có thêm 4 xã đạt chuẩn nông thôn mới.").measure == "change"


@pytest.mark.parametrize(
    "text",
    [
        "Thu ngân sách đạt 105% dự toán.",
        "Thu ngân sách bằng 130% kế hoạch giao.",
        "Tổng thu vượt 12% kế hoạch.",
        "Giải ngân đạt 97,5% chỉ tiêu năm.",
        "Hoàn thành 100% chỉ tiêu giao quân.",
    ],
)
def test_plan(text):
    assert one(text).measure == "plan"


def test_plan_with_vuot_chi_tieu_before():
    assert one("Thu ngân sách vượt chỉ tiêu tỉnh giao từ 3-5%.").measure == "plan"


# ---------------------------------------------------------------- qualifier


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Tỷ lệ che phủ rừng đạt 45%.", "eq"),
        ("Doanh thu khoảng 300 tỷ đồng.", "approx"),
        ("Doanh thu ước đạt 300 tỷ đồng.", "approx"),
        ("Đón gần 2 triệu lượt khách.", "approx"),
        ("Doanh thu đạt trên 300 tỷ đồng.", "gt"),
        ("Kết nạp hơn 200 đảng viên.", "gt"),
        ("Tỷ lệ hộ nghèo dưới 1,5%.", "lt"),
        ("Tỷ lệ lao động qua đào tạo đạt ít nhất 70%.", "ge"),
        ("Tỷ lệ lao động qua đào tạo tối thiểu 70%.", "ge"),
        ("Tỷ lệ trường đạt chuẩn 80% trở lên.", "ge"),
        ("Chi thường xuyên tối đa 500 tỷ đồng.", "le"),
        ("Chi thường xuyên không quá 500 tỷ đồng.", "le"),
    ],
)
def test_qualifiers(text, qualifier):
    assert one(text).qualifier == qualifier


def test_nearest_qualifier_wins():
    assert one("Tổng thu ước đạt trên 4 nghìn tỷ đồng.").qualifier == "gt"


def test_vuot_percent_of_plan_is_exact():
    f = one("Thu ngân sách vượt 20% kế hoạch.")
    assert (f.qualifier, f.measure) == ("eq", "plan")


def test_tren_dia_ban_is_no_qualifier():
    assert one("Thu ngân sách trên địa bàn đạt 640 tỷ đồng.").qualifier == "eq"


# ---------------------------------------------------------------- indicator


def test_indicator_is_subject_before_cue():
    f = one("Năm 2024, tỷ lệ hộ dân sử dụng nước sạch đạt 98%.")
    assert f.indicator == "tỷ lệ hộ dân sử dụng nước sạch"


def test_indicator_strips_estimate_and_qualifier_words():
    f = one("Tổng vốn đầu tư toàn xã hội ước đạt trên 9 nghìn tỷ đồng.")
    assert f.indicator == "Tổng vốn đầu tư toàn xã hội"


def test_indicator_shared_with_previous_figure():
    found = extract_figures("Thu ngân sách đạt 700 tỷ đồng, tăng 6% so với cùng kỳ.")
    assert [f.indicator for f in found] == ["Thu ngân sách", "Thu ngân sách"]


def test_indicator_after_leading_percent():
    f = one("100% trạm y tế có bác sĩ làm việc.")
    assert f.indicator == "trạm y tế có bác sĩ làm việc"


def test_indicator_of_count_is_noun_and_modifiers():
    f = one("Toàn huyện có 17 xã đạt chuẩn nông thôn mới.")
    assert f.indicator == "xã đạt chuẩn nông thôn mới"


def test_indicator_of_count_after_copula():
    f = one("Số lao động được giải quyết việc làm là 2.400 người.")
    assert f.indicator == "Số lao động được giải quyết việc làm"


def test_indicator_label_before_colon():
    f = one("- Tốc độ tăng trưởng kinh tế bình quân: 8,5%.")
    assert f.indicator == "Tốc độ tăng trưởng kinh tế bình quân"


def test_indicator_drops_time_phrase():
    f = one("Tỷ lệ đô thị hóa năm 2023 đạt 41%.")
    assert f.indicator == "Tỷ lệ đô thị hóa"


def test_indicator_joins_short_noun_list():
    f = one("Nông nghiệp, thủy sản chiếm 12% cơ cấu kinh tế.")
    assert f.indicator == "Nông nghiệp, thủy sản"


# ---------------------------------------------------------------- indicator codes


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("Tổng thu ngân sách nhà nước trên địa bàn", "budget_revenue"),
        ("tổng chi ngân sách địa phương", "budget_expenditure"),
        ("tốc độ tăng giá trị sản xuất các ngành kinh tế", "production_value_growth"),
        ("Tỷ lệ hộ nghèo", "poor_households_rate"),
        ("tỷ lệ trường công lập đạt chuẩn quốc gia", "public_schools_national_standard"),
        ("Tỷ lệ tổ dân phố văn hoá", "cultural_residential_groups_rate"),  # old tone placement
        ("ty le bao phu bao hiem y te", "health_insurance_coverage"),  # no diacritics
        ("xã đạt chuẩn nông thôn mới", "new_rural_communes"),
        ("Thu nhập bình quân đầu người", "per_capita_income"),
    ],
)
def test_indicator_codes(phrase, code):
    assert indicator_code(phrase) == code


def test_unknown_indicator_has_no_code():
    assert indicator_code("số cây xăng bán lẻ") is None
    f = one("Huyện có 14 cây cầu bắc qua sông.")
    assert f.indicator and f.indicator_code is None


def test_past_horizon_year_is_no_target_cue():
    text = "Cập nhật ngày 10/01/2024. Đến năm 2023, toàn huyện có 12 xã đạt chuẩn."
    assert one(text).kind == "actual"


def test_planning_horizon_year_is_a_target_cue():
    assert one("Đến năm 2030, toàn huyện có 25 xã đạt chuẩn.").kind == "target"


def test_numbered_list_items_keep_the_scope():
    text = "Các chỉ tiêu chủ yếu:\n1. Tỷ lệ hộ nghèo dưới 1%.\n2. Tỷ lệ che phủ rừng đạt 40%."
    assert [f.kind for f in extract_figures(text)] == ["target", "target"]


def test_count_after_preposition_takes_phrase_before():
    f = one("Năm 2024, huyện giải quyết việc làm cho hơn 3.000 lao động.")
    assert (f.indicator, f.qualifier) == ("giải quyết việc làm", "gt")


def test_indicator_after_previous_count_starts_after_voi():
    found = extract_figures("Cấp phép 150 doanh nghiệp với tổng vốn đăng ký 900 tỷ đồng.")
    assert found[1].indicator == "tổng vốn đăng ký"


def test_indicator_drops_leading_period():
    f = one("Quý I/2024, thu ngân sách đạt 30% dự toán.")
    assert f.indicator == "thu ngân sách"


def test_goal_cue_carries_to_next_sentence_of_paragraph():
    text = "Đại hội đề ra mục tiêu cho nhiệm kỳ mới. Thu ngân sách tăng bình quân 10%/năm."
    assert one(text).kind == "target"


def test_result_cue_carries_over_a_plan_reference():
    text = "Huyện đã hoàn thành 20/22 chỉ tiêu đề ra. Tốc độ tăng trưởng đạt 11%."
    assert [f.kind for f in extract_figures(text)] == ["actual", "actual"]


def test_no_carry_across_paragraphs():
    text = "Phấn đấu thu ngân sách đạt 900 tỷ đồng.\nNăm 2023, tỷ lệ hộ nghèo là 1,2%."
    assert [f.kind for f in extract_figures(text)] == ["target", "actual"]


def test_intro_line_ending_with_colon_opens_target_scope():
    text = "Năm 2025, huyện phấn đấu đạt các chỉ tiêu sau:\n- Tỷ lệ hộ nghèo 0,5%."
    assert one(text).kind == "target"


def test_proper_name_after_number_is_no_count():
    assert extract_figures("Bệnh viện 108 Bộ Quốc phòng tiếp nhận bệnh nhân.") == []


def test_percentage_points():
    f = one("Tỷ lệ hộ nghèo giảm 0,4 điểm phần trăm.")
    assert (f.unit, f.value, f.measure) == ("percent", 0.4, "change")


def test_from_level_in_giam_tu_x_xuong_y():
    found = extract_figures("Tỷ lệ hộ nghèo giảm từ 3,1% xuống còn 0,8%.")
    assert [f.measure for f in found] == ["level", "level"]


def test_paragraph_right_under_numbered_target_heading_is_target():
    text = (
        "I. KẾT QUẢ NĂM 2023\nThu ngân sách đạt 1.200 tỷ đồng.\n"
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024\nThu ngân sách đạt 1.500 tỷ đồng.\n"
        "Năm 2023 là năm khó khăn, huyện có 20 xã về đích."
    )
    assert [f.kind for f in extract_figures(text)] == ["actual", "target", "actual"]


def test_news_subtitle_does_not_cover_the_paragraph_under_it():
    text = "Phấn đấu hoàn thành các chỉ tiêu năm 2024\nNăm 2023, thu ngân sách đạt 900 tỷ đồng."
    assert one(text).kind == "actual"


def test_count_right_after_another_figure_names_its_own_noun():
    found = extract_figures("Có 200 đại biểu đại diện cho 9.500 đảng viên.")
    assert [f.indicator for f in found] == ["đại biểu đại diện", "đảng viên"]


def test_indicator_before_a_bracket():
    f = one("Còn chỉ tiêu về tỷ lệ hộ dùng nước sạch (mới đạt 96,5%).")
    assert f.indicator == "chỉ tiêu về tỷ lệ hộ dùng nước sạch"


def test_indicator_of_completed_share_is_what_is_completed():
    f = one("Đề nghị huyện tập trung hoàn thành 100% chỉ tiêu giao quân.")
    assert (f.indicator, f.measure, f.kind) == ("chỉ tiêu giao quân", "plan", "target")


def test_result_list_intro_is_no_target_scope():
    text = "Các chỉ tiêu chủ yếu đạt được:\n- Thu ngân sách đạt 2.100 tỷ đồng."
    assert one(text).kind == "actual"


def test_chi_tieu_naming_the_goal_is_target():
    assert one("Năm 2024, chỉ tiêu thu ngân sách là 1.000 tỷ đồng.").kind == "target"
    assert one("Huyện đã thực hiện các chỉ tiêu, thu ngân sách đạt 900 tỷ đồng.").kind == "actual"


def test_indicator_dictionary_is_well_formed():
    import csv
    import unicodedata

    from chitieu.figures.indicators import DICTIONARY_PATH

    with DICTIONARY_PATH.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == [
        "indicator_code",
        "name_vi",
        "name_en",
        "unit",
        "is_higher_better",
        "head",
        "terms",
        "excludes",
    ]
    codes = [r["indicator_code"] for r in rows]
    assert len(codes) == len(set(codes)) >= 40
    units = {"percent", "permille", "vnd", "usd", "ratio", "multiple", "quantity", "count"}
    for row in rows:
        assert row["unit"] in units and row["is_higher_better"] in ("true", "false")
        assert row["name_vi"] and row["name_en"] and row["terms"]
        for cell in ("head", "terms", "excludes"):
            for pattern in filter(None, row[cell].split("|")):
                assert pattern == pattern.strip().lower() == unicodedata.normalize("NFC", pattern)


def test_plan_then_result_in_one_sentence():
    found = extract_figures("Chỉ tiêu giao 500 tỷ đồng, thực hiện đạt 520 tỷ đồng, bằng 104%.")
    assert [f.kind for f in found] == ["target", "actual", "actual"]


def test_reporting_unit_alone_is_no_indicator():
    f = one("Năm 2023, huyện đã đạt 95% hộ gia đình văn hóa.")
    assert f.indicator == "hộ gia đình văn hóa"


def test_noun_compounds_ending_like_cue_words_are_kept():
    assert one("Tỷ lệ tăng dân số 1,1%.").indicator == "Tỷ lệ tăng dân số"


# ---------------------------------------------------------------- held-out hardening


def test_period_report_list_is_actual_not_target():
    text = (
        "Một số chỉ tiêu chủ yếu 9 tháng đầu năm:\n"
        "- Thu ngân sách: 820 tỷ đồng, đạt 61% dự toán.\n"
        "- Số hợp tác xã thành lập mới: 14 hợp tác xã."
    )
    assert [f.kind for f in extract_figures(text)] == ["actual", "actual", "actual"]


def test_same_period_comparison_after_the_figure_is_actual():
    text = "Các chỉ tiêu chủ yếu\n- Doanh thu dịch vụ 4.100 tỷ đồng, tăng 7% so với cùng kỳ."
    assert [f.kind for f in extract_figures(text)] == ["actual", "actual"]


def test_goal_named_as_yardstick_does_not_carry_target():
    text = "Tăng trưởng đạt 6,1%, thấp hơn mục tiêu đề ra (7%). Kim ngạch xuất khẩu đạt 5 tỷ USD."
    assert [f.kind for f in extract_figures(text)] == ["actual", "target", "actual"]


def test_past_year_before_the_figure_is_actual():
    text = "Ngày 10.03.2024, tỉnh họp.\nMục tiêu rất cao. Quy mô GRDP năm 2023 đạt 95 nghìn tỷ."
    assert extract_figures(text)[-1].kind == "actual"


def test_yearly_percent_is_a_change_except_interest():
    assert one("Kinh tế của huyện đạt bình quân 6,5%/năm.").measure == "change"
    assert one("Lãi suất cho vay ưu đãi là 6,6%/năm.").measure == "level"


def test_indicator_drops_letter_list_marker():
    assert one("b) Tổng thu ngân sách xã đạt 12 tỷ đồng.").indicator == "Tổng thu ngân sách xã"


def test_indicator_drops_khong_duoi_qualifier():
    f = one("Tỷ lệ hộ đạt gia đình văn hóa không dưới 88%.")
    assert f.indicator == "Tỷ lệ hộ đạt gia đình văn hóa" and f.qualifier == "ge"


def test_goal_verb_with_pronoun_subject_names_nothing():
    f = one("Chúng tôi đặt mục tiêu 100% hồ sơ được giải quyết đúng hạn.")
    assert f.indicator == "hồ sơ được giải quyết đúng hạn"


def test_percent_of_a_counted_set_names_the_set():
    f = extract_figures("Lắp 500 camera, giúp giảm 20% số vụ trộm cắp so với năm trước.")[-1]
    assert f.indicator == "số vụ trộm cắp"


def test_words_before_first_comma_after_a_figure_stay_with_it():
    f = extract_figures("Xây mới 30 km đường huyện, nâng cấp 50 km.")[-1]
    assert f.indicator == "nâng cấp"


def test_count_takes_its_label():
    f = one("- Số hợp tác xã thành lập mới: 25 hợp tác xã.")
    assert f.indicator == "Số hợp tác xã thành lập mới"


def test_indicator_drops_ca_nam_and_keeps_tren_dia_ban():
    assert one("Thu ngân sách ước cả năm đạt 500 tỷ đồng.").indicator == "Thu ngân sách"
    text = "Tổng thu ngân sách trên địa bàn đạt 500 tỷ đồng."
    assert one(text).indicator == "Tổng thu ngân sách trên địa bàn"


def test_count_phrase_after_stops_at_voi():
    f = extract_figures("Có 120 hợp tác xã mới với tổng vốn 50 tỷ đồng.")[0]
    assert f.indicator == "hợp tác xã mới"


def test_cam_ket_is_target():
    assert one("Xã cam kết hoàn thành 8 km đường trước ngày 30/6.").kind == "target"


def test_right_phrase_stops_before_a_deadline():
    assert one("Xã cam kết hoàn thành 8 km đường trước ngày 30/6.").indicator == "đường"


def test_indicator_drops_enumeration_word():
    assert one("Thứ hai, thu ngân sách đạt 700 tỷ đồng.").indicator == "thu ngân sách"


def test_range_after_them_tu_is_a_change():
    assert one("Huyện phấn đấu có thêm từ 4 đến 6 xã đạt chuẩn.").measure == "change"


def test_indicator_drops_report_period():
    f = one("Tổng thu ngân sách 9 tháng ước đạt 800 tỷ đồng.")
    assert f.indicator == "Tổng thu ngân sách"


def test_attribute_after_a_count_names_the_next_figure():
    f = extract_figures("Xây dựng 2 nhà máy nước công suất 3.000 m3/ngày.")[1]
    assert f.indicator == "công suất"


def test_hien_moi_dat_is_actual_after_a_goal():
    text = (
        "Tỉnh đề ra mục tiêu đến năm 2030 GRDP bình quân đầu người đạt 7.000 USD,"
        " hiện mới đạt 3.900 USD."
    )
    found = extract_figures(text)
    assert [f.kind for f in found] == ["target", "actual"]
    assert found[0].indicator == "GRDP bình quân đầu người"


@pytest.mark.parametrize(
    "text",
    [
        "Trong nhiệm kỳ tới, xã tiếp tục duy trì tỷ lệ tham gia bảo hiểm y tế trên 92%.",
        "Xã cố gắng hoàn thành 100% kế hoạch năm.",
        "Theo kế hoạch, năm sau xã xây dựng 2 trường mới.",
    ],
)
def test_future_wording_is_target(text):
    assert one(text).kind == "target"


def test_indicator_drops_end_of_year_and_reporting_unit():
    f = one("Đến cuối năm 2030, thị xã phấn đấu có 85% trường đạt chuẩn quốc gia.")
    assert f.indicator == "trường đạt chuẩn quốc gia"
    assert one("Tỷ lệ hộ nghèo cuối năm 2023 còn 2,1%.").indicator == "Tỷ lệ hộ nghèo"


def test_future_period_after_the_dateline_is_target():
    text = (
        "Tỉnh họp tổng kết\nThứ Hai, 06/10/2025 - 08:00\n\n"
        "Tăng trưởng giai đoạn 2026-2030 bình quân 10%/năm."
    )
    assert extract_figures(text)[-1].kind == "target"


def test_body_date_is_no_dateline():
    text = (
        "Thành phố tổng kết năm\n\nThành phố thành lập ngày 01/01/2021 trên cơ sở sáp nhập.\n"
        "Năm 2023, tổng vốn đầu tư toàn xã hội khoảng 120 nghìn tỷ đồng."
    )
    assert extract_figures(text)[-1].kind == "actual"


def test_completed_bare_plan_keeps_the_indicator_before():
    f = one("Thu ngân sách xã hoàn thành 104% kế hoạch năm.")
    assert f.indicator == "Thu ngân sách xã" and f.measure == "plan"


def test_mat_bang_is_no_cue_word():
    assert one("Xã đã giải phóng mặt bằng 35 ha.").indicator == "giải phóng mặt bằng"


def test_tu_before_a_lower_bound_keeps_a_change():
    f = one("Thu ngân sách tăng bình quân từ 8% trở lên mỗi năm.")
    assert (f.measure, f.qualifier) == ("change", "ge")


def test_new_share_after_trong_do_names_its_own_set():
    text = "100% trường đạt chuẩn quốc gia, trong đó ít nhất 25% trường đạt chuẩn mức độ 2."
    assert extract_figures(text)[1].indicator == "trường đạt chuẩn mức độ 2"


def test_plan_excess_is_a_field_of_the_record():
    figs = extract_figures("Thu ngân sách vượt 12% dự toán; chi ngân sách đạt 103% dự toán.")
    assert [(f.measure, f.is_plan_excess) for f in figs] == [("plan", True), ("plan", False)]


def test_plan_structure_is_a_field_of_the_record():
    figs = extract_figures("Đại hội đề ra 20 nhóm chỉ tiêu và 3 khâu đột phá; có 15 xã đạt chuẩn.")
    assert [f.is_plan_structure for f in figs] == [True, True, False]


def test_record_carries_plan_fields_in_json():
    row = extract_figures("Thu ngân sách vượt 5-10% kế hoạch.")[0].to_dict()
    assert row["is_plan_excess"] is True and row["is_plan_structure"] is False


@pytest.mark.parametrize(
    ("phrase", "unit", "code"),
    [
        (
            "tỷ lệ trường học các cấp đạt chuẩn quốc gia",
            "percent",
            "public_schools_national_standard",
        ),
        ("ti le truong dat chuan quoc gia", "percent", "public_schools_national_standard"),
        ("Tỉ lệ hộ nghèo theo chuẩn đa chiều", "percent", "poor_households_rate"),
        ("hộ nghèo", "count", "poor_households"),
        ("hộ nghèo", "percent", "poor_households_rate"),
        ("tỷ lệ hộ cận nghèo", "percent", "near_poor_households_rate"),
        ("số hộ cận nghèo", "count", "near_poor_households"),
        ("tỷ lệ hộ nghèo, cận nghèo đa chiều", "percent", "poor_and_near_poor_rate"),
        ("Thu nhập của hộ nghèo", "vnd", "poor_household_income"),
        ("tỷ lệ diện tích được tưới chủ động", "percent", "irrigation_coverage"),
        ("nguồn vốn huy động trên địa bàn tỉnh", "vnd", "deposits"),
        ("thôn đạt chuẩn nông thôn mới kiểu mẫu", "count", "model_residential_areas"),
        ("xã đạt chuẩn nông thôn mới kiểu mẫu", "count", "advanced_new_rural_communes"),
        ("số xã được công nhận đạt chuẩn nông thôn mới", "count", "new_rural_communes"),
        ("xã đạt chuẩn nông thôn mới nâng cao", "count", "advanced_new_rural_communes"),
        ("tỷ lệ người dân tham gia bảo hiểm y tế", "percent", "health_insurance_coverage"),
        ("tỷ trọng ngành dịch vụ", "percent", "service_sector_share"),
        ("kết nạp đảng viên mới", "count", "new_party_members"),
        ("tỷ lệ che phủ rừng", "percent", "forest_cover_rate"),
        ("tổng vốn đầu tư toàn xã hội giai đoạn 2021-2025", "vnd", "total_social_investment"),
    ],
)
def test_indicator_codes_by_structure(phrase, unit, code):
    assert indicator_code(phrase, unit) == code


def test_folded_single_syllables_match_nothing():
    assert indicator_code("dân, quận Hải Châu") is None  # not `dân quân`
    assert indicator_code("cây cầu bắc qua sông") is None  # `qua` is not `quà`


@pytest.mark.parametrize(
    "text",
    [
        "Quận hoàn thành vượt mức các mục tiêu Đại hội đề ra; 15/15 chỉ tiêu đều đạt.",
        "Kinh tế phát triển đúng định hướng Nghị quyết đề ra. Thu ngân sách năm 2022 đạt 1.200 tỷ.",
        "GRDP tăng 7,36% so với năm 2016 (vượt mục tiêu Nghị quyết 0,36%).",
    ],
)
def test_goal_as_yardstick_of_a_result_is_actual(text):
    assert {f.kind for f in extract_figures(text)} == {"actual"}


def test_goal_value_in_brackets_after_its_yardstick_is_target():
    figs = extract_figures("Tăng trưởng đạt 7,8%/năm, thấp hơn mục tiêu đề ra (8,5-9%/năm).")
    assert [f.kind for f in figs] == ["actual", "target"]


def test_counted_goals_adopted_are_targets():
    figs = extract_figures(
        "Đại hội biểu quyết 12 chỉ tiêu quan trọng như: tăng trưởng bình quân 8%."
    )
    assert [f.kind for f in figs] == ["target", "target"]


def test_subtopic_paragraph_keeps_the_section_kind():
    text = (
        "Đại hội đề ra mục tiêu: thu ngân sách tăng 10%/năm.\n\nVề hạ tầng: tỷ lệ đô thị hóa 33%."
    )
    assert [f.kind for f in extract_figures(text)] == ["target", "target"]


# ---------------------------------------------------------------- qualifier: compounds, estimates


@pytest.mark.parametrize(
    "text",
    [
        "Tốc độ tăng 7% so với năm trước.",
        "Mức độ hài lòng của người dân đạt 92%.",
        "Huyện triển khai dựa trên 5 nhóm giải pháp.",
        "Theo chỉ đạo của cấp trên 3 dự án được điều chỉnh.",
    ],
)
def test_cue_word_closing_a_compound_is_no_qualifier(text):
    assert extract_figures(text)[0].qualifier == "eq"


def test_bare_cue_word_still_qualifies():
    assert one("Tăng độ 7% so với năm trước.").qualifier == "approx"
    assert one("Kết nạp trên 120 đảng viên.").qualifier == "gt"


def test_estimate_word_governs_the_first_figure_of_its_predicate():
    figs = extract_figures("Ước tổng chi ngân sách huyện đạt 410 tỷ đồng, bằng 104% dự toán.")
    assert [f.qualifier for f in figs] == ["approx", "eq"]
    text = "Ước tính đến hết năm 2024, dư nợ tín dụng trên địa bàn đạt 9.000 tỷ đồng."
    assert one(text).qualifier == "approx"


def test_nearer_qualifier_beats_the_estimate_word():
    assert one("Ước cả năm, tổng thu đạt trên 300 tỷ đồng.").qualifier == "gt"


def test_estimate_compounds_are_no_estimate():
    assert one("Theo công ước quốc tế, tỷ lệ trẻ em đi học đạt 98%.").qualifier == "eq"


def test_comparative_difference_is_exact():
    text = "Tỷ lệ đô thị hóa đạt 41%, cao hơn 2,5 điểm % so với năm trước."
    assert [f.qualifier for f in extract_figures(text)] == ["eq", "eq"]
    assert one("Tỷ lệ hộ nghèo của xã cao hơn 5%.").qualifier == "gt"


# ---------------------------------------------------------------- measure: verbs shared, peers


def test_lan_luot_figures_share_the_change_verb():
    text = "Công nghiệp và dịch vụ tăng lần lượt 8% và 12%."
    assert [f.measure for f in extract_figures(text)] == ["change", "change"]


def test_coordinated_counts_share_the_change_verb():
    text = "Năm 2024, huyện có thêm 3 xã đạt chuẩn nông thôn mới và 2 xã đạt chuẩn nâng cao."
    assert [f.measure for f in extract_figures(text)] == ["change", "change"]


def test_equivalent_amount_restates_the_change():
    text = "Thu nhập bình quân đạt 50 triệu đồng (tăng 8% tương đương 3,7 triệu đồng)."
    assert [f.measure for f in extract_figures(text)] == ["level", "change", "change"]


def test_amount_over_a_goal_is_plan():
    text = "Xuất khẩu đạt 2 tỷ USD, vượt 150 triệu USD so với kế hoạch."
    found = extract_figures(text)
    assert [f.measure for f in found] == ["level", "plan"]
    assert not found[1].is_plan_excess  # only a percentage excess reads as attainment
    assert one("Thu ngân sách vượt mục tiêu Nghị quyết 2,5%.").measure == "plan"


def test_plan_word_of_another_predicate_is_no_plan():
    text = "Thu vượt dự toán là do tốc độ tăng trưởng của huyện tăng cao, ước tăng 9,5%."
    assert one(text).measure == "change"


def test_multiple_of_a_peer_is_a_level_of_an_earlier_time_a_change():
    text = "Thu nhập đạt 80 triệu đồng, gấp 1,3 lần bình quân cả nước."
    assert extract_figures(text)[1].measure == "level"
    assert one("Thu ngân sách gấp 2 lần so với năm 2020.").measure == "change"
    assert one("Thu ngân sách gấp 2 lần nhiệm kỳ trước.").measure == "change"


def test_change_verb_before_its_object():
    assert one("Hằng năm giảm tỷ lệ hộ nghèo 1,5%.").measure == "change"
    assert one("Giảm tỷ lệ hộ nghèo xuống còn 2%.").measure == "level"


def test_share_of_a_total_is_a_level():
    assert one("Số hộ nghèo chiếm gần 25% so với tổng số hộ.").measure == "level"


def test_percentage_points_are_a_change():
    assert extract_figures("Dịch vụ đóng góp 4,1 điểm % vào tăng trưởng.")[0].measure == "change"


def test_percentage_of_output_is_its_growth():
    assert one("GRDP của tỉnh ước đạt 8,2%.").measure == "change"
    assert one("Công nghiệp chiếm 40% GRDP.").measure == "level"
    assert one("GRDP bình quân đầu người bằng 92% mức cả nước.").measure == "level"


# ---------------------------------------------------------------- kind: counted goals, horizons


def kinds(text: str) -> list[str]:
    return [f.kind for f in extract_figures(text)]


def test_goal_word_modifying_a_counted_plan_noun_is_no_goal():
    text = "Nhiệm kỳ qua, huyện đã đạt 14/16 chỉ tiêu chủ yếu đề ra, trong đó 9 chỉ tiêu vượt."
    assert kinds(text) == ["actual", "actual"]


def test_year_before_a_goal_verb_does_not_count_it():
    text = "Năm 2025 phấn đấu thu 900 tỷ đồng; năm 2024 ước đạt 850 tỷ đồng."
    assert kinds(text) == ["target", "actual"]


def test_horizon_reached_and_compared_with_its_goal_is_a_result():
    text = (
        "Tổng giá trị sản xuất đến năm 2020 đạt 3.100 tỷ đồng, vượt 4% so với Nghị quyết; tốc độ"
        " tăng bình quân đạt 8,2%/năm."
    )
    assert kinds(text) == ["actual", "actual", "actual"]
    assert kinds("Đến năm 2025, thu ngân sách đạt 900 tỷ đồng; tăng bình quân 8%/năm.") == [
        "target",
        "target",
    ]


def test_named_money_plan_is_a_target():
    assert one("Tổng kế hoạch vốn đầu tư công giao năm nay là 250 tỷ đồng.").kind == "target"


def test_du_kien_about_the_reviewed_year_is_an_estimate():
    text = (
        "Trong năm 2023, kinh tế của huyện đạt được nhiều kết quả.\n"
        "Đến cuối năm 2023, số hộ nghèo dự kiến giảm còn 800 hộ."
    )
    f = extract_figures(text)[0]
    assert (f.kind, f.qualifier) == ("actual", "approx")


def test_du_kien_about_a_later_year_or_no_year_is_a_plan():
    text = "Trong năm 2023, kinh tế đạt được nhiều kết quả. Năm 2024, dự kiến thu 900 tỷ đồng."
    assert [(f.kind, f.qualifier) for f in extract_figures(text)] == [("target", "eq")]
    assert one("Dự kiến thu ngân sách năm 2023 là 900 tỷ đồng.").kind == "target"


def test_estimate_inside_a_goal_sentence_stays_a_goal():
    text = (
        "Mục tiêu phấn đấu đến năm 2026 có thêm 5 xã đạt chuẩn nông thôn mới; thu nhập bình quân"
        " ước đạt 60 triệu đồng."
    )
    assert kinds(text) == ["target", "target"]


def test_connective_paragraph_keeps_the_kind_before_it():
    first = "Phấn đấu đến năm 2026 có 20 xã đạt chuẩn.\n"
    assert kinds(first + "Đồng thời, có thêm 10 sản phẩm OCOP.") == ["target", "target"]
    assert kinds(first + "Có thêm 10 sản phẩm OCOP.") == ["target", "actual"]


# ---------------------------------------------------------------- indicator: periods, subjects


def indicators_of(text: str) -> list[str | None]:
    return [f.indicator for f in extract_figures(text)]


def test_span_modifying_the_indicator_stays_a_date_does_not():
    assert one("Tổng vốn đầu tư giai đoạn 2021-2025 đạt 4.800 tỷ đồng.").indicator == (
        "Tổng vốn đầu tư giai đoạn 2021-2025"
    )
    assert one("Sản lượng lương thực cả năm đạt 39 vạn tấn.").indicator == (
        "Sản lượng lương thực cả năm"
    )
    assert one("Tổng chi ngân sách năm 2023 đạt 900 tỷ đồng.").indicator == "Tổng chi ngân sách"
    assert one("Thu ngân sách ước cả năm đạt 500 tỷ đồng.").indicator == "Thu ngân sách"


def test_average_after_the_noun_stays_after_dates_goes_with_the_verb():
    assert one("Tốc độ tăng trưởng GRDP bình quân đạt 7%/năm.").indicator == (
        "Tốc độ tăng trưởng GRDP bình quân"
    )
    text = "Giá trị sản xuất trong giai đoạn 2020-2022 bình quân tăng 9%."
    assert one(text).indicator == "Giá trị sản xuất"


def test_follow_on_fragment_inherits_the_subject():
    text = "Tỷ lệ hộ nghèo giảm từ 9% (2021) xuống còn 4%, bình quân giảm 1,6%/năm."
    assert indicators_of(text) == ["Tỷ lệ hộ nghèo"] * 3
    text = "GRDP của tỉnh ước tăng 8,5%, cao hơn 0,7 điểm % so với cùng kỳ."
    assert indicators_of(text)[1] == indicators_of(text)[0]
    text = "Tổng sản phẩm trên địa bàn tăng 6,1% (vượt mục tiêu Nghị quyết 0,3%)."
    assert indicators_of(text) == ["Tổng sản phẩm trên địa bàn"] * 2


def test_figure_after_a_bare_predicate_is_said_of_the_subject_before():
    text = "Do đó, sản lượng lương thực cả năm đã tăng so với năm 2020, ước đạt 40 vạn tấn."
    assert one(text).indicator == "sản lượng lương thực cả năm"
    text = "Thu vượt dự toán là do tốc độ tăng trưởng kinh tế tiếp tục tăng cao, ước tăng 9%."
    assert one(text).indicator == "tốc độ tăng trưởng kinh tế"


# ---------------------------------------------------------------- indicator: trimming, links


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("GRDP của tỉnh Hà Nam ước tăng 8%.", "GRDP"),
        ("Quy mô kinh tế Hà Nam đạt 90.000 tỷ đồng.", "Quy mô kinh tế"),
        ("Tổng sản phẩm trên địa bàn tỉnh Hà Nam tăng 7%.", "Tổng sản phẩm trên địa bàn tỉnh"),
        ("Lượng khách du lịch đến Hà Nam đạt 2 triệu lượt.", "Lượng khách du lịch đến Hà Nam"),
        (
            "(ABC) - Tốc độ tăng trưởng quý I/2024 của tỉnh Hà Nam ước tăng 7%.",
            "Tốc độ tăng trưởng",
        ),
    ],
)
def test_reporting_place_after_the_indicator_is_dropped(text, indicator):
    assert one(text).indicator == indicator


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        (
            "Tỉnh nâng tổng số xã đạt chuẩn nông thôn mới lên 40 xã.",
            "tổng số xã đạt chuẩn nông thôn mới",
        ),
        ("Số hộ cận nghèo còn 900 hộ.", "Số hộ cận nghèo"),
        ("Kết nạp đảng viên mới đạt từ 300 đến 350 đảng viên.", "Kết nạp đảng viên mới"),
        (
            "Huyện phấn đấu có thêm từ 3 đến 5 xã đạt chuẩn nông thôn mới.",
            "xã đạt chuẩn nông thôn mới",
        ),
    ],
)
def test_count_linked_by_a_level_verb_takes_the_phrase_before(text, indicator):
    assert one(text).indicator == indicator


def test_count_of_a_change_of_the_subject_takes_the_subject():
    text = "Tỷ lệ hộ nghèo đa chiều chiếm 20% số hộ, giảm 1.200 hộ."
    assert indicators_of(text) == ["Tỷ lệ hộ nghèo đa chiều"] * 2


def test_base_of_a_share_or_comparison_is_not_the_indicator():
    assert indicators_of("Toàn tỉnh còn 9.000 hộ nghèo, chiếm 6% tổng số hộ.") == ["hộ nghèo"] * 2
    text = "Thu nhập bình quân đầu người đạt 60 triệu đồng, bằng 90% mức bình quân cả nước."
    assert indicators_of(text) == ["Thu nhập bình quân đầu người"] * 2


def test_comma_inside_a_coordinated_noun_phrase_stays():
    text = "Khu vực nông, lâm nghiệp và thủy sản tăng 3%."
    assert one(text).indicator == "Khu vực nông, lâm nghiệp và thủy sản"


def test_front_trimming_keeps_the_object_of_a_light_verb():
    assert one("Huyện Lâm Hà có diện tích tự nhiên 980 km2.").indicator == "diện tích tự nhiên"
    text = "Kinh tế của huyện duy trì tốc độ tăng trưởng bình quân 8%."
    assert one(text).indicator == "tốc độ tăng trưởng bình quân"
    text = "Thu ngân sách giai đoạn 2021-2025 có tốc độ tăng 6%/năm."
    assert one(text).indicator == "Thu ngân sách giai đoạn 2021-2025 có tốc độ tăng"
    assert one("Kinh tế giữ vững tốc độ tăng trưởng: 9%, đứng đầu vùng.").indicator == (
        "tốc độ tăng trưởng"
    )


def test_predicate_and_estimate_words_are_trimmed_off_the_phrase():
    text = "Thu ngân sách tăng nhanh cả nhiệm kỳ đạt 5.000 tỷ đồng."
    assert one(text).indicator == "Thu ngân sách"
    assert one("Ước tổng chi ngân sách đạt 500 tỷ đồng.").indicator == "tổng chi ngân sách"


def test_auxiliary_inside_an_indicator_noun_phrase_stays():
    text = "Tỷ lệ bảo đảm nước tưới cho diện tích cần tưới 80%."
    assert one(text).indicator == "Tỷ lệ bảo đảm nước tưới cho diện tích cần tưới"


def test_lan_luot_shares_out_the_coordinated_subjects():
    text = "Công nghiệp, xây dựng và dịch vụ tăng lần lượt 8%, 9% và 12%."
    found = extract_figures(text)
    assert [f.indicator for f in found] == ["Công nghiệp", "xây dựng", "dịch vụ"]
    assert [f.measure for f in found] == ["change"] * 3


def test_count_phrase_after_stops_at_a_new_predicate():
    text = "Đến nay có 5/9 xã đạt chuẩn nông thôn mới và dự kiến cuối năm xã A đạt chuẩn."
    assert one(text).indicator == "xã đạt chuẩn nông thôn mới"
    text = "Đại hội biểu quyết 12 chỉ tiêu quan trọng như: thu ngân sách."
    assert one(text).indicator == "chỉ tiêu quan trọng"


def test_count_keeps_its_qualifying_clause():
    text = "Trong tổng số 25 mục tiêu có 12 mục tiêu vượt, 9 mục tiêu hoàn thành."
    assert indicators_of(text) == ["mục tiêu", "mục tiêu vượt", "mục tiêu hoàn thành"]
    text = "Toàn huyện có 9 xã đạt chuẩn nông thôn mới."
    assert one(text).indicator == "xã đạt chuẩn nông thôn mới"
    text = "Đã có 18/20 chỉ tiêu hoàn thành và hoàn thành vượt mức."
    assert one(text).indicator == "chỉ tiêu hoàn thành và hoàn thành vượt mức"


def test_bound_after_a_count_is_the_figures_own():
    assert one("Phấn đấu kết nạp 1.000 đảng viên mới trở lên.").indicator == "đảng viên mới"
    text = "Có thêm 10 sản phẩm đạt tiêu chí OCOP từ 3 sao trở lên."
    assert one(text).indicator == "sản phẩm đạt tiêu chí OCOP từ 3 sao trở lên"


def test_figures_listed_with_only_punctuation_go_on_with_the_first():
    found = extract_figures("Phấn đấu tỷ lệ che phủ rừng các năm tăng 1%, 2%, 3%.")
    assert {(f.indicator, f.kind, f.measure) for f in found} == {
        ("tỷ lệ che phủ rừng các năm", "target", "change")
    }
    found = extract_figures("Nghị quyết có 20 nhóm chỉ tiêu, 05 nhiệm vụ, 02 khâu đột phá.")
    assert [f.indicator for f in found] == ["nhóm chỉ tiêu", "nhiệm vụ", "khâu đột phá"]


# ---------------------------------------------------------------- brackets, bounds, shares


def test_amount_in_brackets_after_an_attainment_is_the_amount_attained():
    text = "Năm 2023, thu ngân sách đạt 105% dự toán (820 tỷ đồng), tăng 10% so với năm 2022."
    found = extract_figures(text)
    assert [(f.kind, f.measure, f.indicator) for f in found] == [
        ("actual", "plan", "thu ngân sách"),
        ("actual", "level", "thu ngân sách"),
        ("actual", "change", "thu ngân sách"),
    ]


def test_bracketed_follow_on_figures_inherit_the_subject():
    text = "Tỷ lệ xã đạt chuẩn nông thôn mới đạt 60% (9 xã)."
    assert indicators_of(text) == ["Tỷ lệ xã đạt chuẩn nông thôn mới"] * 2
    text = "Tổng thu ngân sách đạt 900 tỷ đồng (tăng trưởng bình quân 12%/năm)."
    assert indicators_of(text) == ["Tổng thu ngân sách"] * 2
    assert indicators_of("GRDP đạt 5.000 tỷ đồng, gấp 1,5 lần năm 2015.") == ["GRDP"] * 2


def test_growth_alone_still_names_a_first_figure():
    text = "Để đạt mục tiêu tăng trưởng 12% năm 2025, tỉnh yêu cầu các ngành vào cuộc."
    assert one(text).indicator == "tăng trưởng"


def test_bound_split_around_its_noun():
    text = "Đảng bộ có từ 85% chi bộ đạt trong sạch vững mạnh trở lên."
    f = one(text)
    assert (f.qualifier, f.indicator) == ("ge", "chi bộ đạt trong sạch vững mạnh")
    assert one("Tỷ lệ hộ nghèo giảm từ 3,1% trở xuống.").qualifier == "le"


def test_sector_share_and_price_basis():
    assert one("Ngành dịch vụ chiếm tỷ trọng 60%.").indicator == "tỷ trọng Ngành dịch vụ"
    assert one("GRDP (theo giá so sánh 2010) đạt 5.000 tỷ đồng.").indicator == "GRDP"
    assert one("Tổng sản phẩm (GRDP) tăng 7%.").indicator == "Tổng sản phẩm (GRDP)"


@pytest.mark.parametrize(
    ("phrase", "unit", "code"),
    [
        ("tổng lượt khách cơ sở lưu trú phục vụ", "count", "tourist_arrivals"),
        ("khách sạn từ 4 đến 5 sao", "count", "hotels"),
        ("đại biểu có mặt", "percent", None),
        ("đại biểu chính thức", "count", "congress_delegates"),
    ],
)
def test_guests_and_vote_shares_are_no_establishments_or_delegates(phrase, unit, code):
    assert indicator_code(phrase, unit) == code


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # a targets heading after a review paragraph: the list takes the heading's kind
        ("Trong nhiệm kỳ qua, huyện đã kết nạp 1.250 đảng viên mới.\n\nMục tiêu đến năm "
         "2025:\n\n- Tỷ lệ hộ nghèo dưới 0,5%.\n\n- 100% xã đạt chuẩn nông thôn mới.",
         ["actual", "target", "target"]),
        ("Quận đã hoàn thành 24/24 chỉ tiêu.\n\nNghị quyết xác định các chỉ tiêu chủ yếu "
         "nhiệm kỳ 2020-2025:\n\n- Tỷ lệ trường đạt chuẩn quốc gia đạt 85%.",
         ["actual", "target"]),
        # naming the plan's items is no goal: a half-year review's results
        ("Thu ngân sách đạt 56% dự toán.\n\nMột số chỉ tiêu chủ yếu 6 tháng đầu năm:\n"
         "- Chi ngân sách: 612 tỷ đồng, đạt 41,2% dự toán năm.",
         ["actual", "actual", "actual"]),
    ],
)  # fmt: skip
def test_a_list_takes_the_kind_of_its_heading(text, kinds):
    assert [f.kind for f in extract_figures(text)] == kinds


# ---------------------------------------------------------------- kind: scopes (issue: kind)


def test_target_list_intro_carries_over_following_paragraphs():
    text = "Các chỉ tiêu chủ yếu:\n- Tốc độ tăng trưởng đạt 10%.\nTổng vốn đầu tư 5.000 tỷ đồng."
    assert kinds(text) == ["target", "target"]
    text = "Mục tiêu đến năm 2025:\nThu nhập đạt 80 triệu đồng.\nTỷ lệ hộ nghèo giảm còn 2%."
    assert kinds(text) == ["target", "target"]


def test_target_section_ends_at_a_review_lead_in():
    text = (
        "Các chỉ tiêu chủ yếu:\n- Tốc độ tăng trưởng đạt 10%.\n\n"
        "Kết quả năm 2024, thu ngân sách đạt 900 tỷ đồng.\nTổng vốn đầu tư 5.000 tỷ đồng."
    )
    assert kinds(text) == ["target", "actual", "actual"]


def test_new_term_lead_in_opens_a_target_section():
    text = (
        "Nhiệm kỳ 2025-2030, Đảng bộ phấn đấu: tốc độ tăng trưởng bình quân 9%/năm.\n"
        "Thu nhập bình quân đầu người đến cuối nhiệm kỳ 90 triệu đồng."
    )
    assert kinds(text) == ["target", "target"]


def test_plan_lead_in_paragraph_carries_to_the_next_paragraph():
    text = (
        "Các chỉ tiêu chủ yếu năm 2024 là: tổng giá trị sản xuất đạt 8.962 tỷ đồng.\n"
        "Cơ cấu kinh tế chuyển dịch như sau: nông nghiệp chiếm 38,1%, giảm 0,07% so với năm 2023."
    )
    assert kinds(text) == ["target", "target", "target"]


def test_news_title_naming_a_goal_opens_no_section():
    text = "Phấn đấu đến năm 2025 trở thành thị xã\n\nDự Đại hội có 250 đại biểu."
    assert kinds(text) == ["actual"]


def test_long_yardstick_phrase_reports_results():
    text = (
        "Đảng bộ xã đạt và vượt các chỉ tiêu Nghị quyết Đại hội đề ra: tỷ lệ lao động qua đào"
        " tạo đạt 70,88%; hộ nghèo giảm còn 6,25%. Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ"
        " bình quân đạt 93%."
    )
    assert kinds(text) == ["actual", "actual", "actual"]


def test_result_clause_after_counted_plan_items_is_actual():
    text = "Năm 2024, huyện đề ra 22 chỉ tiêu, trong đó thực hiện đạt và vượt 19 chỉ tiêu."
    assert kinds(text) == ["actual", "actual"]
    assert kinds("Đại hội biểu quyết 12 chỉ tiêu.") == ["target"]


def test_carried_goal_outranks_same_period_comparison():
    text = (
        "Theo đó, huyện phấn đấu đưa giá trị sản xuất nông nghiệp đạt 3.563 tỷ đồng. Doanh thu"
        " dịch vụ đạt 10.930 tỷ đồng, tăng 8,61% so với cùng kỳ."
    )
    assert kinds(text) == ["target", "target", "target"]


def test_floor_after_a_reached_figure_is_a_goal():
    text = "Hằng năm, tỷ lệ tổ chức cơ sở đảng đạt 80% trở lên; kết nạp mới 1.500 đảng viên."
    assert kinds(text) == ["target", "target"]


def test_year_before_the_plan_is_a_baseline():
    text = (
        "Kế hoạch 2021-2025 đề ra các chỉ tiêu: năm 2020 đạt 50 triệu đồng, đến năm 2025 đạt"
        " 80 triệu đồng."
    )
    assert kinds(text) == ["actual", "target"]


def test_list_intro_naming_the_targets_opens_a_section():
    text = (
        "Đại hội thống nhất các chỉ tiêu chủ yếu nhiệm kỳ 2025-2030: tốc độ tăng trưởng bình"
        " quân 10%/năm; thu nhập bình quân đầu người 95 triệu đồng.\nTỷ lệ che phủ rừng 62%."
    )
    assert kinds(text) == ["target", "target", "target"]
    assert kinds("Một số chỉ tiêu chủ yếu 6 tháng đầu năm:\n- Thu ngân sách: 1.234 tỷ đồng.") == [
        "actual"
    ]


def test_plan_heading_without_colon_opens_a_section():
    text = "Phương hướng nhiệm vụ năm 2025\nTốc độ tăng trưởng 10%.\nThu ngân sách 600 tỷ đồng."
    assert kinds(text) == ["target", "target"]


def test_year_lead_in_with_a_goal_verb_opens_a_section():
    text = (
        "Năm 2025, huyện phấn đấu tốc độ tăng trưởng đạt 10%.\n"
        "Tổng vốn đầu tư toàn xã hội đạt 4.000 tỷ đồng."
    )
    assert kinds(text) == ["target", "target"]


def test_horizon_with_vao_nam_and_floor_on_a_change():
    assert kinds("Thu nhập bình quân đầu người vào năm 2030 đạt 120 triệu đồng.") == ["target"]
    assert kinds("Tỷ lệ hộ nghèo giảm bình quân 1%/năm trở lên.") == ["target"]


def test_counted_targets_of_an_adopted_resolution_and_floors():
    assert kinds("Đại hội đã biểu quyết thông qua Nghị quyết với 19 chỉ tiêu.") == ["target"]
    assert kinds("Hằng năm, kết nạp 90 đảng viên mới trở lên.") == ["target"]
    assert kinds("Toàn huyện có 3 xã đạt từ 15 tiêu chí trở lên.") == ["actual", "actual"]


def test_plan_dated_by_its_own_year_is_the_base_of_a_carried_goal():
    text = (
        "Huyện phấn đấu giá trị sản xuất nông nghiệp đạt 3.563 tỷ đồng. Thu ngân sách gần 667 tỷ"
        " đồng, tăng 20,35% so với dự toán năm 2024."
    )
    assert kinds(text) == ["target", "target", "target"]
    assert kinds("Thu ngân sách đạt 820 tỷ đồng, vượt 5% so với dự toán năm 2024.") == [
        "actual",
        "actual",
    ]


def test_congress_article_periods_of_the_new_term_are_targets():
    text = (
        "Đại hội đại biểu Đảng bộ xã lần thứ I, nhiệm kỳ 2025-2030 có 150 đại biểu dự.\n\n"
        "Về kinh tế, tốc độ tăng trưởng bình quân giai đoạn 2026-2030 đạt 8%; năm 2030 thu nhập"
        " bình quân đầu người 90 triệu đồng.\n\nNhiệm kỳ 2020-2025, thu nhập đạt 60 triệu đồng."
    )
    assert kinds(text) == ["actual", "target", "target", "actual"]
    review = (
        "Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ huyện nhiệm kỳ 2020-2025.\n\n"
        "Bình quân giai đoạn 2021-2025 tăng 7%."
    )
    assert kinds(review) == ["actual"]


def test_target_section_ends_at_a_period_or_event_lead_in():
    text = (
        "Năm 2025, huyện phấn đấu tốc độ tăng trưởng đạt 10%.\n\n"
        "Năm 2024, thu ngân sách đạt 800 tỷ đồng."
    )
    assert kinds(text) == ["target", "actual"]
    text = "Các chỉ tiêu chủ yếu: tăng trưởng 10%.\n\nĐại hội bầu 35 đồng chí vào Ban Chấp hành."
    assert kinds(text) == ["target", "actual"]


def test_sentence_opening_with_hien_states_the_present():
    text = "Mục tiêu năm 2024 là 95% hộ dân dùng nước sạch. Hiện tỷ lệ này đạt 93%."
    assert kinds(text) == ["target", "actual"]


def test_plan_only_compared_with_under_a_goal_is_its_base():
    text = (
        "Trong đó, phấn đấu thu nhập đạt 45 triệu đồng/năm; thu ngân sách hằng năm tăng từ 5%"
        " trở lên so với kế hoạch tỉnh giao."
    )
    assert kinds(text) == ["target", "target"]
    text = "Phấn đấu tăng trưởng 10%. Thu ngân sách 820 tỷ đồng, vượt 5% so với kế hoạch."
    assert kinds(text) == ["target", "actual", "actual"]


def test_goal_sub_heading_in_the_body_opens_a_section_but_a_title_does_not():
    text = (
        "Đại hội đảng bộ huyện\n\nNhiệm kỳ qua, thu nhập đạt 60 triệu đồng.\n\n"
        "Phấn đấu đến năm 2030\n\nThu nhập bình quân đầu người 120 triệu đồng.\n\n"
        "Tỷ lệ hộ nghèo dưới 1%."
    )
    assert kinds(text) == ["actual", "target", "target"]
    assert kinds("Phấn đấu đến năm 2025 trở thành thị xã\n\nDự Đại hội có 250 đại biểu.") == [
        "actual"
    ]


def test_a_title_over_a_blank_line_opens_no_section():
    text = "Phấn đấu đến năm 2030 trở thành thị xã\n\nThu nhập bình quân 60 triệu đồng."
    assert kinds(text) == ["actual"]


def test_cue_search_on_lower_cased_text_finds_what_ignorecase_finds():
    """`semantics._cues` (the cue pattern on the lower-cased text) is a speed-up only: the
    same matches as the IGNORECASE pattern, on the test articles upper-cased or not and on
    text with letters that lower-casing and IGNORECASE treat differently."""
    from pathlib import Path

    from chitieu.figures import semantics

    data = Path(__file__).parent / "data"
    texts = [p.read_text(encoding="utf-8") for p in sorted(data.rglob("*.txt"))]
    texts += [t.upper() for t in texts[:10]] + ["Mục tiêu ſẽ İ ước đạt", "ĐẾN NĂM 2025 ĐẠT"]

    def found(matches):  # the groups compared in lower case: `_cues` reads lower-cased text
        return [(m.span(), {k: v and v.lower() for k, v in m.groupdict().items()}) for m in matches]

    for text in texts:
        assert found(semantics._cues(text, 3)) == found(semantics._CUE_RE.finditer(text, 3))


def test_lower_cased_twins_of_ignorecase_patterns_find_the_same():
    """Each pattern run case-sensitively on the lower-cased text for speed finds, there, what
    its IGNORECASE original finds on the text (`normalize.lower_for_matching`)."""
    from pathlib import Path

    from chitieu.figures import nonfigures, periods
    from chitieu.figures.normalize import lower_for_matching

    pairs = [
        (nonfigures._ID_PREFIX_RE, nonfigures._ID_PREFIX_LOWER_RE),
        (periods._COMPARED_RE, periods._COMPARED_LOWER_RE),
        *zip(
            [p for p, _ in nonfigures._PREFIXED_RES],
            [p for p, _ in nonfigures._PREFIXED_LOWER_RES],
            strict=True,
        ),
    ]
    data = Path(__file__).parent / "data"
    texts = [p.read_text(encoding="utf-8") for p in sorted(data.rglob("*.txt"))]
    texts = [t for text in texts for t in (text, text.upper(), text.title())]
    for text in texts:
        lower = lower_for_matching(text)
        assert lower is not None
        for original, twin in pairs:
            want = [m.span() for m in original.finditer(text)]
            assert [m.span() for m in twin.finditer(lower)] == want, original.pattern
    assert lower_for_matching("Mục tiêu ſẽ") is None and lower_for_matching("İ") is None


def measures(text: str) -> list[str]:
    return [f.measure for f in extract_figures(text)]


def test_bare_attainment_after_an_amount_is_against_the_plan():
    text = "Thu ngân sách đạt gần 900 tỷ đồng, đạt 130%; tỷ lệ giải ngân vốn đạt 88,26%."
    assert measures(text) == ["level", "plan", "level"]
    # a percentage restating a ratio is its share, not an attainment
    assert measures("Toàn quận có 38/42 trường đạt chuẩn, đạt 84,7%.") == ["level", "level"]
    assert measures("Tổng diện tích gieo trồng đạt 101,6%.") == ["plan"]


def test_bare_excess_after_a_figure_is_over_the_plan():
    assert measures("Tỷ lệ bao phủ BHYT đạt 93,5%, vượt 0,3%.") == ["level", "plan"]


def test_share_of_the_same_period_is_a_change():
    text = "Thu ngân sách ước thực hiện 10.846 tỷ đồng, đạt 61,2% dự toán, bằng 103,5% cùng kỳ."
    assert measures(text) == ["level", "plan", "change"]


def test_change_verb_before_the_copula_belongs_to_the_subject():
    assert measures("Tổng vốn cấp mới và tăng thêm là 642,9 tỷ đồng.") == ["level"]


def test_goal_verb_object_measures_coordinated_figures():
    text = (
        "Mục tiêu tăng tổng thu ngân sách bình quân hằng năm 8-9% và tăng tổng giá trị sản"
        " phẩm bình quân tối thiểu 12%."
    )
    assert measures(text) == ["change", "change"]


def test_counted_plan_items_with_a_result_verb_are_actual():
    text = "Trong 24 chỉ tiêu chủ yếu mà Nghị quyết đề ra, có 20 chỉ tiêu đạt và vượt."
    assert kinds(text) == ["actual", "actual"]
    # a goal verb governing them keeps the goal
    assert kinds("Năm 2025, huyện phấn đấu có 20/22 chỉ tiêu đạt và vượt kế hoạch.") == ["target"]


def test_comparison_base_year_is_no_baseline_of_the_term():
    text = (
        "Nhiệm kỳ 2025-2030, phường đề ra 27 chỉ tiêu, trong đó thu nhập bình quân đầu người"
        " đến năm 2030 so với năm 2025 tăng 30%."
    )
    assert kinds(text)[-1] == "target"


def test_recipients_of_an_assigned_goal_are_counted_not_goals():
    text = (
        "Chính phủ giao mục tiêu tăng trưởng GRDP năm 2025 cho 16 tỉnh, thành. Trong đó,"
        " Bắc Giang cao nhất là 13,6%."
    )
    assert kinds(text) == ["actual", "target"]


def test_number_of_digits_is_no_figure():
    assert [f.surface for f in extract_figures("Mục tiêu tăng trưởng 2 con số, đạt 10%.")] == [
        "10%"
    ]


def test_indicator_drops_a_relative_clause_and_a_month():
    text = "Trong 24 chỉ tiêu chủ yếu của năm 2024 mà Nghị quyết HĐND huyện đề ra, có 20 chỉ tiêu."
    assert indicators_of(text)[0] == "chỉ tiêu chủ yếu"
    assert indicators_of("Diện tích rừng trồng tập trung tháng 5 ước đạt 2.501 ha.") == [
        "Diện tích rừng trồng tập trung"
    ]


def test_indicator_is_the_object_of_voi_or_nang_cao():
    text = (
        "Tiểu thủ công nghiệp trở thành ngành kinh tế trọng tâm với giá trị sản xuất tăng 5%/năm."
    )
    assert indicators_of(text) == ["giá trị sản xuất"]
    assert indicators_of("Từng bước nâng cao giá trị sản xuất tăng bình quân 8-10%/năm.") == [
        "giá trị sản xuất"
    ]


def test_indicator_drops_a_discourse_opener_and_goal_verb():
    text = "Đáng chú ý là mục tiêu tăng tổng thu ngân sách nhà nước 8-9%."
    assert indicators_of(text) == ["tổng thu ngân sách nhà nước"]


def test_plan_named_at_length_introducing_its_items_is_a_goal():
    text = (
        "Kỳ họp đã thông qua Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2025 với 25"
        " chỉ tiêu, trong đó tốc độ tăng giá trị sản xuất đạt 10%."
    )
    assert kinds(text) == ["target", "target"]
    text = (
        "Năm 2024, huyện triển khai kế hoạch phát triển kinh tế - xã hội năm 2024 trong bối"
        " cảnh khó khăn, tổng giá trị sản xuất đạt 5.000 tỷ đồng."
    )
    assert kinds(text) == ["actual"]


def test_content_framed_by_a_plan_document_is_a_goal():
    text = "Theo Nghị quyết, năm 2025 thu nhập bình quân đầu người đạt 70 triệu đồng."
    assert kinds(text) == ["target"]
    text = "Huyện hoàn thành hỗ trợ theo Nghị quyết số 23 của HĐND tỉnh cho 62/72 hộ."
    assert kinds(text) == ["actual"]


def test_sentence_opening_with_an_elapsed_period_reports_on_it():
    text = (
        "Năm 2025, tỉnh phấn đấu tốc độ tăng trưởng GRDP đạt 8%. 6 tháng đầu năm, GRDP tăng"
        " 7,2%. Thu ngân sách đạt 6.000 tỷ đồng, bằng 55% dự toán."
    )
    assert kinds(text) == ["target", "actual", "actual", "actual"]


def test_plan_document_stating_its_content_is_a_goal():
    text = (
        "HĐND tỉnh thông qua Nghị quyết về nhiệm vụ năm 2025.\n\nNghị quyết nêu rõ, tốc độ"
        " tăng trưởng GRDP đạt 8%; thu ngân sách 15.000 tỷ đồng."
    )
    assert kinds(text) == ["target", "target"]


def test_list_intro_with_nhu_sau_opens_a_target_section():
    text = (
        "HĐND tỉnh thông qua Nghị quyết về nhiệm vụ năm 2025 với các chỉ tiêu chủ yếu như sau."
        " Tốc độ tăng trưởng GRDP 8%. Thu ngân sách 15.000 tỷ đồng."
    )
    assert kinds(text) == ["target", "target"]


def test_goal_sentence_after_an_event_sentence_opens_a_section():
    text = (
        "Ngày 10/12/2024, HĐND tỉnh khai mạc kỳ họp. Năm 2025, tỉnh phấn đấu GRDP tăng 8%.\n\n"
        "Thu nhập bình quân đầu người 80 triệu đồng; tỷ lệ đô thị hóa 40%."
    )
    assert kinds(text) == ["target", "target", "target"]


def test_undated_review_year_after_the_reported_one_is_a_goal():
    text = (
        "Ngày 16/12, HĐND huyện tổ chức kỳ họp thứ 17. Năm 2024, thu ngân sách đạt 900 tỷ"
        " đồng.\n\nNăm 2025, thu ngân sách 1.000 tỷ đồng; tốc độ tăng giá trị sản xuất 9%."
    )
    assert kinds(text) == ["actual", "target", "target"]


def test_purpose_clause_sets_a_goal():
    text = (
        "Trong năm 2025, huyện tập trung thực hiện các giải pháp để đạt tốc độ tăng trưởng 9%,"
        " thu ngân sách 1.000 tỷ đồng."
    )
    assert kinds(text) == ["target", "target"]
    assert kinds("Nhờ đó, huyện đã nỗ lực để đạt 95% kế hoạch.") == ["actual"]


def test_rest_of_the_year_is_ahead_and_a_shortfall_is_a_result():
    text = "Nhiệm vụ 6 tháng cuối năm 2025, huyện tập trung thu ngân sách đạt 100% dự toán."
    assert kinds(text) == ["target"]
    text = "Tỉnh đề ra mục tiêu năm 2025 tăng trưởng 8%, nhưng 6 tháng đầu năm chỉ đạt 6,5%."
    assert kinds(text) == ["target", "actual"]
    text = "Chỉ tiêu giao năm 2025 là 500 tỷ đồng. Đến 30/6, huyện thu được 260 tỷ đồng."
    assert kinds(text) == ["target", "actual"]
    # `đảng viên mới đạt`: a new member, no shortfall
    assert kinds("Phấn đấu hằng năm kết nạp đảng viên mới đạt từ 150 đảng viên.") == ["target"]


def test_indicator_drops_legal_basis_and_leads_after_the_subject():
    text = (
        "Huyện cũng hoàn thành hỗ trợ sắp xếp dân cư theo Nghị quyết số 23 ngày 22/7/2021 của"
        " HĐND tỉnh cho 62/72 hộ."
    )
    assert indicators_of(text) == ["hỗ trợ sắp xếp dân cư"]


def test_goal_value_after_la_is_the_target_level():
    text = "Đến nay, toàn tỉnh có 95% dân số tham gia BHYT, vượt chỉ tiêu Chính phủ giao là 93%."
    figs = extract_figures(text)
    assert [(f.kind, f.measure) for f in figs] == [("actual", "level"), ("target", "level")]


def test_goal_value_is_not_estimated():
    text = "GRDP/người ước năm 2025 đạt chỉ tiêu Đại hội VII đề ra là 10.370USD/người/năm."
    fig = one(text)
    assert (fig.kind, fig.qualifier) == ("target", "eq")


def test_places_listed_with_values_take_the_subject_of_the_sentence_before():
    text = (
        "Chính phủ giao mục tiêu tăng trưởng GRDP năm 2025 đạt 8%. Trong đó, Bắc Giang cao"
        " nhất là 13,6%; Hải Phòng 12,5%; TP.HCM 8,5%."
    )
    figs = extract_figures(text)
    assert {f.indicator for f in figs[1:]} == {figs[0].indicator}
    assert {f.measure for f in figs} == {"change"}
    # a place before a share of a noun keeps the noun after the figure
    assert indicators_of("Hà Giang là tỉnh miền núi, trên 87% dân số là đồng bào dân tộc.") != [
        None
    ]


def test_dated_tasks_heading_and_goals_named_sentence_open_a_target_section():
    body = "\n\nTổng vốn đầu tư 5.000 tỷ đồng; thu ngân sách 900 tỷ đồng."
    assert kinds("Huyện A tổng kết năm 2024\n\nNhiệm vụ năm 2025" + body) == ["target"] * 2
    text = "Huyện A tổng kết năm 2024\n\nNăm 2025, huyện đề ra các chỉ tiêu chủ yếu." + body
    assert kinds(text) == ["target"] * 2
    text = "Huyện A tổng kết năm 2024\n\nHuyện đã hoàn thành các chỉ tiêu đề ra." + body
    assert kinds(text) == ["actual"] * 2


def test_counted_plan_items_assigned_are_goals():
    text = "Năm 2025, HĐND huyện giao 21 chỉ tiêu, trong đó thu ngân sách 1.000 tỷ đồng."
    assert kinds(text) == ["target", "target"]


def test_indicator_after_an_assigned_goal_and_before_an_estimate():
    text = (
        "Chính phủ giao mục tiêu tăng trưởng GRDP 2 con số trong năm 2025 cho 16 tỉnh, thành."
        " Trong đó, Hải Phòng 12,5%."
    )
    assert indicators_of(text)[-1] == "tăng trưởng GRDP"
    text = "GRDP/người ước năm 2025 đạt chỉ tiêu Đại hội VII đề ra là 10.370 USD/người/năm."
    assert indicators_of(text) == ["GRDP/người"]


def test_later_year_stated_with_a_copula_is_a_goal():
    text = (
        "Ngày 10/12/2024, HĐND tỉnh họp. Tổng chi ngân sách địa phương năm 2025 là 20.000 tỷ đồng."
    )
    assert kinds(text) == ["target"]
    # a body date may be old: a later year with a result verb stays a result
    text = (
        "Theo Nghị quyết số 23 ngày 22/7/2021 của HĐND tỉnh. Năm 2024, huyện thành lập mới 3"
        " hợp tác xã."
    )
    assert kinds(text) == ["actual"]


def test_attainment_percentage_before_its_plan_is_a_yardstick():
    text = (
        "Thu ngân sách ước đạt 250 tỷ đồng, đạt 170% dự toán tỉnh giao và 145% dự toán HĐND "
        "huyện đề ra, tăng 23% so với năm 2019; sản lượng lúa đạt 40.000 tấn, đạt 101% KH."
    )
    assert [f.kind for f in extract_figures(text)] == ["actual"] * 6


def test_rest_of_year_dating_a_plan_that_lists_its_items_is_a_goal():
    text = (
        "Kỳ họp đã thông qua Nghị quyết về nhiệm vụ phát triển kinh tế - xã hội 6 tháng cuối "
        "năm 2025 với 15 chỉ tiêu chủ yếu là: sản lượng lương thực đạt 9.000 tấn, tỷ lệ lao "
        "động qua đào tạo đạt 80%."
    )
    assert [f.kind for f in extract_figures(text)] == ["target"] * 3


def test_sentence_naming_the_goals_adopted_introduces_them_despite_result_framing():
    text = (
        "Với những kết quả khả quan trong năm 2023, các đại biểu đã thảo luận và biểu quyết "
        "thông qua nhiều chỉ tiêu trong năm 2024. Cụ thể: GRDP tăng từ 8% - 8,5%. Thu ngân "
        "sách đạt 10.000 tỷ đồng."
    )
    assert [f.kind for f in extract_figures(text)] == ["target"] * 2


def test_bracketed_goal_carries_no_kind_to_the_next_sentence():
    text = (
        "Sản lượng thủy sản 5 năm đạt 2,7 triệu tấn (Nghị quyết đề ra 2,8 triệu tấn). "
        "Đến cuối năm 2020, toàn tỉnh có 42/82 xã đạt chuẩn nông thôn mới."
    )
    assert [f.kind for f in extract_figures(text)] == ["actual", "target", "actual"]


def test_term_lead_with_a_weak_goal_verb_opens_a_target_section():
    text = (
        "Nhiệm kỳ 2020-2025 xác định các chỉ tiêu, trong đó GRDP tăng 10-11%/năm, thu ngân "
        "sách đạt 6.400 tỷ đồng.\n\nTỷ lệ lao động qua đào tạo đạt 70%, 100% số xã đạt tiêu "
        "chí quốc gia về y tế."
    )
    assert [f.kind for f in extract_figures(text)] == ["target"] * 4


def test_figure_less_paragraph_of_goal_cues_only_opens_a_target_section():
    text = (
        "Đại hội tỉnh khai mạc sáng nay.\n\n"
        "Đại hội xác định giai đoạn 2025-2030, xây dựng tỉnh trở thành địa phương phát triển "
        "nhanh.\n\nTốc độ tăng trưởng GRDP bình quân đạt 10%. Quy mô GRDP 589.730 tỷ đồng."
    )
    assert [f.kind for f in extract_figures(text)] == ["target"] * 2


def test_counted_plan_items_named_by_their_goal_verb_are_goals():
    assert one("Trong 18 chỉ tiêu phấn đấu, có nhiều chỉ tiêu khó.").kind == "target"
    assert one("Tỉnh đạt và vượt 13 mục tiêu chủ yếu đề ra.").kind == "actual"


def test_undated_congress_article_is_dated_by_its_congress_year():
    text = (
        "Khai mạc Đại hội đại biểu Đảng bộ thành phố lần thứ XVI, nhiệm kỳ 2020 - 2025.\n\n"
        "Tỷ lệ hộ nghèo đến cuối năm 2020 dự kiến giảm còn 1,24%."
    )
    fig = one(text)
    assert (fig.kind, fig.qualifier) == ("actual", "approx")


def test_goal_value_in_brackets_after_the_plan_noun_is_the_target():
    text = "GRDP tăng 7,61%, vượt so với kế hoạch HĐND tỉnh giao (7 - 7,5%)."
    assert [f.kind for f in extract_figures(text)] == ["actual", "target"]


def test_goal_word_inside_a_proper_name_is_no_cue():
    text = "Có 2 xã đạt chuẩn (xã Phước Hậu, huyện Cần Giuộc), chiếm 54,6% số xã toàn tỉnh."
    assert [f.kind for f in extract_figures(text)] == ["actual", "actual"]


def test_delegates_of_the_meeting_are_counted_there():
    text = (
        "Đại hội đề ra nhiệm vụ, giải pháp giai đoạn 2020 - 2025. Hội nghị được tổ chức trực "
        "tuyến với hơn 200 đại biểu."
    )
    assert one(text).kind == "actual"


def test_result_over_plan_written_as_a_ratio_is_a_ratio():
    found = extract_figures(
        "Giải quyết việc làm: 5.015/5.000 lao động; tổng thu ngân sách 42.999/28.000 tỷ đồng; "
        "kim ngạch xuất khẩu 1,6 tỷ Đô la Mỹ. Ngày 30/7 khai mạc."
    )
    assert [(f.unit, f.value, f.denominator, f.noun) for f in found] == [
        ("ratio", 5015, 5000, "lao động"),
        ("ratio", 42999, 28000, "tỷ đồng"),
        ("usd", 1.6e9, None, None),
    ]


def test_counted_change_takes_its_subject_not_its_comparison_base():
    found = extract_figures(
        "Tổng đàn gia súc, gia cầm đạt 293.796 con, tăng 8.396 con so với cùng kỳ năm 2021."
    )
    assert [f.indicator for f in found] == ["Tổng đàn gia súc, gia cầm"] * 2


def test_listed_share_followed_by_its_set_names_that_set():
    text = "Tỷ lệ lao động qua đào tạo đạt 81%, 100% khu dân cư đạt văn hóa, 5%, 6% so với cùng kỳ."
    found = extract_figures(text)
    assert [f.indicator for f in found][:2] == [
        "Tỷ lệ lao động qua đào tạo",
        "khu dân cư đạt văn hóa",
    ]
    assert found[2].indicator == found[1].indicator == found[3].indicator


def test_ratio_of_amounts_takes_the_phrase_before_it():
    fig = one("Tổng thu ngân sách đạt 42.999/28.000 tỷ đồng.")
    assert (fig.unit, fig.indicator) == ("ratio", "Tổng thu ngân sách")


def test_plan_attained_against_after_a_percentage_names_no_indicator():
    found = extract_figures(
        "Sản lượng lương thực đạt 40.024 tấn, tăng 2,05% so với năm 2019, đạt 101,44% KH."
    )
    assert [f.indicator for f in found] == ["Sản lượng lương thực"] * 3


def test_goal_source_in_brackets_leaves_the_figure_to_the_subject():
    found = extract_figures(
        "Tổng sản lượng thủy sản 5 năm đạt 2,7 triệu tấn (Nghị quyết đề ra 2,8 triệu tấn)."
    )
    assert [f.indicator for f in found] == ["Tổng sản lượng thủy sản 5 năm"] * 2


def test_commas_inside_a_bracket_do_not_split_the_indicator():
    fig = one("Thu nội địa (trừ tiền sử dụng đất; thu cổ tức, lợi nhuận) là 3.568 tỉ đồng.")
    assert fig.indicator == "Thu nội địa (trừ tiền sử dụng đất; thu cổ tức, lợi nhuận)"


def test_population_reached_by_a_coverage_rate_is_its_base():
    found = extract_figures(
        "Bảo hiểm y tế là 2.885.885 người, tăng 29.726 người so với cùng kỳ, đạt 92,34% dân số."
    )
    assert [f.indicator for f in found] == ["Bảo hiểm y tế"] * 3


def test_result_verb_after_a_count_qualifies_it():
    assert one("Toàn huyện có 47/47 xã đã đạt chuẩn nông thôn mới.").indicator == (
        "xã đã đạt chuẩn nông thôn mới"
    )


def test_parts_of_an_action_programme_are_goals():
    text = (
        "Chương trình hành động thực hiện Nghị quyết Đại hội (nhiệm kỳ 2020 - 2025) gồm 4 nhóm "
        "giải pháp: phát triển kinh tế; xây dựng hệ thống chính trị."
    )
    assert one(text).kind == "target"


def test_change_verb_with_its_yearly_average_is_the_cue():
    fig = one("Tổng giá trị sản xuất tăng bình quân hằng năm 16,17%.")
    assert (fig.measure, fig.indicator) == ("change", "Tổng giá trị sản xuất")


def test_change_verb_before_the_figures_own_predicate_is_the_subjects():
    found = extract_figures("Tổng thu ngân sách 6 tháng đầu năm giảm, ước đạt 5.792 tỉ đồng.")
    assert found[0].measure == "level"


def test_rank_with_its_ordinal_word_elided_is_no_figure():
    text = "Tỉnh xếp thứ 14/63 địa phương cả nước, thứ 02/14 vùng và 1/5 tỉnh trọng điểm."
    assert extract_figures(text) == []
    assert len(extract_figures("Có 38/42 trường và 8/8 phường đạt chuẩn.")) == 2


def test_estimate_framing_a_period_governs_every_figure_after_it():
    text = "Ước năm 2020, công nghiệp - xây dựng chiếm 57,7%, thương mại - dịch vụ chiếm 38%."
    assert [f.qualifier for f in extract_figures(text)] == ["approx", "approx"]
    text = "Ước đạt 23.850 tỷ đồng, bằng 123,7% dự toán."
    assert [f.qualifier for f in extract_figures(text)] == ["approx", "eq"]


def test_bare_million_said_of_money_is_vnd():
    fig = one("Thu nhập bình quân đầu người đạt 72 triệu; dân số tăng.")
    assert (fig.unit, fig.value) == ("vnd", 72_000_000)
    assert extract_figures("Dân số toàn tỉnh đạt 1,2 triệu.") == []


def test_count_after_với_names_its_own_noun():
    text = "Hội nghị được tổ chức trực tuyến từ huyện đến các xã với hơn 200 đại biểu."
    assert one(text).indicator == "đại biểu"


def test_whole_of_a_place_names_nothing():
    fig = one("Đến cuối năm 2020, bình quân toàn tỉnh Cà Mau đạt 16,2 tiêu chí/xã.")
    assert fig.indicator == "tiêu chí/xã"


def test_demonstrative_subject_names_nothing():
    fig = one("Đây là 5 xã đầu tiên của tỉnh được công nhận nông thôn mới kiểu mẫu.")
    assert fig.indicator.startswith("xã đầu tiên")


PLAN_DOC = (
    "HĐND tỉnh thông qua Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2026\n"
    "Ngày 10/12/2025, HĐND tỉnh khai mạc kỳ họp thứ 30.\n"
    "Giá trị sản xuất đạt 29.512 tỷ đồng, tăng 10,05% so với năm 2024.\n"
    "Tổng vốn đầu tư toàn xã hội 90.000 tỷ đồng."
)


def test_a_plan_documents_bare_figures_are_targets():
    # the title names a plan for a year after the article's own: its bare statements are
    # goals, what its sentences report reached (`đạt`) stays a result
    assert kinds(PLAN_DOC) == ["actual", "actual", "target"]


@pytest.mark.parametrize(
    "title",
    [
        "Kết quả thực hiện Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2026",
        "HĐND tỉnh thông qua nhiều nghị quyết quan trọng",
        "Tỉnh vượt kế hoạch thu ngân sách năm 2026",
    ],
)
def test_a_title_reviewing_or_undated_opens_no_plan_document(title):
    text = PLAN_DOC.replace(PLAN_DOC.split("\n")[0], title)
    assert kinds(text)[-1] == "actual"


def test_a_bracketed_amount_after_a_stated_result_is_the_goals_value():
    text = (
        "Cả nhiệm kỳ kết nạp được 1.250 đảng viên, vượt 25% so với chỉ tiêu Nghị quyết"
        " (1.000 đảng viên)."
    )
    assert kinds(text) == ["actual", "actual", "target"]
    # with no amount stated before, the bracket is the amount attained
    assert kinds("Thu ngân sách đạt 105% dự toán (820 tỷ đồng).") == ["actual", "actual"]


def test_an_elapsed_period_after_a_contrast_reports_a_result():
    text = (
        "Mục tiêu năm 2025 là thu ngân sách 500 tỷ đồng. Tuy nhiên, đến hết tháng 10, huyện"
        " mới thu được 320 tỷ đồng, bằng 64% dự toán."
    )
    assert kinds(text) == ["target", "actual", "actual"]


def test_a_directive_to_carry_out_the_targets_sets_them():
    text = (
        "Phương hướng nhiệm vụ năm 2026\nTập trung chỉ đạo thực hiện các chỉ tiêu: tổng sản"
        " phẩm trên địa bàn tăng 8%; thu ngân sách 1.500 tỷ đồng."
    )
    assert kinds(text) == ["target", "target"]


def test_a_verb_whose_object_was_named_before_measures_that_object():
    text = "Năm 2025, huyện phấn đấu thu ngân sách 500 tỷ đồng. Đến nay, huyện đã thu 320 tỷ đồng."
    assert [f.indicator for f in extract_figures(text)] == ["thu ngân sách"] * 2
    # a part named alone is no elided object (`riêng công nghiệp` of `công nghiệp và xây dựng`)
    text = "Công nghiệp và xây dựng tăng 7,91% (riêng công nghiệp tăng 3,49%)."
    assert extract_figures(text)[1].indicator == "công nghiệp"


def test_a_predicate_after_a_comma_ends_a_counts_noun():
    found = extract_figures("Kết nạp được 1.250 đảng viên, vượt 25% kế hoạch.")
    assert found[0].indicator == "đảng viên"


def test_an_effort_named_as_a_noun_is_no_goal_cue():
    text = (
        "Năm 2021, với sự quyết tâm của cả hệ thống chính trị, có 30/32 chỉ tiêu đạt và vượt"
        " kế hoạch đề ra, tốc độ phát triển kinh tế đạt 7,36%."
    )
    assert kinds(text) == ["actual", "actual"]


def test_an_excess_over_what_a_higher_level_assigned_is_against_the_plan():
    found = extract_figures(
        "Số hộ nghèo giảm 553 hộ so với năm 2022, vượt 163 hộ so với tỉnh giao."
    )
    assert [(f.measure, f.indicator) for f in found] == [
        ("change", "Số hộ nghèo"),
        ("plan", "Số hộ nghèo"),  # the same households: the count restates its subject
    ]


def test_an_equivalent_takes_the_measure_of_what_it_restates():
    found = extract_figures("Tỷ lệ hộ nghèo giảm 6,26%, tương đương với 11.710 hộ nghèo.")
    assert [f.measure for f in found] == ["change", "change"]


def test_a_change_verb_before_its_object_measures_the_figure_after_it():
    found = extract_figures("Các huyện Đồng Văn, Mèo Vạc đều giảm tỷ lệ hộ nghèo đa chiều trên 7%.")
    assert found[0].measure == "change"
    # a level verb between them names the level reached
    found = extract_figures("Huyện giảm tỷ lệ hộ nghèo xuống còn 2%.")
    assert found[0].measure == "level"


def test_a_new_list_item_shares_no_measure_with_the_one_before():
    text = "Tỷ lệ hộ nghèo còn 0,11%, vượt 73% kế hoạch; 38/38 trường đạt chuẩn quốc gia."
    assert [f.measure for f in extract_figures(text)] == ["level", "plan", "level"]


def test_a_list_intro_of_tasks_and_solutions_opens_goals():
    text = (
        "Nhiệm vụ, giải pháp năm 2025: Đẩy mạnh chuyển đổi sản xuất nông nghiệp. Trong đó duy trì"
        " diện tích lúa là 16.155,9 ha, sản lượng ước đạt 93.270 tấn. Tổng đàn heo tăng 4%."
    )
    # among the goals, `ước` estimates a goal and carries no result to the next sentence
    assert kinds(text) == ["target", "target", "target"]


def test_an_estimate_dated_by_its_own_period_stays_a_result_among_goals():
    text = "Các chỉ tiêu chủ yếu năm 2025: thu ngân sách 500 tỷ đồng, cả năm ước đạt 520 tỷ đồng."
    assert kinds(text) == ["target", "actual"]


def test_plan_parts_adopted_with_the_plan_are_goals():
    text = "Đại hội thống nhất thông qua Nghị quyết, Chương trình hành động và 17 Đề án trọng tâm."
    assert kinds(text) == ["target"]
    assert kinds("Kỳ họp đã thông qua 12 nghị quyết quan trọng.") == ["actual"]


def test_an_estimate_up_to_a_date_frames_the_whole_sentence():
    text = (
        "Dự ước đến 31/12/2024, số lao động được tạo việc làm mới là 1.050 người, đạt 140% kế"
        " hoạch, trong đó xuất khẩu lao động 65 người."
    )
    assert [f.qualifier for f in extract_figures(text)] == ["approx"] * 3


def test_a_bare_percentage_after_a_count_of_what_was_done_is_against_the_plan():
    found = extract_figures("Đảng bộ huyện kết nạp 52 đảng viên mới, đạt 50,98%.")
    assert [f.measure for f in found] == ["level", "plan"]
    # after a count of a whole's part it is the share of that whole
    found = extract_figures("Toàn huyện có 12 xã đạt chuẩn nông thôn mới, đạt 60%.")
    assert [f.measure for f in found] == ["level", "level"]


def test_a_quantity_after_a_verb_is_of_the_noun_after_its_unit():
    found = extract_figures("Từ đầu năm đến nay, Nhân dân đã trồng được 1.292,8 ha rừng.")
    assert found[0].indicator == "trồng rừng"


def test_a_peer_compared_with_names_no_indicator():
    text = "Tốc độ tăng trưởng kinh tế ước đạt 13,87% (gấp gần 2 lần bình quân chung cả nước)."
    assert [f.indicator for f in extract_figures(text)] == ["Tốc độ tăng trưởng kinh tế"] * 2


def test_a_footnote_number_glued_to_a_plan_word_names_nothing():
    found = extract_figures("Chi thường xuyên 921,77 tỷ đồng, đạt 25,37% dự toán1, tăng 7,76%.")
    assert {f.indicator for f in found} == {"Chi thường xuyên"}


def test_a_counted_noun_stops_before_a_rate():
    found = extract_figures("Phấn đấu 2/7 huyện nghèo tỷ lệ hộ nghèo đa chiều còn dưới 40%.")
    assert found[0].noun == "huyện nghèo"
    assert found[1].indicator == "tỷ lệ hộ nghèo đa chiều"


def test_the_tiers_of_a_model_of_government_are_no_figure():
    text = "Trong bối cảnh vận hành mô hình chính quyền địa phương 2 cấp, xã đạt 12/14 chỉ tiêu."
    assert [(f.surface, f.indicator) for f in extract_figures(text)] == [
        ("12/14 chỉ tiêu", "chỉ tiêu")  # an adverbial before the comma lists no noun
    ]


def test_accordingly_after_an_adopted_plan_opens_its_goals():
    text = (
        "Chiều 27/7, với 95,19% số đại biểu tán thành, Quốc hội đã thông qua Nghị quyết về Kế"
        " hoạch phát triển kinh tế - xã hội 5 năm 2021-2025 với những chỉ tiêu cụ thể.\n\n"
        "Theo đó, tốc độ tăng trưởng GDP bình quân 5 năm khoảng 6,5-7%."
    )
    assert kinds(text) == ["actual", "target"]


def test_a_dated_base_of_a_comparison_is_a_result():
    text = (
        "Theo kế hoạch, tổng thu từ du lịch năm tới dự kiến đạt 1.125 nghìn tỷ đồng, tăng 11%"
        " so với mức 1.000 nghìn tỷ đồng của năm 2025."
    )
    assert kinds(text) == ["target", "target", "actual"]


@pytest.mark.parametrize(
    ("text", "measures"),
    [
        # a signed percentage in brackets is a change
        ("Vốn huy động tăng 1.475 tỷ đồng (+6,2%).", ["change", "change"]),
        # a fronted comparison with the same period makes `bằng X%` its ratio
        ("So với cùng kỳ, số dự án cấp mới bằng 100%.", ["change"]),
        # a contribution to growth is a share of it
        ("Đóng góp của TFP vào tăng trưởng đạt khoảng 45%.", ["level"]),
    ],
)
def test_measure_from_the_figures_own_form(text, measures):
    assert [f.measure for f in extract_figures(text)] == measures


def test_an_estimate_to_a_hyphenated_date_frames_the_sentence():
    text = "Ước tính đến ngày 30-9, diện tích gieo trồng là 77 ngàn ha, đạt 100,09% kế hoạch."
    assert [f.qualifier for f in extract_figures(text)] == ["approx", "approx"]


def test_the_next_figures_subject_is_not_this_counts_noun():
    found = extract_figures("Toàn tỉnh có 8 dự án, tổng vốn đầu tư 31,8 triệu USD.")
    assert [f.indicator for f in found] == ["dự án", "tổng vốn đầu tư"]


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("Tỷ trọng kinh tế số đạt 20% GRDP.", "Tỷ trọng kinh tế số"),  # `số`: digital
        ("Kim ngạch xuất khẩu toàn tỉnh lũy kế đạt 731,2 triệu USD.", "Kim ngạch xuất khẩu"),
        ("Vốn huy động ước thực hiện đến 30/9/2022 là 25.390 tỷ đồng.", "Vốn huy động"),
        ("Tổng thu từ du lịch năm tới dự kiến đạt 1.125 nghìn tỷ đồng.", "tổng thu từ du lịch"),
        ("Diện tích cây lâu năm ước 11.620 ha.", "Diện tích cây lâu năm"),
    ],
)
def test_what_dates_or_places_a_figure_is_no_part_of_its_indicator(text, indicator):
    assert extract_figures(text)[0].indicator.lower() == indicator.lower()


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        # a rate named by its noun's `tăng` is stated, not the verb's change of an object
        ("Phấn đấu tốc độ tăng thu ngân sách bình quân từ 10%/năm.", "change"),
        ("Tỷ lệ hộ nghèo giảm dưới 0,5%.", "level"),  # the level a rate goes below
        ("Giải ngân vốn đầu tư công đạt 100%.", "plan"),  # an amount has no share of its own
        # a bare attainment that names its set is a share of that set
        ("Hoàn thành xóa 306 nhà tạm, đạt 100% số nhà tạm cần phải xóa.", "level"),
    ],
)
def test_measure_of_the_last_figure(text, measure):
    assert extract_figures(text)[-1].measure == measure


def test_the_present_as_a_yardstick_is_no_result_cue():
    text = (
        "Đại hội đặt ra mục tiêu mới: quy mô nền kinh tế gấp đôi hiện nay, thu nhập bình quân"
        " đầu người đạt 80 triệu đồng vào năm 2030."
    )
    assert kinds(text)[-1] == "target"


def test_convening_delegates_is_a_count_and_whom_they_represent_has_its_own_noun():
    found = extract_figures("Đại hội triệu tập 438 đại biểu, đại diện cho trên 182.000 đảng viên.")
    assert [(f.surface, f.indicator) for f in found] == [
        ("438 đại biểu", "đại biểu"),
        ("182.000 đảng viên", "đảng viên"),
    ]


def test_a_sectors_change_is_coded_as_its_growth_and_its_level_as_its_share():
    found = extract_figures("Khu vực dịch vụ tăng 8,14%; khu vực dịch vụ chiếm 45% GRDP.")
    assert [f.indicator_code for f in found] == ["service_sector_growth", "service_sector_share"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # recipients of a goal set for them are counted, the goal stays a goal
        (
            "Chính phủ đưa ra mục tiêu tăng trưởng cho 63 tỉnh thành năm 2025 đạt 8% trở lên.",
            ["actual", "target"],
        ),
        # a goal named by its change holds its own value
        (
            "Tốc độ giảm bình quân 1,6% mỗi năm, vượt mục tiêu giảm từ 1-1,5%/năm.",
            ["actual", "target"],
        ),
        # results to keep are part of the goal
        (
            "Năm 2021, phường phấn đấu duy trì kết quả giảm nghèo, giảm 50% số hộ nghèo.",
            ["target"],
        ),
        # an undated review: `dự kiến` about the last year of the term under review estimates
        (
            "Nhiệm kỳ 2020-2025, GRDP tăng bình quân 6,8%/năm; năm 2025 dự kiến tăng 8%.",
            ["actual", "actual"],
        ),
    ],
)
def test_kind_rules_from_mixed_documents(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Thu nhập bình quân đầu người đạt trên 68 triệu đồng mỗi năm.", "level"),
        ("Kinh tế tăng trưởng khá với tốc độ bình quân 8,8%.", "change"),
        ("Tổng giá trị tăng thêm của cả 3 khu vực đạt 500 tỷ đồng.", "level"),
    ],
)
def test_measure_rules_from_mixed_documents(text, measure):
    assert extract_figures(text)[0].measure == measure


def test_a_year_before_a_word_starting_like_a_unit_is_a_year():
    assert extract_figures("Năm 2025 ngành du lịch tăng trưởng mạnh.") == []


def test_a_count_after_a_bare_verb_is_named_by_both():
    found = extract_figures(
        "Năm 2026 ngành du lịch phấn đấu đón khoảng 11 triệu lượt khách quốc tế."
    )
    assert found[0].indicator == "đón lượt khách quốc tế"


def test_among_goals_an_undated_estimate_estimates_a_goal_but_a_realised_one_reports():
    text = (
        "Ngành du lịch đặt mục tiêu năm 2026 đón 11 triệu lượt khách quốc tế. Tổng thu du lịch"
        " ước đạt 330.000 tỉ đồng."
    )
    assert kinds(text) == ["target", "target"]
    text = "Năm 2025 huyện phấn đấu thu ngân sách 500 tỷ đồng. Ước thực hiện 480 tỷ đồng."
    assert kinds(text) == ["target", "actual"]


def test_a_proposal_states_goals_and_a_vote_share_is_a_result():
    text = (
        "Chính phủ đề xuất điều chỉnh mục tiêu tăng trưởng năm 2025 lên 8%. Quy mô GDP năm 2025"
        " khoảng trên 500 tỉ USD."
    )
    assert kinds(text) == ["target", "target"]
    text = "Với trên 90,5% đại biểu tán thành, Quốc hội thông qua Nghị quyết về kế hoạch năm 2026."
    assert kinds(text) == ["actual"]


def test_inflation_is_a_change_and_a_connective_names_nothing():
    found = extract_figures(
        "Do đó, tăng trưởng GDP năm 2025 cần đạt 8% trở lên; lạm phát ở mức 4,5%."
    )
    assert [(f.indicator, f.measure) for f in found] == [
        ("tăng trưởng GDP", "change"),
        ("lạm phát", "change"),
    ]


def test_indicators_named_with_the_year_to_reach_open_a_target_section():
    text = (
        "Tin tức Hà Nội\n\nCác chỉ tiêu chủ yếu đến năm 2025\n\nVề văn hóa - xã hội: (7) Tỷ lệ tổ"
        " dân phố văn hóa đạt 75%. (8) Tỷ lệ trường công lập đạt chuẩn quốc gia từ 80 đến 85%."
    )
    assert kinds(text) == ["target", "target"]


def test_drafting_the_goals_adopts_them():
    assert kinds("Huyện ủy xây dựng 17 chỉ tiêu chủ yếu nhiệm kỳ 2020-2025.") == ["target"]
    assert kinds("Năm 2024, huyện xây dựng 5 trường học.") == ["actual"]


def test_a_result_word_of_the_previous_goal_item_is_not_the_next_items():
    text = (
        "Các chỉ tiêu chủ yếu đến năm 2025:\n(2). Duy tu từ 06 đến 08 đoạn đường đã xuống cấp;"
        " lắp điện chiếu sáng từ 50 bóng trở lên."
    )
    assert kinds(text) == ["target", "target"]


def test_expected_by_the_end_of_the_year_is_this_years_result():
    found = extract_figures("Huyện có 2 xã đạt chuẩn, dự kiến đến hết năm có thêm 2 xã đạt chuẩn.")
    assert [(f.kind, f.qualifier) for f in found] == [("actual", "eq"), ("actual", "approx")]


def test_a_scenarios_value_in_brackets_is_a_goal():
    text = "Tăng trưởng GRDP 6 tháng đạt 7,63%, cao hơn kịch bản xây dựng đầu năm (7,59%)."
    assert kinds(text) == ["actual", "target"]


def test_percentages_in_brackets_after_names_under_a_growth_verb_are_changes():
    text = "Cả 3 khu vực đều tăng trưởng tốt (nông nghiệp 3,85%; công nghiệp 8,18%; dịch vụ 7,83%)."
    assert [f.measure for f in extract_figures(text) if f.unit == "percent"] == ["change"] * 3
    text = "Cơ cấu kinh tế chuyển dịch (nông nghiệp 31,4%; dịch vụ 30,8%)."
    assert [f.measure for f in extract_figures(text)] == ["level", "level"]


def test_a_ratio_with_a_quantity_unit_close_after_it():
    found = extract_figures("Trồng rừng được 673/550ha, đạt 122,5% kế hoạch.")
    assert [(f.surface, f.unit, f.indicator) for f in found] == [
        ("673/550ha", "ratio", "Trồng rừng"),
        ("122,5%", "percent", "Trồng rừng"),
    ]


def test_a_goal_in_brackets_opened_by_the_plan_and_its_cues_stay_inside():
    text = (
        "Năm 2018 tỷ lệ học sinh vào THPT đạt 68,7% (KH ĐH đến năm 2020 đạt 65-70%); tỷ lệ học"
        " sinh học nghề đạt 30% (KH ĐH đạt 30 - 35%)."
    )
    found = extract_figures(text)
    assert [f.kind for f in found] == ["actual", "target", "actual", "target"]
    assert found[1].indicator == found[0].indicator  # the plan named nothing of its own


def test_the_plans_items_reported_met_open_no_goals():
    text = (
        "Kinh tế tăng trưởng khá, các chỉ tiêu cơ bản đều đạt so với nghị quyết đại hội đề ra."
        " Thu nhập bình quân đầu người đạt 39 triệu đồng."
    )
    assert kinds(text) == ["actual"]
    assert kinds("Các chỉ tiêu cơ bản đều đạt. Thu nhập bình quân đầu người đạt 39 triệu.") == [
        "actual"
    ]


def test_identifying_households_is_no_goal_and_a_certificate_no_shortfall():
    text = (
        "Theo kết quả rà soát, xác định hộ làm nông nghiệp có mức sống trung bình, tỷ lệ hộ"
        " nghèo giảm còn 2,68%."
    )
    assert kinds(text) == ["actual"]
    found = extract_figures("Mục tiêu năm 2024, tỷ lệ lao động có chứng chỉ đạt 28%.")
    assert [(f.kind, f.indicator) for f in found] == [("target", "tỷ lệ lao động có chứng chỉ")]


def test_a_minimum_is_a_goal():
    assert kinds("Thu ngân sách nhà nước trên địa bàn tăng tối thiểu 10%/năm.") == ["target"]


def test_measures_of_items_labels_and_own_comparisons():
    found = extract_figures("Huyện đã hoàn thành và vượt 17/17 chỉ tiêu so với Nghị quyết.")
    assert [f.measure for f in found] == ["level"]
    found = extract_figures("(6) Tỷ lệ hộ nghèo giảm bình quân/năm: trên 10%.")
    assert [f.measure for f in found] == ["change"]
    found = extract_figures(
        "Thu nhập đạt 32 triệu đồng, đạt 101,8% kế hoạch và 112,7% so với cùng kỳ; thu ngân sách"
        " đạt 24 tỷ đồng, đạt 127,8% so với dự toán tỉnh và đạt 115,2% so với Hội đồng nhân dân"
        " huyện giao."
    )
    assert [f.measure for f in found] == ["level", "plan", "change", "level", "plan", "plan"]
    found = extract_figures("Đến năm 2030, tỷ lệ kết nạp đảng viên mới tối thiểu 3%/năm.")
    assert [f.measure for f in found] == ["level"]


def test_a_numbered_label_keeps_its_coordinated_nouns():
    found = extract_figures("(12) Tỷ lệ hộ dân được sử dụng nước sạch, hợp vệ sinh: 98%.")
    assert found[0].indicator == "Tỷ lệ hộ dân được sử dụng nước sạch, hợp vệ sinh"
    found = extract_figures("(13) Tỷ lệ thôn, làng văn hóa: 100%.")
    assert found[0].indicator == "Tỷ lệ thôn, làng văn hóa"


def test_a_photo_caption_takes_no_section_kind():
    text = (
        "Mục tiêu đến năm 2030:\n\nKết nạp 200 đảng viên mới.\n\nĐảng bộ xã có hơn 800 đảng viên"
        " ở 44 chi bộ trực thuộc. Ảnh: Duy Linh\n\nThu nhập bình quân đạt 90 triệu đồng."
    )
    assert kinds(text) == ["target", "actual", "actual", "target"]


def test_plan_items_adopted_set_or_passed_are_goals():
    assert kinds("HĐND tỉnh đã thông qua Nghị quyết về 24 chỉ tiêu phát triển năm 2025.") == [
        "target"
    ]
    text = (
        "Tại kỳ họp, 24 chỉ tiêu phát triển kinh tế, xã hội năm 2025 được thảo luận và thông qua."
    )
    assert kinds(text) == ["target"]
    text = "Phường đạt nhiều kết quả. Trong 32 chỉ tiêu đề ra, có 11 chỉ tiêu vượt kế hoạch."
    assert kinds(text) == ["target", "actual"]
    text = "Ngành đạt 8/9 chỉ tiêu năm 2025 được giao tại Nghị quyết số 01/NQ-CP của Chính phủ."
    assert kinds(text) == ["actual"]


def test_a_settlement_reports_and_the_goal_compared_with_gives_its_value():
    found = extract_figures(
        "Dự toán thu là 1.413.408 tỷ đồng; quyết toán là 1.820.310 tỷ đồng, tăng 406.902 tỷ"
        " đồng (28,8%) so với dự toán."
    )
    assert [(f.kind, f.measure) for f in found] == [
        ("target", "level"),
        ("actual", "level"),
        ("actual", "plan"),
        ("actual", "plan"),
    ]
    text = (
        "Tỷ lệ tham gia BHXH đạt 38,05%, vượt 0,05% so với chỉ tiêu đề ra tại Nghị quyết số"
        " 03-NQ/TU ngày 10/12/2021 của Tỉnh ủy (38%)."
    )
    assert kinds(text) == ["actual", "actual", "target"]
    text = "Đã tạo việc làm cho 26.112 lao động (đạt 130% so với chỉ tiêu 20.000 người)."
    assert kinds(text) == ["actual", "actual", "target"]
    assert kinds("Thu ngân sách đạt 105% dự toán (820 tỷ đồng).") == ["actual", "actual"]


def test_a_ratio_with_its_unit_on_both_sides():
    found = extract_figures("Toàn tỉnh đã trồng được 15.530 ha/22.366 ha KH, bằng 70%.")
    assert [(f.surface, f.unit, f.denominator) for f in found][0] == (
        "15.530 ha/22.366 ha",
        "ratio",
        22366.0,
    )


def test_a_percentage_joined_by_va_names_the_set_after_it():
    found = extract_figures(
        "Tỷ lệ dân cư nông thôn sử dụng nước hợp vệ sinh đạt 93% và 100% chất thải rắn ở đô thị"
        " được thu gom."
    )
    assert found[1].indicator.startswith("chất thải rắn")
    found = extract_figures("Chỉ số tiêu thụ tăng lần lượt 5,4% và 17,2%.")
    assert [f.measure for f in found] == ["change", "change"]


def test_production_value_keeps_its_coordinated_sectors():
    found = extract_figures(
        "Giá trị sản xuất công nghiệp, tiểu thủ công nghiệp ước đạt 275 tỷ đồng."
    )
    assert found[0].indicator == "Giá trị sản xuất công nghiệp, tiểu thủ công nghiệp"


def test_goals_to_carry_out_and_the_months_left_open_a_list_of_goals():
    text = (
        "Các đại biểu đã thảo luận giải pháp thực hiện các mục tiêu chủ yếu trong 6 tháng cuối năm"
        " như: thu cân đối ngân sách đạt trên 21 tỷ đồng; diện tích trồng rừng đạt 185 ha."
    )
    assert kinds(text) == ["target", "target"]


def test_a_strong_goal_word_carries_over_the_weak_one_nearest_the_figure():
    text = (
        "Dự kiến toàn tỉnh sẽ xây dựng mới 555 km đường giao thông. Cụ thể, đầu tư nâng cấp 55 km"
        " quốc lộ; 99 km đường huyện."
    )
    assert kinds(text) == ["target", "target", "target"]


def test_attendance_past_efforts_and_counted_needs_are_no_goals():
    assert kinds("Đại hội sẽ diễn ra với sự tham dự của 550 đại biểu.") == ["actual"]
    text = "Sau một năm phấn đấu, toàn huyện có 22.038/27.593 hộ đạt danh hiệu gia đình văn hóa."
    assert kinds(text) == ["actual"]
    text = "Huyện còn số người cần phải vận động tham gia BHYT cao, như Nông Sơn còn 5.505 người."
    assert kinds(text) == ["actual"]


def test_the_level_a_rise_starts_from_is_where_it_stands():
    text = "Dự kiến nâng tỷ lệ nhựa hóa đường từ 53% lên 65%, bảo đảm vượt chỉ tiêu."
    assert kinds(text) == ["actual", "target"]


def test_goals_set_long_ago_are_the_yardstick_of_their_completion():
    text = (
        "Nhiệm kỳ 2015-2020, xã hoàn thành thắng lợi các chỉ tiêu, nhiệm vụ Đại hội Đảng bộ xã lần"
        " thứ 26 nhiệm kỳ 2015-2020 đã đặt ra. Kinh tế tăng trưởng bình quân 11,8%/năm."
    )
    assert kinds(text) == ["actual"]


def test_a_sentence_stating_the_goals_opens_the_paragraphs_that_spell_them_out():
    text = (
        "Chiến lược phát triển giáo dục\n\nChiến lược nêu mục tiêu cụ thể đến năm 2030 của từng cấp"
        " học. Ở mầm non, tỷ lệ huy động trẻ đến trường đạt 38%.\n\nPhấn đấu tỷ lệ phòng học kiên"
        " cố đạt 100%.\n\nVới giáo dục phổ thông, tỷ lệ đi học đúng độ tuổi cấp tiểu học đạt 99,5%."
    )
    assert kinds(text) == ["target", "target", "target"]


def test_places_attaining_the_plan_in_brackets_and_parts_take_the_subjects_code():
    found = extract_figures(
        "Có 3 huyện đã hoàn thành chỉ tiêu BHXH tỉnh giao là Quế Sơn (100,12%), Nam Giang"
        " (100,93%)."
    )
    assert [(f.kind, f.measure) for f in found[1:]] == [("actual", "plan"), ("actual", "plan")]
    found = extract_figures(
        "Tỷ lệ thu gom rác thải sinh hoạt khu vực đô thị đạt 96%, khu vực nông thôn đạt 75%."
    )
    assert found[1].indicator == "khu vực nông thôn"
    assert found[1].indicator_code == found[0].indicator_code == "waste_collection_rate"


def test_a_counts_words_end_at_a_closing_quote_and_a_new_clause():
    found = extract_figures("Thái Nguyên chọn '3 khâu đột phá' để tăng trưởng kinh tế.")
    assert found[0].indicator == "khâu đột phá"
    found = extract_figures(
        "Đại hội với 350 đại biểu đại diện cho 140.000 đảng viên, diễn ra 3 ngày."
    )
    assert found[1].indicator == "đảng viên"


def test_setting_goals_for_the_new_year_and_a_horizon_after_the_figure():
    text = (
        "Trong năm mới này, tỉnh đặt chỉ tiêu tỷ trọng công nghiệp, xây dựng, dịch vụ trong GRDP"
        " chiếm khoảng 70 - 71%."
    )
    assert kinds(text) == ["target"]
    assert kinds("GDP bình quân đạt 8.500 USD/người vào năm 2030") == ["target"]


def test_a_title_with_a_figure_to_reach_by_a_later_year_makes_a_plan_document():
    text = (
        "GDP bình quân đạt 8.500 USD/người vào năm 2030\n\nChính phủ ban hành Nghị quyết.\n\n"
        "Tỷ trọng trong GDP của khu vực dịch vụ đạt trên 50%.\n\nNăm 2024, GDP đã tăng 7,09%."
    )
    assert kinds(text) == ["target", "target", "actual"]


def test_a_goals_value_in_brackets_after_its_name():
    text = (
        "Tỷ lệ hộ nghèo giảm 4,89%, đạt mục tiêu của Chương trình (giảm hơn 3%/năm); tỷ lệ hộ"
        " nghèo là 4,03%, đạt chỉ tiêu do Quốc hội, Chính phủ giao (từ 1-1,5%)."
    )
    assert kinds(text) == ["actual", "target", "actual", "target"]
