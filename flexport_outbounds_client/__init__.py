"""Async client for Flexport's Outbounds API (B2B / wholesale outbound orders), version 2026-02.

    from flexport_outbounds_client import OutboundsClient

    async with OutboundsClient() as client:          # token from FLEXPORT_API_TOKEN
        order = await client.get_order("OB-1234")

Errors are `FlexportError` subclasses (tree in `flexport_outbounds_client._errors`); models are attrs classes
generated from openapi.yaml.
"""

from ._client import DEFAULT_BASE_URL, OutboundsClient
from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConfigurationError,
    ConflictError,
    DuplicateExternalIdError,
    FlexportError,
    NotFoundError,
    OrderNotCancellableError,
    PermissionDeniedError,
    RateLimitError,
    RequestValidationError,
    ServerError,
    UnexpectedResponseError,
    UnprocessableEntityError,
)
from ._generated.models import (
    Address,
    AttachmentContentType,
    AttachmentType,
    AttachmentUploadUrl,
    CreateOrderRequest,
    Order,
    OrderItem,
    OrderStatus,
    ProblemDetails,
    ProductData,
    QuantityUom,
    Shipment,
    ShippingPartner,
    ShippingType,
    TransportationDetails,
    Type,
)
from ._generated.types import UNSET, Unset
from ._retry import RetryPolicy
from ._version import __version__

__all__ = [
    "DEFAULT_BASE_URL",
    "UNSET",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "Address",
    "AttachmentContentType",
    "AttachmentType",
    "AttachmentUploadUrl",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "CreateOrderRequest",
    "DuplicateExternalIdError",
    "FlexportError",
    "NotFoundError",
    "Order",
    "OrderItem",
    "OrderNotCancellableError",
    "OrderStatus",
    "OutboundsClient",
    "PermissionDeniedError",
    "ProblemDetails",
    "ProductData",
    "QuantityUom",
    "RateLimitError",
    "RequestValidationError",
    "RetryPolicy",
    "ServerError",
    "Shipment",
    "ShippingPartner",
    "ShippingType",
    "TransportationDetails",
    "Type",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
    "Unset",
    "__version__",
]
