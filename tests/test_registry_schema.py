"""A bad registry is refused with the file, the line and the field of each problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scrapers.registry import RegistryError, check_registry, load_registry

ROOT = Path(__file__).parents[1]
GOOD = """\
defaults:
  crawl:
    delay: 1.0
sources:
  - name: one
    base_url: https://one.example.vn
    discovery:
      listing_urls: [https://one.example.vn/tin-tuc]
    selectors:
      verified: [title, body]
      verified_on: [scrapers/sources.yaml]
      title: h1
      body: [".content"]
    crawl:
      delay: 2.0
"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(path)
    assert all(line.startswith(f"{path}:") for line in caught.value.lines)
    return list(caught.value.lines)


def test_a_good_registry_loads_with_its_verified_selectors(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_text(GOOD, encoding="utf-8")
    checked = check_registry(path)
    (source,) = checked.sources
    assert source.verified and source.verified_keys == ("title", "body")
    assert source.verified_on == ("scrapers/sources.yaml",)
    assert source.crawl.delay == 2.0 and source.selector_list("title") == ["h1"]
    assert source.allowed_hosts == ("one.example.vn",) and checked.warnings == []


def test_unknown_field(tmp_path):
    (line,) = _problems(tmp_path, GOOD.replace("    crawl:\n      delay: 2.0",
                                               "    crawl:\n      speed: 2.0"))  # fmt: skip
    assert line.endswith(":15: sources[0].crawl.speed: unknown field")


def test_unknown_top_level_field(tmp_path):
    (line,) = _problems(tmp_path, GOOD + "extra: 1\n")
    assert line.endswith(":16: extra: unknown field")


def test_wrong_type(tmp_path):
    (line,) = _problems(tmp_path, GOOD.replace("delay: 2.0", "delay: fast"))
    assert ":15: sources[0].crawl.delay: " in line and "'fast'" in line


def test_negative_delay(tmp_path):
    (line,) = _problems(tmp_path, GOOD.replace("delay: 1.0", "delay: -5"))
    assert line.endswith(":3: defaults.crawl.delay: Input should be greater than or equal to 0"
                         " (got -5)")  # fmt: skip


def test_base_url_that_is_not_a_url(tmp_path):
    (line,) = _problems(tmp_path, GOOD.replace("base_url: https://one.example.vn",
                                               "base_url: hanoimoi"))  # fmt: skip
    assert line.endswith(":6: sources[0].base_url: not an http(s) URL with a host: 'hanoimoi'")


def test_listing_url_with_another_scheme(tmp_path):
    (line,) = _problems(tmp_path, GOOD.replace("[https://one.example.vn/tin-tuc]",
                                               "[ftp://one.example.vn/]"))  # fmt: skip
    assert ":8: sources[0].discovery.listing_urls[0]: not an http(s) URL" in line


def test_duplicate_names(tmp_path):
    second = "  - name: one\n    base_url: https://two.example.vn\n    selectors: {body: p}\n"
    (line,) = _problems(tmp_path, GOOD + second)
    assert line.endswith(":16: sources[1].name: duplicate source name 'one' (first on line 5)")


def test_unknown_selector_key_in_verified(tmp_path):
    (line,) = _problems(tmp_path, GOOD.replace("[title, body]", "[title, bodyy]"))
    assert ":10: sources[0].selectors.verified: unknown selector keys ['bodyy']" in line


def test_verified_on_a_page_that_does_not_exist(tmp_path):
    (line,) = _problems(tmp_path, GOOD.replace("[scrapers/sources.yaml]", "[tests/none.html]"))
    assert ":11: sources[0].selectors.verified_on[0]: no such file in the repository" in line


def test_missing_name_and_no_sources(tmp_path):
    (line,) = _problems(tmp_path, GOOD.replace("  - name: one\n", "  - kind: news\n"))
    assert line.endswith(":5: sources[0].name: Field required")
    (line,) = _problems(tmp_path, "sources: []\n")
    assert ":1: sources: List should have at least 1 item" in line


def test_missing_body_selector_is_a_warning(tmp_path):
    path = tmp_path / "nobody.yaml"
    path.write_text(GOOD.replace('      body: [".content"]\n', "").replace("title, body", "title"))
    checked = check_registry(path)
    assert checked.sources[0].selector_list("body") == []
    assert checked.warnings == [f"{path}:5: sources[0].selectors.body: no body selector (one); "
                                "the generic extractor will find the text"]  # fmt: skip


def test_yaml_syntax_error_names_line_and_column(tmp_path):
    (line,) = _problems(tmp_path, GOOD.replace("[title, body]", "[title, body"))
    assert ":11:" in line and "YAML syntax" in line and "Mark object" not in line


def test_a_bad_registry_stops_chitieu_run_before_any_work(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("delay: 1.0", "delay: -5"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--home", str(tmp_path / "home"), "run", "--live",
         "--registry", str(bad)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and f"{bad}:3: defaults.crawl.delay" in lines[0]
    assert "Traceback" not in result.stderr and "details in" in lines[1]
    assert not (tmp_path / "home" / ".chitieu" / "archive").exists()  # nothing was crawled
