"""A client's settings, read and checked once: token, base URL, retry policy; the defaults and variables behind them."""

from __future__ import annotations

import math
import os
from typing import Final

import httpx

from ._errors import ConfigurationError
from ._formats import is_loopback_host
from ._retry import RetryPolicy

__all__ = [
    "API_PATH",
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_CONNECTIONS",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "TOKEN_ENV",
    "check_settings",
    "make_retry_policy",
    "option_problems",
    "parse_url",
    "resolve_base_url",
    "resolve_token",
]

API_PATH: Final = "/logistics/api/2026-02"
DEFAULT_BASE_URL: Final = f"https://logistics-api.flexport.com{API_PATH}"
MAX_URL_LENGTH: Final = 8192
DEFAULT_TIMEOUT: Final = 60.0
DEFAULT_MAX_CONNECTIONS: Final = 100
DEFAULT_MAX_RESPONSE_BYTES: Final = 32 * 1024 * 1024
TOKEN_ENV: Final = "FLEXPORT_API_TOKEN"  # noqa: S105 - the variable's name, not a secret
BASE_URL_ENV: Final = "FLEXPORT_BASE_URL"


def resolve_token(token: str | None) -> str:
    """The token given, else `FLEXPORT_API_TOKEN`, without surrounding whitespace or a `Bearer ` prefix (the
    client writes `Authorization: Bearer <token>` itself; a copied header value would otherwise say it twice).

    Raises:
        ConfigurationError: no token, or one that cannot travel in a header as it is (a line break, NUL, another
            control character or a character outside ASCII).
    """
    value = token if token is not None else os.environ.get(TOKEN_ENV)
    if value is None or not value.strip():
        raise ConfigurationError(f"no Flexport API token: pass token=... or set the {TOKEN_ENV} environment variable")
    if any(ch in value for ch in "\r\n\x00"):
        raise ConfigurationError("the API token contains a line break or NUL character")
    value = value.strip()
    scheme, _, rest = value.partition(" ")
    if scheme.lower() == "bearer" and rest.strip():
        value = rest.strip()
    if not (value.isascii() and value.isprintable()) or " " in value:
        # told without the token: it is a secret even when it is malformed
        raise ConfigurationError("the API token must be visible ASCII characters without spaces")
    return value


def resolve_base_url(base_url: str | None, *, allow_insecure_http: bool) -> str:
    """The base URL given, else `FLEXPORT_BASE_URL`, else production; normalised, without a trailing slash.

    A URL of a host only (`http://127.0.0.1:8400`) gets the API's path, `/logistics/api/2026-02`: without it,
    every call would be a 404 that reads as "no such order".

    Raises:
        ConfigurationError: empty, not an absolute http(s) URL, credentials in it, or plain http to a non-loopback
            host without `allow_insecure_http`.
    """
    raw = base_url if base_url is not None else os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    if not raw.strip():
        where = "base_url" if base_url is not None else BASE_URL_ENV
        raise ConfigurationError(f"{where} is empty; leave it out to use Flexport's production API")
    url, problem = parse_url(raw.strip(), allow_insecure_http=allow_insecure_http)
    if url is None:
        raise ConfigurationError(f"unusable base URL: {problem}")
    if url.path in ("", "/"):
        url = url.copy_with(path=API_PATH)
    return str(url.copy_with(query=None, fragment=None)).rstrip("/")


def parse_url(text: str, *, allow_insecure_http: bool) -> tuple[httpx.URL, None] | tuple[None, str]:
    """`text` as an absolute http(s) URL the client may send to, or None and what is wrong with it.

    The rule for base URLs and for the pre-signed upload URLs a server hands out: https, or plain http to a
    loopback host (or anywhere with `allow_insecure_http`); a host; no user name or password (it would be shown in
    logs and sent as Basic auth); at most 8 KiB, without control characters or spaces. What is wrong is told
    without the URL's path and query (which may hold a signature).
    """
    if len(text) > MAX_URL_LENGTH:
        return None, f"longer than {MAX_URL_LENGTH} characters"
    if any(ch.isspace() or not ch.isprintable() for ch in text):
        return None, "contains spaces or control characters"
    try:
        url = httpx.URL(text)
        host, port = url.host, url.port
    except Exception as exc:
        return None, f"not a valid URL ({type(exc).__name__})"
    if port is not None and not 0 < port < 65536:
        return None, f"port {port} is out of range"
    if url.scheme not in ("http", "https") or not host:
        return None, f"not an absolute http(s) URL (scheme {url.scheme!r}, host {host!r})"
    if url.userinfo:
        return None, "contains a user name or password"
    if url.scheme == "http" and not allow_insecure_http and not is_loopback_host(host):
        return None, (
            f"refusing plain http:// to {host!r}: what is sent would travel unencrypted; use https://, or pass "
            "allow_insecure_http=True if this really is what you want"
        )
    return url, None


def option_problems(*, timeout: object = None, max_retries: object = None, deadline: object = None) -> dict[str, str]:
    """What is wrong with timeout / retry / deadline settings (None: not given), by argument name."""
    problems: dict[str, str] = {}
    if timeout is not None and not isinstance(timeout, httpx.Timeout) and not _positive(timeout):
        problems["timeout"] = f"must be a number of seconds > 0 or an httpx.Timeout, got {timeout!r:.40}"
    if max_retries is not None and (type(max_retries) is not int or max_retries < 0):
        problems["max_retries"] = f"must be an integer >= 0, got {max_retries!r:.40}"
    if deadline is not None and not _positive(deadline):
        problems["deadline"] = f"must be a number of seconds > 0, got {deadline!r:.40}"
    return problems


def check_settings(
    *, timeout: object, max_retries: object, deadline: object, max_connections: object, max_response_bytes: object
) -> None:
    """Raises ConfigurationError, naming each, for client settings that cannot work."""
    problems = option_problems(timeout=timeout, max_retries=max_retries, deadline=deadline)
    for name, value in (("max_connections", max_connections), ("max_response_bytes", max_response_bytes)):
        if type(value) is not int or value < 1:
            problems[name] = f"must be an integer >= 1, got {value!r:.40}"
    if problems:
        raise ConfigurationError("invalid settings: " + "; ".join(f"{k} {v}" for k, v in problems.items()))


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def make_retry_policy(max_retries: int, max_retry_after: float) -> RetryPolicy:
    """The policy of `max_retries` and `max_retry_after`.

    Raises:
        ConfigurationError: for a negative value.
    """
    try:
        return RetryPolicy(max_retries=max_retries, max_retry_after=max_retry_after)
    except ValueError as exc:
        raise ConfigurationError(f"invalid retry settings: {exc}") from exc
