from ...types import ApiRequest, quote_path_segment

OPERATION_ID = "getOrderByExternalId"


def build_request(
    external_id: str,
) -> ApiRequest:
    """The request of GET /outbounds/orders/external_id/{external_id} (Get order by external ID).

    Returns the method, the path (relative to the server URL, path parameters percent-encoded), the headers the
    spec declares and the JSON-ready body; the caller adds the server URL, authentication and transport.
    """

    return ApiRequest(
        OPERATION_ID,
        "GET",
        f"/outbounds/orders/external_id/{quote_path_segment(external_id)}",
        {},
        None,
    )
