"""Formats that the client and the sandbox both check: RFC 3339 date-times, loopback hosts, PDF documents.

One definition each, so the client and the sandbox can never disagree on them. (Business rules are a different
matter: the sandbox keeps its own on purpose, so that each side catches the other's mistakes.)
"""

from __future__ import annotations

import calendar
import ipaddress
import re
from typing import Final

__all__ = ["PDF_MAGIC", "RFC3339", "is_loopback_host", "is_pdf", "is_rfc3339", "is_unicode"]

PDF_MAGIC: Final = b"%PDF-"  # every PDF file starts with it (ISO 32000-1, 7.5.2)

# RFC 3339 section 5.6 `date-time`. Matched with fullmatch: in Python `$` also matches before a final newline.
RFC3339: Final = re.compile(
    r"(\d{4})-(0[1-9]|1[0-2])-(\d{2})[Tt](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)",
    re.ASCII,
)


def is_rfc3339(value: object, *, lower_case: bool = False) -> bool:
    """Whether `value` is an RFC 3339 date-time string: date, time and time zone, a real calendar day.

    RFC 3339 allows a lower-case `t` and `z`; `lower_case=False` refuses them, because the generated models read
    date-times with `datetime.fromisoformat`, which does not accept them on every supported Python.
    """
    if not isinstance(value, str):
        return False
    match = RFC3339.fullmatch(value)
    if match is None or (not lower_case and ("t" in value or "z" in value)):
        return False
    year, month, day = (int(group) for group in match.groups())
    return year > 0 and 1 <= day <= calendar.monthrange(year, month)[1]


def is_loopback_host(host: str) -> bool:
    """Whether `host` names this machine only: localhost (and *.localhost), 127.0.0.0/8, ::1 (bracketed or not)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.removeprefix("[").removesuffix("]")).is_loopback
    except ValueError:
        return False


def is_pdf(data: bytes) -> bool:
    """Whether `data` starts like a PDF file (the only attachment content type the API takes)."""
    return data.startswith(PDF_MAGIC)


def is_unicode(text: str) -> bool:
    """Whether `text` can be encoded as UTF-8 (it has no lone surrogate, such as an undecodable byte kept)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
