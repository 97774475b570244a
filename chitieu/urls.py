"""One spelling per address: URLs and sites are normalised before they become identities.

`HTTP://LocalHost:80/a#top`, `http://localhost/a` and `http://127.0.0.1/a` are one page;
`http://127.0.0.1:8765/` and `http://localhost:8765` are one site. Paths and queries are
kept as written: servers may tell `/a` from `/a/`, so only an empty path becomes `/`.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class BadURL(ValueError):
    """Not an http(s) URL with a host."""


def _netloc(scheme: str, host: str, port: int | None) -> str:
    host = "127.0.0.1" if host in LOOPBACK_NAMES else host
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    return host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"


def normalize_url(url: str) -> str:
    """The canonical spelling of an http(s) URL; raises BadURL for anything else."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise BadURL(f"not a URL: {url!r} ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise BadURL(f"not an http(s) URL: {url!r}")
    netloc = _netloc(scheme, parts.hostname.lower().rstrip("."), port)
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def site_url(url: str) -> str:
    """A site's base URL: normalised, without a trailing slash (`http://127.0.0.1:8765`)."""
    return normalize_url(url).rstrip("/")


def host_key(url: str) -> str:
    """`host[:port]` of a normalised URL (names an ad hoc site)."""
    return urlsplit(normalize_url(url)).netloc
