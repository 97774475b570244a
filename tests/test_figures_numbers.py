"""Number grammar and non-figure rules of the figure extractor (own sentences, not the seeds)."""

from __future__ import annotations

import pytest

from chitieu.figures import extract_figures, normalize_text


def figs(text: str) -> list[tuple]:
    return [(f.unit, f.value, f.value_max, f.denominator) for f in extract_figures(text)]


def one(text: str):
    found = extract_figures(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- normalisation


def test_normalize_keeps_length_and_maps_dashes_and_spaces():
    text = "Tỷ lệ\u00a0đạt 12\u201313%"
    norm = normalize_text(text)
    assert len(norm) == len(text)
    assert norm == "Tỷ lệ đạt 12-13%"


def test_normalize_composes_decomposed_text():
    decomposed = "đa\u0323t 5%"  # `ạ` as a + combining dot below
    assert normalize_text(decomposed) == "đạt 5%"


def test_offsets_refer_to_normalised_text():
    text = "Thu ngân sách đạt 1.250\u00a0tỷ đồng."
    f = one(text)
    assert normalize_text(text)[f.char_start : f.char_end] == f.surface == "1.250 tỷ đồng"


# ---------------------------------------------------------------- number grammar


def test_dot_separates_thousands():
    assert figs("Huyện có 12.345 hộ dân.") == [("count", 12345, None, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tổng thu đạt 1 000 tỷ đồng.", ("vnd", 1e12, None, None)),
        ("Tổng thu đạt 1\u00a0250,5 tỷ đồng.", ("vnd", 1.2505e12, None, None)),
        ("Có 3 250 000 người tham gia.", ("count", 3250000, None, None)),
        ("Đã có 1 000/1 200 hộ.", ("ratio", 1000, None, 1200)),
    ],
)
def test_space_separates_thousands_before_a_word(text, expected):
    assert figs(text) == [expected]


def test_a_year_and_a_count_stay_apart():
    assert figs("Năm 2025 100 xã đạt chuẩn.") == [("count", 100, None, None)]


def test_comma_marks_decimals():
    assert figs("Tỷ lệ che phủ rừng đạt 42,75%.") == [("percent", 42.75, None, None)]


def test_leading_zero_is_just_the_number():
    f = one("Xây dựng 07 trường học mới.")
    assert (f.value, f.noun) == (7, "trường học mới")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Doanh thu đạt 850 nghìn đồng.", 850e3),
        ("Doanh thu đạt 850 ngàn đồng.", 850e3),
        ("Doanh thu đạt 4,5 triệu đồng.", 4.5e6),
        ("Doanh thu đạt 3 tỷ đồng.", 3e9),
        ("Doanh thu đạt 3 tỉ đồng.", 3e9),
        ("Doanh thu đạt 1,2 nghìn tỷ đồng.", 1.2e12),
    ],
)
def test_money_multipliers(text, value):
    f = one(text)
    assert f.unit == "vnd" and f.value == pytest.approx(value)


def test_bare_ty_after_a_number_is_money():
    assert figs("Thu ngân sách ước đạt 2.100 tỷ, vượt dự toán.") == [("vnd", 2.1e12, None, None)]


def test_money_per_unit_keeps_its_suffix():
    f = one("Thu nhập bình quân đạt 65 triệu đồng/người/năm.")
    assert (f.unit, f.value, f.surface) == ("vnd", 65e6, "65 triệu đồng/người/năm")


def test_usd():
    assert figs("Kim ngạch xuất khẩu đạt 120 triệu USD.") == [("usd", 120e6, None, None)]


def test_percent_range_with_hyphen():
    assert figs("Tăng trưởng đạt 7-8%.") == [("percent", 7, 8, None)]


def test_percent_range_with_unit_twice():
    assert figs("Tăng trưởng đạt 7% - 8%.") == [("percent", 7, 8, None)]


def test_range_after_tu():
    assert figs("Thu ngân sách vượt dự toán từ 3-5%.") == [("percent", 3, 5, None)]


def test_count_range_with_thousands():
    f = one("Mỗi năm tạo việc làm cho 4.500-5.000 lao động.")
    assert (f.unit, f.value, f.value_max, f.noun) == ("count", 4500, 5000, "lao động")


def test_count_range_with_den():
    f = one("Có 2 đến 4 xã đạt chuẩn nông thôn mới kiểu mẫu.")
    assert (f.value, f.value_max, f.noun) == (2, 4, "xã")


def test_ratio():
    f = one("Đã có 15/18 xã đạt chuẩn nông thôn mới.")
    assert (f.unit, f.value, f.denominator, f.noun, f.surface) == (
        "ratio",
        15,
        18,
        "xã",
        "15/18 xã",
    )


def test_per_mille_written_percent_o():
    assert figs("Tỷ suất sinh thô ở mức 14,2%o.") == [("permille", 14.2, None, None)]


def test_per_mille_sign():
    assert figs("Tỷ suất chết thô 5,1‰.") == [("permille", 5.1, None, None)]


def test_rate_per_year():
    f = one("Phấn đấu thu ngân sách tăng bình quân 12%/năm.")
    assert (f.unit, f.value, f.surface, f.measure) == ("percent", 12, "12%/năm", "change")


def test_multiple_after_gap():
    f = one("Giá trị xuất khẩu gấp 3 lần năm 2020.")
    assert (f.unit, f.value) == ("multiple", 3)


def test_multiple_after_gap_hon():
    f = one("Doanh thu du lịch gấp hơn 4 lần đầu nhiệm kỳ.")
    assert (f.unit, f.value, f.qualifier) == ("multiple", 4, "gt")


def test_multiple_after_tang():
    f = one("Vốn đầu tư tăng 2,5 lần so với giai đoạn trước.")
    assert (f.unit, f.value, f.measure) == ("multiple", 2.5, "change")


@pytest.mark.parametrize(
    ("text", "value", "noun"),
    [
        ("Sản lượng cá đạt 3.200 tấn.", 3200, "tấn"),
        ("Diện tích lúa 2.150 ha.", 2150, "ha"),
        ("Cải tạo 35 km đường.", 35, "km"),
        ("Nhà ở bình quân 30 m2/người.", 30, "m2"),
        ("Cây xanh 6 m²/người.", 6, "m²"),
    ],
)
def test_quantities(text, value, noun):
    f = one(text)
    assert (f.unit, f.value, f.noun) == ("quantity", value, noun)


def test_count_with_following_noun():
    f = one("Huyện đã xây mới 42 phòng học.")
    assert (f.unit, f.value, f.noun) == ("count", 42, "phòng học")


def test_count_with_quoted_name():
    f = one("Xây dựng 12 mô hình “Khu phố an toàn” trên địa bàn.")
    assert f.noun == "mô hình “Khu phố an toàn”"


def test_count_with_multiplier():
    f = one("Đón 1,5 triệu lượt khách.")
    assert (f.unit, f.value) == ("count", 1.5e6)


def test_dong_chi_is_a_count_not_money():
    f = one("Kết nạp 120 đồng chí vào Đảng.")
    assert (f.unit, f.noun) == ("count", "đồng chí")


def test_bare_number_without_noun_is_no_figure():
    assert figs("Kết quả là 5 và 7 đều được.") == []


# ---------------------------------------------------------------- non-figures


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 15/8, huyện tổ chức hội nghị.",  # day/month
        "Sáng 12/9, đoàn công tác làm việc.",
        "Hội nghị diễn ra ngày 20/11/2023 tại hội trường.",  # full date
        "Văn bản ký 03-05-2024 có hiệu lực.",
        "Đại hội diễn ra từ 14-16/10.",  # day range in a month
        "Chiều 5-11, huyện họp báo.",  # day-month after a time-of-day word
        "Tháng 7/2023 có mưa lớn.",
        "Hội nghị bắt đầu lúc 14:30 chiều nay.",
        "Cập nhật 10:15 AM.",
    ],
)
def test_dates_and_times_are_no_figures(text):
    assert figs(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Năm 2022 là năm bản lề.",
        "Nhiệm kỳ 2025-2030 mở ra nhiều cơ hội.",
        "Giai đoạn 2016 - 2020 có nhiều thay đổi.",
        "Đề án (2021-2025) được phê duyệt.",
    ],
)
def test_years_and_terms_are_no_figures(text):
    assert figs(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Sau 3 năm qua, huyện đổi mới.",
        "Kỷ niệm 20 năm thành lập huyện.",
        "Trẻ em dưới 6 tuổi được khám miễn phí.",
        "Sau 6 tháng triển khai, mô hình hiệu quả.",
    ],
)
def test_durations_and_ages_are_no_figures(text):
    assert figs(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Kỳ họp lần thứ 14 HĐND huyện bế mạc.",
        "Ban Chấp hành khóa 12 họp phiên đầu tiên.",
        "Đại hội 7 Đảng bộ huyện thành công.",
        "Hội nghị lần 3 Ban Chấp hành diễn ra.",
    ],
)
def test_ordinals_are_no_figures(text):
    assert figs(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện Kế hoạch số 98-KH/HU của Huyện ủy.",
        "Theo Quyết định 2345/QĐ-UBND của tỉnh.",
        "Triển khai Chỉ thị số 12 về công tác cán bộ.",
        "Quán triệt Nghị quyết Trung ương 8 khóa XIII.",
        "Chương trình 03 về phát triển đô thị.",
        "Chương trình số 05 được ban hành.",
        "Dịch Covid-19 được kiểm soát.",
    ],
)
def test_document_and_programme_ids_are_no_figures(text):
    assert figs(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "(2). Tăng cường công tác kiểm tra.",
        "3. Nhiệm vụ trọng tâm",
        "2.1. Về kinh tế",
    ],
)
def test_list_markers_are_no_figures(text):
    assert figs(text) == []


def test_service_levels_are_no_figures():
    assert figs("Dịch vụ công mức độ 3, 4 đạt 92%.") == [("percent", 92, None, None)]


def test_page_furniture_is_no_figure():
    assert figs("Ngày đăng 02/03/2024 | View count: 345") == []


def test_area_basis_is_no_figure():
    f = one("Giá trị thu hoạch trên 1ha đất nông nghiệp đạt 180 triệu đồng.")
    assert (f.unit, f.value) == ("vnd", 180e6)


def test_phone_numbers_are_no_figures():
    assert figs("Đường dây nóng 0243.826.1234.") == []


def test_district_names_are_no_figures():
    assert figs("Quận 12 phối hợp với Phường 5 tổ chức lễ ra quân.") == []


def test_english_decimal_before_percent():
    assert figs("GRDP tăng 6.5% so với cùng kỳ.") == [("percent", 6.5, None, None)]


def test_rate_basis_is_no_figure():
    f = one("Đạt 12 bác sĩ trên 1 vạn dân.")
    assert (f.value, f.noun) == (12, "bác sĩ")


def test_house_numbers_are_no_figures_but_totals_are():
    assert figs("Trụ sở tại số 8 phố Lê Lợi.") == []
    assert figs("Với tổng số 320 hộ dân.") == [("count", 320, None, None)]


def test_quarters_and_months_of_the_year_are_no_figures():
    assert figs("Trong 6 tháng đầu năm và quý 2 huyện họp.") == []


def test_counted_noun_stops_before_a_verb_or_modifier():
    assert one("Đến nay có 30/35 trường công lập đạt chuẩn.").noun == "trường"
    assert one("Hội nghị có 150 đại biểu đại diện cho các ngành.").noun == "đại biểu"


def test_counted_noun_keeps_its_own_modifiers():
    assert one("Kết nạp 85 đảng viên mới.").noun == "đảng viên mới"


def test_colon_after_a_term_word_does_not_hide_the_figure():
    assert figs("Sơ kết giữa nhiệm kỳ: 20/24 chỉ tiêu đạt và vượt") == [("ratio", 20, None, 24)]


def test_fraction_of_a_total_is_a_ratio_not_a_date():
    assert figs("Có 1/3 số xã đạt chuẩn.") == [("ratio", 1, None, 3)]


def test_range_with_division_sign_and_multiple_range():
    assert figs("Tăng trưởng 8 ÷ 9%.") == [("percent", 8, 9, None)]
    assert figs("Doanh thu tăng 2-3 lần.") == [("multiple", 2, 3, None)]


def test_population_is_a_count_not_a_house_number():
    assert figs("Quy mô dân số 215.000 người.") == [("count", 215000, None, None)]


# ---------------------------------------------------------------- held-out hardening


def test_percentage_points_written_with_a_sign():
    assert figs("Tỷ lệ hộ dùng nước sạch tăng 4 điểm %.") == [("percent", 4, None, None)]
    assert figs("Giảm 1,5 điểm% so với năm trước.") == [("percent", 1.5, None, None)]


def test_star_ratings_are_no_counts():
    assert figs("Khu nghỉ dưỡng đạt chuẩn 3 đến 4 sao.") == []


def test_decimal_times_multiplier_is_exact():
    f = one("Thành phố đón 3,3 triệu lượt khách.")
    assert f.value == 3_300_000 and f.to_dict()["value"] == 3_300_000


def test_population_basis_of_a_rate_is_no_figure():
    assert figs("Số giường bệnh trên 10.000 dân đạt 30 giường.") == [("count", 30, None, None)]
    assert figs("Tỷ lệ 9 bác sĩ/10.000 dân.") == [("count", 9, None, None)]
    # after a verb the same words are an amount
    assert figs("Phường có trên 10.000 dân.") == [("count", 10000, None, None)]


def test_counted_noun_stops_before_thay_mat():
    assert one("Đại hội có 180 đại biểu thay mặt cho đảng viên.").noun == "đại biểu"


_ODD_TEXTS = [
    "",
    "\x00\x01\x02\ufffd" * 50,
    "1 " * 3000,
    "1.2.3,4,5/6/7-8" * 300,
    "(" * 2000 + "5%",
    ")" * 2000 + "5%",
    ":" * 2000 + "7 xã",
    "a) " * 2000,
    "trên " * 2000 + "1 ha",
    "gấp " * 2000 + "2 lần",
    "5" + "\u0301" * 50 + "%",
    "x" * 100_000 + " 5%",
    "Tỷ lệ " + "hộ nghèo, " * 2000 + "đạt 5%",
    "%‰ nghìn tỷ đồng USD ha km lần" * 200,
    "1/1/1/1/1/1" * 200,
]


@pytest.mark.parametrize("text", _ODD_TEXTS, ids=range(len(_ODD_TEXTS)))
def test_odd_text_never_raises_and_keeps_offsets(text):
    norm = normalize_text(text)
    for f in extract_figures(text):
        assert norm[f.char_start : f.char_end] == f.surface


def test_number_only_text_is_linear():
    """A number with no word after it must not make the noun reader scan the rest of the text."""
    import time

    start = time.process_time()
    extract_figures("1 " * 20_000)
    assert time.process_time() - start < 10  # was minutes before the noun reader matched locally


def test_ratio_written_with_tren():
    assert figs("Có 3 trên 5 chỉ tiêu chưa đạt.") == [("ratio", 3, None, 5)]
    assert figs("Đạt 12 trên tổng số 15 xã.") == [("ratio", 12, None, 15)]


def test_numbered_road_names_and_size_adjectives_are_no_counts():
    assert figs("Đường vành đai 3 dài 12 km.") == [("quantity", 12, None, None)]


def test_counted_noun_stops_before_an_attribute():
    f = extract_figures("Xây dựng 2 nhà máy nước công suất 3.000 m3/ngày.")[0]
    assert f.noun == "nhà máy nước"


def test_common_words_ending_like_name_prefixes_keep_counts():
    assert figs("Nhu cầu tuyển dụng 500 lao động.") == [("count", 500, None, None)]
    assert figs("Tiếp nhận trực tuyến 1.200 hồ sơ.") == [("count", 1200, None, None)]


def test_ty_le_after_a_year_is_no_money():
    assert figs("Phấn đấu năm 2025 tỷ lệ hộ nghèo còn dưới 1%.") == [("percent", 1, None, None)]
    assert figs("Năm 2023 tỉ trọng dịch vụ đạt 40%.") == [("percent", 40, None, None)]
    assert figs("Thu ngân sách đạt 2.020 tỷ.") == [("vnd", 2_020_000_000_000, None, None)]


def test_page_furniture_written_number_first_is_no_figure():
    assert figs("Ảnh: Minh Anh. 0 bình luận. 1.245 lượt xem.") == []


def test_abbreviated_million_dong():
    assert figs("Thu nhập đạt 58 tr.đ/người/năm.") == [("vnd", 58_000_000, None, None)]
    assert figs("Thu nhập đạt 58 trđ.") == [("vnd", 58_000_000, None, None)]
    assert figs("Có 58 trường.") == [("count", 58, None, None)]


def test_compound_money_is_one_figure():
    assert figs("Chi 2 tỷ 300 triệu đồng.") == [("vnd", 2_300_000_000, None, None)]
    assert figs("Mỗi suất 1 triệu 500 nghìn đồng.") == [("vnd", 1_500_000, None, None)]


def test_rain_and_peak_power_units():
    assert figs("Lượng mưa 120 mm, công suất 35 MWp.") == [
        ("quantity", 120, None, None),
        ("quantity", 35, None, None),
    ]


def test_count_with_multiplier_names_what_follows():
    f = one("Toàn tỉnh có 15 nghìn lao động.")
    assert f.value == 15_000 and f.indicator == "lao động"


def test_number_start_pattern_is_num_after_no_word_separator_or_slash():
    """NUM_START_RE is written for speed (its first digit first): the same matches as `NUM`
    after `(?<![\\w.,/])`."""
    import random
    import re

    from chitieu.figures import numbers

    plain = re.compile(rf"(?<![\w.,/]){numbers.NUM}")
    rng = random.Random(2)
    pieces = ["1", "23", "456", ".", "000", ",", "5", "%", "‰", " ", "a", "/", "-", "1.234,5"]
    for _ in range(3000):
        text = "".join(rng.choices(pieces, k=rng.randrange(1, 30)))
        want = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in numbers.NUM_START_RE.finditer(text)] == want, text
