"""Async client for Flexport's Outbounds API (B2B / wholesale outbound orders), version 2026-02.

    from flexport_outbounds_client import OutboundsClient

    async with OutboundsClient() as client:          # token from FLEXPORT_API_TOKEN
        order = await client.get_order("OB-1234")

Everything raised is a `FlexportError` subclass, importable from here. Models are attrs classes generated from
openapi.yaml: the common ones are importable from here, every one of them from `flexport_outbounds_client.models`;
the TypedDicts of request bodies in their JSON form (`CreateOrderRequestParam`, ...) from
`flexport_outbounds_client.params`.
"""

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:  # type checkers see the real names; at run time they load on first use (PEP 562)
    from ._client import DetailedClient, OutboundsClient
    from ._config import DEFAULT_BASE_URL
    from ._drift import Drift
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
        EventLoopError,
        FlexportError,
        NotFoundError,
        OrderEndedError,
        OrderNotCancellableError,
        PermissionDeniedError,
        RateLimitError,
        RequestValidationError,
        ServerError,
        StatusNotReachedError,
        UnexpectedResponseError,
        UnprocessableEntityError,
        WaitTimeoutError,
    )
    from ._generated.types import UNSET, Unset
    from ._results import CreateOutcome, Details
    from ._retry import RetryPolicy
    from .models import (
        Address,
        AttachmentContentType,
        AttachmentType,
        AttachmentUploadUrl,
        CreateOrderRequest,
        Order,
        OrderItem,
        OrderStatus,
        OrderType,
        ProblemDetails,
        ProductData,
        QuantityUom,
        Shipment,
        ShippingPartner,
        ShippingType,
        TransportationDetails,
    )
    from .params import CreateOrderRequestParam

# Public name -> module that defines it. `import flexport_outbounds_client` loads none of them (so importing the
# package, or `flexport_outbounds_client.sandbox`, stays cheap); the first access imports the module once.
_LAZY: dict[str, str] = {
    "APIConnectionError": "._errors",
    "APIStatusError": "._errors",
    "APITimeoutError": "._errors",
    "Address": ".models",
    "AttachmentContentType": ".models",
    "AttachmentType": ".models",
    "AttachmentUploadUrl": ".models",
    "AuthenticationError": "._errors",
    "BadRequestError": "._errors",
    "ClientClosedError": "._errors",
    "ConfigurationError": "._errors",
    "ConflictError": "._errors",
    "CreateOrderRequest": ".models",
    "CreateOrderRequestParam": ".params",
    "CreateOutcome": "._results",
    "DEFAULT_BASE_URL": "._config",
    "DetailedClient": "._client",
    "Details": "._results",
    "Drift": "._drift",
    "DuplicateExternalIdError": "._errors",
    "EventLoopError": "._errors",
    "FlexportError": "._errors",
    "NotFoundError": "._errors",
    "Order": ".models",
    "OrderEndedError": "._errors",
    "OrderItem": ".models",
    "OrderNotCancellableError": "._errors",
    "OrderStatus": ".models",
    "OrderType": ".models",
    "OutboundsClient": "._client",
    "PermissionDeniedError": "._errors",
    "ProblemDetails": ".models",
    "ProductData": ".models",
    "QuantityUom": ".models",
    "RateLimitError": "._errors",
    "RequestValidationError": "._errors",
    "RetryPolicy": "._retry",
    "ServerError": "._errors",
    "Shipment": ".models",
    "ShippingPartner": ".models",
    "ShippingType": ".models",
    "StatusNotReachedError": "._errors",
    "TransportationDetails": ".models",
    "UNSET": "._generated.types",
    "UnexpectedResponseError": "._errors",
    "UnprocessableEntityError": "._errors",
    "Unset": "._generated.types",
    "WaitTimeoutError": "._errors",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name, __name__), name)
    globals()[name] = value  # later accesses skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


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
    "CreateOrderRequestParam",
    "CreateOutcome",
    "DetailedClient",
    "Details",
    "Drift",
    "DuplicateExternalIdError",
    "EventLoopError",
    "FlexportError",
    "NotFoundError",
    "Order",
    "OrderEndedError",
    "OrderItem",
    "OrderNotCancellableError",
    "OrderStatus",
    "OrderType",
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
    "StatusNotReachedError",
    "TransportationDetails",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
    "Unset",
    "WaitTimeoutError",
    "__version__",
]
