"""Reading a response body with bounds: raw bytes, decoded bytes, and the decoding itself.

Both transports hand the raw bytes of a body to a `BodyReader`, which decodes `Content-Encoding` itself (gzip,
deflate, stacked as `gzip, gzip`) with zlib's `max_length`, so no chunk ever expands past the limit: a 10 MiB gzip
bomb or a few KiB of double gzip cost at most the limit, not gigabytes. Once the raw or the decoded bytes pass the
limit, reading stops and the body is marked `truncated`; the pipeline then refuses a 2xx response and keeps what
an error excerpt needs. An encoding this client does not decode (it only ever asks for gzip and deflate) is
reported, not guessed at.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Final

__all__ = ["ACCEPT_ENCODING", "ERROR_BODY_LIMIT", "BodyReader", "UnsupportedEncodingError"]

ACCEPT_ENCODING: Final = "gzip, deflate"  # what BodyReader decodes; sent on every request
ERROR_BODY_LIMIT: Final = 64 * 1024  # an error's problem details and excerpt fit many times over
_PIECE: Final = 256 * 1024  # decompressed at a time: no piece of a bomb is ever large
_IDENTITY: Final = frozenset({"", "identity"})


class UnsupportedEncodingError(ValueError):
    """The response is encoded in a way this client did not ask for and cannot decode (br, zstd, ...)."""


class _Inflater:
    """One gzip or deflate layer, decompressing at most `limit` bytes of output in all."""

    __slots__ = ("_deflate", "_first", "_zlib")

    def __init__(self, encoding: str) -> None:
        self._deflate = encoding == "deflate"
        # 47: gzip or zlib header, detected; deflate is zlib-wrapped by the standard, raw by some servers
        self._zlib = zlib.decompressobj(15 if self._deflate else 47)
        self._first = True

    def decompress(self, data: bytes, room: int) -> bytes:
        """Up to `room` bytes of output for `data` (more input than that stays pending in zlib).

        Raises:
            zlib.error: the data is not what its encoding says.
        """
        try:
            out = self._zlib.decompress(data, room)
        except zlib.error:
            if not (self._deflate and self._first):
                raise
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send it
            out = self._zlib.decompress(data, room)
        self._first = False
        return out

    @property
    def pending(self) -> bytes:
        return self._zlib.unconsumed_tail


class BodyReader:
    """Collects one response body, decoding it, and stops at `limit` bytes (raw or decoded).

    A `content_length` (the header's value, when the response has one) larger than `limit` stops it before the
    first byte: there is no point reading what will be refused.

    Raises (on creation):
        UnsupportedEncodingError: for a Content-Encoding other than gzip, deflate or identity.
    """

    __slots__ = ("_chunks", "_layers", "_limit", "_raw", "_size", "truncated")

    def __init__(self, content_encoding: str | None, limit: int, content_length: str | None = None) -> None:
        names = [name.strip().lower() for name in (content_encoding or "").split(",")]
        encodings = [name for name in names if name not in _IDENTITY]
        unknown = [name for name in encodings if name not in ("gzip", "x-gzip", "deflate")]
        if unknown:
            raise UnsupportedEncodingError(f"Content-Encoding {', '.join(unknown)} is not supported")
        # applied in the order listed, so decoded in reverse
        self._layers = [_Inflater("deflate" if name == "deflate" else "gzip") for name in reversed(encodings)]
        self._limit = limit
        self._chunks: list[bytes] = []
        self._raw = 0
        self._size = 0
        self.truncated = content_length is not None and content_length.isdigit() and int(content_length) > limit

    def done(self) -> bool:
        """Whether reading should stop (the limit was passed)."""
        return self.truncated

    def incomplete(self) -> str | None:
        """Why the body is not all there, or None."""
        return f"the body is larger than {self._limit} bytes" if self.truncated else None

    def feed(self, chunk: bytes) -> None:
        """Take the next raw chunk. Once the limit is passed, `truncated` is set and later chunks are ignored.

        Raises:
            zlib.error: the body is not what its Content-Encoding says.
        """
        if self.truncated:
            return
        self._raw += len(chunk)
        if self._raw > self._limit:  # more raw bytes than fits decoded: keep the start of this chunk's share
            chunk = chunk[: max(0, len(chunk) - (self._raw - self._limit))]
            self._truncate()
        if not self._layers:
            self._keep(chunk)
            return
        for piece in self._decode(chunk, 0):
            self._keep(piece)

    def _decode(self, data: bytes, depth: int) -> Iterator[bytes]:
        """`data` through layers `depth`.. of the decoding, in pieces of at most `_PIECE` bytes, lazily: no more is
        decompressed than the caller takes, whatever the compression ratio."""
        if depth == len(self._layers):
            yield data
            return
        layer = self._layers[depth]
        piece = layer.decompress(data, _PIECE)
        while True:
            yield from self._decode(piece, depth + 1)
            if not layer.pending or self.truncated:
                return
            piece = layer.decompress(layer.pending, _PIECE)

    def _keep(self, data: bytes) -> None:
        if self.truncated and self._size >= ERROR_BODY_LIMIT:
            return  # past the limit only the start matters (for an excerpt): keep no more of it
        room = self._limit - self._size
        if len(data) > room:
            data = data[:room]
            self._truncate()
        self._size += len(data)
        self._chunks.append(data)

    def _truncate(self) -> None:
        """Past the limit: from now on only the start of the body is kept (what an error excerpt is made of)."""
        self.truncated = True
        if self._size > ERROR_BODY_LIMIT:
            start = b"".join(self._chunks[: 1 + ERROR_BODY_LIMIT // max(1, len(self._chunks[0]))])[:ERROR_BODY_LIMIT]
            self._chunks, self._size = [start], len(start)

    def content(self) -> bytes:
        """The decoded body (all of it, unless `truncated`: then its start, at most `ERROR_BODY_LIMIT` bytes)."""
        if len(self._chunks) == 1:
            return self._chunks[0]
        return b"".join(self._chunks)
