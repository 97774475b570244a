"""Parsing saved mirror pages: adapters, generic extractor, dates, encodings, gazetteer."""

from __future__ import annotations

import codecs
import unicodedata
from datetime import UTC, datetime

import pytest

from scrapers.dates import parse_vn_date
from scrapers.encoding import decode_html
from scrapers.mirror import site
from scrapers.parse import NoArticleBody, ParseError, parse_article
from tests.scrapers_fixtures import BOILERPLATE, figure_lines, saved_page, seed, source_for_template

SEEDS = ["000", "001", "002", "003", "004"]


def _parse(seed_id: str, generic: bool):
    art = seed(seed_id)
    body, headers = saved_page(art)
    source = None if generic else source_for_template(art.template)
    return art, parse_article(body, "http://127.0.0.1:1" + art.path, source, headers=headers)


@pytest.mark.parametrize("generic", [False, True], ids=["adapter", "generic"])
@pytest.mark.parametrize("seed_id", SEEDS)
def test_article_text_keeps_every_figure_sentence(seed_id: str, generic: bool) -> None:
    art, parsed = _parse(seed_id, generic)
    lines = parsed.text.split("\n\n")
    missing = [line for line in figure_lines(art) if line not in lines]
    assert not missing
    assert parsed.title == art.title
    adapter = source_for_template(art.template).adapter
    assert parsed.parser == ("generic" if generic else f"adapter:{adapter}")


@pytest.mark.parametrize("generic", [False, True], ids=["adapter", "generic"])
@pytest.mark.parametrize("seed_id", SEEDS)
def test_article_text_drops_boilerplate(seed_id: str, generic: bool) -> None:
    _, parsed = _parse(seed_id, generic)
    leaked = [phrase for phrase in BOILERPLATE if phrase in parsed.text]
    assert not leaked
    assert "Các đại biểu tham dự Đại hội\n\nCác đại biểu tham dự Đại hội" not in parsed.text


def test_headings_and_list_items_stay_on_their_own_lines() -> None:
    lines = _parse("000", False)[1].text.split("\n\n")
    assert "Những mục tiêu đặt ra trong giai đoạn 2020-2025" in lines
    assert "- Tốc độ tăng giá trị sản xuất bình quân chung hằng năm: 12-13%." in lines
    assert "- Tỷ lệ trường công lập đạt chuẩn quốc gia đạt 75-80%." in lines
    lines3 = _parse("003", False)[1].text.split("\n\n")
    assert "2. Chỉ tiêu" in lines3 and "Một số chỉ tiêu cụ thể" in lines3
    assert "- Tỷ suất sinh thô dưới 12,37%o." in lines3


@pytest.mark.parametrize(
    ("seed_id", "expected", "author"),
    [
        ("000", datetime(2020, 7, 30, 7, 43, tzinfo=UTC), None),
        ("001", datetime(2023, 4, 9, 2, 26, tzinfo=UTC), "Hoàng Hương"),
        ("002", datetime(2020, 10, 6, 1, 15, tzinfo=UTC), "Hồng Thái"),
        ("003", datetime(2020, 11, 13, 9, 30, tzinfo=UTC), "Ban biên tập"),
        ("004", datetime(2023, 12, 15, 9, 5, tzinfo=UTC), "Lê Thắm"),
    ],
)
def test_metadata_per_template(seed_id: str, expected: datetime, author: str | None) -> None:
    _, parsed = _parse(seed_id, False)
    assert parsed.published_at == expected
    assert parsed.published_tz == "Asia/Ho_Chi_Minh"
    assert parsed.author == author
    assert parsed.term == "2020-2025"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09/04/2023 - 09:26 AM", datetime(2023, 4, 9, 2, 26, tzinfo=UTC)),
        ("09/04/2023 - 02:05 PM", datetime(2023, 4, 9, 7, 5, tzinfo=UTC)),
        ("Ngày đăng 13/11/2020 | 16:30", datetime(2020, 11, 13, 9, 30, tzinfo=UTC)),
        ("Thứ Hai, 15/12/2023", datetime(2023, 12, 14, 17, 0, tzinfo=UTC)),
        ("(14:43 30/07/2020)", datetime(2020, 7, 30, 7, 43, tzinfo=UTC)),
        ("2020-10-06T08:15:00+07:00", datetime(2020, 10, 6, 1, 15, tzinfo=UTC)),
        ("2020-10-06T08:15:00", datetime(2020, 10, 6, 1, 15, tzinfo=UTC)),
        ("Cập nhật ngày 5 tháng 3 năm 2021", datetime(2021, 3, 4, 17, 0, tzinfo=UTC)),
    ],
)
def test_vietnamese_date_formats(text: str, expected: datetime) -> None:
    assert parse_vn_date(text) == expected


def test_dates_from_meta_and_json_ld() -> None:
    meta = (
        '<html><head><meta property="article:published_time" '
        'content="2021-05-02T10:00:00+07:00"></head><body></body></html>'
    )
    ld = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2022-01-03T09:00:00+07:00"}</script></head><body></body></html>'
    )
    body = "<p>" + "Thu ngân sách đạt 103% dự toán năm, vượt kế hoạch đề ra. " * 5 + "</p>"
    a = parse_article(meta.replace("<body></body>", f"<body>{body}</body>"), "http://h/a")
    b = parse_article(ld.replace("<body></body>", f"<body>{body}</body>"), "http://h/b")
    assert a.published_at == datetime(2021, 5, 2, 3, 0, tzinfo=UTC)
    assert b.published_at == datetime(2022, 1, 3, 2, 0, tzinfo=UTC)


def test_cp1258_page_without_any_charset_is_detected() -> None:
    art = seed("003")
    body, headers = saved_page(art)
    assert art.encoding == "cp1258" and "charset" not in headers["Content-Type"]
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    parsed = parse_article(body, "http://127.0.0.1:1" + art.path, None, headers=headers)
    assert parsed.encoding == "cp1258"
    assert "- Tỷ suất sinh thô dưới 12,37%o." in parsed.text.split("\n\n")
    assert "quận Tây Hồ" in parsed.text
    assert unicodedata.is_normalized("NFC", parsed.text)


def test_bom_and_meta_charset_and_header() -> None:
    text = (
        "<html><head><title>Tây Hồ</title></head><body><p>Quận Tây Hồ đạt 96,2%.</p></body></html>"
    )
    assert decode_html(codecs.BOM_UTF8 + text.encode())[1] == "utf-8"
    with_meta = text.replace("<head>", '<head><meta charset="windows-1258">')
    decoded, enc = decode_html(site.encode_page(with_meta, "cp1258"))
    assert enc == "cp1258" and "Quận Tây Hồ đạt 96,2%." in decoded
    decoded, enc = decode_html(text.encode("utf-16"), "text/html; charset=utf-16")
    assert "Tây Hồ" in decoded
    wrong_header = decode_html(text.encode(), "text/html; charset=iso-8859-1")
    assert wrong_header[1] == "utf-8" and "Quận Tây Hồ" in wrong_header[0]
    nfd = unicodedata.normalize("NFD", text).encode()
    assert "Quận Tây Hồ" in decode_html(nfd, "text/html; charset=utf-8")[0]


UNKNOWN_LAYOUT = """<html><head><title>Báo cáo - Trang tin huyện</title></head><body>
<table width="100%"><tr><td class="left"><a href="/">Trang chủ</a><br><a href="/tt">Tin tức</a>
<br><a href="/vb">Văn bản</a><br><a href="/lh">Liên hệ</a></td>
<td class="center"><font size="4"><b>Huyện Ứng Hòa tổng kết năm 2023</b></font>
<div>Năm 2023, huyện Ứng Hòa đạt tổng giá trị sản xuất 15.200 tỷ đồng,
tăng 7,5% so với năm trước.</div>
<div>Thu ngân sách trên địa bàn đạt 1.020 tỷ đồng, bằng 118% dự toán;
28/28 xã đạt chuẩn nông thôn mới.</div>
<div>Tỷ lệ hộ nghèo giảm còn 1,2%, thấp hơn mục tiêu đề ra cho nhiệm kỳ 2020 - 2025.</div>
<div class="box"><b>Tin liên quan</b><ul>
<li><a href="/x">Huyện Mỹ Đức đạt 99% kế hoạch</a></li></ul></div>
</td><td class="right"><b>Video đang HOT</b><br><a href="/v">Lũ quét ở Sơn La</a></td></tr></table>
<div class="comment-box">Bình luận: Tuyệt vời 100%!</div></body></html>"""


def test_generic_extractor_on_an_unknown_layout() -> None:
    parsed = parse_article(UNKNOWN_LAYOUT, "http://example.invalid/tin/1")
    assert parsed.parser == "generic"
    assert (
        "Thu ngân sách trên địa bàn đạt 1.020 tỷ đồng, bằng 118% dự toán; 28/28 xã đạt chuẩn"
        " nông thôn mới." in parsed.text
    )
    for phrase in ["Tin liên quan", "99% kế hoạch", "Video đang HOT", "Bình luận", "Liên hệ"]:
        assert phrase not in parsed.text
    assert parsed.districts == ["hn_ung_hoa"]
    assert parsed.term == "2020-2025"


def test_page_without_article_body_raises() -> None:
    with pytest.raises(NoArticleBody) as info:
        parse_article(
            site.render_empty_page(), "http://127.0.0.1:1/empty", source_for_template("city")
        )
    assert isinstance(info.value, ParseError) and info.value.reason == "no_article_body"


def test_districts_are_gazetteer_codes_valid_at_publication() -> None:
    _, parsed = _parse("002", False)
    assert {"hn_bac_tu_liem", "hn_bac_tu_liem_p_duc_thang", "hn_bac_tu_liem_p_xuan_tao"} <= set(
        parsed.districts
    )
    assert _parse("004", False)[1].districts[0] == "hn_bac_tu_liem"
    assert _parse("001", False)[1].districts[0] == "hn_tay_ho"
