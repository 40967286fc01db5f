"""Secrets are never shown: the one home of redaction for text, headers, URLs and log records.

A `Secrets` holds what one client must never show (its token; for an upload, the pre-signed URL's signature
values). Error messages, problem details, kept headers, the command line's output and log records all go through
it. Pre-signed URLs are shown without their query string (`redact_url`). `protect_library_logs` puts one filter on
the loggers of the libraries the client sends through (httpx and httpcore log URLs and headers): it is installed
by the first client made, never by an import, and forgets a client's secrets when the client is gone.
"""

from __future__ import annotations

import logging
import re
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping
from typing import Final
from urllib.parse import parse_qsl

__all__ = ["REDACTED", "RedactingFilter", "Secrets", "printable", "protect_library_logs", "redact_url"]

REDACTED: Final = "[REDACTED]"
# Secrets at least this long are replaced wherever they occur; shorter ones only where they stand alone.
MIN_ANYWHERE_LENGTH: Final = 16
# Query values shorter than this are not treated as secrets (`?v=1`): replacing them would garble messages.
MIN_QUERY_SECRET_LENGTH: Final = 8
# Headers never kept on an error: cookies and credentials.
_URL: Final = re.compile(r"https?://[^\s\"'<>]+\?[^\s\"'<>]+", re.IGNORECASE)
DROPPED_HEADERS: Final = frozenset({"set-cookie", "authorization", "proxy-authorization"})
LIBRARY_LOGGERS: Final = (
    "httpx",
    # a logger's filters do not apply to records of its children: each one gets the filter
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)


class Secrets:
    """Strings that must never be shown, and the ways of removing them from what is.

    Empty strings are ignored. Instances are immutable; `with_url_signature` returns a new one.
    """

    __slots__ = ("__weakref__", "_pattern", "_values")

    def __init__(self, values: Iterable[str | None] = ()) -> None:
        unique = dict.fromkeys(value for value in values if value)
        # longest first: a secret that contains another is replaced whole
        self._values: tuple[str, ...] = tuple(sorted(unique, key=len, reverse=True))
        # A short secret is replaced only where it stands alone: inside a longer run of letters and digits it is
        # some other word ("t" in "Unauthorized"), and replacing it there would garble the message, not protect.
        alternatives = [
            re.escape(value)
            if len(value) >= MIN_ANYWHERE_LENGTH
            else rf"(?<![A-Za-z0-9]){re.escape(value)}(?![A-Za-z0-9])"
            for value in self._values
        ]
        self._pattern = re.compile("|".join(alternatives)) if alternatives else None

    def __repr__(self) -> str:
        return f"<Secrets: {len(self._values)} hidden>"

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __bool__(self) -> bool:
        return bool(self._values)

    def with_url_signature(self, url: str) -> Secrets:
        """These secrets plus the query values of `url` (a pre-signed URL's signature, credential, policy, ...)."""
        query = url.partition("#")[0].partition("?")[2]
        values = [value for _, value in parse_qsl(query, keep_blank_values=False)]
        return Secrets((*self._values, *(v for v in values if len(v) >= MIN_QUERY_SECRET_LENGTH)))

    def with_signatures_in(self, text: str) -> Secrets:
        """These secrets plus the query values of every URL in `text` (a body that hands out pre-signed URLs)."""
        secrets = self
        for url in _URL.findall(text):
            secrets = secrets.with_url_signature(url)
        return secrets

    def text(self, text: str) -> str:
        """`text` with every secret replaced by `[REDACTED]`."""
        if self._pattern is None or not any(secret in text for secret in self._values):
            return text
        return self._pattern.sub(REDACTED, text)

    def found_in(self, text: str) -> bool:
        """Whether any secret occurs in `text` (where `text()` would replace it)."""
        return self._pattern is not None and self._pattern.search(text) is not None

    def headers(self, headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """Headers safe to keep and show: cookies and credentials dropped, the others printable, secrets redacted."""
        pairs = headers.items() if isinstance(headers, Mapping) else headers
        return [
            (printable(name), self.text(printable(value)))
            for name, value in pairs
            if name.lower() not in DROPPED_HEADERS
        ]


def printable(text: str) -> str:
    """Text a server sent, safe to show and to write anywhere: lone surrogates (undecodable bytes a library kept
    with surrogateescape) and control characters become U+FFFD."""
    if text.isascii() and text.isprintable():
        return text
    cleaned = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() or ch == " " else "\ufffd" for ch in cleaned)


def redact_url(url: object) -> str:
    """The URL without its query string and credentials: a pre-signed URL's signature lives in the query.

    Works on the text, so it never fails, whatever a server sent: `https://user:pw@host/p?sig=x#f` becomes
    `https://host/p?[REDACTED]`.
    """
    text = str(url).partition("#")[0]
    base, question, _query = text.partition("?")
    scheme, separator, rest = base.partition("://")
    if separator:
        authority, slash, path = rest.partition("/")
        base = f"{scheme}://{authority.rpartition('@')[2]}{slash}{path}"
    return base + ("?" + REDACTED if question else "")


class RedactingFilter(logging.Filter):
    """A logging filter that rewrites a record's message without secrets and pre-signed URLs' query strings.

    It knows the `secrets` it was made with, and those `register`ed later for as long as they live (a client's
    secrets are forgotten with the client). Filters run only for records that are enabled: this costs nothing
    while the logger it is on is quiet.
    """

    def __init__(self, secrets: Secrets | None = None) -> None:
        super().__init__()
        self._fixed = secrets
        self._registered: weakref.WeakSet[Secrets] = weakref.WeakSet()

    def register(self, secrets: Secrets) -> None:
        """Also redact `secrets`, until that object is garbage."""
        self._registered.add(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = message if self._fixed is None else self._fixed.text(message)
        for secrets in list(self._registered):
            cleaned = secrets.text(cleaned)
        if "?" in cleaned and "://" in cleaned:
            cleaned = " ".join(
                redact_url(word) if "://" in word and "?" in word else word for word in cleaned.split(" ")
            )
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER: RedactingFilter | None = None
_FILTER_LOCK = threading.Lock()


def protect_library_logs(secrets: Secrets) -> None:
    """Keep `secrets` (for as long as the object lives) and signed URLs out of httpx's and httpcore's logs.

    httpx logs every request URL at INFO (a pre-signed upload URL's signature with it); httpcore logs response
    headers at DEBUG, where a server that echoes the token would put it. One `RedactingFilter` is added to those
    loggers the first time this is called; later calls only register more secrets with it.
    """
    global _FILTER
    with _FILTER_LOCK:
        if _FILTER is None:
            _FILTER = RedactingFilter()
            for name in LIBRARY_LOGGERS:
                logging.getLogger(name).addFilter(_FILTER)
        _FILTER.register(secrets)
