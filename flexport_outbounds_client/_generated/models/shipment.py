from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.shipment_status import ShipmentStatus
from ..models.weight_unit import WeightUnit
from ..types import UNSET, Unset, enum_from_json, note_drift

T = TypeVar("T", bound="Shipment")
_KNOWN_KEYS = frozenset(
    {
        "status",
        "externalChannelShipmentId",
        "externalChannelReferenceNumber",
        "shipmentId",
        "shipmentChargedWeight",
        "shipmentChargedWeightUnit",
        "shipFromAddress",
        "shipToAddress",
        "transportationDetails",
        "packDetails",
        "freightDetails",
        "shipmentItems",
    }
)


@_attrs_define
class Shipment:
    """A shipment created for the order.

    Attributes:
        status (ShipmentStatus | Unset): Status of one shipment of the order.
        external_channel_shipment_id (str | Unset):
        external_channel_reference_number (str | Unset):
        shipment_id (str | Unset):
        shipment_charged_weight (float | Unset):
        shipment_charged_weight_unit (WeightUnit | Unset):
        ship_from_address (Address | Unset): A postal address.
        ship_to_address (Address | Unset): A postal address.
        transportation_details (TransportationDetails | Unset): Shipping preferences: (1) shipping partner - FLEXPORT,
            THIRD_PARTY, RECEIVER, COLLECT are supported for now; (2) shipping type.
        pack_details (list[PackDetail] | Unset):
        freight_details (list[FreightDetail] | Unset):
        shipment_items (list[ShipmentItem] | Unset):
    """

    status: ShipmentStatus | Unset = _attrs_field(default=UNSET, metadata={"json_key": "status"})
    external_channel_shipment_id: str | Unset = _attrs_field(
        default=UNSET, metadata={"json_key": "externalChannelShipmentId"}
    )
    external_channel_reference_number: str | Unset = _attrs_field(
        default=UNSET, metadata={"json_key": "externalChannelReferenceNumber"}
    )
    shipment_id: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "shipmentId"})
    shipment_charged_weight: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "shipmentChargedWeight"})
    shipment_charged_weight_unit: WeightUnit | Unset = _attrs_field(
        default=UNSET, metadata={"json_key": "shipmentChargedWeightUnit"}
    )
    ship_from_address: Address | Unset = _attrs_field(default=UNSET, metadata={"json_key": "shipFromAddress"})
    ship_to_address: Address | Unset = _attrs_field(default=UNSET, metadata={"json_key": "shipToAddress"})
    transportation_details: TransportationDetails | Unset = _attrs_field(
        default=UNSET, metadata={"json_key": "transportationDetails"}
    )
    pack_details: list[PackDetail] | Unset = _attrs_field(default=UNSET, metadata={"json_key": "packDetails"})
    freight_details: list[FreightDetail] | Unset = _attrs_field(default=UNSET, metadata={"json_key": "freightDetails"})
    shipment_items: list[ShipmentItem] | Unset = _attrs_field(default=UNSET, metadata={"json_key": "shipmentItems"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        status = self.status
        if not isinstance(status, Unset):
            field_dict["status"] = status.value

        if self.external_channel_shipment_id is not UNSET:
            field_dict["externalChannelShipmentId"] = self.external_channel_shipment_id

        if self.external_channel_reference_number is not UNSET:
            field_dict["externalChannelReferenceNumber"] = self.external_channel_reference_number

        if self.shipment_id is not UNSET:
            field_dict["shipmentId"] = self.shipment_id

        if self.shipment_charged_weight is not UNSET:
            field_dict["shipmentChargedWeight"] = self.shipment_charged_weight

        shipment_charged_weight_unit = self.shipment_charged_weight_unit
        if not isinstance(shipment_charged_weight_unit, Unset):
            field_dict["shipmentChargedWeightUnit"] = shipment_charged_weight_unit.value

        ship_from_address = self.ship_from_address
        if not isinstance(ship_from_address, Unset):
            field_dict["shipFromAddress"] = ship_from_address.to_dict()

        ship_to_address = self.ship_to_address
        if not isinstance(ship_to_address, Unset):
            field_dict["shipToAddress"] = ship_to_address.to_dict()

        transportation_details = self.transportation_details
        if not isinstance(transportation_details, Unset):
            field_dict["transportationDetails"] = transportation_details.to_dict()

        pack_details = self.pack_details
        if not isinstance(pack_details, Unset):
            field_dict["packDetails"] = [pack_details_item.to_dict() for pack_details_item in pack_details]

        freight_details = self.freight_details
        if not isinstance(freight_details, Unset):
            field_dict["freightDetails"] = [freight_details_item.to_dict() for freight_details_item in freight_details]

        shipment_items = self.shipment_items
        if not isinstance(shipment_items, Unset):
            field_dict["shipmentItems"] = [shipment_items_item.to_dict() for shipment_items_item in shipment_items]

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _status: Any = src_dict.get("status", UNSET)
        status: ShipmentStatus | Unset = UNSET if _status is UNSET else enum_from_json(ShipmentStatus, _status)

        external_channel_shipment_id = src_dict.get("externalChannelShipmentId", UNSET)

        external_channel_reference_number = src_dict.get("externalChannelReferenceNumber", UNSET)

        shipment_id = src_dict.get("shipmentId", UNSET)

        shipment_charged_weight = src_dict.get("shipmentChargedWeight", UNSET)

        _shipment_charged_weight_unit: Any = src_dict.get("shipmentChargedWeightUnit", UNSET)
        shipment_charged_weight_unit: WeightUnit | Unset = (
            UNSET
            if _shipment_charged_weight_unit is UNSET
            else enum_from_json(WeightUnit, _shipment_charged_weight_unit)
        )

        _ship_from_address: Any = src_dict.get("shipFromAddress", UNSET)
        ship_from_address: Address | Unset = (
            UNSET if _ship_from_address is UNSET else Address.from_dict(_ship_from_address)
        )

        _ship_to_address: Any = src_dict.get("shipToAddress", UNSET)
        ship_to_address: Address | Unset = UNSET if _ship_to_address is UNSET else Address.from_dict(_ship_to_address)

        _transportation_details: Any = src_dict.get("transportationDetails", UNSET)
        transportation_details: TransportationDetails | Unset = (
            UNSET if _transportation_details is UNSET else TransportationDetails.from_dict(_transportation_details)
        )

        _pack_details: Any = src_dict.get("packDetails", UNSET)
        pack_details: list[PackDetail] | Unset = (
            UNSET
            if _pack_details is UNSET
            else [PackDetail.from_dict(pack_details_item) for pack_details_item in _pack_details]
        )

        _freight_details: Any = src_dict.get("freightDetails", UNSET)
        freight_details: list[FreightDetail] | Unset = (
            UNSET
            if _freight_details is UNSET
            else [FreightDetail.from_dict(freight_details_item) for freight_details_item in _freight_details]
        )

        _shipment_items: Any = src_dict.get("shipmentItems", UNSET)
        shipment_items: list[ShipmentItem] | Unset = (
            UNSET
            if _shipment_items is UNSET
            else [ShipmentItem.from_dict(shipment_items_item) for shipment_items_item in _shipment_items]
        )

        shipment = cls(
            status,
            external_channel_shipment_id,
            external_channel_reference_number,
            shipment_id,
            shipment_charged_weight,
            shipment_charged_weight_unit,
            ship_from_address,
            ship_to_address,
            transportation_details,
            pack_details,
            freight_details,
            shipment_items,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "Shipment", key)
            shipment.additional_properties = unknown
        return shipment

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
from ..models.freight_detail import FreightDetail  # noqa: E402
from ..models.pack_detail import PackDetail  # noqa: E402
from ..models.shipment_item import ShipmentItem  # noqa: E402
from ..models.transportation_details import TransportationDetails  # noqa: E402
