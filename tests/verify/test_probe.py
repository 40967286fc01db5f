"""The verify probe against a fake API on 127.0.0.1 (pytest-httpserver) whose every answer the test chooses: what
conforms passes, each kind of drift is found and named, a secret the server echoes never reaches the report."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Callable
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flexport_outbounds_client import APIConnectionError, AuthenticationError
from flexport_outbounds_client._redact import Secrets
from flexport_outbounds_client._spec import spec_validator
from flexport_outbounds_client._verify import EXTERNAL_ID_PREFIX
from flexport_outbounds_client._verify.probe import VerifySettings, verify
from flexport_outbounds_client._verify.report import Report, Verdict

from ..client.conftest import API_PREFIX, CANARY_TOKEN, order_payload

ORDERS = f"{API_PREFIX}/outbounds/orders"
ANY_PATH = re.compile(".*")
CORRELATION = {"x-correlation-id": "3f0c7a52-6f1e-4b8e-9d0b-1c2d3e4f5a6b"}


def problem(status: int, title: str, **extra: Any) -> Response:
    body = {"type": "about:blank", "title": title, "status": status, **extra}
    return Response(json.dumps(body), status, headers=CORRELATION, content_type="application/problem+json")


def fake_api(order: dict[str, Any], *, headers: dict[str, str] | None = None) -> Callable[[Request], Response]:
    """GET of order OB-1001 (by id or externalId PO-1001) answers `order`; other ids 404; another token 401."""

    def handle(request: Request) -> Response:
        if request.headers.get("Authorization") != f"Bearer {CANARY_TOKEN}":
            return problem(401, "Unauthorized", detail="Invalid or missing access token")
        if request.method == "GET" and request.path in (f"{ORDERS}/OB-1001", f"{ORDERS}/external_id/PO-1001"):
            return Response(
                json.dumps(order),
                200,
                headers=CORRELATION if headers is None else headers,
                content_type="application/json",
            )
        return problem(404, "Not Found", detail="no such order")

    return handle


async def probe(httpserver: HTTPServer, handler: Callable[[Request], Response], **settings: Any) -> Report:
    httpserver.expect_request(ANY_PATH).respond_with_handler(handler)
    return await verify(
        VerifySettings(
            CANARY_TOKEN,
            base_url=httpserver.url_for(API_PREFIX),
            allow_insecure_http=True,
            timeout=5,
            **{"order_ids": ["OB-1001"], "external_ids": ["PO-1001"], **settings},
        )
    )


def findings(report: Report) -> dict[str, list[tuple[str, str]]]:
    return {step.name: list(step.findings) for step in report.steps if step.findings}


def verdicts(report: Report) -> dict[str, tuple[Verdict, str]]:
    return {fact.pointer: (fact.verdict, fact.seen) for fact in report.facts}


async def test_a_conforming_api_conforms(httpserver: HTTPServer) -> None:
    report = await probe(httpserver, fake_api(order_payload()))
    assert report.conforms, report.drift
    names = [step.name for step in report.steps]
    assert names == ["order", "order by externalId", "unknown order id", "unknown externalId", "invalid token"]
    assert [step.status for step in report.steps] == [200, 200, 404, 404, 401]
    facts = verdicts(report)
    assert facts["/components/responses/NotFound"][0] is Verdict.CONFIRMED
    assert facts["/components/headers/CorrelationId"] == (Verdict.CONFIRMED, "all 5 responses had it")
    assert facts["/paths/~1outbounds~1orders~1{orderId}/get"][0] is Verdict.CONFIRMED
    assert facts["/components/responses/Conflict"] == (Verdict.NOT_TESTABLE, "needs --create-and-cancel")
    # every x-inferred marker of the spec but the summary in /info has a verdict
    markers = json.dumps(spec_validator().spec).count('"x-inferred"')
    assert len(report.facts) == markers - 1


async def test_each_kind_of_drift_is_found_and_named(httpserver: HTTPServer) -> None:
    order = order_payload(orderStatus="ON_HOLD", fulfilmentCentre="FC-9")
    del order["orderItems"][0]["quantity"]
    order["orderItems"][0]["quantityUOM"] = 12
    report = await probe(httpserver, fake_api(order, headers={}))
    assert not report.conforms
    found = findings(report)["order"]
    assert ("fulfilmentCentre", "is not declared by the spec") in found
    assert ("orderItems[0].quantity", "is required") in found
    assert any(
        name == "orderStatus" and message.startswith("'ON_HOLD' is not listed: must be one of PLANNED")
        for name, message in found
    )
    assert any(name == "orderItems[0].quantityUOM" for name, _ in found)
    assert ("x-correlation-id", "header missing (the spec has it on every response)") in found
    facts = verdicts(report)
    assert facts["/components/schemas/OrderStatus"] == (
        Verdict.CONTRADICTED,
        "values the spec does not list: ON_HOLD",
    )
    assert facts["/components/headers/CorrelationId"][0] is Verdict.CONTRADICTED
    assert any("ON_HOLD" in line for line in report.drift)


async def test_an_undeclared_status_and_a_non_json_body_are_drift(httpserver: HTTPServer) -> None:
    def handler(request: Request) -> Response:
        if request.path.endswith("/OB-1001"):
            return Response("<html>moved</html>", 302, headers=CORRELATION, content_type="text/html")
        if "external_id" in request.path:
            return Response("{not json", 404, headers=CORRELATION, content_type="application/problem+json")
        return fake_api(order_payload())(request)

    report = await probe(httpserver, handler)
    found = findings(report)
    assert found["order"] == [("status", "302 is not declared for getOrder")]
    assert found["order by externalId"] == [
        ("body", "is not JSON although its Content-Type is application/problem+json")
    ]
    assert verdicts(report)["/paths/~1outbounds~1orders~1{orderId}/get"] == (
        Verdict.NOT_TESTABLE,
        "answered only 302, 404",
    )


async def test_an_id_given_as_existing_answered_404_contradicts_the_path(httpserver: HTTPServer) -> None:
    report = await probe(httpserver, fake_api(order_payload()), order_ids=["OB-404"], external_ids=[])
    verdict, seen = verdicts(report)["/paths/~1outbounds~1orders~1{orderId}/get"]
    assert verdict is Verdict.CONTRADICTED and "404" in seen
    assert not report.conforms


async def test_a_secret_the_server_echoes_never_reaches_the_report(httpserver: HTTPServer) -> None:
    def handler(request: Request) -> Response:
        echoed = {"x-correlation-id": f"id-{CANARY_TOKEN}"}
        if request.headers.get("Authorization") != f"Bearer {CANARY_TOKEN}":
            return problem(401, "Unauthorized")
        if request.path.endswith("/OB-1001"):
            order = order_payload(**{f"x{CANARY_TOKEN}": 1, "orderStatus": CANARY_TOKEN})
            return Response(json.dumps(order), 200, headers=echoed, content_type="application/json")
        return Response(
            json.dumps({"title": f"no order for {CANARY_TOKEN}", "status": 404, "detail": CANARY_TOKEN}),
            404,
            headers=echoed,
            content_type="application/problem+json",
        )

    report = await probe(httpserver, handler, external_ids=[])
    text = json.dumps(report.as_dict(Secrets([CANARY_TOKEN])))
    assert CANARY_TOKEN not in text
    assert "[REDACTED]" in text  # it was there, and was removed
    assert not report.conforms


async def test_the_token_refused_for_an_existing_order_ends_the_run(httpserver: HTTPServer) -> None:
    httpserver.expect_request(ANY_PATH).respond_with_handler(lambda request: problem(401, "Unauthorized"))
    with pytest.raises(AuthenticationError):
        await verify(
            VerifySettings(
                CANARY_TOKEN, base_url=httpserver.url_for(API_PREFIX), allow_insecure_http=True, order_ids=["OB-1001"]
            )
        )


async def test_an_unreachable_api_is_a_connection_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(APIConnectionError):
        await verify(
            VerifySettings(
                CANARY_TOKEN, base_url=f"http://127.0.0.1:{port}{API_PREFIX}", allow_insecure_http=True, timeout=2
            )
        )


async def test_without_ids_the_report_says_what_to_give(httpserver: HTTPServer) -> None:
    report = await probe(httpserver, fake_api(order_payload()), order_ids=[], external_ids=[])
    assert report.conforms
    assert report.notes == ["no order was read: give --order-id or --external-id of an existing order"]
    assert all(EXTERNAL_ID_PREFIX in step.path for step in report.steps)
