"""Figure extraction from Vietnamese articles about targets (chỉ tiêu) and results.

    from chitieu.figures import extract_figures, normalize_text
    for fig in extract_figures(text):
        print(fig.to_dict(doc="000"))

Offsets (`char_start`, `char_end`) refer to `normalize_text(text)`, which has the length of the
NFC form of `text`; `normalize_text(text)[f.char_start:f.char_end] == f.surface` always.
"""

from __future__ import annotations

from chitieu.figures.extract import extract_figures
from chitieu.figures.model import Figure
from chitieu.figures.normalize import normalize_text

__all__ = ["Figure", "extract_figures", "normalize_text"]
