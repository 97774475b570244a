"""`chitieu extract FILE...`: the doc id is the file's stem; text files in any encoding the
crawler reads (BOM, then detection as for pages)."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scrapers.mirror.site import encode_page

ROOT = Path(__file__).parents[1]
TEXT = ("Năm 2023, tổng thu ngân sách trên địa bàn quận đạt 12.993 tỷ đồng, bằng 151% kế "
        "hoạch giao; toàn quận có 26/27 trường công lập đạt chuẩn quốc gia.\n")  # fmt: skip


def _extract(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "extract", *map(str, paths)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip


def _values(result: subprocess.CompletedProcess) -> set[tuple[str, float]]:
    assert result.returncode == 0, result.stderr
    return {(r["unit"], r["value"]) for r in map(json.loads, result.stdout.splitlines())}


def test_doc_is_the_file_stem(tmp_path):
    first, second = tmp_path / "a_2020.txt", tmp_path / "a_2021.txt"
    first.write_text(TEXT, encoding="utf-8")
    second.write_text(TEXT, encoding="utf-8")
    result = _extract(first, second)
    docs = [json.loads(line)["doc"] for line in result.stdout.splitlines()]
    assert set(docs) == {"a_2020", "a_2021"} and docs.count("a_2020") == docs.count("a_2021")


@pytest.mark.parametrize(
    "encoding, bom",
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
     ("utf-16-be", codecs.BOM_UTF16_BE), ("cp1258", b"")],
)  # fmt: skip
def test_text_files_in_each_encoding(tmp_path, encoding, bom):
    path = tmp_path / f"bai_{encoding}.txt"
    # the mirror's encoder: windows-1258 writes tone marks as combining characters
    path.write_bytes(bom + encode_page(TEXT, encoding))
    values = _values(_extract(path))
    assert ("vnd", 12_993_000_000_000) in values and ("percent", 151) in values


def test_a_file_no_encoding_reads_is_reported_and_the_rest_goes_on(tmp_path):
    bad, good = tmp_path / "hong.txt", tmp_path / "tot.txt"
    bad.write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8\x41")  # a lone surrogate, cut short
    good.write_text(TEXT, encoding="utf-8")
    result = _extract(bad, good)
    assert result.returncode == 1 and "hong.txt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert {json.loads(line)["doc"] for line in result.stdout.splitlines()} == {"tot"}
