"""Property-based conformance: schemathesis generates requests from openapi.yaml and checks every response.

The spec is loaded the way a client would find it, from the sandbox's own `documentation/raw` endpoint, and the
requests go to the ASGI app in process. Every built-in check runs, with one documented allowance:
`positive_data_acceptance` also accepts 422, because two documented business rules cannot be written in JSON
Schema (no duplicate SKUs across items; productData is required when logisticsSku is absent), so schema-valid
data can break them.

Two runs: one with generated ids (mostly 404s for the lookups), and one where the path ids name a real order of a
sandbox, so the 200 responses of every operation are checked too.
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings

from flexport_outbounds_client._spec import spec_validator
from flexport_outbounds_client.sandbox import Sandbox

from .conftest import AUTH, ORDERS, order_request

MAX_EXAMPLES = 25
SPEC_PATH = "/logistics/api/2026-02/documentation/raw"
STATUSES: defaultdict[str, Counter[int]] = defaultdict(Counter)


def _schema(sandbox: Sandbox, **parameters: str) -> Any:
    schema = schemathesis.openapi.from_asgi(SPEC_PATH, sandbox.app)
    schema.config.generation.update(max_examples=MAX_EXAMPLES, with_security_parameters=False)
    if parameters:
        schema.config.update(parameters={f"path.{name}": value for name, value in parameters.items()})
    acceptance = schema.config.checks.positive_data_acceptance
    acceptance.expected_statuses = [*acceptance.expected_statuses, "422"]

    @schema.auth()
    class SandboxToken:
        """The sandbox's bearer token on every request (the ignored_auth check probes without it by itself)."""

        def get(self, case: schemathesis.Case, context: schemathesis.AuthContext) -> str:
            return sandbox.token

        def set(self, case: schemathesis.Case, data: str, context: schemathesis.AuthContext) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    return schema


generated = Sandbox(seed=1, validate_responses=True)
generated_schema = _schema(generated)

known = Sandbox(seed=2, validate_responses=True)


async def _create_known_order() -> dict[str, Any]:
    async with known.http_client(headers=AUTH) as http:
        response = await http.post(ORDERS, json=order_request(externalId="PO-KNOWN"))
    order: dict[str, Any] = response.json()
    return order


_order = asyncio.run(_create_known_order())
known_schema = _schema(
    known,
    orderId=_order["orderId"],
    shipmentId=_order["shipments"][0]["shipmentId"],
    externalId="PO-KNOWN",
).exclude(operation_id="createOrder")


@generated_schema.parametrize()
@settings(deadline=None, max_examples=MAX_EXAMPLES, suppress_health_check=list(HealthCheck))
def test_generated_requests_get_conforming_responses(case: schemathesis.Case) -> None:
    response = case.call_and_validate()
    STATUSES[str(case.operation.definition.raw["operationId"])][response.status_code] += 1


@known_schema.parametrize()
@settings(deadline=None, max_examples=MAX_EXAMPLES, suppress_health_check=list(HealthCheck))
def test_requests_about_a_real_order_get_conforming_responses(case: schemathesis.Case) -> None:
    response = case.call_and_validate()
    STATUSES[str(case.operation.definition.raw["operationId"])][response.status_code] += 1


def test_every_operation_answered_successfully_and_with_errors() -> None:
    """Runs after the tests above (file order): each operation was exercised on its 200 and its error paths."""
    if not STATUSES:  # pragma: no cover - only when this test is selected alone
        return
    assert set(STATUSES) == set(spec_validator().operations)
    for operation, statuses in STATUSES.items():
        assert 200 in statuses, (operation, statuses)
        assert any(status >= 400 for status in statuses), (operation, statuses)
