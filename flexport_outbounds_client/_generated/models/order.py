from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ingestion_channel import IngestionChannel
from ..models.order_status import OrderStatus
from ..models.type_ import Type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_item import OrderItem
    from ..models.retailer_data import RetailerData
    from ..models.shipment import Shipment


T = TypeVar("T", bound="Order")


@_attrs_define
class Order:
    """A B2B outbound order.

    Attributes:
        order_id (str): Id generated after successfully creating the order.
        type_ (Type): Type of the order, e.g. B2B, EDI, DROP_SHIP. Currently, only B2B is supported.
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

    order_id: str
    type_: Type
    order_status: OrderStatus
    order_items: list[OrderItem]
    shipments: list[Shipment]
    external_id: str | Unset = UNSET
    external_channel_id: str | Unset = UNSET
    location_id: str | Unset = UNSET
    ship_by: datetime.datetime | Unset = UNSET
    notes: str | Unset = UNSET
    retailer_data: RetailerData | Unset = UNSET
    ingestion_channel: IngestionChannel | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        type_ = self.type_.value

        order_status = self.order_status.value

        order_items = []
        for order_items_item_data in self.order_items:
            order_items_item = order_items_item_data.to_dict()
            order_items.append(order_items_item)

        shipments = []
        for shipments_item_data in self.shipments:
            shipments_item = shipments_item_data.to_dict()
            shipments.append(shipments_item)

        external_id = self.external_id

        external_channel_id = self.external_channel_id

        location_id = self.location_id

        ship_by: str | Unset = UNSET
        if not isinstance(self.ship_by, Unset):
            ship_by = self.ship_by.isoformat()

        notes = self.notes

        retailer_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.retailer_data, Unset):
            retailer_data = self.retailer_data.to_dict()

        ingestion_channel: str | Unset = UNSET
        if not isinstance(self.ingestion_channel, Unset):
            ingestion_channel = self.ingestion_channel.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "orderId": order_id,
                "type": type_,
                "orderStatus": order_status,
                "orderItems": order_items,
                "shipments": shipments,
            }
        )
        if external_id is not UNSET:
            field_dict["externalId"] = external_id
        if external_channel_id is not UNSET:
            field_dict["externalChannelId"] = external_channel_id
        if location_id is not UNSET:
            field_dict["locationId"] = location_id
        if ship_by is not UNSET:
            field_dict["shipBy"] = ship_by
        if notes is not UNSET:
            field_dict["notes"] = notes
        if retailer_data is not UNSET:
            field_dict["retailerData"] = retailer_data
        if ingestion_channel is not UNSET:
            field_dict["ingestionChannel"] = ingestion_channel

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_item import OrderItem  # noqa: PLC0415
        from ..models.retailer_data import RetailerData  # noqa: PLC0415
        from ..models.shipment import Shipment  # noqa: PLC0415

        d = dict(src_dict)
        order_id = d.pop("orderId")

        type_ = Type(d.pop("type"))

        order_status = OrderStatus(d.pop("orderStatus"))

        order_items = []
        _order_items = d.pop("orderItems")
        for order_items_item_data in _order_items:
            order_items_item = OrderItem.from_dict(order_items_item_data)

            order_items.append(order_items_item)

        shipments = []
        _shipments = d.pop("shipments")
        for shipments_item_data in _shipments:
            shipments_item = Shipment.from_dict(shipments_item_data)

            shipments.append(shipments_item)

        external_id = d.pop("externalId", UNSET)

        external_channel_id = d.pop("externalChannelId", UNSET)

        location_id = d.pop("locationId", UNSET)

        _ship_by = d.pop("shipBy", UNSET)
        ship_by: datetime.datetime | Unset
        if isinstance(_ship_by, Unset):
            ship_by = UNSET
        else:
            ship_by = datetime.datetime.fromisoformat(_ship_by)

        notes = d.pop("notes", UNSET)

        _retailer_data = d.pop("retailerData", UNSET)
        retailer_data: RetailerData | Unset
        if isinstance(_retailer_data, Unset):
            retailer_data = UNSET
        else:
            retailer_data = RetailerData.from_dict(_retailer_data)

        _ingestion_channel = d.pop("ingestionChannel", UNSET)
        ingestion_channel: IngestionChannel | Unset
        if isinstance(_ingestion_channel, Unset):
            ingestion_channel = UNSET
        else:
            ingestion_channel = IngestionChannel(_ingestion_channel)

        order = cls(
            order_id=order_id,
            type_=type_,
            order_status=order_status,
            order_items=order_items,
            shipments=shipments,
            external_id=external_id,
            external_channel_id=external_channel_id,
            location_id=location_id,
            ship_by=ship_by,
            notes=notes,
            retailer_data=retailer_data,
            ingestion_channel=ingestion_channel,
        )

        order.additional_properties = d
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
