"""A faithful fake of Flexport's Outbounds API 2026-02 for tests: in process (no sockets) or on loopback HTTP.

Installed with the `sandbox` extra (`pip install 'flexport-outbounds-client[sandbox]'`); the client itself never
imports this package.

    sandbox = Sandbox()
    async with sandbox.client() as client:          # in process, through httpx.ASGITransport
        order = await client.create_order(request)
    sandbox.advance(order.order_id, to=OrderStatus.SHIPPED)
    sandbox.faults.add("rate_limit", operation="createOrder", times=2, retry_after=0)

    async with sandbox.serve() as base_url:          # the same app on uvicorn, 127.0.0.1, a free port
        ...
"""

from __future__ import annotations

from ._app import API_PREFIX, SandboxResponseError
from ._clock import Clock, ManualClock, SystemClock
from ._faults import Fault, FaultKind, Faults, FiredFault
from ._run import run_server
from ._sandbox import IN_PROCESS_BASE_URL, OrdersView, Sandbox
from ._state import AutoAdvance, InvalidTransitionError, RecordedRequest, UnknownOrderError

__all__ = [
    "API_PREFIX",
    "IN_PROCESS_BASE_URL",
    "AutoAdvance",
    "Clock",
    "Fault",
    "FaultKind",
    "Faults",
    "FiredFault",
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
