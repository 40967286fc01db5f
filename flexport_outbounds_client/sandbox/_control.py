"""Control over HTTP: what `Sandbox` offers in Python, under `/_sandbox`, for callers in any language.

The routes sit beside the API (not under `/logistics/api/2026-02`: a real Flexport client never calls them),
take the sandbox's token as the API does, answer problem+json as the API does, and are described by
`control-openapi.yaml`, which every control request body is validated against (served at
`/_sandbox/openapi.json`). They call only the public face of `Sandbox`, so they cannot do anything a Python test
could not.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

import yaml
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .._spec import SpecValidator
from ._app import authenticate, check_response, problem, read_json_body
from ._drift import DRIFT_KINDS, drift_kinds
from ._faults import Fault
from ._state import ApiProblem, InvalidTransitionError

if TYPE_CHECKING:
    from ._sandbox import Sandbox

__all__ = ["CONTROL_PREFIX", "control_routes", "control_validator"]

CONTROL_PREFIX: Final = "/_sandbox"
CONTROL_SPEC: Final = "control-openapi.yaml"

Action = Callable[[Request], Awaitable[Response]]


@functools.cache
def control_validator() -> SpecValidator:
    """The validator of control-openapi.yaml (shipped beside this module), built once per process."""
    text = resources.files(__package__).joinpath(CONTROL_SPEC).read_text(encoding="utf-8")
    return SpecValidator(yaml.safe_load(text))


def _fault_json(fault: Fault) -> dict[str, Any]:
    return {
        "kind": fault.kind,
        "operation": fault.operation,
        "times": fault.times,
        "status": fault.status,
        "seconds": fault.seconds,
        "retry_after": fault.retry_after,
        "fired": fault.fired,
        "remaining": fault.remaining,
    }


class _Control:
    """The control route handlers of one sandbox."""

    def __init__(self, sandbox: Sandbox, token_matches: Callable[[str], bool]) -> None:
        self.sandbox = sandbox
        self.token_matches = token_matches
        self.validator = control_validator()

    async def _serve(self, request: Request, operation_id: str, action: Action) -> Response:
        """Authenticate, act, answer problem+json for what went wrong, and check the response against the spec."""
        try:
            authenticate(request, self.token_matches)
            response = await action(request)
        except ApiProblem as exc:
            response = problem(request, exc.status, exc.detail, title=exc.title, errors=exc.errors)
        if self.sandbox.validate_responses:
            check_response(self.validator, operation_id, response, spec=CONTROL_SPEC)
        return response

    async def _body(self, request: Request, operation_id: str) -> dict[str, Any]:
        return await read_json_body(request, self.validator, operation_id)

    # -- orders -----------------------------------------------------------------------------------------------
    async def list_orders(self, request: Request) -> Response:
        """GET /_sandbox/orders."""
        return await self._serve(request, "listOrders", self._list_orders)

    async def _list_orders(self, request: Request) -> Response:
        orders = self.sandbox.orders
        return JSONResponse({"orders": [orders.raw(order_id) for order_id in list(orders)]})

    async def advance_order(self, request: Request) -> Response:
        """POST /_sandbox/orders/{orderId}/advance."""
        return await self._serve(request, "advanceOrder", self._advance_order)

    async def _advance_order(self, request: Request) -> Response:
        # No body at all means one step, as `{}` does: `curl -X POST .../advance` is the common case.
        body = await self._body(request, "advanceOrder") if await request.body() else {}
        order_id = request.path_params["orderId"]
        try:
            status = self.sandbox.advance(order_id, body.get("to"))
        except InvalidTransitionError as exc:
            raise ApiProblem(409, "Conflict", str(exc)) from exc
        except KeyError as exc:
            raise ApiProblem(404, "Not Found", f"cannot find order {order_id}") from exc
        return JSONResponse({"orderStatus": str(status), "order": self.sandbox.orders.raw(order_id)})

    # -- faults -----------------------------------------------------------------------------------------------
    async def list_faults(self, request: Request) -> Response:
        """GET /_sandbox/faults."""
        return await self._serve(request, "listFaults", self._list_faults)

    async def _list_faults(self, request: Request) -> Response:
        return JSONResponse({"faults": [_fault_json(f) for f in self.sandbox.faults.pending]})

    async def add_fault(self, request: Request) -> Response:
        """POST /_sandbox/faults."""
        return await self._serve(request, "addFault", self._add_fault)

    async def _add_fault(self, request: Request) -> Response:
        body = await self._body(request, "addFault")
        kind = body.pop("kind")
        try:
            fault = self.sandbox.faults.add(kind, **body)
        except ValueError as exc:  # what the schema cannot say; the same message as in Python
            raise ApiProblem(400, "Bad Request", str(exc)) from exc
        return JSONResponse(_fault_json(fault), status_code=201)

    async def clear_faults(self, request: Request) -> Response:
        """DELETE /_sandbox/faults."""
        return await self._serve(request, "clearFaults", self._clear_faults)

    async def _clear_faults(self, request: Request) -> Response:
        self.sandbox.faults.clear()
        return Response(status_code=204)

    async def fired_faults(self, request: Request) -> Response:
        """GET /_sandbox/faults/fired."""
        return await self._serve(request, "listFiredFaults", self._fired_faults)

    async def _fired_faults(self, request: Request) -> Response:
        faults = self.sandbox.faults
        fired = [{"operationId": f.operation_id, "kind": f.kind, "status": f.status} for f in list(faults.log)]
        return JSONResponse({"fired": fired, "counts": {k: n for k, n in faults.fired.items() if n}})

    # -- the rest ---------------------------------------------------------------------------------------------
    async def list_requests(self, request: Request) -> Response:
        """GET /_sandbox/requests."""
        return await self._serve(request, "listRequests", self._list_requests)

    async def _list_requests(self, request: Request) -> Response:
        logged = [
            {"operationId": r.operation_id, "method": r.method, "path": r.path, "headers": dict(r.headers)}
            for r in self.sandbox.requests
        ]
        return JSONResponse({"requests": logged})

    async def get_drift(self, request: Request) -> Response:
        """GET /_sandbox/drift."""
        return await self._serve(request, "getDrift", self._get_drift)

    async def _get_drift(self, request: Request) -> Response:
        return self._drift_response()

    async def set_drift(self, request: Request) -> Response:
        """PUT /_sandbox/drift."""
        return await self._serve(request, "setDrift", self._set_drift)

    async def _set_drift(self, request: Request) -> Response:
        body = await self._body(request, "setDrift")
        self.sandbox.drift = drift_kinds(body["drift"])
        return self._drift_response()

    def _drift_response(self) -> Response:
        on = self.sandbox.drift
        return JSONResponse({"drift": [kind for kind in DRIFT_KINDS if kind in on]})

    async def reset(self, request: Request) -> Response:
        """POST /_sandbox/reset."""
        return await self._serve(request, "reset", self._reset)

    async def _reset(self, request: Request) -> Response:
        self.sandbox.reset()
        return Response(status_code=204)

    async def spec(self, request: Request) -> Response:
        """GET /_sandbox/openapi.json: control-openapi.yaml as JSON (no token needed, like the API's raw spec)."""
        return JSONResponse(self.validator.spec)


def _by_method(actions: Mapping[str, Action]) -> Action:
    """One endpoint for a path with several methods, so a 405 names them all in Allow."""

    async def endpoint(request: Request) -> Response:
        return await actions[request.method](request)

    return endpoint


def control_routes(sandbox: Sandbox, token_matches: Callable[[str], bool]) -> list[Route]:
    """The routes of the control endpoints of one sandbox; `token_matches` is the check its API uses."""
    c = _Control(sandbox, token_matches)
    p = CONTROL_PREFIX
    faults = {"GET": c.list_faults, "POST": c.add_fault, "DELETE": c.clear_faults}
    drift = {"GET": c.get_drift, "PUT": c.set_drift}
    return [
        Route(f"{p}/openapi.json", c.spec, methods=["GET"]),
        Route(f"{p}/orders", c.list_orders, methods=["GET"]),
        Route(f"{p}/orders/{{orderId}}/advance", c.advance_order, methods=["POST"]),
        Route(f"{p}/faults", _by_method(faults), methods=list(faults)),
        Route(f"{p}/faults/fired", c.fired_faults, methods=["GET"]),
        Route(f"{p}/requests", c.list_requests, methods=["GET"]),
        Route(f"{p}/drift", _by_method(drift), methods=list(drift)),
        Route(f"{p}/reset", c.reset, methods=["POST"]),
    ]
