from ...types import ApiRequest, quote_path_segment

OPERATION_ID = "cancelOrder"


def build_request(
    order_id: str,
) -> ApiRequest:
    """The request of POST /outbounds/orders/{order_id}/cancel (Cancel order).

    Returns the method, the path (relative to the server URL, path parameters percent-encoded), the headers the
    spec declares and the JSON-ready body; the caller adds the server URL, authentication and transport.
    """

    return ApiRequest(
        OPERATION_ID,
        "POST",
        f"/outbounds/orders/{quote_path_segment(order_id)}/cancel",
        {},
        None,
    )
