"""`OutboundsClient`: the async client for Flexport's Outbounds API that applications import.

The generated package builds requests (`_get_kwargs`) and parses models (`from_dict`); this module adds what a
production service needs around them: auth, timeouts, retries, typed errors, exactly-once creation, the
cancellability check, the upload helper and logging without secrets.
"""

from __future__ import annotations

import datetime
import functools
import logging
import os
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol, Self, TypeVar

import attrs
import httpx

from . import _json
from ._errors import (
    APIConnectionError,
    APITimeoutError,
    BadRequestError,
    ClientClosedError,
    ConfigurationError,
    ConflictError,
    DuplicateExternalIdError,
    FlexportError,
    NotFoundError,
    OrderNotCancellableError,
    PermissionDeniedError,
    RequestValidationError,
    ResponseLike,
    UnexpectedResponseError,
    UnprocessableEntityError,
    _ResponseError,
    error_from_response,
    unexpected_response,
)
from ._formats import is_loopback_host
from ._generated.api.outbounds import (
    cancel_order as cancel_order_api,
)
from ._generated.api.outbounds import (
    create_order as create_order_api,
)
from ._generated.api.outbounds import (
    get_order as get_order_api,
)
from ._generated.api.outbounds import (
    get_order_by_external_id as get_order_by_external_id_api,
)
from ._generated.api.outbounds import (
    get_shipment_attachment_upload_url as upload_url_api,
)
from ._generated.models import (
    AttachmentContentType,
    AttachmentType,
    AttachmentUploadUrl,
    AttachmentUploadUrlRequest,
    CreateOrderRequest,
    Order,
    OrderStatus,
)
from ._retry import RetryPolicy
from ._upload import FileInput, install_log_filter, read_pdf, redact_url, register_secret
from ._validation import check_path_id, validate_create_order
from ._version import __version__

if TYPE_CHECKING:
    from ._aiohttp_backend import AiohttpSender

__all__ = ["CANCELLABLE_STATUSES", "DEFAULT_BASE_URL", "DEFAULT_TIMEOUT", "OutboundsClient"]

logger = logging.getLogger("flexport_outbounds_client")
# A library configures no output: without this, Python's last-resort handler would print every retry WARNING to
# stderr of applications that never set up logging. Applications that do configure logging see everything.
logger.addHandler(logging.NullHandler())
install_log_filter()  # httpx logs request URLs at INFO: keep pre-signed upload signatures out of them

DEFAULT_BASE_URL = "https://logistics-api.flexport.com/logistics/api/2026-02"
DEFAULT_TIMEOUT = 60.0
DEFAULT_CONNECT_TIMEOUT = 5.0
CANCELLABLE_STATUSES = frozenset({OrderStatus.PLANNED, OrderStatus.BOOKED})
UPLOAD_URL_MIN_VALIDITY = datetime.timedelta(seconds=30)
_NO_HEADERS: Mapping[str, str] = {}
_BASE_HEADERS = {
    "Accept": "application/json",
    "User-Agent": f"flexport-outbounds-client/{__version__} httpx/{httpx.__version__}",
}
TOKEN_ENV = "FLEXPORT_API_TOKEN"  # noqa: S105 - the variable's name, not a secret
BASE_URL_ENV = "FLEXPORT_BASE_URL"
T = TypeVar("T")
Timeout = float | httpx.Timeout


class _Model(Protocol):
    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


M = TypeVar("M", bound=_Model)


class _Request(NamedTuple):  # a tuple: built on every call, ~5x cheaper than a frozen attrs class
    """One logical request: retried attempts send it unchanged (same body, same Idempotency-Key)."""

    operation: str
    method: str
    url: str
    headers: Mapping[str, str]  # the operation's own (Content-Type, Idempotency-Key); `_headers` adds the rest
    content: bytes | None = None
    authenticated: bool = True


@attrs.frozen
class _CallOptions:
    """How one call may spend time and retries; what every attempt needs of it is derived once, here."""

    timeout: Timeout
    policy: RetryPolicy
    deadline: float | None  # a time.monotonic() value
    http_timeout: httpx.Timeout = attrs.field(init=False)
    attempt_seconds: float | None = attrs.field(init=False)  # a float timeout bounds the whole attempt

    @http_timeout.default
    def _derive_http_timeout(self) -> httpx.Timeout:
        return _httpx_timeout(self.timeout)

    @attempt_seconds.default
    def _derive_attempt_seconds(self) -> float | None:
        return None if isinstance(self.timeout, httpx.Timeout) else float(self.timeout)

    def attempt_limit(self) -> float | None:
        """Seconds one attempt may take in all: the timeout, cut short by the call's deadline."""
        if self.deadline is None:
            return self.attempt_seconds
        remaining = max(0.0, self.deadline - time.monotonic())
        return remaining if self.attempt_seconds is None else min(self.attempt_seconds, remaining)


class OutboundsClient:
    """Async client for Flexport's Outbounds API (2026-02). One connection pool per client; share one instance.

    Use it as `async with OutboundsClient() as client:` or call `await client.aclose()` when done.

    Args:
        token: API token; defaults to the `FLEXPORT_API_TOKEN` environment variable.
        base_url: API root; defaults to `FLEXPORT_BASE_URL`, then Flexport's production server.
        timeout: seconds for one whole attempt (connect is bounded at 5 s), or an `httpx.Timeout`.
        max_retries: retries after the first attempt, on connection errors, timeouts, 408, 429 and 5xx.
        deadline: optional bound in seconds on one call, all attempts and sleeps included.
        max_retry_after: a Retry-After longer than this raises `RateLimitError` at once instead of sleeping.
        retry_policy: full control of backoff (initial and maximum delay); replaces the two arguments above.
        http_client: your own `httpx.AsyncClient` (proxies, HTTP/2, custom transport). It still gets auth,
            timeouts, retries and error mapping; you keep ownership (`aclose` does not close it).
        allow_insecure_http: permit a plain `http://` base URL to a non-loopback host.
        max_connections: size of the connection pool this client creates (ignored with `http_client`).
        transport: "aiohttp" sends through an aiohttp session directly, without httpx (extra `aiohttp`): several
            times less CPU per request (README "Performance"). Its session is created on the first request, in
            the running event loop: use the client from that loop only. Or an `httpx.AsyncBaseTransport` (an
            `httpx.ASGITransport` to an app in process, say): the client makes and owns an httpx client on it.
            Not together with `http_client`.

    Raises:
        ConfigurationError: when no token is found or the base URL is unusable or insecure.
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        deadline: float | None = None,
        max_retry_after: float = 60.0,
        retry_policy: RetryPolicy | None = None,
        http_client: httpx.AsyncClient | None = None,
        allow_insecure_http: bool = False,
        max_connections: int = 100,
        transport: Literal["httpx", "aiohttp"] | httpx.AsyncBaseTransport = "httpx",
    ) -> None:
        self._token = _resolve_token(token)
        self._api_headers = {**_BASE_HEADERS, "Authorization": f"Bearer {self._token}"}
        self._redact = (self._token,)  # what error messages and bodies must never show
        register_secret(self._token)  # hidden from httpcore's DEBUG log of response headers, should a server echo it
        self._base_url = _resolve_base_url(base_url, allow_insecure_http=allow_insecure_http)
        self._timeout = timeout
        self._deadline = deadline
        self._policy = retry_policy or _policy(max_retries, max_retry_after)
        self._default_options = _CallOptions(timeout, self._policy, None)
        self._owns_http = http_client is None
        # Exactly one of the two sends: an httpx client (the default, or the caller's), or aiohttp directly.
        self._http: httpx.AsyncClient | None = None
        self._aiohttp: AiohttpSender | None = None
        if isinstance(transport, httpx.AsyncBaseTransport):
            if http_client is not None:
                raise ConfigurationError("pass either http_client or a transport object, not both")
            self._http = httpx.AsyncClient(transport=transport, follow_redirects=False)
        elif http_client is None and transport == "aiohttp":
            from ._aiohttp_backend import AiohttpSender

            self._aiohttp = AiohttpSender(max_connections=max_connections)
        else:
            self._http = http_client or _default_http_client(max_connections, transport)
        self._closed = False

    def __repr__(self) -> str:
        return f"OutboundsClient(base_url={self._base_url!r}, token='***', max_retries={self._policy.max_retries})"

    @property
    def base_url(self) -> str:
        """The API root every operation's path is appended to."""
        return self._base_url

    async def __aenter__(self) -> Self:
        self._ensure_open()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (unless it was passed in as `http_client`). Safe to call twice."""
        if not self._closed:
            self._closed = True
            if self._aiohttp is not None:
                await self._aiohttp.aclose()
            elif self._owns_http and self._http is not None:
                await self._http.aclose()

    # --- operations -------------------------------------------------------------------------------------------

    async def create_order(
        self,
        request: CreateOrderRequest | Mapping[str, Any],
        *,
        idempotency_key: str | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> Order:
        """Create an order exactly once, however often the network fails on the way.

        One Idempotency-Key (yours or a fresh UUID) is sent on every attempt. After an ambiguous failure (timeout,
        dropped connection, 5xx) and before retrying, an order with an externalId is looked up by it: found, it is
        returned. A 409 for the externalId returns the existing order when it has the same items.

        Raises:
            RequestValidationError: the request breaks a documented rule (nothing was sent).
            DuplicateExternalIdError: the externalId belongs to an order with different items.
            ConflictError: another conflict (e.g. the Idempotency-Key was reused with a different body).
            FlexportError: any other failure, typed (see the errors module).
        """
        model = validate_create_order(request)
        key = _idempotency_key(idempotency_key)
        request_ = self._request("createOrder", create_order_api._get_kwargs(body=model, idempotency_key=key))
        options = self._options(timeout, max_retries, deadline)
        external_id = model.external_id if isinstance(model.external_id, str) else None
        recover = None if external_id is None else _bind_recovery(self, model, external_id)
        try:
            return await self._execute(request_, options, self._parse_order, recover=recover)
        except DuplicateExternalIdError:
            raise
        except ConflictError as exc:
            if external_id is None:
                raise
            return await self._existing_order_for_conflict(model, external_id, exc)

    async def get_order(
        self, order_id: str, *, timeout: Timeout | None = None, max_retries: int | None = None
    ) -> Order:
        """The order with this id.

        Raises:
            NotFoundError: no such order. RequestValidationError: an empty or unusable id.
        """
        kwargs = get_order_api._get_kwargs(check_path_id("order_id", order_id))
        return await self._execute(
            self._request("getOrder", kwargs), self._options(timeout, max_retries), self._parse_order
        )

    async def get_order_by_external_id(
        self, external_id: str, *, timeout: Timeout | None = None, max_retries: int | None = None
    ) -> Order:
        """The order created with this externalId.

        Raises:
            NotFoundError: no order has it. RequestValidationError: an empty or unusable id.
        """
        kwargs = get_order_by_external_id_api._get_kwargs(check_path_id("external_id", external_id))
        request = self._request("getOrderByExternalId", kwargs)
        return await self._execute(request, self._options(timeout, max_retries), self._parse_order)

    async def get_shipment_attachment_upload_url(
        self,
        order_id: str,
        shipment_id: str,
        *,
        attachment_type: AttachmentType | str,
        content_type: AttachmentContentType | str = AttachmentContentType.APPLICATIONPDF,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> AttachmentUploadUrl:
        """A pre-signed URL (valid one hour) to PUT one PDF document of the shipment to.

        Raises:
            RequestValidationError: bad ids, or a content type other than application/pdf.
            NotFoundError: no such order or shipment.
        """
        body = _upload_url_body(attachment_type, content_type)
        kwargs = upload_url_api._get_kwargs(
            check_path_id("order_id", order_id), check_path_id("shipment_id", shipment_id), body=body
        )
        request = self._request("getShipmentAttachmentUploadUrl", kwargs)
        return await self._execute(request, self._options(timeout, max_retries), self._parse_upload_url)

    async def upload_shipment_attachment(
        self,
        order_id: str,
        shipment_id: str,
        *,
        attachment_type: AttachmentType | str,
        file: FileInput,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> AttachmentUploadUrl:
        """Upload a PDF (bytes, a path, or a binary file) as a shipment document; returns the target used.

        Gets an upload URL, PUTs the bytes there with `Content-Type: application/pdf` and no Authorization
        header (the URL is pre-signed for another host), and fetches a fresh URL once if the first one is
        expired or refused (403).

        Raises:
            RequestValidationError: the file is empty, unreadable or not a PDF (nothing was sent).
            PermissionDeniedError: the storage refused a fresh URL too.
        """
        data = read_pdf(file)
        options = self._options(timeout, max_retries)
        for attempt in (1, 2):
            target = await self.get_shipment_attachment_upload_url(
                order_id, shipment_id, attachment_type=attachment_type, timeout=timeout, max_retries=max_retries
            )
            try:
                await self._put_document(target, data, options, last_chance=attempt == 2)
            except PermissionDeniedError:
                if attempt == 2:
                    raise
                logger.info("upload URL was refused (expired or revoked); fetching a fresh one")
                continue
            return target
        raise AssertionError("unreachable")  # pragma: no cover

    async def cancel_order(
        self, order_id: str, *, timeout: Timeout | None = None, max_retries: int | None = None
    ) -> None:
        """Cancel an order that is PLANNED or BOOKED. Cancelling a CANCELLED order is a no-op.

        The order is fetched first; a cancel request is only sent when its status allows one.

        Raises:
            OrderNotCancellableError: the order is IN_PROGRESS or later (also when it moved on meanwhile).
            NotFoundError: no such order.
        """
        check_path_id("order_id", order_id)
        order = await self.get_order(order_id, timeout=timeout, max_retries=max_retries)
        if _check_cancellable(order):
            return
        kwargs = cancel_order_api._get_kwargs(order_id)
        options = self._options(timeout, max_retries)
        try:
            await self._execute(self._request("cancelOrder", kwargs), options, _no_body)
        except (ConflictError, BadRequestError, UnprocessableEntityError) as exc:
            current = await self.get_order(order_id, timeout=timeout, max_retries=max_retries)
            if current.order_status == OrderStatus.CANCELLED:
                return
            if current.order_status not in CANCELLABLE_STATUSES:
                raise OrderNotCancellableError(order_id, current.order_status, detail=str(exc)) from exc
            raise

    # --- machinery --------------------------------------------------------------------------------------------

    def _request(self, operation: str, kwargs: Mapping[str, Any]) -> _Request:
        """The request the generated `_get_kwargs` describes, on this client's base URL."""
        body = kwargs.get("json")
        content = None if body is None else _json.dumps(body)
        url = self._base_url + kwargs["url"]
        return _Request(operation, kwargs["method"].upper(), url, kwargs.get("headers") or _NO_HEADERS, content)

    def _options(self, timeout: Timeout | None, max_retries: int | None, deadline: float | None = None) -> _CallOptions:
        if timeout is None and max_retries is None and deadline is None and self._deadline is None:
            return self._default_options  # the common case: nothing overridden, nothing to compute
        policy = self._policy if max_retries is None else attrs.evolve(self._policy, max_retries=max_retries)
        overall = deadline if deadline is not None else self._deadline
        deadline_at = None if overall is None else time.monotonic() + overall
        return _CallOptions(timeout if timeout is not None else self._timeout, policy, deadline_at)

    def _parse_order(self, response: ResponseLike) -> Order:
        """Raises UnexpectedResponseError for a body that is not an order with an orderId."""
        order = _parse_model(response, Order, self._redact)
        if type(order.order_id) is not str or not order.order_id:
            raise _missing_text(response, "order_id", order.order_id, self._redact)
        return order

    def _parse_upload_url(self, response: ResponseLike) -> AttachmentUploadUrl:
        """Raises UnexpectedResponseError for a body that is not an upload target with an uploadUrl."""
        target = _parse_model(response, AttachmentUploadUrl, self._redact)
        if type(target.upload_url) is not str or not target.upload_url:
            raise _missing_text(response, "upload_url", target.upload_url, self._redact)
        return target

    def _ensure_open(self) -> None:
        if self._closed or (self._http is not None and self._http.is_closed):
            raise ClientClosedError("this OutboundsClient is closed; create a new one (or use it inside `async with`)")

    async def _execute(
        self,
        request: _Request,
        options: _CallOptions,
        parse: Callable[[ResponseLike], T],
        *,
        recover: Callable[[FlexportError], Awaitable[T | None]] | None = None,
    ) -> T:
        """Send with retries; parse the 2xx response; map every failure to a FlexportError.

        `recover` runs before each retry that follows an ambiguous failure; a non-None result ends the call.
        """
        retry_number = 0
        while True:
            try:
                self._ensure_open()
                started = time.monotonic()
                response = await self._send(request, options)  # one attempt
                return parse(self._success(request, response, retry_number + 1, started))
            except (APIConnectionError, _ResponseError) as error:
                retry_number += 1
                delay = options.policy.delay_before_retry(error, retry_number, deadline=options.deadline)
                if delay is None:
                    raise
                if recover is not None and _is_ambiguous(error):
                    recovered = await recover(error)
                    if recovered is not None:
                        return recovered
                _log_retry(request, error, retry_number, delay)
                await _sleep(delay)

    def _success(self, request: _Request, response: ResponseLike, attempt: int, started: float) -> ResponseLike:
        """Logs the attempt's response and returns it if it is a 2xx; raises its typed error if not."""
        _log_response(request, response, attempt, time.monotonic() - started)
        if 200 <= response.status_code < 300:
            return response
        raise error_from_response(response, redact=self._secrets(request))

    def _send(self, request: _Request, options: _CallOptions) -> Awaitable[ResponseLike]:
        """One send through this client's transport (plain functions returning the coroutine to await: every
        coroutine level costs each await of a request)."""
        if self._aiohttp is not None:
            return self._send_aiohttp(self._aiohttp, request, options)
        if self._http is None:  # pragma: no cover - one of the two is always set
            raise ClientClosedError("this OutboundsClient has no connection pool")
        return self._send_httpx(self._http, request, options)

    async def _send_httpx(self, http: httpx.AsyncClient, request: _Request, options: _CallOptions) -> ResponseLike:
        import asyncio  # see _sleep

        http_request = self._build(http, request, options.http_timeout)
        limit = options.attempt_limit()
        try:
            async with asyncio.timeout(limit):
                return await http.send(http_request, auth=None, follow_redirects=False)
        except (TimeoutError, httpx.TimeoutException) as exc:
            sent = not isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
            raise APITimeoutError(
                "request timed out", method=request.method, url=_shown_url(request), request_sent=sent
            ) from exc
        except httpx.TransportError as exc:
            sent = not isinstance(exc, httpx.ConnectError)
            reason = type(exc).__name__
            raise APIConnectionError(
                f"connection failed ({reason})", method=request.method, url=_shown_url(request), request_sent=sent
            ) from exc
        except RuntimeError as exc:
            if http.is_closed:
                raise ClientClosedError("the http_client passed to OutboundsClient was closed") from exc
            raise

    def _send_aiohttp(self, sender: AiohttpSender, request: _Request, options: _CallOptions) -> Awaitable[ResponseLike]:
        """One send through aiohttp; the same headers, timeouts and typed errors as the httpx path."""
        timeout = options.http_timeout
        # A float timeout bounds the whole attempt; an httpx.Timeout bounds each read. aiohttp enforces both.
        read = timeout.read if options.attempt_seconds is None else None
        return sender.send(
            request.method,
            request.url,
            self._headers(request),
            request.content,
            total_timeout=options.attempt_limit(),
            connect_timeout=timeout.connect,
            read_timeout=read,
            shown_url=_shown_url(request),
            # API URLs are the normalised base URL plus a path the generated code percent-encoded
            url_is_encoded=request.authenticated,
        )

    def _headers(self, request: _Request) -> Mapping[str, str]:
        """The request's headers, plus Authorization for API requests only (never for pre-signed upload URLs)."""
        common = self._api_headers if request.authenticated else _BASE_HEADERS
        return {**common, **request.headers} if request.headers else common  # both transports copy what they get

    def _build(self, http: httpx.AsyncClient, request: _Request, timeout: httpx.Timeout) -> httpx.Request:
        headers = self._headers(request)
        http_request = http.build_request(
            request.method,
            request.url,
            headers=headers,
            content=request.content,
            timeout=timeout,
        )
        if not request.authenticated:
            http_request.headers.pop("Authorization", None)  # even if the caller's http_client set one
        return http_request

    def _secrets(self, request: _Request) -> tuple[str, ...]:
        query_values = tuple(value for _, value in httpx.URL(request.url).params.multi_items() if len(value) >= 8)
        return (self._token, *query_values)

    async def _put_document(
        self, target: AttachmentUploadUrl, data: bytes, options: _CallOptions, *, last_chance: bool
    ) -> None:
        expires = target.expiration_time
        if expires.tzinfo is None:  # off-spec (RFC 3339 requires an offset); read it as UTC rather than crash
            expires = expires.replace(tzinfo=datetime.UTC)
        if expires <= datetime.datetime.now(datetime.UTC) + UPLOAD_URL_MIN_VALIDITY:
            if last_chance:
                raise UnexpectedResponseError(
                    f"Flexport returned an upload URL that expires at {target.expiration_time.isoformat()}",
                    status_code=200,
                )
            raise PermissionDeniedError("the upload URL has expired or is about to", status_code=403)
        request = _Request(
            "uploadShipmentAttachment",
            "PUT",
            target.upload_url,
            {"Content-Type": "application/pdf"},
            content=data,
            authenticated=False,
        )
        await self._execute(request, options, _no_body)

    async def _find_created_order(self, model: CreateOrderRequest, external_id: str) -> Order | None:
        """After an ambiguous create failure: the order if it was created, None if not (or if unknowable)."""
        try:
            order = await self.get_order_by_external_id(external_id)
        except NotFoundError:
            return None
        except FlexportError as exc:
            logger.info("could not look up externalId %r before retrying create: %s", external_id, exc)
            return None
        if not _same_order(model, order):
            raise DuplicateExternalIdError(_conflict_message(external_id, order), existing_order_id=order.order_id)
        logger.info("order with externalId %r was created despite the failure; returning it", external_id)
        return order

    async def _existing_order_for_conflict(
        self, model: CreateOrderRequest, external_id: str, conflict: ConflictError
    ) -> Order:
        try:
            order = await self.get_order_by_external_id(external_id)
        except NotFoundError:
            raise conflict from None
        if _same_order(model, order):
            logger.info("externalId %r already exists with the same items; returning that order", external_id)
            return order
        message = _conflict_message(external_id, order)
        raise DuplicateExternalIdError(message, existing_order_id=order.order_id, conflict=conflict) from conflict


# --- helpers (module level: pure functions, easy to test) -------------------------------------------------------


def _resolve_token(token: str | None) -> str:
    value = token if token is not None else os.environ.get(TOKEN_ENV)
    if value is None or not value.strip():
        raise ConfigurationError(f"no Flexport API token: pass token=... or set the {TOKEN_ENV} environment variable")
    if any(ch in value for ch in "\r\n\x00"):
        raise ConfigurationError("the API token contains a line break or NUL character")
    return value.strip()


def _resolve_base_url(base_url: str | None, *, allow_insecure_http: bool) -> str:
    raw = base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    try:
        url = httpx.URL(raw)
    except httpx.InvalidURL as exc:
        raise ConfigurationError(f"invalid base URL: {exc}") from exc
    if url.scheme not in ("http", "https") or not url.host:
        # scheme and host only: the rest of an unusable URL may hold a password
        shown = f"scheme {url.scheme!r}, host {url.host!r}"
        raise ConfigurationError(f"base URL must be an absolute http(s) URL, got {shown}")
    if url.userinfo:
        # It would be shown in every log line and repr, and httpx would send it as Basic auth instead of the token.
        raise ConfigurationError("the base URL must not contain a user name or password; the token is the credential")
    if url.scheme == "http" and not allow_insecure_http and not is_loopback_host(url.host):
        raise ConfigurationError(
            f"refusing plain http:// to {url.host!r}: the token would travel unencrypted. "
            "Use https://, or pass allow_insecure_http=True if this really is what you want."
        )
    return str(url.copy_with(query=None, fragment=None)).rstrip("/")


def _policy(max_retries: int, max_retry_after: float) -> RetryPolicy:
    try:
        return RetryPolicy(max_retries=max_retries, max_retry_after=max_retry_after)
    except ValueError as exc:
        raise ConfigurationError(f"invalid retry settings: {exc}") from exc


def _default_http_client(max_connections: int, transport: str) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
    if transport != "httpx":  # "aiohttp" never comes here: that client sends through _aiohttp_backend
        raise ConfigurationError(f"transport must be 'httpx' or 'aiohttp', got {transport!r}")
    return httpx.AsyncClient(limits=limits, follow_redirects=False, trust_env=True)


def _httpx_timeout(timeout: Timeout) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        return timeout
    return _seconds_timeout(float(timeout))


@functools.lru_cache(maxsize=64)
def _seconds_timeout(timeout: float) -> httpx.Timeout:
    # pool=None: with thousands of tasks on one pool, waiting for a connection is bounded by the attempt limit
    return httpx.Timeout(timeout, connect=min(DEFAULT_CONNECT_TIMEOUT, timeout), pool=None)


def _idempotency_key(key: str | None) -> str:
    if key is None:
        return str(uuid.uuid4())
    if not isinstance(key, str) or not key.strip() or len(key) > 255 or any(ord(c) < 32 for c in key):
        raise RequestValidationError({"idempotency_key": "must be 1 to 255 printable characters"})
    return key


def _upload_url_body(
    attachment_type: AttachmentType | str, content_type: AttachmentContentType | str
) -> AttachmentUploadUrlRequest:
    if content_type != AttachmentContentType.APPLICATIONPDF:
        raise RequestValidationError({"content_type": f"only application/pdf is supported, got {content_type!r}"})
    if not isinstance(attachment_type, str) or not attachment_type.strip():
        raise RequestValidationError({"attachment_type": "must be an AttachmentType such as SHIPPING_LABELS"})
    return AttachmentUploadUrlRequest(
        attachment_type=AttachmentType(attachment_type), content_type=AttachmentContentType.APPLICATIONPDF
    )


async def _sleep(seconds: float) -> None:
    # asyncio is imported where it is used, not with this module: it is a third of the import time of
    # OutboundsClient (~30 ms), and a program that awaits the client has loaded it already.
    import asyncio

    await asyncio.sleep(seconds)


def _is_ambiguous(error: FlexportError) -> bool:
    """Might the failed request have been carried out? (Then a create must look before it retries.)"""
    if isinstance(error, APIConnectionError):
        return error.request_sent
    return isinstance(error, _ResponseError) and error.status_code >= 500


def _bind_recovery(
    client: OutboundsClient, model: CreateOrderRequest, external_id: str
) -> Callable[[FlexportError], Awaitable[Order | None]]:
    async def recover(_error: FlexportError) -> Order | None:
        return await client._find_created_order(model, external_id)

    return recover


def _check_cancellable(order: Order) -> bool:
    """True when the order is already CANCELLED (nothing to do).

    Raises:
        OrderNotCancellableError: when its status is anything but PLANNED, BOOKED or CANCELLED.
    """
    if order.order_status == OrderStatus.CANCELLED:
        return True
    if order.order_status not in CANCELLABLE_STATUSES:
        raise OrderNotCancellableError(order.order_id, order.order_status)
    return False


def _item_signature(item: Mapping[str, Any]) -> tuple[str, float, str]:
    product = item.get("productData") or {}
    sku = item.get("logisticsSku") or product.get("sku") or product.get("upc") or product.get("gtin") or ""
    quantity = item.get("quantity")
    return (str(sku), float(quantity) if isinstance(quantity, int | float) else -1.0, str(item.get("quantityUOM")))


def _same_order(model: CreateOrderRequest, order: Order) -> bool:
    """Is `order` what `model` would have created? Compares the line items (SKU, quantity, unit) as multisets."""
    requested = Counter(_item_signature(item.to_dict()) for item in model.order_items)
    existing = Counter(_item_signature(item.to_dict()) for item in order.order_items)
    return requested == existing


def _conflict_message(external_id: str, order: Order) -> str:
    return (
        f"externalId {external_id!r} already belongs to order {order.order_id!r} (status {order.order_status}) "
        "whose items differ from this request; use a new externalId or fetch that order"
    )


def _parse_model(response: ResponseLike, model: type[M], redact: tuple[str, ...]) -> M:
    """The 2xx body as `model`.

    Raises:
        UnexpectedResponseError: the body is not JSON, not an object, or does not match the model's schema.
    """
    try:
        data = _json.loads(response.content)
    except (ValueError, RecursionError) as exc:  # RecursionError: the stdlib decoder on very deep nesting
        raise unexpected_response(response, f"body is not valid JSON ({exc})", redact=redact) from exc
    if not isinstance(data, dict):
        raise unexpected_response(response, f"expected a JSON object, got {type(data).__name__}", redact=redact)
    try:
        return model.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        reason = f"body does not match the {model.__name__} schema ({type(exc).__name__}: {exc})"
        raise unexpected_response(response, reason, redact=redact) from exc


def _missing_text(response: ResponseLike, name: str, value: object, redact: tuple[str, ...]) -> UnexpectedResponseError:
    """The error for a field the client goes on to use that is not a non-empty string."""
    return unexpected_response(response, f"{name} must be a non-empty string, got {value!r}", redact=redact)


def _no_body(_response: ResponseLike) -> None:
    return None


def _shown_url(request: _Request) -> str:
    return request.url if request.authenticated else redact_url(request.url)


def _log_response(request: _Request, response: ResponseLike, attempt: int, elapsed: float) -> None:
    if not logger.isEnabledFor(logging.INFO):
        return
    correlation_id = response.headers.get("x-correlation-id")
    logger.info(
        "%s %s -> %s (attempt %d, %.3fs, correlation id %s)",
        request.method,
        _shown_url(request),
        response.status_code,
        attempt,
        elapsed,
        correlation_id,
        extra={
            "flexport_operation": request.operation,
            "flexport_status": response.status_code,
            "flexport_attempt": attempt,
            "flexport_elapsed": elapsed,
            "flexport_correlation_id": correlation_id,
        },
    )


def _log_retry(request: _Request, error: FlexportError, retry_number: int, delay: float) -> None:
    correlation_id = getattr(error, "correlation_id", None)
    logger.warning(
        "retrying %s %s in %.2fs (retry %d) after: %s",
        request.method,
        _shown_url(request),
        delay,
        retry_number,
        error,
        extra={
            "flexport_operation": request.operation,
            "flexport_retry": retry_number,
            "flexport_delay": delay,
            "flexport_correlation_id": correlation_id,
        },
    )
