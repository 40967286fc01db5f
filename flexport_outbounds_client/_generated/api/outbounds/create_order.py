from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_order_request import CreateOrderRequest
from ...models.order import Order
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateOrderRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/outbounds/orders",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Order | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = Order.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ProblemDetails.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = ProblemDetails.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ProblemDetails.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = ProblemDetails.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Order | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateOrderRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Order | ProblemDetails]:
    """Create Order

     Creates a B2B (wholesale) outbound order. The origin warehouse (a Flexport Reserve Storage or DTC
    fulfilment center) is resolved automatically from your account configuration. You do not specify a
    warehouse type in the request.

    Inferred path and method: `POST /outbounds/orders` (mirrors `POST /orders` of the older Orders API).

    Args:
        idempotency_key (str | Unset):
        body (CreateOrderRequest): A B2B (wholesale) outbound order. Limits: 1 to 1000 order
            items; duplicate SKUs are not allowed; each item needs logisticsSku or productData.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Order | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CreateOrderRequest,
    idempotency_key: str | Unset = UNSET,
) -> Order | ProblemDetails | None:
    """Create Order

     Creates a B2B (wholesale) outbound order. The origin warehouse (a Flexport Reserve Storage or DTC
    fulfilment center) is resolved automatically from your account configuration. You do not specify a
    warehouse type in the request.

    Inferred path and method: `POST /outbounds/orders` (mirrors `POST /orders` of the older Orders API).

    Args:
        idempotency_key (str | Unset):
        body (CreateOrderRequest): A B2B (wholesale) outbound order. Limits: 1 to 1000 order
            items; duplicate SKUs are not allowed; each item needs logisticsSku or productData.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Order | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateOrderRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Order | ProblemDetails]:
    """Create Order

     Creates a B2B (wholesale) outbound order. The origin warehouse (a Flexport Reserve Storage or DTC
    fulfilment center) is resolved automatically from your account configuration. You do not specify a
    warehouse type in the request.

    Inferred path and method: `POST /outbounds/orders` (mirrors `POST /orders` of the older Orders API).

    Args:
        idempotency_key (str | Unset):
        body (CreateOrderRequest): A B2B (wholesale) outbound order. Limits: 1 to 1000 order
            items; duplicate SKUs are not allowed; each item needs logisticsSku or productData.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Order | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateOrderRequest,
    idempotency_key: str | Unset = UNSET,
) -> Order | ProblemDetails | None:
    """Create Order

     Creates a B2B (wholesale) outbound order. The origin warehouse (a Flexport Reserve Storage or DTC
    fulfilment center) is resolved automatically from your account configuration. You do not specify a
    warehouse type in the request.

    Inferred path and method: `POST /outbounds/orders` (mirrors `POST /orders` of the older Orders API).

    Args:
        idempotency_key (str | Unset):
        body (CreateOrderRequest): A B2B (wholesale) outbound order. Limits: 1 to 1000 order
            items; duplicate SKUs are not allowed; each item needs logisticsSku or productData.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Order | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
