"""Pre-signed upload URLs: issued by the API, served by the sandbox itself, S3-like in what they refuse."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
import pytest

from flexport_outbounds_client.sandbox import IN_PROCESS_BASE_URL, ManualClock, Sandbox

from .conftest import ORDERS, create, upload_body

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


async def _upload_url(http: httpx.AsyncClient, attachment_type: str = "CASE_LABELS") -> tuple[str, str, dict[str, str]]:
    order = await create(http)
    order_id, shipment_id = order["orderId"], order["shipments"][0]["shipmentId"]
    response = await http.post(
        f"{ORDERS}/{order_id}/shipments/{shipment_id}/attachments/upload_url", json=upload_body(attachment_type)
    )
    assert response.status_code == 200, response.text
    return order_id, shipment_id, response.json()


async def test_upload_url_is_presigned_on_the_sandbox_and_valid_for_one_hour(
    http: httpx.AsyncClient, clock: ManualClock
) -> None:
    _, _, target = await _upload_url(http)
    url = httpx.URL(target["uploadUrl"])
    assert str(url).startswith("http://sandbox.invalid/_sandbox/uploads/")
    assert {"X-Sandbox-Expires", "X-Sandbox-Signature"} <= set(url.params)
    assert target["attachmentType"] == "CASE_LABELS"
    expires = datetime.fromisoformat(target["expirationTime"])
    assert expires - clock.now() == timedelta(hours=1)
    assert target["expirationTime"].endswith("Z")


async def test_put_stores_the_bytes(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    order_id, shipment_id, target = await _upload_url(http, "COMMERCIAL_INVOICE")
    async with sandbox.http_client() as storage:
        response = await storage.put(target["uploadUrl"], content=PDF, headers={"Content-Type": "application/pdf"})
    assert response.status_code == 200
    assert response.headers["etag"].startswith('"')
    assert sandbox.uploads[(order_id, shipment_id, "COMMERCIAL_INVOICE")] == PDF
    assert sandbox.requests[-1].operation_id == "uploadAttachment"


async def test_put_with_an_authorization_header_is_400(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    _, _, target = await _upload_url(http)
    response = await http.put(target["uploadUrl"], content=PDF, headers={"Content-Type": "application/pdf"})
    assert response.status_code == 400
    assert "<Code>InvalidArgument</Code>" in response.text
    assert not sandbox.uploads


async def test_put_after_expiry_is_403(http: httpx.AsyncClient, sandbox: Sandbox, clock: ManualClock) -> None:
    _, _, target = await _upload_url(http)
    clock.advance(3600)
    async with sandbox.http_client() as storage:
        response = await storage.put(target["uploadUrl"], content=PDF, headers={"Content-Type": "application/pdf"})
    assert response.status_code == 403
    assert "Request has expired" in response.text
    assert response.headers["content-type"] == "application/xml"
    assert not sandbox.uploads


@pytest.mark.parametrize(
    "tamper",
    [
        lambda url: url.copy_set_param("X-Sandbox-Signature", "0" * 64),
        lambda url: url.copy_set_param("X-Sandbox-Expires", "9999999999"),
        lambda url: url.copy_set_param("X-Sandbox-Expires", "soon"),
        lambda url: url.copy_remove_param("X-Sandbox-Signature"),
        lambda url: url.copy_with(path="/_sandbox/uploads/forged"),
    ],
)
async def test_a_tampered_url_is_403(http: httpx.AsyncClient, sandbox: Sandbox, tamper: object) -> None:
    _, _, target = await _upload_url(http)
    url = tamper(httpx.URL(target["uploadUrl"]))  # type: ignore[operator]
    async with sandbox.http_client() as storage:
        response = await storage.put(url, content=PDF, headers={"Content-Type": "application/pdf"})
    assert response.status_code == 403
    assert "<Code>SignatureDoesNotMatch</Code>" in response.text


@pytest.mark.parametrize(
    ("content", "content_type", "status"),
    [(PDF, "application/octet-stream", 403), (PDF, None, 403), (b"GIF89a", "application/pdf", 400)],
)
async def test_only_pdf_is_accepted(
    http: httpx.AsyncClient, sandbox: Sandbox, content: bytes, content_type: str | None, status: int
) -> None:
    _, _, target = await _upload_url(http)
    headers = {"Content-Type": content_type} if content_type else {}
    async with sandbox.http_client() as storage:
        response = await storage.put(target["uploadUrl"], content=content, headers=headers)
    assert response.status_code == status
    assert not sandbox.uploads


async def test_only_application_pdf_upload_urls_exist(http: httpx.AsyncClient) -> None:
    order = await create(http)
    path = f"{ORDERS}/{order['orderId']}/shipments/{order['shipments'][0]['shipmentId']}/attachments/upload_url"
    response = await http.post(path, json={"attachmentType": "CASE_LABELS", "contentType": "image/png"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "contentType"


async def test_a_second_put_replaces_the_document(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    order_id, shipment_id, target = await _upload_url(http)
    async with sandbox.http_client() as storage:
        for body in (PDF, PDF + b"% v2\n"):
            await storage.put(target["uploadUrl"], content=body, headers={"Content-Type": "application/pdf"})
    assert sandbox.uploads[(order_id, shipment_id, "CASE_LABELS")].endswith(b"% v2\n")


async def test_uploads_can_be_faulted_too(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    _, _, target = await _upload_url(http)
    sandbox.faults.add("server_error", operation="uploadAttachment", status=503)
    sandbox.faults.add("delay", operation="uploadAttachment", seconds=0.01)
    async with sandbox.http_client() as storage:
        statuses = [
            (
                await storage.put(target["uploadUrl"], content=PDF, headers={"Content-Type": "application/pdf"})
            ).status_code
            for _ in range(2)
        ]
    assert statuses == [503, 200]


def test_the_in_process_base_url_is_not_routable() -> None:
    assert httpx.URL(IN_PROCESS_BASE_URL).host.endswith(".invalid")  # RFC 2606: can never reach a real host
