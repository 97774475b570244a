"""Data Docs that work offline: GX's CDN assets are vendored and the pages point at them.

Great Expectations 1.24's page templates load jQuery, Bootstrap, bootstrap-table, the
datepicker, Font Awesome, Popper and Vega from public CDNs, and a logo from S3. Offline
(our default, and many servers) the index renders unstyled with an empty results table.
The same files, taken from the npm registry at the versions the templates name (see
`docs_assets/README.md`), live in `expectations/docs_assets/`; after `build_data_docs`
they are copied into the site (`static/vendor/`) and every page is rewritten to use them.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

log = logging.getLogger(__name__)
ASSETS = Path(__file__).resolve().parent / "docs_assets"
VENDOR = Path("static") / "vendor"  # inside the Data Docs site

# Every CDN URL of GX 1.24's templates -> the vendored file (under docs_assets/).
CDN_ASSETS: dict[str, str] = {
    "https://cdn.jsdelivr.net/npm/vega@5": "vega@5.33.1/build/vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega-lite@5.23.0/build/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega-embed@6.29.0/build/vega-embed.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css":
        "fontawesome-free@6.6.0/css/all.min.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery@3.7.1/dist/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js":
        "popper.js@1.12.9/dist/umd/popper.min.js",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js":
        "bootstrap@4.3.1/dist/js/bootstrap.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css":
        "bootstrap@4.3.1/dist/css/bootstrap.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js":
        "bootstrap-table@1.19.1/dist/bootstrap-table.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css":
        "bootstrap-table@1.19.1/dist/bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.js":
        "bootstrap-table@1.19.1/dist/extensions/filter-control/"
        "bootstrap-table-filter-control.min.js",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.css":
        "bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.css":
        "bootstrap-table@1.19.0/dist/extensions/filter-control/"
        "bootstrap-table-filter-control.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/"
    "bootstrap-datepicker.min.js": "bootstrap-datepicker@1.9.0/dist/js/bootstrap-datepicker.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/"
    "bootstrap-datepicker.min.css":
        "bootstrap-datepicker@1.9.0/dist/css/bootstrap-datepicker.min.css",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/"
    "bootstrap-prefers-dark.css": "bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css",
}  # fmt: skip
# GX's logo (with a tracking query) and its dark variant: the site's own copy instead.
GX_LOGO = re.compile(
    r"https://great-expectations-web-assets\.s3[^\"')\s]*/(?:logo-long|full_logo_dark)\.png"
    r"[^\"')\s]*"
)
LOCAL_LOGO = Path("static") / "images" / "logo-long.png"
# SRI and CORS attributes: a file:// page cannot make the CORS request they ask for (the
# vendored files are byte-identical to the CDN's: tests/test_data_docs_offline.py checks).
CORS_ATTRS = re.compile(r'\s+(?:integrity="sha\d+-[^"]*"|crossorigin="anonymous")')
# A resource a browser would load by itself (not a link a reader may follow).
REMOTE_RESOURCE = re.compile(
    r"""(?:<(?:script|img|iframe|source)\b[^>]*\bsrc|<link\b[^>]*\bhref)\s*=\s*["'](https?://[^"']+)"""
    r"""|url\(\s*["']?(https?://[^"')]+)""",
    re.I,
)


def make_offline(site: Path) -> list[str]:
    """Vendor the assets into `site` and rewrite its pages and styles; returns the remote
    resources still referenced (none with the templates of GX 1.24)."""
    vendor = site / VENDOR
    shutil.copytree(ASSETS, vendor, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))
    remaining: set[str] = set()
    for path in [*site.rglob("*.html"), *(site / "static").rglob("*.css")]:
        if vendor in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        new = rewrite(text, path.parent, site)
        if new != text:
            path.write_text(new, encoding="utf-8")
        remaining |= set(remote_resources(new))
    if remaining:
        log.warning("Data Docs still load remote resources: %s", sorted(remaining))
    return sorted(remaining)


def rewrite(text: str, folder: Path, site: Path) -> str:
    def local(target: Path) -> str:
        return Path(os.path.relpath(site / target, folder)).as_posix()

    for url, asset in CDN_ASSETS.items():
        text = text.replace(f'"{url}"', f'"{local(VENDOR / asset)}"')
    text = GX_LOGO.sub(lambda _: local(LOCAL_LOGO), text)
    return CORS_ATTRS.sub("", text)


def remote_resources(text: str) -> list[str]:
    return [a or b for a, b in REMOTE_RESOURCE.findall(text)]
