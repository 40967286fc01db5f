"""`OutboundsClient(transport="aiohttp")` behaves like the default transport on the wire (real local server)."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from flexport_outbounds_client import (
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
    NotFoundError,
    OutboundsClient,
    RetryPolicy,
)

from .conftest import CANARY_TOKEN, FAST_RETRIES, order_payload
from .test_cancel_and_upload import PDF, UPLOAD_URL_PATH, upload_target
from .test_wire import ORDERS, Sequence, ok, problem, slow, socket_closed_port


def aiohttp_client(base_url: str, **kwargs: object) -> OutboundsClient:
    return OutboundsClient(
        CANARY_TOKEN,
        base_url=base_url,
        transport="aiohttp",
        retry_policy=FAST_RETRIES,
        **kwargs,  # type: ignore[arg-type]
    )


async def test_get_retry_and_error_mapping(httpserver: HTTPServer, base_url: str) -> None:
    handler = Sequence(problem(503, "Busy"), ok(order_payload()))
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(handler)
    httpserver.expect_request(f"{ORDERS}/OB-2").respond_with_response(problem(404, "Not Found"))
    async with aiohttp_client(base_url) as client:
        assert (await client.get_order("OB-1")).order_id == "OB-1001"
        with pytest.raises(NotFoundError):
            await client.get_order("OB-2")
    assert handler.count == 2
    assert handler.requests[0].headers["Authorization"] == f"Bearer {CANARY_TOKEN}"


async def test_timeout_and_refused_connection_are_typed(httpserver: HTTPServer, base_url: str) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(slow(0.5, ok(order_payload())))
    async with aiohttp_client(base_url, timeout=0.1) as client:
        with pytest.raises(APITimeoutError):
            await client.get_order("OB-1", max_retries=0)
    with socket_closed_port() as port:
        async with aiohttp_client(f"http://127.0.0.1:{port}/api") as client:
            with pytest.raises(APIConnectionError) as info:
                await client.get_order("OB-1")
    assert not info.value.request_sent


async def test_upload_put_has_no_authorization(httpserver: HTTPServer, base_url: str) -> None:
    httpserver.expect_request(UPLOAD_URL_PATH, method="POST").respond_with_json(upload_target(httpserver))
    put = Sequence(Response(status=200))
    httpserver.expect_request("/bucket/u1.pdf", method="PUT").respond_with_handler(put)
    async with aiohttp_client(base_url) as client:
        await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=PDF)
    assert "Authorization" not in put.requests[0].headers
    assert put.requests[0].data == PDF


def test_unknown_transport_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="transport"):
        OutboundsClient(CANARY_TOKEN, transport="curl", retry_policy=RetryPolicy())  # type: ignore[arg-type]
