"""Contains some shared types for properties"""

import re
from collections.abc import Mapping
from contextvars import ContextVar
from enum import Enum
from typing import IO, Any, BinaryIO, Final, Literal, NamedTuple, TypeVar, cast
from urllib.parse import quote

from attrs import define


class Unset(Enum):
    """The type of `UNSET`: the value of an optional field that is absent from the JSON (not `null`).

    Narrow with `if x is not UNSET:` (or `isinstance(x, Unset)`); `UNSET` is falsy.
    """

    UNSET = "UNSET"

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")
E = TypeVar("E", bound=Enum)


def enum_from_json(enum_class: type[E], value: Any) -> E:
    """`enum_class(value)`, looking the value up directly first: Enum's own call is slow for what it does."""
    try:
        return cast(E, enum_class._value2member_map_[value])
    except (KeyError, TypeError):  # not seen yet (or unhashable): Enum decides, incl. `_missing_` and ValueError
        return enum_class(value)


def redacted_url_repr(url: object) -> str:
    """repr() of a URL without its query string: a pre-signed URL's query (its signature) is a credential."""
    base, separator, _query = str(url).partition("?")
    return repr(base + ("?[REDACTED]" if separator else ""))


class ApiRequest(NamedTuple):
    """One request of an operation as the spec describes it: no server URL, no authentication, no transport."""

    operation_id: str
    method: str  # upper case
    path: str  # relative to the server URL; path parameters percent-encoded
    headers: dict[str, str]  # the header parameters the spec declares, and Content-Type when there is a body
    json: Any  # the JSON-ready body (a model's to_dict()), or None


__all__ = [
    "UNSET",
    "ApiRequest",
    "File",
    "FileTypes",
    "RequestFiles",
    "Unset",
    "enum_from_json",
    "quote_path_segment",
    "redacted_url_repr",
    "DRIFT",
    "note_drift",
]


_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")  # what quote(..., safe="") leaves as it is


def quote_path_segment(value: Any) -> str:
    """`quote(str(value), safe="")`: percent-encoded as one path segment; most ids need no encoding at all."""
    text = str(value)
    return text if _UNRESERVED.fullmatch(text) else quote(text, safe="")


# Drift: what a response carries that this version of the spec does not know. Models report unknown fields and
# enums unknown values here, as they meet them (nothing is called when a response holds nothing unknown); a caller
# that wants to hear of them sets DRIFT to a list for the time of one from_dict.
DRIFT: ContextVar[list[tuple[str, str, str]] | None] = ContextVar("flexport_outbounds_drift", default=None)


def note_drift(kind: str, where: str, name: str) -> None:
    """Record one unknown `kind` ("field" or "value") of `where` (a model or enum name) for whoever listens."""
    heard = DRIFT.get()
    if heard is not None:
        heard.append((kind, where, name))
