"""Parsing real pages nobody here wrote (tests/data/realweb/): a Hanoi Liferay portal through
its adapter, 181 news and blog pages of the article-extraction benchmark through the generic
path, one test per page, and the benchmark's score as a quality gate."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lxml import html as lxml_html

from scrapers import adapters
from scrapers.blocks import parse_html
from scrapers.parse import ListingPage, ParsedArticle, parse_article
from scrapers.registry import SELECTOR_KEYS, load_registry
from tests.realweb import LIFERAY, parsed_zyte, score, words, zyte_page, zyte_truth

ROOT = Path(__file__).parents[1]
EXPECTED = json.loads((LIFERAY / "expected.json").read_text(encoding="utf-8"))
TRUTH = zyte_truth()
# Reached with trafilatura 2.3.1 underneath (docs/scrapers.md); a change that scores lower
# fails here. trafilatura's own extraction alone scores F1 0.960 on these pages.
GATE = {"f1": 0.970, "precision": 0.966, "recall": 0.974}
# Pages whose article trafilatura only partly finds (the body split over several containers,
# a sentence cut at an inline promo): their longest paragraph is not asserted, their first is.
PARTIAL = {
    "2f42ef1d3ea0c96e56355d3db93d0e06b47e760b74f6f4261278b8cd1c246dd6",  # wired, split body
    "08f793762792bd252c75fb57544cdf506ffcc04785136cb87503f02364b82b56",  # cbssports, inline promo
    "51d066b0602c9421d8d6410bc4b931700978409a3faa2a984e8fbde519ad7241",  # nbcdfw, video page
}
# Footer phrases that the page also prints in a promo kept with the article (known leak).
FOOTER_ALSO_IN_PROMO = {
    "55bb6340e3d7dd8632ba45179ae43c39f8ad0cfcecb4719e3b9cf6106ffb70a3": {"by the water coolest"}
}


def _source():
    return next(s for s in load_registry() if s.name == "bactuliem_portal")


def _liferay(name: str) -> ParsedArticle:
    page = EXPECTED[name]
    return parse_article((LIFERAY / name).read_bytes(), page["url"], _source())


ARTICLES = sorted(k for k, v in EXPECTED.items() if v.get("is_article", True))


@pytest.mark.parametrize("name", ARTICLES)
def test_liferay_article_gives_what_expected_json_says(name: str) -> None:
    page, parsed = EXPECTED[name], _liferay(name)
    assert parsed.parser == "adapter:liferay" and parsed.fallback_from is None
    assert parsed.title == page["title"]
    assert parsed.published_at is not None
    assert (
        parsed.published_at.astimezone(ZoneInfo(parsed.published_tz)).date().isoformat()
        == (page["date"])
    )
    missing = [s for s in page["keep"] if s not in parsed.text]
    leaked = [s for s in page["drop"] if s in parsed.text]
    assert not missing and not leaked
    assert parsed.author and not parsed.text.endswith(parsed.author)  # the author line is out


@pytest.mark.parametrize("name", ARTICLES)
def test_liferay_article_through_the_generic_path(name: str) -> None:
    # a portal with no adapter yet: title from <title> (the page's h1 is a section name)
    page = EXPECTED[name]
    parsed = parse_article((LIFERAY / name).read_bytes(), page["url"])
    assert parsed.parser == "generic" and parsed.title == page["title"]
    assert not [s for s in page["keep"] if s not in parsed.text]
    assert not [s for s in page["drop"] if s in parsed.text]


def test_liferay_listing_page_is_a_listing_with_its_article_links() -> None:
    name = next(k for k, v in EXPECTED.items() if v.get("is_article") is False)
    with pytest.raises(ListingPage) as info:
        _liferay(name)
    assert info.value.reason == "listing"
    links = info.value.links
    assert len(links) == 10 and len(set(links)) == 10
    assert all(lk.startswith("https://sotttt.hanoi.gov.vn/chien-luoc-quy-hoach/-/view_content/")
               for lk in links)  # fmt: skip


def test_liferay_date_formats_of_the_portal() -> None:
    # "21/12/2012 | 12:00 AM" is midnight local: the UTC instant is the day before
    vi = _liferay("article-vi.html").published_at
    en = _liferay("article-en-1.html").published_at  # "Ngày đăng 20/06/2018 | 4:12 PM | View…"
    assert vi == datetime(2012, 12, 20, 17, 0, tzinfo=UTC)
    assert en == datetime(2018, 6, 20, 9, 12, tzinfo=UTC)


def test_registry_says_which_selectors_were_verified_on_which_pages() -> None:
    for source in load_registry():
        verified = source.selectors.get("verified", False)
        pages = source.selectors.get("verified_on") or []
        assert isinstance(verified, bool) or set(verified) <= set(SELECTOR_KEYS), source.name
        assert bool(verified) == bool(pages), source.name
        assert all((ROOT / p).is_file() for p in pages), source.name
        if not isinstance(verified, list):
            continue
        trees = [parse_html((ROOT / p).read_text(encoding="utf-8")) for p in pages]
        for key in verified:  # each key verified: some selector of it matches a saved page
            sels = source.selector_list(key)
            assert any(adapters.select_all(t, sels) for t in trees), (source.name, key)


def test_adapter_without_a_body_falls_back_to_generic_and_says_so() -> None:
    source = _source()
    page = (LIFERAY / "article-en-2.html").read_text(encoding="utf-8")
    page = page.replace("asset-full-content", "asset-full")  # a new theme: body not found
    parsed = parse_article(page, EXPECTED["article-en-2.html"]["url"], source)
    assert parsed.parser == "generic" and parsed.fallback_from == "adapter:liferay"
    assert EXPECTED["article-en-2.html"]["keep"][0] in parsed.text


# -- the article-extraction benchmark, one page at a time -------------------------------
def _paragraphs(key: str) -> list[str]:
    lines = [p for p in TRUTH[key]["articleBody"].split("\n") if p.strip()]
    return [p for p in lines if len(p.split()) >= 8] or lines


def _declared_time(key: str) -> datetime | None:
    tree = lxml_html.document_fromstring(zyte_page(key))
    for value in tree.xpath("//meta[@property='article:published_time']/@content")[:1]:
        try:
            when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return when if when.tzinfo else None
    return None


def _furniture(key: str) -> list[str]:
    """Phrases of the page's <nav> and <footer> that are not in the article."""
    tree = lxml_html.document_fromstring(zyte_page(key))
    body = words(TRUTH[key]["articleBody"])
    out = []
    for el in tree.xpath("//footer|//nav"):
        for line in el.text_content().splitlines():
            phrase = words(line)
            if len(phrase.split()) >= 4 and phrase not in body:
                out.append(phrase)
    return out


@pytest.mark.parametrize("key", sorted(TRUTH), ids=lambda k: k[:10])
def test_benchmark_page(key: str) -> None:
    parsed = parsed_zyte(key)
    assert isinstance(parsed, ParsedArticle), parsed  # every page has an article
    text = words(parsed.text)
    assert parsed.title and words(parsed.text.split("\n\n")[0]) != words(parsed.title)
    declared = _declared_time(key)
    if declared is not None:
        assert parsed.published_at == declared.astimezone(UTC)
    paragraphs = _paragraphs(key)
    kept = paragraphs[:1] if key in PARTIAL else [max(paragraphs, key=len)]
    assert all(words(p) in text for p in kept)
    allowed = FOOTER_ALSO_IN_PROMO.get(key, set())
    leaked = [p for p in _furniture(key) if p in text and p not in allowed]
    assert not leaked


def test_benchmark_score_is_at_least_the_gate() -> None:
    truth = {k: v["articleBody"] for k, v in TRUTH.items()}
    predicted = {}
    for key in truth:
        parsed = parsed_zyte(key)
        predicted[key] = parsed.text if isinstance(parsed, ParsedArticle) else ""
    result = score(truth, predicted)
    assert result.empty == 0
    assert result.f1 >= GATE["f1"], result
    assert result.precision >= GATE["precision"] and result.recall >= GATE["recall"], result
