from typing import Any

from ...models.create_order_request import CreateOrderRequest
from ...types import UNSET, ApiRequest, Unset

OPERATION_ID = "createOrder"


def build_request(
    *,
    body: CreateOrderRequest,
    idempotency_key: str | Unset = UNSET,
) -> ApiRequest:
    """The request of POST /outbounds/orders (Create Order).

    Returns the method, the path (relative to the server URL, path parameters percent-encoded), the headers the
    spec declares and the JSON-ready body; the caller adds the server URL, authentication and transport.
    """
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    return ApiRequest(
        OPERATION_ID,
        "POST",
        "/outbounds/orders",
        headers,
        _kwargs.get("json"),
    )
