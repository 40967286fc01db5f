"""JSON on the wire: orjson when it is installed (the `speedups` extra), else the standard library.

`loads(bytes)` and `dumps(obj) -> bytes` give the same Python values and the same compact UTF-8 text with either
backend for anything this API sends or takes. orjson decodes a large order ~2.4x faster (see README
"Performance"); both raise `ValueError` (a `json.JSONDecodeError`) for invalid JSON.

Where they differ, orjson is stricter and the difference only touches bodies that are not valid JSON anyway:
`NaN`/`Infinity`, numbers beyond a double's range, lone surrogates and a UTF-8 byte order mark are refused by
`loads`; integers beyond 64 bits decode as floats. `dumps` takes JSON-ready data (what `to_dict()` returns); NaN
and infinities raise `ValueError` with the standard library and become `null` with orjson.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["BACKEND", "dumps", "loads"]

try:
    import orjson
except ImportError:  # the `speedups` extra is not installed
    BACKEND = "json"

    def loads(data: bytes) -> Any:
        """The Python value of a UTF-8 JSON document. Raises ValueError if it is not valid JSON."""
        return json.loads(data)

    def dumps(obj: Any) -> bytes:
        """Compact UTF-8 JSON text of `obj` (JSON-ready data: dicts, lists, str, int, float, bool, None)."""
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()

else:
    BACKEND = "orjson"

    def loads(data: bytes) -> Any:
        """The Python value of a UTF-8 JSON document. Raises ValueError if it is not valid JSON."""
        return orjson.loads(data)

    def dumps(obj: Any) -> bytes:
        """Compact UTF-8 JSON text of `obj` (JSON-ready data: dicts, lists, str, int, float, bool, None)."""
        return orjson.dumps(obj)
