from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ingestion_channel import IngestionChannel
from ..models.order_status import OrderStatus
from ..models.order_type import OrderType
from ..types import UNSET, Unset, enum_from_json, note_drift

T = TypeVar("T", bound="Order")
_KNOWN_KEYS = frozenset(
    {
        "orderId",
        "type",
        "orderStatus",
        "orderItems",
        "shipments",
        "externalId",
        "externalChannelId",
        "locationId",
        "shipBy",
        "notes",
        "retailerData",
        "ingestionChannel",
    }
)


@_attrs_define
class Order:
    """A B2B outbound order.

    Attributes:
        order_id (str): Id generated after successfully creating the order.
        type_ (OrderType): Type of the order, e.g. B2B, EDI, DROP_SHIP. Currently, only B2B is supported.
        order_status (OrderStatus): Current status of the order. Only PLANNED and BOOKED orders can be cancelled; once
            the warehouse begins processing (IN_PROGRESS or later) the order can no longer be cancelled. Flexport adds
            statuses over time: treat unknown values as "later than IN_PROGRESS".
        order_items (list[OrderItem]): Items in the order.
        shipments (list[Shipment]): Shipments created related to the order.
        external_id (str | Unset): External id submitted by the external system when creating the order.
        external_channel_id (str | Unset): External channel's order id.
        location_id (str | Unset): Warehouse id from which the order will be sent.
        ship_by (datetime.datetime | Unset): Ship by date provided by the external system in the request.
        notes (str | Unset): Additional notes to be provided along with the order.
        retailer_data (RetailerData | Unset): Additional data required for EDI and DROP_SHIP orders.
        ingestion_channel (IngestionChannel | Unset): Ingestion channel of the order.
    """

    order_id: str = _attrs_field(metadata={"json_key": "orderId"})
    type_: OrderType = _attrs_field(metadata={"json_key": "type"})
    order_status: OrderStatus = _attrs_field(metadata={"json_key": "orderStatus"})
    order_items: list[OrderItem] = _attrs_field(metadata={"json_key": "orderItems"})
    shipments: list[Shipment] = _attrs_field(metadata={"json_key": "shipments"})
    external_id: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "externalId"})
    external_channel_id: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "externalChannelId"})
    location_id: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "locationId"})
    ship_by: datetime.datetime | Unset = _attrs_field(default=UNSET, metadata={"json_key": "shipBy"})
    notes: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "notes"})
    retailer_data: RetailerData | Unset = _attrs_field(default=UNSET, metadata={"json_key": "retailerData"})
    ingestion_channel: IngestionChannel | Unset = _attrs_field(default=UNSET, metadata={"json_key": "ingestionChannel"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["orderId"] = self.order_id

        field_dict["type"] = self.type_.value

        field_dict["orderStatus"] = self.order_status.value

        field_dict["orderItems"] = [order_items_item.to_dict() for order_items_item in self.order_items]

        field_dict["shipments"] = [shipments_item.to_dict() for shipments_item in self.shipments]

        if self.external_id is not UNSET:
            field_dict["externalId"] = self.external_id

        if self.external_channel_id is not UNSET:
            field_dict["externalChannelId"] = self.external_channel_id

        if self.location_id is not UNSET:
            field_dict["locationId"] = self.location_id

        ship_by = self.ship_by
        if not isinstance(ship_by, Unset):
            field_dict["shipBy"] = ship_by.isoformat()

        if self.notes is not UNSET:
            field_dict["notes"] = self.notes

        retailer_data = self.retailer_data
        if not isinstance(retailer_data, Unset):
            field_dict["retailerData"] = retailer_data.to_dict()

        ingestion_channel = self.ingestion_channel
        if not isinstance(ingestion_channel, Unset):
            field_dict["ingestionChannel"] = ingestion_channel.value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        order_id = src_dict["orderId"]

        type_ = enum_from_json(OrderType, src_dict["type"])

        order_status = enum_from_json(OrderStatus, src_dict["orderStatus"])

        order_items = [OrderItem.from_dict(order_items_item) for order_items_item in src_dict["orderItems"]]

        shipments = [Shipment.from_dict(shipments_item) for shipments_item in src_dict["shipments"]]

        external_id = src_dict.get("externalId", UNSET)

        external_channel_id = src_dict.get("externalChannelId", UNSET)

        location_id = src_dict.get("locationId", UNSET)

        _ship_by: Any = src_dict.get("shipBy", UNSET)
        ship_by: datetime.datetime | Unset = UNSET if _ship_by is UNSET else datetime.datetime.fromisoformat(_ship_by)

        notes = src_dict.get("notes", UNSET)

        _retailer_data: Any = src_dict.get("retailerData", UNSET)
        retailer_data: RetailerData | Unset = (
            UNSET if _retailer_data is UNSET else RetailerData.from_dict(_retailer_data)
        )

        _ingestion_channel: Any = src_dict.get("ingestionChannel", UNSET)
        ingestion_channel: IngestionChannel | Unset = (
            UNSET if _ingestion_channel is UNSET else enum_from_json(IngestionChannel, _ingestion_channel)
        )

        order = cls(
            order_id,
            type_,
            order_status,
            order_items,
            shipments,
            external_id,
            external_channel_id,
            location_id,
            ship_by,
            notes,
            retailer_data,
            ingestion_channel,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "Order", key)
            order.additional_properties = unknown
        return order

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


from ..models.order_item import OrderItem  # noqa: E402
from ..models.retailer_data import RetailerData  # noqa: E402
from ..models.shipment import Shipment  # noqa: E402
