"""The ASGI app: starlette routes for the five operations, the pre-signed upload target, and the raw spec.

`SandboxApp` wraps the starlette app to do what a route cannot: put `x-correlation-id` on every response, and
drop a connection without any response (the commit_then_drop fault).
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Final
from urllib.parse import unquote

import httpx
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .._formats import is_pdf
from .._spec import FieldError, SpecValidator
from ._body import MAX_BODY_SIZE, BodyTooLargeError, checked_json, declared_length, limited_receive
from ._drift import DriftKind, apply_drift, omits_correlation_id
from ._faults import Fault, Faults
from ._state import ApiProblem, SandboxState, UnknownOrderError, business_rule_errors

__all__ = [
    "API_PREFIX",
    "MAX_BODY_SIZE",
    "AppParts",
    "AppSettings",
    "SandboxApp",
    "SandboxResponseError",
    "authenticate",
    "check_response",
    "read_json_body",
]

API_PREFIX: Final = "/logistics/api/2026-02"
UPLOAD_PREFIX: Final = "/_sandbox/uploads"
ERRORS_URL: Final = "https://logistics-api.flexport.com/logistics/api/2026-02/documentation/spec#section/Errors/"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Action = Callable[[Request], Awaitable[Response]]


@dataclass(slots=True)
class AppSettings:
    """The app's switches; a `Sandbox` shares its instance with its app, so a change applies to the next request."""

    validate_responses: bool = False
    max_body_size: int = MAX_BODY_SIZE
    drift: frozenset[DriftKind] = frozenset()


@dataclass(frozen=True, slots=True)
class AppParts:
    """Everything the app works with: the sandbox's state, its fault queue, the spec, the token check, settings.

    `routes` are served beside the API's (the control endpoints of `_control`).
    """

    state: SandboxState
    faults: Faults
    validator: SpecValidator
    token_matches: Callable[[str], bool]
    settings: AppSettings
    routes: Sequence[Route] = field(default=())


class SandboxResponseError(AssertionError):
    """The sandbox was about to send a response that does not conform to openapi.yaml (a sandbox bug)."""


class ProblemResponse(JSONResponse):
    """An RFC 7807 `application/problem+json` response."""

    media_type = "application/problem+json"


def _correlation_id(request: Request) -> str:
    return str(request.scope.get("state", {}).get("correlation_id", ""))


def problem(
    request: Request,
    status: int,
    detail: str,
    *,
    title: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> ProblemResponse:
    """A problem+json response; `instance` is the request's correlation id, `errors` names offending fields."""
    phrase = HTTPStatus(status).phrase
    body: dict[str, Any] = {
        "status": status,
        "type": ERRORS_URL + f"{status}-{phrase.replace(' ', '-')}",
        "title": title or phrase,
        "detail": detail,
        "instance": _correlation_id(request),
    }
    if status == 401:
        body.update(code=401, message=phrase)
    if errors:
        body["errors"] = [e.as_dict() for e in errors]
    return ProblemResponse(body, status_code=status, headers=headers)


def _s3_error(status: int, code: str, message: str) -> Response:
    xml = f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>'
    return Response(xml, status_code=status, media_type="application/xml")


def _fault_response(request: Request, fault: Fault) -> Response:
    status = int(fault.status or 500)
    if fault.kind == "rate_limit":
        detail = "Too many requests; retry later with exponential backoff, honouring Retry-After"
        return problem(request, status, detail, headers={"Retry-After": str(fault.retry_after)})
    if fault.kind == "html_error":
        phrase = HTTPStatus(status).phrase
        page = f"<html><head><title>{status} {phrase}</title></head><body><h1>{status} {phrase}</h1></body></html>"
        return HTMLResponse(page, status_code=status)
    if fault.kind == "empty_error":
        return Response(status_code=status)
    return problem(request, status, "An internal error occurred (injected by the sandbox)")


def _media_type(response: Response) -> str | None:
    content_type = response.headers.get("content-type")
    return content_type.split(";")[0].strip() if content_type else None


def _headers_for_log(request: Request) -> dict[str, str]:
    return {k.lower(): v for k, v in request.headers.items()}


def authenticate(request: Request, token_matches: Callable[[str], bool]) -> None:
    """Check the request's bearer token (the API's check; the control endpoints use it too).

    Raises:
        ApiProblem: 401 for a missing or wrong token.
    """
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiProblem(401, "Unauthorized", "Missing bearer token: send Authorization: Bearer <token>")
    if not token_matches(token.strip()):
        raise ApiProblem(401, "Unauthorized", "Invalid access token")


async def read_json_body(request: Request, validator: SpecValidator, operation_id: str) -> dict[str, Any]:
    """The request's JSON body, validated against the operation's schema in `validator`'s spec.

    Raises:
        ApiProblem: 400 for a wrong Content-Type, malformed JSON, or a body the schema rejects.
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        error = FieldError("content-type", "must be application/json")
        raise ApiProblem(400, "Bad Request", "the request body must be application/json", [error])
    return await checked_json(await request.body(), validator, operation_id)


def check_response(
    validator: SpecValidator, operation_id: str, response: Response, *, spec: str = "openapi.yaml"
) -> None:
    """Refuse to send a response that does not conform to `validator`'s spec (named `spec` in the message).

    Raises:
        SandboxResponseError: naming each field that does not conform.
    """
    media_type = _media_type(response)
    body = json.loads(bytes(response.body)) if media_type and response.body else None
    errors = validator.response_errors(operation_id, response.status_code, media_type, body)
    if errors:
        listed = "; ".join(f"{e.field}: {e.message}" for e in errors)
        raise SandboxResponseError(f"{operation_id} {response.status_code} does not match {spec}: {listed}")


class _Handlers:
    """The route handlers of one sandbox."""

    def __init__(self, parts: AppParts) -> None:
        self.state = parts.state
        self.faults = parts.faults
        self.validator = parts.validator
        self.token_matches = parts.token_matches
        self.settings = parts.settings

    # -- the common path of every operation -------------------------------------------------------------------
    async def operation(self, request: Request, operation_id: str, action: Action) -> Response:
        """Log, inject a fault, authenticate, run the operation, and check the response against the spec."""
        encoded = request.scope.get("state", {}).get("encoded_segments")
        if encoded:  # see _keep_encoded_slashes
            request.scope["path_params"] = {k: encoded.get(v, v) for k, v in request.path_params.items()}
        self.state.record(operation_id, request.method, request.url.path, _headers_for_log(request))
        fault = self.faults.take(operation_id)
        if fault is not None and fault.kind == "delay":
            # The server keeps working after a client gives up: read the body now (a disconnect would lose it),
            # and shield the rest from the in-process client's cancellation.
            await request.body()
            work = asyncio.ensure_future(self._delayed(request, operation_id, action, fault.seconds))
            return await asyncio.shield(work)
        if fault is not None and fault.kind == "commit_then_error":
            await self._run(request, operation_id, action)  # the work is done and kept ...
            return _fault_response(request, fault)  # ... but the client hears a 5xx
        if fault is not None:
            early = self._apply_fault(request, fault)
            if early is not None:
                return early
        return await self._run(request, operation_id, action)

    async def _delayed(self, request: Request, operation_id: str, action: Action, seconds: float) -> Response:
        await asyncio.sleep(seconds)
        return await self._run(request, operation_id, action)

    async def _run(self, request: Request, operation_id: str, action: Action) -> Response:
        try:
            self._authenticate(request)
            response = await action(request)
        except ApiProblem as exc:
            response = problem(request, exc.status, exc.detail, title=exc.title, errors=exc.errors)
        except UnknownOrderError as exc:
            response = problem(request, 404, str(exc))
        self._check_response(operation_id, response)
        # Drift comes after the check: it is the deliberate difference, not a sandbox bug.
        return await apply_drift(request, operation_id, response, self.settings.drift, self._existing)

    def _existing(self, external_id: str) -> dict[str, Any] | None:
        """The order with this externalId as a GET returns it (without moving it), or None."""
        for order_id in self.state.order_ids():
            order = self.state.snapshot(order_id)
            if order.get("externalId") == external_id:
                return order
        return None

    def _apply_fault(self, request: Request, fault: Fault) -> Response | None:
        """The fault's response, or None when the request goes on (to have its response dropped)."""
        if fault.kind == "commit_then_drop":
            request.scope["state"]["drop"] = True
            return None
        return _fault_response(request, fault)

    def _authenticate(self, request: Request) -> None:
        authenticate(request, self.token_matches)

    def _check_response(self, operation_id: str, response: Response) -> None:
        if self.settings.validate_responses:
            check_response(self.validator, operation_id, response)

    # -- request parsing --------------------------------------------------------------------------------------
    async def _json_body(self, request: Request, operation_id: str) -> dict[str, Any]:
        """The validated JSON body.

        Raises:
            ApiProblem: 400 for a wrong Content-Type, malformed JSON, or a body the schema rejects.
        """
        self._check_headers(request, operation_id)
        return await read_json_body(request, self.validator, operation_id)

    def _check_headers(self, request: Request, operation_id: str) -> None:
        errors = self.validator.header_errors(operation_id, request.headers)
        if errors:
            listed = "; ".join(f"{e.field} {e.message}" for e in errors)
            raise ApiProblem(400, "Bad Request", f"invalid header: {listed}", errors)

    # -- the five operations ----------------------------------------------------------------------------------
    async def create_order(self, request: Request) -> Response:
        """POST /outbounds/orders."""
        return await self.operation(request, "createOrder", self._create_order)

    async def _create_order(self, request: Request) -> Response:
        body = await self._json_body(request, "createOrder")
        errors = business_rule_errors(body)
        if errors:
            listed = "; ".join(f"{e.field} {e.message}" for e in errors)
            raise ApiProblem(422, "Unprocessable Entity", f"the order breaks a business rule: {listed}", errors)
        key = request.headers.get("idempotency-key")
        order, replayed = self.state.create_order(body, key)
        return JSONResponse(order, headers={"idempotent-replayed": "true"} if replayed else None)

    async def get_order(self, request: Request) -> Response:
        """GET /outbounds/orders/{orderId}."""
        return await self.operation(request, "getOrder", self._get_order)

    async def _get_order(self, request: Request) -> Response:
        order_id = request.path_params["orderId"]
        return JSONResponse(self.state.read_order(order_id))

    async def get_order_by_external_id(self, request: Request) -> Response:
        """GET /outbounds/orders/external_id/{externalId}."""
        return await self.operation(request, "getOrderByExternalId", self._get_order_by_external_id)

    async def _get_order_by_external_id(self, request: Request) -> Response:
        external_id = request.path_params["externalId"]
        return JSONResponse(self.state.read_order(external_id=external_id))

    async def upload_url(self, request: Request) -> Response:
        """POST /outbounds/orders/{orderId}/shipments/{shipmentId}/attachments/upload_url."""
        return await self.operation(request, "getShipmentAttachmentUploadUrl", self._upload_url)

    async def _upload_url(self, request: Request) -> Response:
        body = await self._json_body(request, "getShipmentAttachmentUploadUrl")
        origin = server_origin(request.scope)
        params = request.path_params
        target = self.state.upload_url(params["orderId"], params["shipmentId"], body["attachmentType"], origin)
        return JSONResponse(target)

    async def cancel_order(self, request: Request) -> Response:
        """POST /outbounds/orders/{orderId}/cancel."""
        return await self.operation(request, "cancelOrder", self._cancel_order)

    async def _cancel_order(self, request: Request) -> Response:
        self.state.cancel_order(request.path_params["orderId"])
        return Response(status_code=200)

    # -- outside the API --------------------------------------------------------------------------------------
    async def raw_spec(self, request: Request) -> Response:
        """GET /documentation/raw: the spec as JSON, like Flexport's raw-spec endpoint (no token needed)."""
        return JSONResponse(self.validator.spec)

    async def put_upload(self, request: Request) -> Response:
        """PUT to a pre-signed upload URL: S3-like, answers XML errors, never wants an Authorization header."""
        self.state.record("uploadAttachment", request.method, request.url.path, _headers_for_log(request))
        fault = self.faults.take("uploadAttachment")
        if fault is not None and fault.kind == "delay":
            await asyncio.sleep(fault.seconds)
        elif fault is not None:
            early = self._apply_fault(request, fault)
            if early is not None:
                return early
        return await self._put_upload(request)

    async def _put_upload(self, request: Request) -> Response:
        if "authorization" in request.headers:
            return _s3_error(400, "InvalidArgument", "Only one auth mechanism allowed; a pre-signed URL is its own")
        query = request.query_params
        try:
            target = self.state.check_upload(
                request.path_params["token"], query.get("X-Sandbox-Expires"), query.get("X-Sandbox-Signature")
            )
        except PermissionError as exc:
            code, _, message = str(exc).partition(": ")
            return _s3_error(403, code, message or "The request signature does not match the URL's signature")
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/pdf":
            return _s3_error(403, "SignatureDoesNotMatch", "This URL was signed for Content-Type: application/pdf")
        data = await request.body()
        if not is_pdf(data):
            return _s3_error(400, "InvalidArgument", "The body is not a PDF (it does not start with %PDF-)")
        self.state.store_upload(target, data)
        return Response(status_code=200, headers={"ETag": f'"{uuid.uuid5(uuid.NAMESPACE_OID, data.hex()).hex}"'})


async def _too_large(request: Request, exc: Exception) -> Response:
    """413 problem+json for a body past the limit (the connection closes: the rest of the body is never read)."""
    limit = exc.limit if isinstance(exc, BodyTooLargeError) else MAX_BODY_SIZE
    detail = f"the request body is larger than the sandbox accepts ({limit} bytes)"
    return problem(request, 413, detail, headers={"Connection": "close"})


def server_origin(scope: Scope) -> str:
    """scheme://host:port of the address the server is bound to; never the caller's Host header.

    In process (httpx's ASGI transport) that is the host the client addressed, e.g. `http://sandbox.invalid`.
    """
    host, port = scope.get("server") or ("127.0.0.1", None)
    shown = f"[{host}]" if ":" in str(host) else str(host)
    scheme = str(scope.get("scheme", "http"))
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{shown}" if port in (None, default) else f"{scheme}://{shown}:{port}"


async def _http_exception(request: Request, exc: Exception) -> Response:
    """404 for unknown paths and 405 for unknown methods, as problem+json (Allow lists only spec methods)."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    headers = dict(exc.headers or {}) if isinstance(exc, HTTPException) else {}
    if "Allow" in headers:
        headers["Allow"] = ", ".join(m.strip() for m in headers["Allow"].split(",") if m.strip() != "HEAD")
    if status == 405:
        detail = f"{request.method} is not allowed on {request.url.path}"
    else:
        detail = f"no such resource: {request.method} {request.url.path}"
    return problem(request, status, detail, headers=headers)


def build_starlette(parts: AppParts) -> Starlette:
    """The starlette app with every route of the sandbox."""
    h = _Handlers(parts)
    orders = f"{API_PREFIX}/outbounds/orders"
    routes = [
        Route(orders, h.create_order, methods=["POST"]),
        Route(f"{orders}/external_id/{{externalId}}", h.get_order_by_external_id, methods=["GET"]),
        Route(f"{orders}/{{orderId}}", h.get_order, methods=["GET"]),
        Route(f"{orders}/{{orderId}}/cancel", h.cancel_order, methods=["POST"]),
        Route(f"{orders}/{{orderId}}/shipments/{{shipmentId}}/attachments/upload_url", h.upload_url, methods=["POST"]),
        Route(f"{API_PREFIX}/documentation/raw", h.raw_spec, methods=["GET"]),
        Route(f"{UPLOAD_PREFIX}/{{token}}", h.put_upload, methods=["PUT"]),
        *parts.routes,
    ]
    handlers = {HTTPException: _http_exception, BodyTooLargeError: _too_large}
    return Starlette(routes=routes, exception_handlers=handlers)


class SandboxApp:
    """The sandbox's ASGI callable: starlette plus correlation ids and connection drops."""

    def __init__(self, parts: AppParts) -> None:
        self._starlette = build_starlette(parts)
        self._settings = parts.settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI connection.

        Raises:
            httpx.RemoteProtocolError: in process (httpx.ASGITransport), when a commit_then_drop fault drops the
                response; under uvicorn the connection is closed instead and nothing is raised.
        """
        if scope["type"] != "http":
            await self._starlette(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        state["correlation_id"] = str(uuid.uuid4())
        _keep_encoded_slashes(scope, state)
        with_id = not (omits_correlation_id(self._settings.drift) and str(scope.get("path", "")).startswith(API_PREFIX))

        async def send_with_id(message: Message) -> None:
            if state.get("drop"):
                return  # the response is lost
            if message["type"] == "http.response.start" and with_id:
                correlation = (b"x-correlation-id", state["correlation_id"].encode())
                message["headers"] = [*message.get("headers", []), correlation]
            await send(message)

        limit = self._settings.max_body_size
        declared = declared_length(scope.get("headers", []))
        try:
            if declared is not None and declared > limit:  # refused before a byte of the body is read
                await (await _too_large(Request(scope), BodyTooLargeError(limit)))(scope, receive, send_with_id)
            else:
                await self._starlette(scope, limited_receive(receive, limit), send_with_id)
        except ClientDisconnect:
            return  # the client left mid-request (cancelled, timed out): nobody to answer, nothing worth a traceback
        except asyncio.CancelledError:
            # uvicorn cancels what still runs when it shuts down: such a request loses its connection, as it
            # would on a real server going away, instead of surfacing as "Exception in ASGI application"
            if getattr(getattr(send, "__self__", None), "transport", None) is None:
                raise
            await _drop_connection(send)
            return
        if state.get("drop"):
            await _drop_connection(send)


def _keep_encoded_slashes(scope: Scope, state: dict[str, Any]) -> None:
    """Route on the path segments as sent, so an id with an encoded slash (`a%2Fb`) stays one path parameter.

    Starlette routes on the percent-decoded path, where `/orders/a%2Fb` would become `/orders/a/b` (another route,
    or a 404). Segments that decode to something with a `/` are kept encoded for routing and decoded again by
    `_Handlers.operation` (through `state["encoded_segments"]`).
    """
    raw_path: bytes = scope.get("raw_path") or b""
    if b"%2f" not in raw_path.lower():
        return
    encoded: dict[str, str] = {}
    parts = []
    for segment in raw_path.split(b"?", 1)[0].decode("latin-1").split("/"):
        value = unquote(segment)
        if "/" in value:
            encoded[segment] = value
        parts.append(segment if "/" in value else value)
    scope["path"] = "/".join(parts)
    state["encoded_segments"] = encoded


async def _drop_connection(send: Send) -> None:
    """Lose the response: abort uvicorn's transport, or raise what httpx raises when a server hangs up.

    uvicorn passes the bound `send` of its request cycle; aborting that cycle's transport closes the socket
    with no byte of the response written, and once uvicorn sees the disconnect it sends nothing either.
    """
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
    transport.abort()
    for _ in range(10):  # connection_lost runs on a later loop iteration
        if getattr(cycle, "disconnected", False):
            break
        await asyncio.sleep(0)
