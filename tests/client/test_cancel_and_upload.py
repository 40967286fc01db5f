"""cancel_order's cancellability check and the upload helper, against a real local server."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flexport_outbounds_client import (
    AttachmentType,
    AttachmentUploadUrl,
    NotFoundError,
    OrderNotCancellableError,
    OutboundsClient,
    PermissionDeniedError,
    RequestValidationError,
    UnexpectedResponseError,
)

from .conftest import (
    API_PREFIX,
    CANARY_TOKEN,
    ORDERS,
    PDF,
    SIGNATURE,
    UPLOAD_URL_PATH,
    Sequence,
    client_side_logs,
    ok,
    order_payload,
    problem,
    upload_target,
)


def cancel_path(order_id: str = "OB-1") -> str:
    return f"{ORDERS}/{order_id}/cancel"


def serve_order(httpserver: HTTPServer, *statuses: str) -> Sequence:
    handler = Sequence(*(ok(order_payload(orderId="OB-1", orderStatus=s)) for s in statuses))
    httpserver.expect_request(f"{ORDERS}/OB-1", method="GET").respond_with_handler(handler)
    return handler


@pytest.mark.parametrize("status", ["PLANNED", "BOOKED"])
async def test_cancellable_order_is_cancelled(httpserver: HTTPServer, client: OutboundsClient, status: str) -> None:
    serve_order(httpserver, status)
    cancel = Sequence(Response(status=200))
    httpserver.expect_request(cancel_path(), method="POST").respond_with_handler(cancel)
    await client.cancel_order("OB-1")
    assert cancel.count == 1
    assert cancel.requests[0].headers["Authorization"] == f"Bearer {CANARY_TOKEN}"


@pytest.mark.parametrize("status", ["IN_PROGRESS", "SHIPPED", "DELIVERED", "A_STATUS_ADDED_IN_2027"])
async def test_order_past_booked_is_refused_without_sending_a_cancel(
    httpserver: HTTPServer, client: OutboundsClient, status: str
) -> None:
    serve_order(httpserver, status)
    cancel = Sequence(Response(status=200))
    httpserver.expect_request(cancel_path(), method="POST").respond_with_handler(cancel)
    with pytest.raises(OrderNotCancellableError) as info:
        await client.cancel_order("OB-1")
    assert (info.value.order_id, info.value.status) == ("OB-1", status)
    assert isinstance(info.value, ValueError)
    assert status in str(info.value)
    assert cancel.count == 0


async def test_cancelling_a_cancelled_order_is_a_no_op(httpserver: HTTPServer, client: OutboundsClient) -> None:
    serve_order(httpserver, "CANCELLED")
    cancel = Sequence(Response(status=200))
    httpserver.expect_request(cancel_path(), method="POST").respond_with_handler(cancel)
    await client.cancel_order("OB-1")
    assert cancel.count == 0


async def test_order_that_moved_on_meanwhile_is_not_cancellable(
    httpserver: HTTPServer, client: OutboundsClient
) -> None:
    serve_order(httpserver, "BOOKED", "IN_PROGRESS")
    rejection = problem(409, "Conflict", detail="Order is IN_PROGRESS")
    httpserver.expect_request(cancel_path(), method="POST").respond_with_response(rejection)
    with pytest.raises(OrderNotCancellableError) as info:
        await client.cancel_order("OB-1")
    assert info.value.status == "IN_PROGRESS"
    assert isinstance(info.value.__cause__, Exception)


async def test_rejected_cancel_of_an_order_cancelled_meanwhile_is_success(
    httpserver: HTTPServer, client: OutboundsClient
) -> None:
    serve_order(httpserver, "BOOKED", "CANCELLED")
    httpserver.expect_request(cancel_path(), method="POST").respond_with_response(problem(400, "Bad state"))
    await client.cancel_order("OB-1")


async def test_rejected_cancel_of_a_still_cancellable_order_is_raised(
    httpserver: HTTPServer, client: OutboundsClient
) -> None:
    serve_order(httpserver, "BOOKED", "BOOKED")
    httpserver.expect_request(cancel_path(), method="POST").respond_with_response(problem(422, "Nope"))
    with pytest.raises(Exception, match="Nope") as info:
        await client.cancel_order("OB-1")
    assert getattr(info.value, "status_code", None) == 422


async def test_cancel_of_unknown_order_is_not_found(httpserver: HTTPServer, client: OutboundsClient) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-404").respond_with_response(problem(404, "Not Found"))
    with pytest.raises(NotFoundError):
        await client.cancel_order("OB-404")


# --- upload ---------------------------------------------------------------------------------------------------


async def test_upload_puts_the_pdf_without_authorization(
    httpserver: HTTPServer, client: OutboundsClient, debug_logs: pytest.LogCaptureFixture, transport: str
) -> None:
    url_handler = Sequence(ok(upload_target(httpserver)))
    httpserver.expect_request(UPLOAD_URL_PATH, method="POST").respond_with_handler(url_handler)
    put = Sequence(Response(status=200))
    httpserver.expect_request("/bucket/u1.pdf", method="PUT").respond_with_handler(put)
    target = await client.upload_shipment_attachment(
        "OB-1", "SH-1", attachment_type=AttachmentType.SHIPPING_LABELS, file=PDF
    )
    assert isinstance(target, AttachmentUploadUrl)
    assert url_handler.requests[0].json == {"attachmentType": "SHIPPING_LABELS", "contentType": "application/pdf"}
    sent: Request = put.requests[0]
    assert "Authorization" not in sent.headers
    assert sent.headers["Content-Type"] == "application/pdf"
    assert sent.data == PDF
    logs = client_side_logs(debug_logs)
    assert SIGNATURE not in logs and CANARY_TOKEN not in logs
    assert "flexport_outbounds_client: PUT http://" in logs and "?[REDACTED]" in logs
    if transport == "httpx":
        assert "httpx: HTTP Request: PUT http://" in logs  # httpx's own line, redacted too


async def test_upload_accepts_a_path_and_a_binary_file(
    httpserver: HTTPServer, client: OutboundsClient, tmp_path: Path
) -> None:
    httpserver.expect_request(UPLOAD_URL_PATH, method="POST").respond_with_json(upload_target(httpserver))
    put = Sequence(Response(status=200))
    httpserver.expect_request("/bucket/u1.pdf", method="PUT").respond_with_handler(put)
    path = tmp_path / "label.pdf"
    path.write_bytes(PDF)
    await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=path)
    await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=str(path))
    await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=io.BytesIO(PDF))
    assert [r.data for r in put.requests] == [PDF, PDF, PDF]


@pytest.mark.parametrize(
    ("file", "problem_text"),
    [
        (b"", "is empty"),
        (b"PK\x03\x04 a zip", "is not a PDF"),
        (io.StringIO("%PDF-"), "binary mode"),
        ("/nonexistent/label.pdf", "cannot be read"),
        (12345, "expected bytes, a path or a binary file"),
    ],
)
async def test_bad_files_are_refused_before_anything_is_sent(
    httpserver: HTTPServer, client: OutboundsClient, file: object, problem_text: str
) -> None:
    with pytest.raises(RequestValidationError, match=problem_text):
        await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=file)  # type: ignore[arg-type]
    # what this call would send: the upload-URL POST or the PUT (the shared server may still log a GET an earlier
    # test left in flight)
    assert [request.method for request, _ in httpserver.log if request.method in ("POST", "PUT")] == []


async def test_only_pdf_content_type_is_accepted(httpserver: HTTPServer, client: OutboundsClient) -> None:
    with pytest.raises(RequestValidationError, match="only application/pdf"):
        await client.get_shipment_attachment_upload_url(
            "OB-1", "SH-1", attachment_type="SHIPPING_LABELS", content_type="image/png"
        )
    with pytest.raises(RequestValidationError, match="attachment_type"):
        await client.get_shipment_attachment_upload_url("OB-1", "SH-1", attachment_type="")
    assert httpserver.log == []


async def test_expired_url_is_replaced_once(httpserver: HTTPServer, client: OutboundsClient) -> None:
    urls = Sequence(ok(upload_target(httpserver, expires_in=-5)), ok(upload_target(httpserver, name="fresh")))
    httpserver.expect_request(UPLOAD_URL_PATH, method="POST").respond_with_handler(urls)
    put = Sequence(Response(status=200))
    httpserver.expect_request("/bucket/fresh.pdf", method="PUT").respond_with_handler(put)
    target = await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=PDF)
    assert "fresh" in target.upload_url
    assert (urls.count, put.count) == (2, 1)


async def test_expired_url_twice_is_an_unexpected_response(httpserver: HTTPServer, client: OutboundsClient) -> None:
    urls = Sequence(ok(upload_target(httpserver, expires_in=-5), **{"x-correlation-id": "c-expired"}))
    httpserver.expect_request(UPLOAD_URL_PATH, method="POST").respond_with_handler(urls)
    with pytest.raises(UnexpectedResponseError, match="expires at") as info:
        await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=PDF)
    assert urls.count == 2
    # built from the response that handed out the URL: its real status and correlation id
    assert (info.value.status_code, info.value.correlation_id) == (200, "c-expired")


async def test_403_from_storage_fetches_a_fresh_url_once(
    httpserver: HTTPServer, client: OutboundsClient, debug_logs: pytest.LogCaptureFixture
) -> None:
    urls = Sequence(ok(upload_target(httpserver)))
    httpserver.expect_request(UPLOAD_URL_PATH, method="POST").respond_with_handler(urls)
    denied = f"<Error><Code>AccessDenied</Code><Signature>{SIGNATURE}</Signature></Error>"
    put = Sequence(Response(denied, status=403, content_type="application/xml"), Response(status=200))
    httpserver.expect_request("/bucket/u1.pdf", method="PUT").respond_with_handler(put)
    await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=PDF)
    assert (urls.count, put.count) == (2, 2)

    put.responses = [Response(denied, status=403, content_type="application/xml")]
    with pytest.raises(PermissionDeniedError) as info:
        await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=PDF)
    assert SIGNATURE not in str(info.value)
    assert SIGNATURE not in info.value.body_excerpt
    assert SIGNATURE not in client_side_logs(debug_logs)


async def test_upload_survives_a_storage_5xx(httpserver: HTTPServer, client: OutboundsClient) -> None:
    httpserver.expect_request(UPLOAD_URL_PATH, method="POST").respond_with_json(upload_target(httpserver))
    put = Sequence(Response("slow down", status=503), Response(status=200))
    httpserver.expect_request("/bucket/u1.pdf", method="PUT").respond_with_handler(put)
    await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=PDF)
    assert put.count == 2


async def test_put_never_carries_authorization_even_if_the_http_client_has_one(
    httpserver: HTTPServer, base_url: str
) -> None:
    import httpx

    httpserver.expect_request(UPLOAD_URL_PATH, method="POST").respond_with_json(upload_target(httpserver))
    put = Sequence(Response(status=200))
    httpserver.expect_request("/bucket/u1.pdf", method="PUT").respond_with_handler(put)
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {CANARY_TOKEN}"}) as http:
        client = OutboundsClient(CANARY_TOKEN, base_url=base_url, http_client=http)
        await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=PDF)
    assert "Authorization" not in put.requests[0].headers
    assert API_PREFIX not in put.requests[0].path
