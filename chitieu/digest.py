"""One digest helper: what identifies a version of code, data or a file."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_digest(files: Iterable[Path], root: Path, *extra: str) -> str:
    """sha256 over the files' paths (relative to `root`) and contents, in path order, then
    `extra` strings. Equal digests: the same code or data, whoever computes it."""
    digest = hashlib.sha256()
    for path in sorted(set(files)):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
    for part in extra:
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def text_digest(*parts: str) -> str:
    return tree_digest((), Path("."), *parts)
