from typing import Any

from ...models.attachment_upload_url_request import AttachmentUploadUrlRequest
from ...types import ApiRequest, quote_path_segment

OPERATION_ID = "getShipmentAttachmentUploadUrl"


def build_request(
    order_id: str,
    shipment_id: str,
    *,
    body: AttachmentUploadUrlRequest,
) -> ApiRequest:
    """The request of POST /outbounds/orders/{order_id}/shipments/{shipment_id}/attachments/upload_url (Get shipment attachment upload URL).

    Returns the method, the path (relative to the server URL, path parameters percent-encoded), the headers the
    spec declares and the JSON-ready body; the caller adds the server URL, authentication and transport.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    return ApiRequest(
        OPERATION_ID,
        "POST",
        f"/outbounds/orders/{quote_path_segment(order_id)}/shipments/{quote_path_segment(shipment_id)}/attachments/upload_url",
        headers,
        _kwargs.get("json"),
    )
