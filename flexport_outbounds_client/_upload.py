"""Reading a shipment document for upload, and keeping pre-signed URLs out of logs and messages."""

from __future__ import annotations

import logging
import os
from typing import BinaryIO, Protocol, TypeGuard

import httpx

from ._errors import RequestValidationError
from ._formats import is_pdf

__all__ = ["FileInput", "read_pdf", "redact_url"]
MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024  # a shipping-label PDF is kilobytes; refuse to buffer a runaway file


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


FileInput = bytes | bytearray | memoryview | str | os.PathLike[str] | BinaryIO | _Readable


def read_pdf(file: FileInput) -> bytes:
    """The bytes of a PDF given as bytes, a path, or a binary file object opened for reading.

    Raises:
        RequestValidationError: when the file cannot be read, is empty, too large, or is not a PDF.
    """
    data = _read_bytes(file)
    if not data:
        raise RequestValidationError({"file": "is empty"})
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise RequestValidationError({"file": f"is larger than {MAX_ATTACHMENT_BYTES} bytes"})
    if not is_pdf(data):
        raise RequestValidationError(
            {"file": "is not a PDF (it does not start with %PDF-); only application/pdf is supported"}
        )
    return data


def _read_bytes(file: FileInput) -> bytes:
    if isinstance(file, bytes | bytearray | memoryview):
        return bytes(file)
    if isinstance(file, str | os.PathLike):
        try:
            with open(file, "rb") as handle:
                return handle.read(MAX_ATTACHMENT_BYTES + 1)
        except OSError as exc:
            raise RequestValidationError({"file": f"cannot be read: {exc.strerror or exc}"}) from exc
    read = getattr(file, "read", None)
    if read is None:
        raise RequestValidationError({"file": f"expected bytes, a path or a binary file, got {type(file).__name__}"})
    data = read(MAX_ATTACHMENT_BYTES + 1)
    if not isinstance(data, bytes):
        raise RequestValidationError({"file": "must be opened in binary mode ('rb')"})
    return data


def redact_url(url: str | httpx.URL) -> str:
    """The URL without its query string and credentials: a pre-signed URL's signature lives in the query."""
    parsed = httpx.URL(str(url))
    redacted = parsed.copy_with(query=None, fragment=None, username=None, password=None)
    return str(redacted) + ("?[REDACTED]" if parsed.query else "")


SIGNATURE_HINTS = ("signature", "sig", "token", "credential", "key", "policy")


class PresignedUrlLogFilter(logging.Filter):
    """Redacts signed query strings from URLs that httpx logs (`HTTP Request: PUT https://...?X-Amz-Signature=`).

    httpx logs every request URL at INFO; for a pre-signed upload URL that line would carry the signature.
    Installed once on the `httpx` logger by this package; other URLs pass unchanged.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(_is_signed(arg) for arg in record.args):
            record.args = tuple(redact_url(arg) if _is_signed(arg) else arg for arg in record.args)
        return True


def _is_signed(value: object) -> TypeGuard[httpx.URL]:
    if not isinstance(value, httpx.URL) or not value.query:
        return False
    return any(hint in key.lower() for key in value.params for hint in SIGNATURE_HINTS)


def install_log_filter() -> None:
    """Add `PresignedUrlLogFilter` to the `httpx` logger, and `SecretLogFilter` to httpcore's, once (idempotent)."""
    httpx_logger = logging.getLogger("httpx")
    if not any(isinstance(f, PresignedUrlLogFilter) for f in httpx_logger.filters):
        httpx_logger.addFilter(PresignedUrlLogFilter())
    for name in HTTPCORE_LOGGERS:  # a logger's filters do not apply to its children: each one gets it
        core_logger = logging.getLogger(name)
        if not any(isinstance(f, SecretLogFilter) for f in core_logger.filters):
            core_logger.addFilter(SecretLogFilter())


HTTPCORE_LOGGERS = ("httpcore.connection", "httpcore.http11", "httpcore.http2", "httpcore.proxy", "httpcore.socks")
_SECRETS: set[str] = set()


def register_secret(secret: str) -> None:
    """A token `SecretLogFilter` must hide (every OutboundsClient registers its own)."""
    _SECRETS.add(secret)


class SecretLogFilter(logging.Filter):
    """Redacts registered tokens from httpcore's DEBUG records.

    httpcore logs every response's headers at DEBUG; a server or proxy that echoes the bearer token in a header
    (`WWW-Authenticate: ... got="Bearer <token>"`) would put it in the log. Filters run only for enabled records,
    so this costs nothing unless httpcore's DEBUG logging is on.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if _SECRETS:
            message = record.getMessage()
            if any(secret in message for secret in _SECRETS):
                for secret in _SECRETS:
                    message = message.replace(secret, "[REDACTED]")
                record.msg, record.args = message, None
        return True
