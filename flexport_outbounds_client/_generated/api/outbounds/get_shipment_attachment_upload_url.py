from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attachment_upload_url import AttachmentUploadUrl
from ...models.attachment_upload_url_request import AttachmentUploadUrlRequest
from ...models.problem_details import ProblemDetails
from ...types import Response, quote_path_segment


def _get_kwargs(
    order_id: str,
    shipment_id: str,
    *,
    body: AttachmentUploadUrlRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": f"/outbounds/orders/{quote_path_segment(order_id)}/shipments/{quote_path_segment(shipment_id)}/attachments/upload_url",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AttachmentUploadUrl | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = AttachmentUploadUrl.from_dict(response.json())

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
) -> Response[AttachmentUploadUrl | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    order_id: str,
    shipment_id: str,
    *,
    client: AuthenticatedClient,
    body: AttachmentUploadUrlRequest,
) -> Response[AttachmentUploadUrl | ProblemDetails]:
    """Get shipment attachment upload URL

     Get shipment attachment url for uploading shipment attachment document. The returned URL is pre-
    signed
    (valid for one hour) and takes the document with an HTTP PUT and `Content-Type: application/pdf`.

    Inferred path and method: `POST
    /outbounds/orders/{orderId}/shipments/{shipmentId}/attachments/upload_url`.
    This is the weakest inference of the file: segment names and whether `orderId` is part of the path
    are
    guesses. The PUT upload itself is not documented either.

    Args:
        order_id (str):
        shipment_id (str):
        body (AttachmentUploadUrlRequest): The request object for getting upload url for uploading
            shipment attachment document.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentUploadUrl | ProblemDetails]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
        shipment_id=shipment_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    order_id: str,
    shipment_id: str,
    *,
    client: AuthenticatedClient,
    body: AttachmentUploadUrlRequest,
) -> AttachmentUploadUrl | ProblemDetails | None:
    """Get shipment attachment upload URL

     Get shipment attachment url for uploading shipment attachment document. The returned URL is pre-
    signed
    (valid for one hour) and takes the document with an HTTP PUT and `Content-Type: application/pdf`.

    Inferred path and method: `POST
    /outbounds/orders/{orderId}/shipments/{shipmentId}/attachments/upload_url`.
    This is the weakest inference of the file: segment names and whether `orderId` is part of the path
    are
    guesses. The PUT upload itself is not documented either.

    Args:
        order_id (str):
        shipment_id (str):
        body (AttachmentUploadUrlRequest): The request object for getting upload url for uploading
            shipment attachment document.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentUploadUrl | ProblemDetails
    """

    return sync_detailed(
        order_id=order_id,
        shipment_id=shipment_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    order_id: str,
    shipment_id: str,
    *,
    client: AuthenticatedClient,
    body: AttachmentUploadUrlRequest,
) -> Response[AttachmentUploadUrl | ProblemDetails]:
    """Get shipment attachment upload URL

     Get shipment attachment url for uploading shipment attachment document. The returned URL is pre-
    signed
    (valid for one hour) and takes the document with an HTTP PUT and `Content-Type: application/pdf`.

    Inferred path and method: `POST
    /outbounds/orders/{orderId}/shipments/{shipmentId}/attachments/upload_url`.
    This is the weakest inference of the file: segment names and whether `orderId` is part of the path
    are
    guesses. The PUT upload itself is not documented either.

    Args:
        order_id (str):
        shipment_id (str):
        body (AttachmentUploadUrlRequest): The request object for getting upload url for uploading
            shipment attachment document.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentUploadUrl | ProblemDetails]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
        shipment_id=shipment_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    order_id: str,
    shipment_id: str,
    *,
    client: AuthenticatedClient,
    body: AttachmentUploadUrlRequest,
) -> AttachmentUploadUrl | ProblemDetails | None:
    """Get shipment attachment upload URL

     Get shipment attachment url for uploading shipment attachment document. The returned URL is pre-
    signed
    (valid for one hour) and takes the document with an HTTP PUT and `Content-Type: application/pdf`.

    Inferred path and method: `POST
    /outbounds/orders/{orderId}/shipments/{shipmentId}/attachments/upload_url`.
    This is the weakest inference of the file: segment names and whether `orderId` is part of the path
    are
    guesses. The PUT upload itself is not documented either.

    Args:
        order_id (str):
        shipment_id (str):
        body (AttachmentUploadUrlRequest): The request object for getting upload url for uploading
            shipment attachment document.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentUploadUrl | ProblemDetails
    """

    return (
        await asyncio_detailed(
            order_id=order_id,
            shipment_id=shipment_id,
            client=client,
            body=body,
        )
    ).parsed
