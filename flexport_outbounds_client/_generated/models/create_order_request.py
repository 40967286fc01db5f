from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ingestion_channel import IngestionChannel
from ..models.order_type import OrderType
from ..types import UNSET, Unset, enum_from_json, note_drift

T = TypeVar("T", bound="CreateOrderRequest")
_KNOWN_KEYS = frozenset(
    {
        "type",
        "orderItems",
        "shipToAddress",
        "transportationDetails",
        "currencyCode",
        "externalId",
        "shipBy",
        "notes",
        "locationId",
        "retailerData",
        "ingestionChannel",
        "vasData",
    }
)


@_attrs_define
class CreateOrderRequest:
    """A B2B (wholesale) outbound order. Limits: 1 to 1000 order items; duplicate SKUs are not allowed; each item needs
    logisticsSku or productData.

        Attributes:
            type_ (OrderType): Type of the order, e.g. B2B, EDI, DROP_SHIP. Currently, only B2B is supported.
            order_items (list[OrderItem]): Items to be sent. Duplicate SKUs are not allowed. Maximum 1000 items per order.
            ship_to_address (Address): A postal address.
            transportation_details (TransportationDetails): Shipping preferences: (1) shipping partner - FLEXPORT,
                THIRD_PARTY, RECEIVER, COLLECT are supported for now; (2) shipping type.
            currency_code (str | Unset): ISO 4217 currency of the prices in orderItems (e.g. USD).
            external_id (str | Unset): A unique order reference in the external system. Used by Get order by external ID,
                and by this client to make creation exactly-once.
            ship_by (datetime.datetime | Unset): Ship-by date.
            notes (str | Unset): Additional notes to be provided along with the order.
            location_id (str | Unset): Warehouse id. The docs say the warehouse is resolved automatically; semantics
                unclear.
            retailer_data (RetailerData | Unset): Additional data required for EDI and DROP_SHIP orders.
            ingestion_channel (IngestionChannel | Unset): Ingestion channel of the order.
            vas_data (VasData | Unset): Value-added-service data (request only; not echoed in the order).
    """

    type_: OrderType = _attrs_field(metadata={"json_key": "type"})
    order_items: list[OrderItem] = _attrs_field(metadata={"json_key": "orderItems"})
    ship_to_address: Address = _attrs_field(metadata={"json_key": "shipToAddress"})
    transportation_details: TransportationDetails = _attrs_field(metadata={"json_key": "transportationDetails"})
    currency_code: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "currencyCode"})
    external_id: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "externalId"})
    ship_by: datetime.datetime | Unset = _attrs_field(default=UNSET, metadata={"json_key": "shipBy"})
    notes: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "notes"})
    location_id: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "locationId"})
    retailer_data: RetailerData | Unset = _attrs_field(default=UNSET, metadata={"json_key": "retailerData"})
    ingestion_channel: IngestionChannel | Unset = _attrs_field(default=UNSET, metadata={"json_key": "ingestionChannel"})
    vas_data: VasData | Unset = _attrs_field(default=UNSET, metadata={"json_key": "vasData"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["type"] = self.type_.value

        field_dict["orderItems"] = [order_items_item.to_dict() for order_items_item in self.order_items]

        field_dict["shipToAddress"] = self.ship_to_address.to_dict()

        field_dict["transportationDetails"] = self.transportation_details.to_dict()

        if self.currency_code is not UNSET:
            field_dict["currencyCode"] = self.currency_code

        if self.external_id is not UNSET:
            field_dict["externalId"] = self.external_id

        ship_by = self.ship_by
        if not isinstance(ship_by, Unset):
            field_dict["shipBy"] = ship_by.isoformat()

        if self.notes is not UNSET:
            field_dict["notes"] = self.notes

        if self.location_id is not UNSET:
            field_dict["locationId"] = self.location_id

        retailer_data = self.retailer_data
        if not isinstance(retailer_data, Unset):
            field_dict["retailerData"] = retailer_data.to_dict()

        ingestion_channel = self.ingestion_channel
        if not isinstance(ingestion_channel, Unset):
            field_dict["ingestionChannel"] = ingestion_channel.value

        vas_data = self.vas_data
        if not isinstance(vas_data, Unset):
            field_dict["vasData"] = vas_data.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = enum_from_json(OrderType, src_dict["type"])

        order_items = [OrderItem.from_dict(order_items_item) for order_items_item in src_dict["orderItems"]]

        ship_to_address = Address.from_dict(src_dict["shipToAddress"])

        transportation_details = TransportationDetails.from_dict(src_dict["transportationDetails"])

        currency_code = src_dict.get("currencyCode", UNSET)

        external_id = src_dict.get("externalId", UNSET)

        _ship_by: Any = src_dict.get("shipBy", UNSET)
        ship_by: datetime.datetime | Unset = UNSET if _ship_by is UNSET else datetime.datetime.fromisoformat(_ship_by)

        notes = src_dict.get("notes", UNSET)

        location_id = src_dict.get("locationId", UNSET)

        _retailer_data: Any = src_dict.get("retailerData", UNSET)
        retailer_data: RetailerData | Unset = (
            UNSET if _retailer_data is UNSET else RetailerData.from_dict(_retailer_data)
        )

        _ingestion_channel: Any = src_dict.get("ingestionChannel", UNSET)
        ingestion_channel: IngestionChannel | Unset = (
            UNSET if _ingestion_channel is UNSET else enum_from_json(IngestionChannel, _ingestion_channel)
        )

        _vas_data: Any = src_dict.get("vasData", UNSET)
        vas_data: VasData | Unset = UNSET if _vas_data is UNSET else VasData.from_dict(_vas_data)

        create_order_request = cls(
            type_,
            order_items,
            ship_to_address,
            transportation_details,
            currency_code,
            external_id,
            ship_by,
            notes,
            location_id,
            retailer_data,
            ingestion_channel,
            vas_data,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "CreateOrderRequest", key)
            create_order_request.additional_properties = unknown
        return create_order_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


from ..models.address import Address  # noqa: E402
from ..models.order_item import OrderItem  # noqa: E402
from ..models.retailer_data import RetailerData  # noqa: E402
from ..models.transportation_details import TransportationDetails  # noqa: E402
from ..models.vas_data import VasData  # noqa: E402
