"""Reading a shipment document for upload: bytes, a path or a binary file; a PDF, and not a runaway one."""

from __future__ import annotations

import os
from typing import BinaryIO, Protocol

from ._errors import RequestValidationError
from ._formats import is_pdf

__all__ = ["MAX_ATTACHMENT_BYTES", "FileInput", "read_pdf"]
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
