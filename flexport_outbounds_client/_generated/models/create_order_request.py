from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ingestion_channel import IngestionChannel
from ..models.type_ import Type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.order_item import OrderItem
    from ..models.retailer_data import RetailerData
    from ..models.transportation_details import TransportationDetails
    from ..models.vas_data import VasData


T = TypeVar("T", bound="CreateOrderRequest")


@_attrs_define
class CreateOrderRequest:
    """A B2B (wholesale) outbound order. Limits: 1 to 1000 order items; duplicate SKUs are not allowed; each item needs
    logisticsSku or productData.

        Attributes:
            type_ (Type): Type of the order, e.g. B2B, EDI, DROP_SHIP. Currently, only B2B is supported.
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

    type_: Type
    order_items: list[OrderItem]
    ship_to_address: Address
    transportation_details: TransportationDetails
    currency_code: str | Unset = UNSET
    external_id: str | Unset = UNSET
    ship_by: datetime.datetime | Unset = UNSET
    notes: str | Unset = UNSET
    location_id: str | Unset = UNSET
    retailer_data: RetailerData | Unset = UNSET
    ingestion_channel: IngestionChannel | Unset = UNSET
    vas_data: VasData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        order_items = []
        for order_items_item_data in self.order_items:
            order_items_item = order_items_item_data.to_dict()
            order_items.append(order_items_item)

        ship_to_address = self.ship_to_address.to_dict()

        transportation_details = self.transportation_details.to_dict()

        currency_code = self.currency_code

        external_id = self.external_id

        ship_by: str | Unset = UNSET
        if not isinstance(self.ship_by, Unset):
            ship_by = self.ship_by.isoformat()

        notes = self.notes

        location_id = self.location_id

        retailer_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.retailer_data, Unset):
            retailer_data = self.retailer_data.to_dict()

        ingestion_channel: str | Unset = UNSET
        if not isinstance(self.ingestion_channel, Unset):
            ingestion_channel = self.ingestion_channel.value

        vas_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.vas_data, Unset):
            vas_data = self.vas_data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "orderItems": order_items,
                "shipToAddress": ship_to_address,
                "transportationDetails": transportation_details,
            }
        )
        if currency_code is not UNSET:
            field_dict["currencyCode"] = currency_code
        if external_id is not UNSET:
            field_dict["externalId"] = external_id
        if ship_by is not UNSET:
            field_dict["shipBy"] = ship_by
        if notes is not UNSET:
            field_dict["notes"] = notes
        if location_id is not UNSET:
            field_dict["locationId"] = location_id
        if retailer_data is not UNSET:
            field_dict["retailerData"] = retailer_data
        if ingestion_channel is not UNSET:
            field_dict["ingestionChannel"] = ingestion_channel
        if vas_data is not UNSET:
            field_dict["vasData"] = vas_data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.order_item import OrderItem  # noqa: PLC0415
        from ..models.retailer_data import RetailerData  # noqa: PLC0415
        from ..models.transportation_details import TransportationDetails  # noqa: PLC0415
        from ..models.vas_data import VasData  # noqa: PLC0415

        d = dict(src_dict)
        type_ = Type(d.pop("type"))

        order_items = []
        _order_items = d.pop("orderItems")
        for order_items_item_data in _order_items:
            order_items_item = OrderItem.from_dict(order_items_item_data)

            order_items.append(order_items_item)

        ship_to_address = Address.from_dict(d.pop("shipToAddress"))

        transportation_details = TransportationDetails.from_dict(d.pop("transportationDetails"))

        currency_code = d.pop("currencyCode", UNSET)

        external_id = d.pop("externalId", UNSET)

        _ship_by = d.pop("shipBy", UNSET)
        ship_by: datetime.datetime | Unset
        if isinstance(_ship_by, Unset):
            ship_by = UNSET
        else:
            ship_by = datetime.datetime.fromisoformat(_ship_by)

        notes = d.pop("notes", UNSET)

        location_id = d.pop("locationId", UNSET)

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

        _vas_data = d.pop("vasData", UNSET)
        vas_data: VasData | Unset
        if isinstance(_vas_data, Unset):
            vas_data = UNSET
        else:
            vas_data = VasData.from_dict(_vas_data)

        create_order_request = cls(
            type_=type_,
            order_items=order_items,
            ship_to_address=ship_to_address,
            transportation_details=transportation_details,
            currency_code=currency_code,
            external_id=external_id,
            ship_by=ship_by,
            notes=notes,
            location_id=location_id,
            retailer_data=retailer_data,
            ingestion_channel=ingestion_channel,
            vas_data=vas_data,
        )

        create_order_request.additional_properties = d
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
