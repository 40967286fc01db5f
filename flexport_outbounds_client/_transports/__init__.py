"""Transports: one protocol (`base.Sender`), one module per transport (`httpx`, `aiohttp`).

Nothing is imported here eagerly: the aiohttp transport loads aiohttp only when a client asks for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import httpx

    from .._redact import Secrets
    from .base import Sender

__all__ = ["TransportName", "make_sender"]

TransportName = Literal["httpx", "aiohttp"]


def make_sender(
    transport: TransportName | httpx.AsyncBaseTransport,
    *,
    http_client: httpx.AsyncClient | None,
    max_connections: int,
    max_response_bytes: int,
    secrets: Secrets,
) -> Sender:
    """The sender an OutboundsClient's settings ask for.

    Raises:
        ConfigurationError: for an unknown transport name, or both `http_client` and a transport object.
        ConfigurationError: also for `transport="aiohttp"` without aiohttp installed (the message says how).
    """
    import httpx

    from .._errors import ConfigurationError
    from .httpx import HttpxSender, default_http_client

    if isinstance(transport, httpx.AsyncBaseTransport):
        if http_client is not None:
            raise ConfigurationError("pass either http_client or a transport object, not both")
        custom = transport
        return HttpxSender(
            make_client=lambda: httpx.AsyncClient(transport=custom, follow_redirects=False),
            secrets=secrets,
            max_response_bytes=max_response_bytes,
        )
    if http_client is not None:
        return HttpxSender(client=http_client, secrets=secrets, max_response_bytes=max_response_bytes)
    if transport == "aiohttp":
        from .aiohttp import AIOHTTP_MISSING, AiohttpSender

        if not _installed("aiohttp"):  # told now, not at the first request; aiohttp itself loads with that
            raise ConfigurationError(AIOHTTP_MISSING)
        return AiohttpSender(max_connections=max_connections, secrets=secrets, max_response_bytes=max_response_bytes)
    if transport == "httpx":
        return HttpxSender(
            make_client=lambda: default_http_client(max_connections),
            secrets=secrets,
            max_response_bytes=max_response_bytes,
        )
    raise ConfigurationError(f"transport must be 'httpx', 'aiohttp' or an httpx transport, got {transport!r}")


def _installed(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a module set to None in sys.modules, or a broken one
        return False
