"""Tracing with OpenTelemetry's own SDK and in-memory exporter: a span per call, a child span per attempt with the
HTTP client semantic conventions, on both transports; never the token, a body or an upload URL's signature."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Literal

import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from pytest_httpserver import HTTPServer
from werkzeug import Response

from flexport_outbounds_client import NotFoundError, OutboundsClient

from .conftest import (
    CANARY_TOKEN,
    FAST_RETRIES,
    ORDERS,
    PDF,
    SIGNATURE,
    UPLOAD_URL_PATH,
    Sequence,
    ok,
    order_payload,
    problem,
    upload_target,
)


@pytest.fixture
def spans() -> InMemorySpanExporter:
    return InMemorySpanExporter()


@pytest.fixture
async def client(
    base_url: str, transport: Literal["aiohttp", "httpx"], spans: InMemorySpanExporter
) -> AsyncIterator[OutboundsClient]:
    """A client tracing to its own provider (the global one is left alone: it can be set once per process)."""
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(spans))
    async with OutboundsClient(
        CANARY_TOKEN, base_url=base_url, retry_policy=FAST_RETRIES, transport=transport, tracer_provider=provider
    ) as traced:
        yield traced


def everything(span: ReadableSpan) -> str:
    return f"{span.name} {dict(span.attributes or {})} {span.status} {[e.attributes for e in span.events]}"


async def test_a_call_with_a_retry_is_a_span_with_a_child_per_attempt(
    httpserver: HTTPServer, client: OutboundsClient, spans: InMemorySpanExporter
) -> None:
    get = Sequence(problem(503, "Busy"), ok(order_payload(), **{"x-correlation-id": "c-ok"}))
    httpserver.expect_request(f"{ORDERS}/OB-1001").respond_with_handler(get)
    await client.get_order("OB-1001")
    finished = spans.get_finished_spans()
    (call,) = [s for s in finished if s.kind == SpanKind.INTERNAL]
    attempts = sorted((s for s in finished if s.kind == SpanKind.CLIENT), key=lambda s: s.start_time or 0)
    assert call.name == "flexport.outbounds getOrder"
    assert call.attributes is not None
    assert (call.attributes["flexport.attempts"], tuple(call.attributes["flexport.retry_reasons"])) == (2, ("503",))  # type: ignore[arg-type]  # an attribute holding a sequence
    assert call.attributes["flexport.correlation_id"] == "c-ok"
    assert [a.parent.span_id for a in attempts if a.parent] == [call.context.span_id] * 2
    first, second = (dict(a.attributes or {}) for a in attempts)
    assert first["http.request.method"] == "GET" and first["http.response.status_code"] == 503
    assert first["error.type"] == "503" and attempts[0].status.status_code == StatusCode.ERROR
    assert second["http.response.status_code"] == 200 and second["http.request.resend_count"] == 1
    assert first["url.full"] == httpserver.url_for(f"{ORDERS}/OB-1001")
    assert (first["server.address"], first["server.port"]) == ("127.0.0.1", httpserver.port)


async def test_a_failed_call_is_told_by_its_error_type(
    httpserver: HTTPServer, client: OutboundsClient, spans: InMemorySpanExporter
) -> None:
    body = {"status": 404, "title": "Not Found", "detail": f"secret body {CANARY_TOKEN}"}
    httpserver.expect_request(f"{ORDERS}/OB-404").respond_with_json(body, status=404)
    with pytest.raises(NotFoundError):
        await client.get_order("OB-404")
    (call,) = [s for s in spans.get_finished_spans() if s.kind == SpanKind.INTERNAL]
    assert call.status.status_code == StatusCode.ERROR and (call.attributes or {})["error.type"] == "NotFoundError"
    assert "secret body" not in "".join(everything(s) for s in spans.get_finished_spans())


async def test_no_span_shows_the_token_or_an_upload_signature(
    httpserver: HTTPServer, client: OutboundsClient, spans: InMemorySpanExporter
) -> None:
    httpserver.expect_request(UPLOAD_URL_PATH, method="POST").respond_with_json(upload_target(httpserver))
    httpserver.expect_request("/bucket/u1.pdf", method="PUT").respond_with_response(
        Response(status=200, headers={"x-correlation-id": CANARY_TOKEN})
    )
    await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=PDF)
    shown = "".join(everything(s) for s in spans.get_finished_spans())
    assert "uploadShipmentAttachment" in shown and "?[REDACTED]" in shown
    assert SIGNATURE not in shown and CANARY_TOKEN not in shown


def test_a_provider_configured_after_the_client_is_used_from_then_on() -> None:
    # in a fresh interpreter: the provider of this test process is set already
    import subprocess
    import sys

    script = """
import asyncio
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from flexport_outbounds_client import NotFoundError
from flexport_outbounds_client.sandbox import Sandbox

async def main():
    async with Sandbox().client() as client:
        for _ in range(2):
            try:
                await client.get_order("OB-1")
            except NotFoundError:
                pass
        exporter = InMemorySpanExporter()
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(exporter))
        trace.set_tracer_provider(provider)
        try:
            await client.get_order("OB-1")
        except NotFoundError:
            pass
    print(sorted(span.name for span in exporter.get_finished_spans()))

asyncio.run(main())
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.stdout.strip() == "['GET', 'flexport.outbounds getOrder']", result.stderr
