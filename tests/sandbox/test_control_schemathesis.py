"""Property-based conformance of the control endpoints: schemathesis generates requests from control-openapi.yaml
(loaded from the sandbox's own `/_sandbox/openapi.json`) and runs every built-in check on each answer, as
test_schemathesis.py does for the API. The sandboxes check their own responses against the file too.

Two runs: one with generated order ids (advance mostly answers 404), and one where the order id names a real
order, so advance's 200 and 409 answers are checked as well.
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings

from flexport_outbounds_client.sandbox import Sandbox

from .conftest import order_request

MAX_EXAMPLES = 15
SPEC_PATH = "/_sandbox/openapi.json"
STATUSES: defaultdict[str, Counter[int]] = defaultdict(Counter)


def _schema(sandbox: Sandbox, **parameters: str) -> Any:
    schema = schemathesis.openapi.from_asgi(SPEC_PATH, sandbox.app)
    schema.config.generation.update(max_examples=MAX_EXAMPLES, with_security_parameters=False)
    if parameters:
        schema.config.update(parameters={f"path.{name}": value for name, value in parameters.items()})

    @schema.auth()
    class SandboxToken:
        """The sandbox's bearer token on every request (the ignored_auth check probes without it by itself)."""

        def get(self, case: schemathesis.Case, context: schemathesis.AuthContext) -> str:
            return sandbox.token

        def set(self, case: schemathesis.Case, data: str, context: schemathesis.AuthContext) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    return schema


def _with_an_order(sandbox: Sandbox) -> str:
    """Create an order through the API in process (the public way in), and return its id."""

    async def create() -> str:
        async with sandbox.http_client(headers={"Authorization": f"Bearer {sandbox.token}"}) as http:
            response = await http.post("/outbounds/orders", json=order_request())
        order_id: str = response.json()["orderId"]
        return order_id

    return asyncio.run(create())


generated = Sandbox(seed=1, validate_responses=True)
generated_schema = _schema(generated)

known = Sandbox(seed=2, validate_responses=True)
known_schema = _schema(known, orderId=_with_an_order(known)).include(operation_id="advanceOrder")


@generated_schema.parametrize()
@settings(deadline=None, max_examples=MAX_EXAMPLES, suppress_health_check=list(HealthCheck))
def test_generated_control_requests_get_conforming_responses(case: schemathesis.Case) -> None:
    response = case.call_and_validate()
    STATUSES[str(case.operation.definition.raw["operationId"])][response.status_code] += 1


@known_schema.parametrize()
@settings(deadline=None, max_examples=MAX_EXAMPLES, suppress_health_check=list(HealthCheck))
def test_advancing_a_real_order_gets_conforming_responses(case: schemathesis.Case) -> None:
    response = case.call_and_validate()
    STATUSES[str(case.operation.definition.raw["operationId"])][response.status_code] += 1


def test_every_control_operation_answered_successfully() -> None:
    """Runs after the tests above (file order): each control operation was exercised on its 2xx answer."""
    if not STATUSES:  # pragma: no cover - only when this test is selected alone
        return
    operations = {op["operationId"] for item in generated_schema.raw_schema["paths"].values() for op in item.values()}
    assert set(STATUSES) == operations
    for operation, statuses in STATUSES.items():
        assert any(200 <= status < 300 for status in statuses), (operation, statuses)
    assert any(status >= 400 for status in STATUSES["addFault"])
    assert 200 in STATUSES["advanceOrder"]
