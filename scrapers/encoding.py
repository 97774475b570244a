"""Decode HTML bytes: BOM, HTTP header, <meta charset>, then detection; NFC output.

Legacy Vietnamese pages (windows-1258, decomposed tone marks) are common on old state
sites and are often served with no charset at all; generic detectors tend to call them
windows-1252, so candidates are ranked by how Vietnamese the decoded text looks.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
VI_CHARS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
WESTERN = {"latin-1", "iso8859-1", "cp1252", "ascii"}
MOJIBAKE = re.compile(r"[ÃÂ][\x80-\xbf]|Ä[‘ƒ]|Æ[°¡]|á»|áº|\ufffd")


class UndecodableError(ValueError):
    """No encoding gives readable text."""


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.I)
    return _normal(m.group(1)) if m else None


def _normal(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def vietnamese_score(text: str) -> float:
    """Higher when the text reads as Vietnamese, lower with mojibake."""
    nfc = unicodedata.normalize("NFC", text)
    return len(VI_CHARS.findall(nfc)) - 5 * len(MOJIBAKE.findall(nfc))


SAMPLE = 32_768  # characters: enough to tell, and scoring a whole page costs milliseconds


def _looks_vietnamese(text: str) -> bool:
    """Clearly Vietnamese (tone-marked letters, no mojibake): no detector needed."""
    sample = text[:SAMPLE]
    return vietnamese_score(sample) >= max(20, len(sample) // 2000)


def _detect(data: bytes) -> tuple[str, str] | None:
    # Bytes that are valid UTF-8 and not plain ASCII are UTF-8 in practice: legacy
    # single-byte text almost never forms valid multi-byte sequences.
    text = _try(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    candidates: list[tuple[str, str]] = []
    text = _try(data, "cp1258")
    if text is not None:
        if _looks_vietnamese(text):
            return text, "cp1258"
        candidates.append((text, "cp1258"))
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = _try(data, best.encoding)
        if text is not None:
            candidates.append((text, codecs.lookup(best.encoding).name))
    if not candidates:
        return None
    return max(candidates, key=lambda c: vietnamese_score(c[0]))


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(NFC text, encoding used). Raises UndecodableError."""
    text, enc = _decode(data, content_type)
    return unicodedata.normalize("NFC", text), enc


def _decode(data: bytes, content_type: str | None) -> tuple[str, str]:
    if not data:
        raise UndecodableError("empty body")
    for bom, enc in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, "replace"), enc
    declared: list[str | None] = [charset_from_content_type(content_type)]
    m = META_CHARSET.search(data[:4096])
    declared.append(_normal(m.group(1).decode("ascii", "ignore")) if m else None)
    for name in declared:
        decoded = _try(data, name) if name else None
        if name and decoded is not None:
            if name in WESTERN:  # often a server default, wrong for Vietnamese pages
                found = _detect(data)
                if found and vietnamese_score(found[0]) > vietnamese_score(decoded):
                    decoded, name = found
            return decoded, name
    found = _detect(data)
    if found is None:
        raise UndecodableError("no encoding decodes the body")
    text, enc = found
    if text.count("\x00") > len(text) // 100 + 1:
        raise UndecodableError("binary content")
    return text, enc
