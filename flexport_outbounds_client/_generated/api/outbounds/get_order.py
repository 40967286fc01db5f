from ...types import ApiRequest, quote_path_segment

OPERATION_ID = "getOrder"


def build_request(
    order_id: str,
) -> ApiRequest:
    """The request of GET /outbounds/orders/{order_id} (Get order by orderId).

    Returns the method, the path (relative to the server URL, path parameters percent-encoded), the headers the
    spec declares and the JSON-ready body; the caller adds the server URL, authentication and transport.
    """

    return ApiRequest(
        OPERATION_ID,
        "GET",
        f"/outbounds/orders/{quote_path_segment(order_id)}",
        {},
        None,
    )
