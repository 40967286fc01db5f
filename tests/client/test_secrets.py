"""A planted canary token never reaches logs (any level), reprs, exception text or tracebacks."""

from __future__ import annotations

import logging
import traceback

import pytest
from pytest_httpserver import HTTPServer

from flexport_outbounds_client import FlexportError, OutboundsClient

from .conftest import API_PREFIX, CANARY_TOKEN, ORDERS, client_side_logs, create_request, order_payload, problem


def everything_visible(error: BaseException) -> str:
    return "\n".join([str(error), repr(error), "".join(traceback.format_exception(error))])


async def test_canary_token_never_leaks(
    httpserver: HTTPServer, client: OutboundsClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    echoing = problem(401, "Unauthorized", detail=f"token Bearer {CANARY_TOKEN} is revoked")
    httpserver.expect_request(f"{ORDERS}/OB-401").respond_with_response(echoing)
    httpserver.expect_request(f"{ORDERS}/OB-500").respond_with_response(problem(500, "Boom"))
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_json(order_payload())
    httpserver.expect_request(ORDERS, method="POST").respond_with_data("<html>", status=502)
    httpserver.expect_request(f"{ORDERS}/external_id/PO-1001").respond_with_response(problem(404, "Not Found"))

    seen: list[str] = [repr(client), str(client)]
    order = await client.get_order("OB-1")
    seen += [repr(order), str(order.to_dict())]
    for call in (client.get_order("OB-401"), client.get_order("OB-500"), client.create_order(create_request())):
        with pytest.raises(FlexportError) as info:
            await call
        seen.append(everything_visible(info.value))
    seen.append(client_side_logs(caplog))
    assert caplog.records, "the test must have captured the client's logs"
    assert not [text for text in seen if CANARY_TOKEN in text]
    assert "[REDACTED]" in seen[4]  # the server echoed the token; the body excerpt hides it


async def test_info_logs_have_method_path_status_attempt_and_correlation_id(
    httpserver: HTTPServer, client: OutboundsClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="flexport_outbounds_client")
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_json(
        order_payload(), headers={"x-correlation-id": "corr-9"}
    )
    await client.get_order("OB-1")
    (record,) = [r for r in caplog.records if r.name == "flexport_outbounds_client"]
    message = record.getMessage()
    assert f"GET http://127.0.0.1:{httpserver.port}{API_PREFIX}/outbounds/orders/OB-1 -> 200 (attempt 1" in message
    assert "corr-9" in message
    assert record.flexport_status == 200  # type: ignore[attr-defined]
    assert "orderItems" not in message  # never bodies at INFO
