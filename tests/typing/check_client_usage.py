"""Type-checked by `make typecheck` (mypy --strict and pyright strict), never run: the public API reads the way
users write it.

Lines marked `type: ignore[...]` must stay errors; both checkers fail on an ignore that is no longer needed.
"""

from __future__ import annotations

from typing import assert_type

from flexport_outbounds_client import (
    AttachmentType,
    AttachmentUploadUrl,
    ConflictError,
    CreateOrderRequest,
    FlexportError,
    Order,
    OrderNotCancellableError,
    OrderStatus,
    OutboundsClient,
    RateLimitError,
)


async def typical_service_code(request: CreateOrderRequest) -> None:
    async with OutboundsClient(base_url="https://logistics-api.flexport.com/logistics/api/2026-02") as client:
        order = await client.create_order(request, idempotency_key="po-1")
        assert_type(order, Order)
        assert_type(order.order_status, OrderStatus)
        again = await client.create_order(
            {
                "type": "B2B",
                "externalId": "PO-2",
                "orderItems": [{"logisticsSku": "SKU-A", "quantity": 1, "quantityUOM": "EACH"}],
                "shipToAddress": {"name": "n", "street1": "s", "city": "c", "zip": "z", "state": "CA", "country": "US"},
                "transportationDetails": {"shippingPartner": "FLEXPORT"},
            }
        )
        assert_type(again, Order)
        target = await client.upload_shipment_attachment(
            order.order_id, "SH-1", attachment_type=AttachmentType.SHIPPING_LABELS, file=b"%PDF-"
        )
        assert_type(target, AttachmentUploadUrl)
        try:
            await client.cancel_order(order.order_id, timeout=5.0, max_retries=0)
        except OrderNotCancellableError as exc:
            assert_type(exc.order_id, str)
        except RateLimitError as exc:
            assert_type(exc.retry_after, float | None)
        except ConflictError as exc:
            assert_type(exc.correlation_id, str | None)
        except FlexportError:
            raise


async def misuse(client: OutboundsClient) -> None:
    await client.get_order(42)  # type: ignore[arg-type]
    await client.cancel_order("OB-1", retries=3)  # type: ignore[call-arg]
    OutboundsClient("token", "https://positional-base-url")  # type: ignore[call-arg]
