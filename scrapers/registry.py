"""Source registry: which sites to crawl, how to find their articles and how to parse them.

The registry is data (YAML) so that adding a site never needs code: selectors, discovery
URLs and politeness settings all live in ``scrapers/sources.yaml``. It is validated against
a schema (the pydantic models below) before anything is crawled: every problem is reported
as ``file:line: field: message``, with the line taken from the YAML node of that field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml  # type: ignore[import-untyped]
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    create_model,
)

from chitieu.errors import ConfigError

USER_AGENT = "chitieu/0.1 (+https://github.com/chitieu/chitieu)"
DEFAULT_REGISTRY = Path(__file__).resolve().parent / "sources.yaml"
MIRROR_REGISTRY = Path(__file__).resolve().parent / "mirror" / "sources.yaml"
REPO_ROOT = Path(__file__).resolve().parents[1]
SELECTOR_KEYS = ("title", "date", "body", "author", "drop", "listing_links", "pagination")


class RegistryError(ConfigError):
    """The registry file is malformed; ``lines`` name the file, line and field of each
    problem."""


@dataclass(frozen=True)
class CrawlSettings:
    """Politeness and limits for one source (seconds and bytes)."""

    delay: float = 2.0  # minimum gap between two requests to the same host
    concurrency: int = 1  # simultaneous requests to the same host
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    retries: int = 3  # extra attempts on 429/5xx/connection errors
    backoff: float = 1.0  # first backoff; doubles each attempt
    max_backoff: float = 60.0
    legacy_tls: bool = False  # old state sites still speak TLS 1.0/weak ciphers
    max_redirects: int = 5
    max_listing_pages: int = 20
    max_articles: int = 500
    # a page the sitemap says is older than our copy is not fetched again, but re-checked
    # with a conditional GET at least this often (for sites whose lastmod is not kept up)
    revisit_days: float = 7.0
    user_agent: str = USER_AGENT

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> CrawlSettings:
        try:
            checked = CrawlModel.model_validate(dict(data or {}))
        except ValidationError as exc:
            lines = (f"crawl.{_dotted(e['loc'])}: {_message(e)}" for e in exc.errors())
            raise RegistryError(*lines) from None
        return cls(**checked.model_dump(exclude_unset=True))


@dataclass(frozen=True)
class Source:
    """One registered site."""

    name: str
    base_url: str
    allowed_hosts: tuple[str, ...]
    listing_urls: tuple[str, ...] = ()
    sitemap_urls: tuple[str, ...] = ()
    rss_urls: tuple[str, ...] = ()
    selectors: dict = field(default_factory=dict, hash=False, compare=False)
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    adapter: str = "generic"
    kind: str = "news"  # city_portal | district_portal | newspaper
    article_url_patterns: tuple[str, ...] = ()  # regexes on the URL path (+query)
    timezone: str = "Asia/Ho_Chi_Minh"
    district: str | None = None  # gazetteer code of the publishing authority, if any
    verified: bool = False  # some selectors checked against a saved real page
    verified_keys: tuple[str, ...] = ()  # which selector keys were checked
    verified_on: tuple[str, ...] = ()  # the saved pages (repo paths) they were checked on

    def selector_list(self, key: str) -> list[str]:
        value = self.selectors.get(key) or []
        return [value] if isinstance(value, str) else list(value)

    def host_allowed(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""
        return any(host == h or host.endswith("." + h) for h in self.allowed_hosts)


# -- the schema -------------------------------------------------------------------------


def _listify(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL with a host: {value!r}")
    return value


def _host(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9.-]+(:\d+)?", value) or value.startswith("."):
        raise ValueError(f"not a host name: {value!r} (no scheme, no path)")
    return value.lower()


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a regular expression: {exc}") from None
    return value


def _timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {value!r}") from None
    return value


def _repo_path(value: str) -> str:
    if Path(value).is_absolute() or ".." in Path(value).parts:
        raise ValueError(f"not a path inside the repository: {value!r}")
    if not (REPO_ROOT / value).is_file():
        raise ValueError(f"no such file in the repository: {value}")
    return value


def _verified(value: Any) -> bool | list[str]:
    if isinstance(value, bool):
        return value
    keys = _listify(value)
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise ValueError("should be true, false or a list of selector keys")
    unknown = sorted(set(keys) - set(SELECTOR_KEYS))
    if unknown:
        raise ValueError(f"unknown selector keys {unknown}; known: {', '.join(SELECTOR_KEYS)}")
    return keys


Url = Annotated[str, AfterValidator(_http_url)]
UrlList = Annotated[list[Url], BeforeValidator(_listify)]
StrList = Annotated[list[str], BeforeValidator(_listify)]
NonNegative = Annotated[float, Field(ge=0)]
Strict = ConfigDict(extra="forbid", strict=False)


class CrawlModel(BaseModel):
    model_config = Strict
    delay: NonNegative | None = None
    concurrency: Annotated[int, Field(ge=1)] | None = None
    timeout: Annotated[float, Field(gt=0)] | None = None
    max_bytes: Annotated[int, Field(gt=0)] | None = None
    retries: Annotated[int, Field(ge=0)] | None = None
    backoff: NonNegative | None = None
    max_backoff: NonNegative | None = None
    legacy_tls: bool | None = None
    max_redirects: Annotated[int, Field(ge=0)] | None = None
    max_listing_pages: Annotated[int, Field(ge=0)] | None = None
    max_articles: Annotated[int, Field(ge=0)] | None = None
    revisit_days: NonNegative | None = None
    user_agent: Annotated[str, Field(min_length=1)] | None = None


class DiscoveryModel(BaseModel):
    model_config = Strict
    listing_urls: UrlList = []
    sitemap_urls: UrlList = []
    rss_urls: UrlList = []
    article_url_patterns: Annotated[list[Annotated[str, AfterValidator(_regex)]],
                                    BeforeValidator(_listify)] = []  # fmt: skip


_SELECTOR_FIELDS: dict[str, Any] = {
    "verified": (Annotated[Any, AfterValidator(_verified)], False),
    "verified_on": (
        Annotated[list[Annotated[str, AfterValidator(_repo_path)]], BeforeValidator(_listify)],
        [],
    ),
    **{key: (StrList, []) for key in SELECTOR_KEYS},
}
_Selectors: Any = create_model("_Selectors", __config__=Strict, **_SELECTOR_FIELDS)


class SelectorsModel(_Selectors):  # type: ignore[misc]
    """`verified`, `verified_on`, and one optional list per key of SELECTOR_KEYS."""


class SourceModel(BaseModel):
    model_config = Strict
    name: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+$")]
    base_url: Url
    allowed_hosts: Annotated[list[Annotated[str, AfterValidator(_host)]],
                             BeforeValidator(_listify)] = []  # fmt: skip
    discovery: DiscoveryModel = DiscoveryModel()
    selectors: SelectorsModel = SelectorsModel()
    crawl: CrawlModel = CrawlModel()
    adapter: Annotated[str, Field(min_length=1)] = "generic"
    kind: Annotated[str, Field(min_length=1)] = "news"
    timezone: Annotated[str, AfterValidator(_timezone)] = "Asia/Ho_Chi_Minh"
    district: str | None = None


class DefaultsModel(BaseModel):
    model_config = Strict
    crawl: CrawlModel = CrawlModel()


class RegistryModel(BaseModel):
    model_config = Strict
    defaults: DefaultsModel = DefaultsModel()
    sources: Annotated[list[SourceModel], Field(min_length=1)]


# -- loading ----------------------------------------------------------------------------


@dataclass
class CheckedRegistry:
    sources: list[Source]
    warnings: list[str]  # `file:line: field: message`, not fatal


def _substitute(value: Any, base_url: str | None) -> Any:
    if base_url is None:
        return value
    if isinstance(value, str):
        return value.replace("{base_url}", base_url.rstrip("/"))
    if isinstance(value, list):
        return [_substitute(v, base_url) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, base_url) for k, v in value.items()}
    return value


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line(root: yaml.Node | None, loc: tuple) -> int:
    """1-based line of the deepest YAML node on `loc` (a key's own line for mappings)."""
    node, line = root, (root.start_mark.line if root is not None else 0)
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next((kv for kv in node.value if kv[0].value == part), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line
        else:
            break
    return line + 1


def _parse(path: Path) -> tuple[Any, yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{path}: cannot read the registry: {exc}") from None
    try:
        return yaml.safe_load(text), yaml.compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise RegistryError(f"{where}: YAML syntax: {problem}") from None
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: YAML syntax: {exc}") from None


def _got(error: Any) -> str:
    if error["type"] in ("missing", "extra_forbidden") or "input" not in error:
        return ""
    return f" (got {error['input']!r})"


def _message(error: Any) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown field"
    message = error["msg"].removeprefix("Value error, ")
    return message if repr(error.get("input")) in message else message + _got(error)


def _to_source(model: SourceModel, defaults: CrawlModel) -> Source:
    selectors = model.selectors.model_dump(exclude_unset=True)
    verified = model.selectors.verified  # type: ignore[attr-defined]
    keys = [k for k in SELECTOR_KEYS if selectors.get(k)] if verified is True else verified or []
    base_url = model.base_url.rstrip("/")
    crawl = {
        **defaults.model_dump(exclude_unset=True),
        **model.crawl.model_dump(exclude_unset=True),
    }
    return Source(
        name=model.name,
        base_url=base_url,
        allowed_hosts=tuple(model.allowed_hosts) or (urlsplit(base_url).hostname or "",),
        listing_urls=tuple(model.discovery.listing_urls),
        sitemap_urls=tuple(model.discovery.sitemap_urls),
        rss_urls=tuple(model.discovery.rss_urls),
        article_url_patterns=tuple(model.discovery.article_url_patterns),
        selectors=selectors,
        crawl=CrawlSettings(**crawl),
        adapter=model.adapter,
        kind=model.kind,
        timezone=model.timezone,
        district=model.district,
        verified=bool(keys),
        verified_keys=tuple(keys),
        verified_on=tuple(model.selectors.verified_on),  # type: ignore[attr-defined]
    )


def check_registry(path: Path | None = None, *, base_url: str | None = None) -> CheckedRegistry:
    """Parse and validate a registry YAML; RegistryError lists every problem found."""
    path = Path(path) if path is not None else DEFAULT_REGISTRY
    data, root = _parse(path)
    data = _substitute(data, base_url)
    if not isinstance(data, dict):
        raise RegistryError(f"{path}:1: the registry should be a mapping with `sources:`")
    try:
        model = RegistryModel.model_validate(data)
    except ValidationError as exc:
        raise RegistryError(
            *(f"{path}:{_line(root, e['loc'])}: {_dotted(e['loc'])}: {_message(e)}"
              for e in exc.errors())
        ) from None  # fmt: skip
    problems, warnings = [], []
    seen: dict[str, int] = {}
    for i, source in enumerate(model.sources):
        where = f"{path}:{_line(root, ('sources', i, 'name'))}: sources[{i}]"
        if source.name in seen:
            problems.append(f"{where}.name: duplicate source name {source.name!r} "
                            f"(first on line {seen[source.name]})")  # fmt: skip
        seen.setdefault(source.name, _line(root, ("sources", i, "name")))
        if not source.selectors.body:  # type: ignore[attr-defined]
            warnings.append(f"{where}.selectors.body: no body selector ({source.name}); "
                            "the generic extractor will find the text")  # fmt: skip
    if problems:
        raise RegistryError(*problems)
    sources = [_to_source(s, model.defaults.crawl) for s in model.sources]
    return CheckedRegistry(sources, warnings)


def load_registry(path: Path | None = None, *, base_url: str | None = None) -> list[Source]:
    """Load sources from a registry YAML; ``base_url`` fills ``{base_url}`` placeholders."""
    return check_registry(path, base_url=base_url).sources


def source_for_url(url: str, sources: list[Source]) -> Source | None:
    """The first source whose allowed hosts (and article patterns, if any) cover ``url``."""
    path = urlsplit(url)
    tail = path.path + (("?" + path.query) if path.query else "")
    candidates = [s for s in sources if s.host_allowed(url)]
    for s in candidates:
        if any(re.search(p, tail) for p in s.article_url_patterns):
            return s
    return candidates[0] if candidates else None
