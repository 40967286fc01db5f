"""A faithful fake of Flexport's Outbounds API 2026-02 for tests: in process (no sockets) or on loopback HTTP.

Installed with the `sandbox` extra (`pip install 'flexport-outbounds-client[sandbox]'`); the client itself never
imports this package.

    sandbox = Sandbox()
    async with sandbox.client() as client:          # in process, through httpx's ASGI transport
        order = await client.create_order(request)
    sandbox.advance(order.order_id, to=OrderStatus.SHIPPED)
    sandbox.faults.add("rate_limit", operation="createOrder", times=2, retry_after=0)
    sandbox.drift = "all"                            # the API differs from openapi.yaml on purpose (DRIFT_KINDS)

    async with sandbox.serve() as base_url:          # the same app on uvicorn, 127.0.0.1, a free port
        ...                                          # control over HTTP beside the API: /_sandbox/orders, ...

The control endpoints under `/_sandbox` (control-openapi.yaml, served at `/_sandbox/openapi.json`) offer what the
methods above do to callers in any language, with the sandbox's token.

The names below are imported on first use: the pytest plugin in this package is loaded by every pytest run of
anyone who installs the client, and must not need starlette, uvicorn or jsonschema until a test uses the sandbox.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._app import API_PREFIX, SandboxResponseError
    from ._clock import Clock, ManualClock, SystemClock
    from ._drift import DRIFT_KINDS, DriftKind
    from ._faults import Fault, FaultKind, Faults, FiredFault
    from ._run import run_server
    from ._sandbox import IN_PROCESS_BASE_URL, InProcessTransport, OrdersView, Sandbox
    from ._state import AutoAdvance, InvalidTransitionError, RecordedRequest, UnknownOrderError

_HOMES = {
    "API_PREFIX": "._app",
    "SandboxResponseError": "._app",
    "Clock": "._clock",
    "ManualClock": "._clock",
    "SystemClock": "._clock",
    "DRIFT_KINDS": "._drift",
    "DriftKind": "._drift",
    "Fault": "._faults",
    "FaultKind": "._faults",
    "Faults": "._faults",
    "FiredFault": "._faults",
    "run_server": "._run",
    "IN_PROCESS_BASE_URL": "._sandbox",
    "InProcessTransport": "._sandbox",
    "OrdersView": "._sandbox",
    "Sandbox": "._sandbox",
    "AutoAdvance": "._state",
    "InvalidTransitionError": "._state",
    "RecordedRequest": "._state",
    "UnknownOrderError": "._state",
}

__all__ = [
    "API_PREFIX",
    "DRIFT_KINDS",
    "IN_PROCESS_BASE_URL",
    "AutoAdvance",
    "Clock",
    "DriftKind",
    "Fault",
    "FaultKind",
    "Faults",
    "FiredFault",
    "InProcessTransport",
    "InvalidTransitionError",
    "ManualClock",
    "OrdersView",
    "RecordedRequest",
    "Sandbox",
    "SandboxResponseError",
    "SystemClock",
    "UnknownOrderError",
    "run_server",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use.

    Raises:
        AttributeError: for a name this package does not export.
        ImportError: when the sandbox extra (starlette, uvicorn, jsonschema, pyyaml) is not installed.
    """
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
