"""The request pipeline: a prepared request becomes a parsed result or a typed error.

`Pipeline.execute` runs the attempts of one call through the client's transport (`_transports`): it bounds each
attempt and the whole call (timeout, deadline), retries what `RetryPolicy` allows (giving create's recovery a look
first), logs every attempt without secrets, maps every non-2xx response to its `FlexportError` and parses 2xx
bodies into models. `OutboundsClient` keeps the settings and the operations; everything per call is here.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, Protocol, Self, TypeVar

import attrs
import httpx

from . import _json
from ._config import DEFAULT_TIMEOUT, option_problems, parse_url
from ._drift import DriftMonitor
from ._errors import (
    APIConnectionError,
    ClientClosedError,
    FlexportError,
    RequestValidationError,
    UnexpectedResponseError,
    _ResponseError,
    error_from_response,
    unexpected_response,
)
from ._generated.models import AttachmentUploadUrl, Order
from ._generated.types import DRIFT, ApiRequest
from ._redact import Secrets, printable
from ._results import Details
from ._retry import RetryPolicy
from ._tracing import Tracing, load_tracing
from ._transports.base import PreparedRequest, Response, Sender

if TYPE_CHECKING:
    from opentelemetry.trace import TracerProvider

__all__ = ["DEFAULT_CONNECT_TIMEOUT", "CallOptions", "Pipeline", "Timeout", "logger"]

logger = logging.getLogger("flexport_outbounds_client")
# A library configures no output: without this, Python's last-resort handler would print every retry WARNING to
# stderr of applications that never set up logging. Applications that do configure logging see everything.
logger.addHandler(logging.NullHandler())

DEFAULT_CONNECT_TIMEOUT: Final = 5.0
Timeout = float | httpx.Timeout
T = TypeVar("T")
_NO_HEADERS: Final[Mapping[str, str]] = {}


class _Model(Protocol):
    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


M = TypeVar("M", bound=_Model)


@attrs.frozen
class CallOptions:
    """How one call may spend time and retries; what every attempt needs of it is derived once, here."""

    timeout: Timeout
    policy: RetryPolicy
    deadline: float | None  # a time.monotonic() value
    http_timeout: httpx.Timeout = attrs.field(init=False)
    attempt_seconds: float = attrs.field(init=False)  # every attempt is bounded, whatever form the timeout has

    @http_timeout.default
    def _derive_http_timeout(self) -> httpx.Timeout:
        return httpx_timeout(self.timeout)

    @attempt_seconds.default
    def _derive_attempt_seconds(self) -> float:
        return whole_attempt_seconds(self.timeout)

    def with_retries(self, max_retries: int) -> CallOptions:
        """These options with another retry count (same timeout, same deadline)."""
        if self.policy.max_retries == max_retries:
            return self
        return CallOptions(self.timeout, attrs.evolve(self.policy, max_retries=max_retries), self.deadline)

    def attempt_limit(self) -> float:
        """Seconds one attempt may take in all: the timeout, cut short by the call's deadline."""
        if self.deadline is None:
            return self.attempt_seconds
        return min(self.attempt_seconds, max(0.0, self.deadline - time.monotonic()))


def whole_attempt_seconds(timeout: Timeout) -> float:
    """The bound of one whole attempt: a number of seconds is that; an httpx.Timeout bounds each phase (waiting for
    a connection, connecting, each write, each read), and the whole attempt by the sum of those it bounds (or
    DEFAULT_TIMEOUT when it bounds none), so a server that sends one byte per read timeout cannot hold a call."""
    if not isinstance(timeout, httpx.Timeout):
        return float(timeout)
    parts = [part for part in (timeout.pool, timeout.connect, timeout.write, timeout.read) if part is not None]
    return float(sum(parts)) if parts else DEFAULT_TIMEOUT


def httpx_timeout(timeout: Timeout) -> httpx.Timeout:
    """The per-phase timeouts of a client or call timeout (seconds for a whole attempt, or an httpx.Timeout)."""
    if isinstance(timeout, httpx.Timeout):
        return timeout
    return _seconds_timeout(float(timeout))


@functools.lru_cache(maxsize=64)
def _seconds_timeout(timeout: float) -> httpx.Timeout:
    # pool=None: with thousands of tasks on one pool, waiting for a connection is bounded by the attempt limit
    return httpx.Timeout(timeout, connect=min(DEFAULT_CONNECT_TIMEOUT, timeout), pool=None)


class Pipeline:
    """Sends the requests of one client: its transport, its headers, its secrets and its default options."""

    __slots__ = (
        "_allow_insecure_http",
        "_api_headers",
        "_base_url",
        "_deadline",
        "_default_options",
        "_plain_headers",
        "_secrets",
        "_sender",
        "_tracing",
        "drift",
    )

    def __init__(
        self,
        sender: Sender,
        *,
        base_url: str,
        plain_headers: Mapping[str, str],
        api_headers: Mapping[str, str],
        secrets: Secrets,
        default_options: CallOptions,
        default_deadline: float | None,
        allow_insecure_http: bool,
        tracer_provider: TracerProvider | None = None,
    ) -> None:
        self._sender = sender
        self._base_url = base_url
        self._plain_headers = dict(plain_headers)  # every request: Accept, User-Agent
        self._api_headers = {**plain_headers, **api_headers}  # API requests also get Authorization
        self._secrets = secrets
        self._default_options = default_options
        self._deadline = default_deadline  # seconds per call, or None
        self._allow_insecure_http = allow_insecure_http  # for the upload URLs servers hand out, as for the base URL
        self.drift = DriftMonitor(secrets)
        self._tracing = load_tracing(secrets, tracer_provider)

    @property
    def is_closed(self) -> bool:
        return self._sender.is_closed

    async def aclose(self) -> None:
        await self._sender.aclose()

    def ensure_open(self) -> None:
        """Raises ClientClosedError when the transport can no longer send."""
        if self._sender.is_closed:
            raise ClientClosedError("this OutboundsClient is closed; create a new one (or use it inside `async with`)")

    # --- requests -------------------------------------------------------------------------------------------------

    def options(self, timeout: Timeout | None, max_retries: int | None, deadline: float | None) -> CallOptions:
        """The options of one call: the client's, with what the call overrides."""
        default = self._default_options
        if timeout is None and max_retries is None and deadline is None and self._deadline is None:
            return default  # the common case: nothing overridden, nothing to compute
        problems = option_problems(timeout=timeout, max_retries=max_retries, deadline=deadline)
        if problems:
            raise RequestValidationError(problems)
        policy = default.policy if max_retries is None else attrs.evolve(default.policy, max_retries=max_retries)
        overall = deadline if deadline is not None else self._deadline
        deadline_at = None if overall is None else time.monotonic() + overall
        return CallOptions(timeout if timeout is not None else default.timeout, policy, deadline_at)

    def api_request(self, request: ApiRequest) -> PreparedRequest:
        """An operation's request (from the generated `build_request`) on this client's base URL, authenticated."""
        body = request.json
        content = None if body is None else _json.dumps(body)
        headers = {**self._api_headers, **request.headers} if request.headers else self._api_headers
        return PreparedRequest(request.operation_id, request.method, self._base_url + request.path, headers, content)

    def upload_request(self, url: str, data: bytes) -> PreparedRequest:
        """The PUT of a PDF to a pre-signed URL (another host, checked by `parse_upload_url`): no Authorization."""
        headers = {**self._plain_headers, "Content-Type": "application/pdf"}
        return PreparedRequest("uploadShipmentAttachment", "PUT", url, headers, data, authenticated=False)

    # --- attempts -------------------------------------------------------------------------------------------------

    def execute(
        self,
        request: PreparedRequest,
        options: CallOptions,
        parse: Callable[[Response], T],
        *,
        recover: Callable[[FlexportError], Awaitable[Details[T] | None]] | None = None,
    ) -> Awaitable[Details[T]]:
        """Send with retries; parse the 2xx response; map every failure to a FlexportError.

        Returns the parsed value with the response it came from. `recover` runs before each retry that follows an
        ambiguous failure (the request may have been carried out); a non-None result ends the call with it. With
        tracing (the `otel` extra), the call is a span and each attempt a child span.
        """
        tracing = self._tracing
        if tracing is None or not tracing.active:
            return self._attempts(request, options, parse, recover, None)
        return self._traced(request, options, parse, recover, tracing)

    async def _traced(
        self,
        request: PreparedRequest,
        options: CallOptions,
        parse: Callable[[Response], T],
        recover: Callable[[FlexportError], Awaitable[Details[T] | None]] | None,
        tracing: Tracing,
    ) -> Details[T]:
        with tracing.call(request) as span:
            reasons: list[str] = []
            try:
                details = await self._attempts(request, options, parse, recover, (tracing, reasons))
            except FlexportError as error:
                tracing.failed(span, type(error).__name__)
                tracing.ended(span, attempts=len(reasons) + 1, retry_reasons=reasons, correlation_id=None)
                raise
            tracing.ended(span, attempts=details.attempts, retry_reasons=reasons, correlation_id=details.correlation_id)
            return details

    async def _attempts(
        self,
        request: PreparedRequest,
        options: CallOptions,
        parse: Callable[[Response], T],
        recover: Callable[[FlexportError], Awaitable[Details[T] | None]] | None,
        trace: tuple[Tracing, list[str]] | None,
    ) -> Details[T]:
        retry_number = 0
        sender = self._sender
        tracing, reasons = trace if trace is not None else (None, None)
        while True:
            span = None if tracing is None else tracing.attempt(request, retry_number + 1)
            try:
                if sender.is_closed:
                    self.ensure_open()
                started = time.monotonic()
                response = await sender.send(request, options.http_timeout, options.attempt_limit())
                if span is not None and tracing is not None:
                    tracing.answered(span, response)
                _log_response(request, response, retry_number + 1, time.monotonic() - started, self._secrets)
                if not 200 <= response.status_code < 300:
                    raise error_from_response(response, secrets=self._secrets_for(request))
                if response.incomplete is not None:
                    raise self.unusable(response, response.incomplete)
                heard: list[tuple[str, str, str]] = []
                listening = DRIFT.set(heard)
                try:
                    value = parse(response)
                finally:
                    DRIFT.reset(listening)
                if heard:
                    self._notice_drift(heard, request, response)
                return Details(value, response, self._secrets, attempts=retry_number + 1)
            except (APIConnectionError, _ResponseError) as error:
                if span is not None and isinstance(error, APIConnectionError):
                    Tracing.failed(span, type(error).__name__)
                retry_number += 1
                delay = options.policy.delay_before_retry(error, retry_number, deadline=options.deadline)
                if delay is None:
                    raise
                if recover is not None and _is_ambiguous(error):
                    recovered = await recover(error)
                    if recovered is not None:
                        return recovered
                    if options.deadline is not None and time.monotonic() + delay >= options.deadline:
                        raise  # the lookup took the time that was left
                if reasons is not None:
                    reasons.append(_reason(error))
                _log_retry(request, error, retry_number, delay)
                await _sleep(delay)
            finally:
                if span is not None:
                    span.end()

    def _notice_drift(self, heard: list[tuple[str, str, str]], request: PreparedRequest, response: Response) -> None:
        correlation_id = response.headers.get("x-correlation-id")
        shown = None if correlation_id is None else self._secrets.text(printable(correlation_id))
        self.drift.record(heard, operation=request.operation, correlation_id=shown)

    def _secrets_for(self, request: PreparedRequest) -> Secrets:
        return self._secrets if request.authenticated else self._secrets.with_url_signature(request.url)

    # --- parsing --------------------------------------------------------------------------------------------------

    def parse_order(self, response: Response) -> Order:
        """The 2xx body as an `Order`.

        Raises:
            UnexpectedResponseError: the body is not an order with a non-empty orderId.
        """
        data = self._json_object(response, self._secrets)
        order = self._model(response, Order, data, self._secrets)
        if type(order.order_id) is not str or not order.order_id:
            raise self._missing_text(response, "order_id", order.order_id, self._secrets)
        return order

    def parse_upload_url(self, response: Response) -> AttachmentUploadUrl:
        """The 2xx body as an `AttachmentUploadUrl` whose URL the client may send a document to.

        The URL's signature is a credential: errors about this body never show it.

        Raises:
            UnexpectedResponseError: the body is not an upload target, or its URL is unusable (not absolute
                https, or plain http to a non-loopback host without allow_insecure_http, credentials in it, not a
                URL at all): nothing is sent to such a URL.
        """
        # whatever shape the body has, the query of any URL in it stays out of errors
        secrets = self._secrets.with_signatures_in(response.content.decode("utf-8", "replace"))
        data = self._json_object(response, secrets)
        target = self._model(response, AttachmentUploadUrl, data, secrets)
        if type(target.upload_url) is not str or not target.upload_url:
            raise self._missing_text(response, "upload_url", target.upload_url, secrets)
        _url, problem = parse_url(target.upload_url, allow_insecure_http=self._allow_insecure_http)
        if problem is not None:
            raise unexpected_response(response, f"the upload URL is unusable: {problem}", secrets=secrets)
        return target

    def unusable(self, response: Response, reason: str) -> UnexpectedResponseError:
        """The error for a 2xx response the client cannot use, for `reason`."""
        return unexpected_response(response, reason, secrets=self._secrets)

    @staticmethod
    def _json_object(response: Response, secrets: Secrets) -> dict[str, Any]:
        try:
            data = _json.loads(response.content)
        except (ValueError, RecursionError):  # RecursionError: the stdlib decoder on very deep nesting
            # not chained: the decoder's message quotes the body, which may hold what a server echoed
            data = _NOT_JSON
        if data is _NOT_JSON:
            raise unexpected_response(response, "the body is not valid JSON", secrets=secrets)
        if not isinstance(data, dict):
            raise unexpected_response(response, f"expected a JSON object, got {type(data).__name__}", secrets=secrets)
        return data

    @staticmethod
    def _model(response: Response, model: type[M], data: dict[str, Any], secrets: Secrets) -> M:
        reason: str | None = None
        try:
            return model.from_dict(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            # not chained, and told without its values: they come from the server's body
            reason = f"the body does not match the {getattr(model, '__name__', 'model')} schema ({_what(exc)})"
        raise unexpected_response(response, reason, secrets=secrets)

    @staticmethod
    def _missing_text(response: Response, name: str, value: object, secrets: Secrets) -> UnexpectedResponseError:
        return unexpected_response(
            response, f"{name} must be a non-empty string, got {type(value).__name__}", secrets=secrets
        )


_NOT_JSON: Final = object()


def _what(exc: BaseException) -> str:
    """What a model's from_dict failed on, without the value: the field for a missing one, else the error's kind."""
    if isinstance(exc, KeyError) and exc.args and isinstance(exc.args[0], str):
        return f"{exc.args[0]!r} is missing"
    return type(exc).__name__


def no_body(_response: Response) -> None:
    """The parser of operations whose 2xx response carries nothing the caller needs."""
    return


async def _sleep(seconds: float) -> None:
    # asyncio is imported where it is used, not with this module: it is a third of the import time of
    # OutboundsClient (~30 ms), and a program that awaits the client has loaded it already.
    import asyncio

    await asyncio.sleep(seconds)


def _reason(error: FlexportError) -> str:
    """Why an attempt is retried, for a trace: a status code, or the kind of connection failure."""
    return str(error.status_code) if isinstance(error, _ResponseError) else type(error).__name__


def _is_ambiguous(error: FlexportError) -> bool:
    """Might the failed request have been carried out? (Then a create must look before it retries.)"""
    if isinstance(error, APIConnectionError):
        return error.request_sent
    return isinstance(error, _ResponseError) and error.status_code >= 500


def _log_response(request: PreparedRequest, response: Response, attempt: int, elapsed: float, secrets: Secrets) -> None:
    if not logger.isEnabledFor(logging.INFO):
        return
    correlation_id = response.headers.get("x-correlation-id")
    if correlation_id is not None:  # a server's text: may echo a secret, or carry bytes no log should
        correlation_id = secrets.text(printable(correlation_id))
    logger.info(
        "%s %s -> %s (attempt %d, %.3fs, correlation id %s)",
        request.method,
        request.shown_url(),
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


def _log_retry(request: PreparedRequest, error: FlexportError, retry_number: int, delay: float) -> None:
    correlation_id = getattr(error, "correlation_id", None)
    logger.warning(
        "retrying %s %s in %.2fs (retry %d) after: %s",
        request.method,
        request.shown_url(),
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
