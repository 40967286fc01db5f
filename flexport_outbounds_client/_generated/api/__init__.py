"""Request descriptions: `build_request` per operation (api/<tag>/), and here the JSON form of every request body.

`<Model>Param` is the TypedDict of `<Model>`'s JSON form (camelCase keys, as sent), accepted wherever the model is.
"""

from typing import Literal, NotRequired, TypedDict

from ..models import (
    AttachmentContentType,
    AttachmentType,
    Incoterm,
    IngestionChannel,
    OrderType,
    QuantityUom,
    ShippingPartner,
    ShippingSpeed,
    ShippingType,
)

__all__ = [
    "AddressParam",
    "AttachmentUploadUrlRequestParam",
    "CarrierAccountDetailsParam",
    "CreateOrderRequestParam",
    "DutiesParam",
    "DutyPaymentAccountDetailsParam",
    "OrderItemParam",
    "PaymentTermsParam",
    "ProductDataParam",
    "RetailerAdjustmentParam",
    "RetailerDataParam",
    "TransportationDetailsParam",
    "VasDataParam",
]


# The JSON form of `ProductData` (camelCase keys, as sent); the model's docstring describes it.
class ProductDataParam(TypedDict):
    upc: NotRequired[str]
    buyerPartNumber: NotRequired[str]
    sku: NotRequired[str]
    gtin: NotRequired[str]


# The JSON form of `OrderItem` (camelCase keys, as sent); the model's docstring describes it.
class OrderItemParam(TypedDict):
    quantity: float | int
    quantityUOM: Literal["CASE", "EACH"] | QuantityUom
    logisticsSku: NotRequired[str]
    quantityPerPack: NotRequired[float | int]
    lineItemId: NotRequired[str]
    lotNumber: NotRequired[str]
    unitPrice: NotRequired[float | int]
    totalPrice: NotRequired[float | int]
    discount: NotRequired[float | int]
    productData: NotRequired[ProductDataParam]


# The JSON form of `Address` (camelCase keys, as sent); the model's docstring describes it.
class AddressParam(TypedDict):
    name: str
    street1: str
    city: str
    zip: str
    state: str
    country: str
    company: NotRequired[str]
    street2: NotRequired[str]
    phone: NotRequired[str]
    email: NotRequired[str]
    isResidential: NotRequired[bool]


# The JSON form of `CarrierAccountDetails` (camelCase keys, as sent); the model's docstring describes it.
class CarrierAccountDetailsParam(TypedDict):
    carrierName: NotRequired[str]
    carrierAccountId: NotRequired[str]
    country: NotRequired[str]
    postalCode: NotRequired[str]


# The JSON form of `DutyPaymentAccountDetails` (camelCase keys, as sent); the model's docstring describes it.
class DutyPaymentAccountDetailsParam(TypedDict):
    carrierName: NotRequired[str]
    dutyPaymentAccountId: NotRequired[str]
    country: NotRequired[str]
    postalCode: NotRequired[str]


# The JSON form of `Duties` (camelCase keys, as sent); the model's docstring describes it.
class DutiesParam(TypedDict):
    dutyPaymentAccountDetails: NotRequired[DutyPaymentAccountDetailsParam]
    incoterm: NotRequired[Literal["DAP", "DDP", "DDU"] | Incoterm]
    eelPfc: NotRequired[str]


# The JSON form of `TransportationDetails` (camelCase keys, as sent); the model's docstring describes it.
class TransportationDetailsParam(TypedDict):
    shippingPartner: NotRequired[Literal["COLLECT", "FLEXPORT", "RECEIVER", "THIRD_PARTY"] | ShippingPartner]
    shippingType: NotRequired[Literal["FTL", "LTL", "PARCEL"] | ShippingType]
    carrierAccountDetails: NotRequired[CarrierAccountDetailsParam]
    duties: NotRequired[DutiesParam]
    shippingMethod: NotRequired[str]
    shippingSpeed: NotRequired[Literal["ONE_DAY", "STANDARD", "THREE_DAY", "TWO_DAY"] | ShippingSpeed]


# The JSON form of `RetailerAdjustment` (camelCase keys, as sent); the model's docstring describes it.
class RetailerAdjustmentParam(TypedDict):
    type: NotRequired[str]
    value: NotRequired[float | int]


# The JSON form of `PaymentTerms` (camelCase keys, as sent); the model's docstring describes it.
class PaymentTermsParam(TypedDict):
    term: NotRequired[str]
    dueDate: NotRequired[str]


# The JSON form of `RetailerData` (camelCase keys, as sent); the model's docstring describes it.
class RetailerDataParam(TypedDict):
    retailer: NotRequired[str]
    purchaseOrderNumber: NotRequired[str]
    tradingPartnerId: NotRequired[str]
    customerPoNumber: NotRequired[str]
    invoiceNumber: NotRequired[str]
    markForStore: NotRequired[str]
    department: NotRequired[str]
    address: NotRequired[AddressParam]
    discounts: NotRequired[list[RetailerAdjustmentParam]]
    charges: NotRequired[list[RetailerAdjustmentParam]]
    paymentTerms: NotRequired[PaymentTermsParam]
    deliveryDate: NotRequired[str]
    shipByDate: NotRequired[str]
    shipAfterDate: NotRequired[str]


# The JSON form of `VasData` (camelCase keys, as sent); the model's docstring describes it.
class VasDataParam(TypedDict):
    code: NotRequired[str]


# The JSON form of `CreateOrderRequest` (camelCase keys, as sent); the model's docstring describes it.
class CreateOrderRequestParam(TypedDict):
    type: Literal["B2B"] | OrderType
    orderItems: list[OrderItemParam]
    shipToAddress: AddressParam
    transportationDetails: TransportationDetailsParam
    currencyCode: NotRequired[str]
    externalId: NotRequired[str]
    shipBy: NotRequired[str]
    notes: NotRequired[str]
    locationId: NotRequired[str]
    retailerData: NotRequired[RetailerDataParam]
    ingestionChannel: NotRequired[Literal["API", "SPS"] | IngestionChannel]
    vasData: NotRequired[VasDataParam]


# The JSON form of `AttachmentUploadUrlRequest` (camelCase keys, as sent); the model's docstring describes it.
class AttachmentUploadUrlRequestParam(TypedDict):
    attachmentType: Literal["CASE_LABELS", "COMMERCIAL_INVOICE", "SHIPPING_LABELS"] | AttachmentType
    contentType: Literal["application/pdf"] | AttachmentContentType
