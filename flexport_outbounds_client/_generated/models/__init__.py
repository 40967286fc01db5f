"""Contains all the data models used in inputs/outputs"""

from .address import Address
from .attachment_content_type import AttachmentContentType
from .attachment_type import AttachmentType
from .attachment_upload_url import AttachmentUploadUrl
from .attachment_upload_url_request import AttachmentUploadUrlRequest
from .carrier_account_details import CarrierAccountDetails
from .create_order_request import CreateOrderRequest
from .duties import Duties
from .duty_payment_account_details import DutyPaymentAccountDetails
from .freight_detail import FreightDetail
from .incoterm import Incoterm
from .ingestion_channel import IngestionChannel
from .length_unit import LengthUnit
from .order import Order
from .order_item import OrderItem
from .order_status import OrderStatus
from .order_type import OrderType
from .pack_detail import PackDetail
from .pack_dims import PackDims
from .pack_item import PackItem
from .package_status import PackageStatus
from .payment_terms import PaymentTerms
from .problem_details import ProblemDetails
from .product_data import ProductData
from .quantity_uom import QuantityUom
from .retailer_adjustment import RetailerAdjustment
from .retailer_data import RetailerData
from .shipment import Shipment
from .shipment_item import ShipmentItem
from .shipment_status import ShipmentStatus
from .shipping_partner import ShippingPartner
from .shipping_speed import ShippingSpeed
from .shipping_type import ShippingType
from .transportation_details import TransportationDetails
from .vas_data import VasData
from .weight_unit import WeightUnit

__all__ = (
    "Address",
    "AttachmentContentType",
    "AttachmentType",
    "AttachmentUploadUrl",
    "AttachmentUploadUrlRequest",
    "CarrierAccountDetails",
    "CreateOrderRequest",
    "Duties",
    "DutyPaymentAccountDetails",
    "FreightDetail",
    "Incoterm",
    "IngestionChannel",
    "LengthUnit",
    "Order",
    "OrderItem",
    "OrderStatus",
    "OrderType",
    "PackageStatus",
    "PackDetail",
    "PackDims",
    "PackItem",
    "PaymentTerms",
    "ProblemDetails",
    "ProductData",
    "QuantityUom",
    "RetailerAdjustment",
    "RetailerData",
    "Shipment",
    "ShipmentItem",
    "ShipmentStatus",
    "ShippingPartner",
    "ShippingSpeed",
    "ShippingType",
    "TransportationDetails",
    "VasData",
    "WeightUnit",
)
