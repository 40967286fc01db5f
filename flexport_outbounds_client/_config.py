"""A client's settings, read and checked once: token, base URL, retry policy; the defaults and variables behind them."""

from __future__ import annotations

import os
from typing import Final

import httpx

from ._errors import ConfigurationError
from ._formats import is_loopback_host
from ._retry import RetryPolicy

__all__ = [
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_CONNECTIONS",
    "DEFAULT_TIMEOUT",
    "TOKEN_ENV",
    "make_retry_policy",
    "resolve_base_url",
    "resolve_token",
]

DEFAULT_BASE_URL: Final = "https://logistics-api.flexport.com/logistics/api/2026-02"
DEFAULT_TIMEOUT: Final = 60.0
DEFAULT_MAX_CONNECTIONS: Final = 100
TOKEN_ENV: Final = "FLEXPORT_API_TOKEN"  # noqa: S105 - the variable's name, not a secret
BASE_URL_ENV: Final = "FLEXPORT_BASE_URL"


def resolve_token(token: str | None) -> str:
    """The token given, else `FLEXPORT_API_TOKEN`, without surrounding whitespace.

    Raises:
        ConfigurationError: no token, or one with a line break or NUL (it would break the header).
    """
    value = token if token is not None else os.environ.get(TOKEN_ENV)
    if value is None or not value.strip():
        raise ConfigurationError(f"no Flexport API token: pass token=... or set the {TOKEN_ENV} environment variable")
    if any(ch in value for ch in "\r\n\x00"):
        raise ConfigurationError("the API token contains a line break or NUL character")
    return value.strip()


def resolve_base_url(base_url: str | None, *, allow_insecure_http: bool) -> str:
    """The base URL given, else `FLEXPORT_BASE_URL`, else production; normalised, without a trailing slash.

    Raises:
        ConfigurationError: not an absolute http(s) URL, credentials in it, or plain http to a non-loopback host
            without `allow_insecure_http`.
    """
    raw = base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    try:
        url = httpx.URL(raw)
    except httpx.InvalidURL as exc:
        raise ConfigurationError(f"invalid base URL: {exc}") from exc
    if url.scheme not in ("http", "https") or not url.host:
        # scheme and host only: the rest of an unusable URL may hold a password
        shown = f"scheme {url.scheme!r}, host {url.host!r}"
        raise ConfigurationError(f"base URL must be an absolute http(s) URL, got {shown}")
    if url.userinfo:
        # It would be shown in every log line and repr, and httpx would send it as Basic auth instead of the token.
        raise ConfigurationError("the base URL must not contain a user name or password; the token is the credential")
    if url.scheme == "http" and not allow_insecure_http and not is_loopback_host(url.host):
        raise ConfigurationError(
            f"refusing plain http:// to {url.host!r}: the token would travel unencrypted. "
            "Use https://, or pass allow_insecure_http=True if this really is what you want."
        )
    return str(url.copy_with(query=None, fragment=None)).rstrip("/")


def make_retry_policy(max_retries: int, max_retry_after: float) -> RetryPolicy:
    """The policy of `max_retries` and `max_retry_after`.

    Raises:
        ConfigurationError: for a negative value.
    """
    try:
        return RetryPolicy(max_retries=max_retries, max_retry_after=max_retry_after)
    except ValueError as exc:
        raise ConfigurationError(f"invalid retry settings: {exc}") from exc
