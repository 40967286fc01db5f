"""OpenTelemetry tracing (the `otel` extra): one span per call, a child span per attempt.

A call span (`flexport.outbounds <operationId>`, kind INTERNAL) covers attempts, sleeps and create's lookups, and
says how the call went: the operation, the attempts it took, the reasons of its retries, the correlation id of the
response it ended with, create's outcome. Each attempt is an HTTP client span (`GET`, `POST`, ...) with the
attributes of OpenTelemetry's HTTP client semantic conventions: `http.request.method`, `url.full`,
`server.address`, `server.port`, `http.response.status_code`, `http.request.resend_count`, `error.type`.

Never the token, a body, or the query of an upload URL (a signature): URLs are shown as logs show them, a
correlation id without secrets, and an error by its type only (its message may quote a body).

Without opentelemetry-api installed this module imports nothing and the pipeline takes no tracing branch; with it
installed but no tracer provider configured (no SDK), calls are not traced either, until one is.
"""

from __future__ import annotations

import urllib.parse
from typing import TYPE_CHECKING, Any, Final

from ._redact import Secrets, printable
from ._version import __version__

if TYPE_CHECKING:
    from opentelemetry.trace import Span, Tracer, TracerProvider

    from ._transports.base import PreparedRequest, Response

__all__ = ["Tracing", "load_tracing"]

INSTRUMENTATION: Final = "flexport_outbounds_client"


def load_tracing(secrets: Secrets, provider: TracerProvider | None = None) -> Tracing | None:
    """Tracing through `provider`, else the global tracer provider; None when opentelemetry-api is not installed
    (and no provider was given)."""
    if provider is not None:
        return Tracing(provider.get_tracer(INSTRUMENTATION, __version__), secrets, configured=True)
    try:
        from opentelemetry import trace
    except ImportError:
        return None
    return Tracing(trace.get_tracer(INSTRUMENTATION, __version__), secrets)


class Tracing:
    """Starts the spans of one client's calls and attempts."""

    __slots__ = ("_configured", "_global_provider", "_placeholders", "_secrets", "_tracer")

    def __init__(self, tracer: Tracer, secrets: Secrets, *, configured: bool = False) -> None:
        from opentelemetry import trace

        self._tracer = tracer
        self._secrets = secrets
        self._configured = configured
        # looked up once: `active` runs on every call, and an import statement there cost ~10 us per call
        self._global_provider = trace.get_tracer_provider
        self._placeholders = (trace.ProxyTracerProvider, trace.NoOpTracerProvider)

    @property
    def active(self) -> bool:
        """Whether an application configured a tracer provider (spans would go nowhere without one)."""
        if not self._configured:
            # set once per process (OpenTelemetry refuses a second one): once seen, no need to look again
            self._configured = not isinstance(self._global_provider(), self._placeholders)
        return self._configured

    def call(self, request: PreparedRequest) -> Any:
        """The span of one call, made current (a context manager): attempts and lookups become its children."""
        from opentelemetry.trace import SpanKind

        return self._tracer.start_as_current_span(
            f"flexport.outbounds {request.operation}",
            kind=SpanKind.INTERNAL,
            attributes={"flexport.operation": request.operation},
            record_exception=False,  # a message may quote a body: the error's type is recorded instead
            set_status_on_exception=False,
        )

    def attempt(self, request: PreparedRequest, number: int) -> Span:
        """The HTTP client span of one attempt, started (a child of the current call span); end it."""
        from opentelemetry.trace import SpanKind

        url = request.shown_url()
        parts = urllib.parse.urlsplit(url)
        attributes: dict[str, Any] = {
            "http.request.method": request.method,
            "url.full": url,
            "server.address": parts.hostname or "",
            "server.port": parts.port or (443 if parts.scheme == "https" else 80),
            "flexport.operation": request.operation,
        }
        if number > 1:
            attributes["http.request.resend_count"] = number - 1
        return self._tracer.start_span(request.method, kind=SpanKind.CLIENT, attributes=attributes)

    def answered(self, span: Span, response: Response) -> None:
        """What an attempt's response says."""
        span.set_attribute("http.response.status_code", response.status_code)
        correlation_id = response.headers.get("x-correlation-id")
        if correlation_id is not None:
            span.set_attribute("flexport.correlation_id", self._secrets.text(printable(correlation_id)))
        if response.status_code >= 400:
            self.failed(span, str(response.status_code))

    @staticmethod
    def failed(span: Span, error_type: str) -> None:
        """An attempt or a call that ended in an error, told by its type (a status code or an exception class)."""
        from opentelemetry.trace import Status, StatusCode

        span.set_attribute("error.type", error_type)
        span.set_status(Status(StatusCode.ERROR))

    @staticmethod
    def ended(span: Span, *, attempts: int, retry_reasons: list[str], correlation_id: str | None) -> None:
        """How a call went: attempts, why it retried, the correlation id (shown without secrets) it ended with."""
        span.set_attribute("flexport.attempts", attempts)
        if retry_reasons:
            span.set_attribute("flexport.retry_reasons", retry_reasons)
        if correlation_id is not None:
            span.set_attribute("flexport.correlation_id", correlation_id)
