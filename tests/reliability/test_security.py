"""Security: the token and pre-signed signatures never show; the upload PUT carries no Authorization; no plain http
to a remote host; redirects never take the token elsewhere. Real loopback servers, DEBUG logging on every logger.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Coroutine
from typing import Any, Literal

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flexport_outbounds_client import (
    ConfigurationError,
    FlexportError,
    OutboundsClient,
    PermissionDeniedError,
    RetryPolicy,
    UnexpectedResponseError,
)

from ..client.conftest import API_PREFIX, CANARY_TOKEN, create_request, order_payload
from .conftest import TALLY

ORDERS = f"{API_PREFIX}/outbounds/orders"
SIGNATURE = "sig0a1b2c3d4e5f60718293a4b5c6d7e8f9"
POLICY = RetryPolicy(max_retries=1, initial_delay=0.01, max_delay=0.02)


def visible(error: BaseException) -> str:
    """Everything a log or a crash report could show of an exception: message, repr, traceback, attributes."""
    return "\n".join([str(error), repr(error), "".join(traceback.format_exception(error)), repr(vars(error))])


def all_log_text(caplog: pytest.LogCaptureFixture) -> str:
    lines = []
    for record in caplog.records:
        if record.name.startswith("werkzeug"):
            continue  # the test server's own access log, not the client's
        lines.append(f"{record.name} {record.getMessage()}")
        if record.exc_info:
            lines.append("".join(traceback.format_exception(*record.exc_info)))
        lines.append(repr({k: v for k, v in vars(record).items() if k.startswith("flexport_")}))
    return "\n".join(lines)


def echo(status: int) -> Any:
    """A server that echoes the credentials it got in the body and in a header (as some proxies do)."""

    def handle(request: Request) -> Response:
        auth = request.headers.get("Authorization", "")
        body = {"status": status, "title": "Echo", "detail": f"you sent {auth}", "headers": dict(request.headers)}
        headers = {"WWW-Authenticate": f'Bearer error="invalid_token" got="{auth}"', "x-correlation-id": "c-echo"}
        return Response(json.dumps(body), status=status, headers=headers, content_type="application/problem+json")

    return handle


@pytest.fixture
def debug_everything(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)  # root: ours, httpx, httpcore, asyncio, werkzeug
    for name in ("httpx", "httpcore", "flexport_outbounds_client"):
        caplog.set_level(logging.DEBUG, logger=name)  # restored after the test
    return caplog


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
async def test_canary_token_is_never_visible_at_debug(
    httpserver: HTTPServer, debug_everything: pytest.LogCaptureFixture, transport: Literal["aiohttp", "httpx"]
) -> None:
    base = httpserver.url_for(API_PREFIX)
    for status in (400, 401, 403, 404, 409, 422, 429, 500, 503, 520):
        httpserver.expect_request(f"{ORDERS}/E{status}").respond_with_handler(echo(status))
    httpserver.expect_request(f"{ORDERS}/OK").respond_with_json(order_payload(notes=f"token {CANARY_TOKEN}?"))
    httpserver.expect_request(ORDERS, method="POST").respond_with_handler(echo(502))
    httpserver.expect_request(f"{ORDERS}/external_id/PO-1001").respond_with_handler(echo(404))
    httpserver.expect_request(f"{ORDERS}/BAD").respond_with_data(f"{{'broken': '{CANARY_TOKEN}'", status=200)
    seen: list[str] = []
    async with OutboundsClient(
        CANARY_TOKEN, base_url=base, retry_policy=POLICY, max_retry_after=0, transport=transport
    ) as client:
        seen += [repr(client), str(client)]
        calls: list[Coroutine[Any, Any, object]] = [
            client.get_order(f"E{status}") for status in (400, 401, 403, 404, 409, 422, 429, 500, 503, 520)
        ]
        calls += [client.create_order(create_request()), client.get_order("BAD"), client.cancel_order("E409")]
        for call in calls:
            with pytest.raises(FlexportError) as info:
                await call
            seen.append(visible(info.value))
            TALLY["security: exceptions inspected"] += 1
        order = await client.get_order("OK")
        seen += [repr(order), str(order)]  # the model holds what the server sent; its repr adds nothing of ours
    text = all_log_text(debug_everything)
    libraries = {"httpx", "httpcore"} if transport == "httpx" else set()
    assert {r.name.split(".")[0] for r in debug_everything.records} >= {"flexport_outbounds_client", *libraries}
    assert CANARY_TOKEN not in text
    leaks = [s for s in seen[:-2] if CANARY_TOKEN in s]
    assert leaks == [], leaks[0][:2000]
    assert "[REDACTED]" in "".join(seen)  # the echoes were there, and were hidden
    TALLY["security: log records inspected"] += len(debug_everything.records)


async def test_regression_echoed_token_in_a_response_header_is_redacted(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"{ORDERS}/E401").respond_with_handler(echo(401))
    async with OutboundsClient(CANARY_TOKEN, base_url=httpserver.url_for(API_PREFIX)) as client:
        with pytest.raises(FlexportError) as info:
            await client.get_order("E401")
    assert CANARY_TOKEN not in repr(vars(info.value))  # error.headers kept WWW-Authenticate with the token
    assert "[REDACTED]" in info.value.headers["www-authenticate"]  # type: ignore[attr-defined]


class Storage:
    """A pre-signed-URL storage on the same test server: records PUTs; answers from a list."""

    def __init__(self, *statuses: int) -> None:
        self.statuses = list(statuses)
        self.puts: list[Request] = []

    def __call__(self, request: Request) -> Response:
        self.puts.append(request)
        status = self.statuses[min(len(self.puts), len(self.statuses)) - 1]
        if status == 200:
            return Response("", status=200)
        xml = f"<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>{SIGNATURE}</SignatureProvided></Error>"
        return Response(xml, status=status, content_type="application/xml")


def upload_target(httpserver: HTTPServer) -> dict[str, str]:
    url = httpserver.url_for("/storage/doc.pdf") + f"?X-Amz-Expires=3600&X-Amz-Signature={SIGNATURE}"
    return {"uploadUrl": url, "attachmentType": "SHIPPING_LABELS", "expirationTime": "2099-01-01T00:00:00Z"}


@pytest.mark.parametrize("caller_sets_authorization", [False, True])
@pytest.mark.parametrize("statuses", [(200,), (403, 403)], ids=["accepted", "refused-twice"])
async def test_upload_put_carries_no_authorization_and_the_signature_never_shows(
    httpserver: HTTPServer,
    debug_everything: pytest.LogCaptureFixture,
    caller_sets_authorization: bool,
    statuses: tuple[int, ...],
) -> None:
    storage = Storage(*statuses)
    httpserver.expect_request("/storage/doc.pdf", method="PUT").respond_with_handler(storage)
    url_path = f"{ORDERS}/OB-1/shipments/SH-1/attachments/upload_url"
    httpserver.expect_request(url_path, method="POST").respond_with_json(upload_target(httpserver))
    headers = {"Authorization": "Bearer callers-default-header"} if caller_sets_authorization else {}
    seen: list[str] = []
    async with (
        httpx.AsyncClient(headers=headers) as http,
        OutboundsClient(CANARY_TOKEN, base_url=httpserver.url_for(API_PREFIX), http_client=http) as client,
    ):
        upload = client.upload_shipment_attachment(
            "OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=b"%PDF-1.7 label"
        )
        if statuses == (200,):
            seen.append(repr(await upload))
        else:
            with pytest.raises(PermissionDeniedError) as info:
                await upload
            assert "[REDACTED]" in info.value.body_excerpt  # the storage echoed the signature in its XML
            seen.append(visible(info.value))
            assert SIGNATURE not in seen[-1]
    assert storage.puts, "the PUT was sent"
    for put in storage.puts:
        assert "Authorization" not in put.headers
        assert put.headers["Content-Type"] == "application/pdf"
    text = all_log_text(debug_everything)
    assert "storage/doc.pdf" in text  # the URL was logged ...
    assert SIGNATURE not in text  # ... without its signature
    assert CANARY_TOKEN not in text


async def test_upload_put_that_cannot_connect_hides_the_signature() -> None:
    def api(request: httpx.Request) -> httpx.Response:
        if request.method == "PUT":
            raise httpx.ConnectError("refused", request=request)
        url = f"https://storage.example.com/doc?X-Amz-Signature={SIGNATURE}"
        return httpx.Response(
            200, json={"uploadUrl": url, "attachmentType": "CASE_LABELS", "expirationTime": "2099-01-01T00:00:00Z"}
        )

    async with httpx.AsyncClient(transport=httpx.MockTransport(api)) as http:
        client = OutboundsClient(CANARY_TOKEN, base_url="https://api.example.com", http_client=http, max_retries=0)
        with pytest.raises(FlexportError) as info:
            await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="CASE_LABELS", file=b"%PDF-1")
    assert SIGNATURE not in str(info.value) and "?[REDACTED]" in str(info.value)


@pytest.mark.parametrize(
    "url",
    [
        "http://logistics-api.flexport.com/logistics/api/2026-02",
        "http://10.0.0.8:8080",
        "http://192.168.1.20",
        "http://[2001:db8::1]",
        "http://localhost.attacker.example",
        "http://127.0.0.1.nip.io",
        "HTTP://API.EXAMPLE.COM",
    ],
)
def test_plain_http_to_a_remote_host_is_refused_unless_allowed(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigurationError, match="refusing plain http"):
        OutboundsClient(CANARY_TOKEN, base_url=url)
    monkeypatch.setenv("FLEXPORT_BASE_URL", url)
    with pytest.raises(ConfigurationError):
        OutboundsClient(CANARY_TOKEN)  # the environment variable gets the same check
    assert OutboundsClient(CANARY_TOKEN, base_url=url, allow_insecure_http=True).base_url.lower().startswith("http://")


@pytest.mark.parametrize("url", ["http://127.0.0.1:8400", "http://localhost:1", "http://[::1]:9", "https://x.example"])
def test_loopback_http_and_https_are_allowed(url: str) -> None:
    # a URL of a host only gets the API's path
    assert OutboundsClient(CANARY_TOKEN, base_url=url).base_url == url + "/logistics/api/2026-02"


@pytest.mark.parametrize("url", ["https://user:pw-secret@api.example.com", "http://admin@127.0.0.1:8400"])
def test_regression_credentials_in_the_base_url_are_refused(url: str) -> None:
    with pytest.raises(ConfigurationError, match="user name or password") as info:
        OutboundsClient(CANARY_TOKEN, base_url=url)  # was kept: shown in repr and logs, sent as Basic auth
    assert "pw-secret" not in str(info.value)


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_redirects_are_not_followed_even_by_a_following_http_client(httpserver: HTTPServer, status: int) -> None:
    other = HTTPServer(host="127.0.0.1", port=0)
    other.start()
    try:
        other.expect_request("/steal").respond_with_json(order_payload())
        location = other.url_for("/steal")
        httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_data("", status=status, headers={"Location": location})
        async with (
            httpx.AsyncClient(follow_redirects=True) as http,
            OutboundsClient(CANARY_TOKEN, base_url=httpserver.url_for(API_PREFIX), http_client=http) as client,
        ):
            with pytest.raises(UnexpectedResponseError) as info:
                await client.get_order("OB-1")
        assert info.value.status_code == status
        assert other.log == []  # the other host saw no request at all
    finally:
        other.clear()
        other.stop()
