from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.shipment_status import ShipmentStatus
from ..models.weight_unit import WeightUnit
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.freight_detail import FreightDetail
    from ..models.pack_detail import PackDetail
    from ..models.shipment_item import ShipmentItem
    from ..models.transportation_details import TransportationDetails


T = TypeVar("T", bound="Shipment")


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

    status: ShipmentStatus | Unset = UNSET
    external_channel_shipment_id: str | Unset = UNSET
    external_channel_reference_number: str | Unset = UNSET
    shipment_id: str | Unset = UNSET
    shipment_charged_weight: float | Unset = UNSET
    shipment_charged_weight_unit: WeightUnit | Unset = UNSET
    ship_from_address: Address | Unset = UNSET
    ship_to_address: Address | Unset = UNSET
    transportation_details: TransportationDetails | Unset = UNSET
    pack_details: list[PackDetail] | Unset = UNSET
    freight_details: list[FreightDetail] | Unset = UNSET
    shipment_items: list[ShipmentItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        external_channel_shipment_id = self.external_channel_shipment_id

        external_channel_reference_number = self.external_channel_reference_number

        shipment_id = self.shipment_id

        shipment_charged_weight = self.shipment_charged_weight

        shipment_charged_weight_unit: str | Unset = UNSET
        if not isinstance(self.shipment_charged_weight_unit, Unset):
            shipment_charged_weight_unit = self.shipment_charged_weight_unit.value

        ship_from_address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ship_from_address, Unset):
            ship_from_address = self.ship_from_address.to_dict()

        ship_to_address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ship_to_address, Unset):
            ship_to_address = self.ship_to_address.to_dict()

        transportation_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.transportation_details, Unset):
            transportation_details = self.transportation_details.to_dict()

        pack_details: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.pack_details, Unset):
            pack_details = []
            for pack_details_item_data in self.pack_details:
                pack_details_item = pack_details_item_data.to_dict()
                pack_details.append(pack_details_item)

        freight_details: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.freight_details, Unset):
            freight_details = []
            for freight_details_item_data in self.freight_details:
                freight_details_item = freight_details_item_data.to_dict()
                freight_details.append(freight_details_item)

        shipment_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.shipment_items, Unset):
            shipment_items = []
            for shipment_items_item_data in self.shipment_items:
                shipment_items_item = shipment_items_item_data.to_dict()
                shipment_items.append(shipment_items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if external_channel_shipment_id is not UNSET:
            field_dict["externalChannelShipmentId"] = external_channel_shipment_id
        if external_channel_reference_number is not UNSET:
            field_dict["externalChannelReferenceNumber"] = external_channel_reference_number
        if shipment_id is not UNSET:
            field_dict["shipmentId"] = shipment_id
        if shipment_charged_weight is not UNSET:
            field_dict["shipmentChargedWeight"] = shipment_charged_weight
        if shipment_charged_weight_unit is not UNSET:
            field_dict["shipmentChargedWeightUnit"] = shipment_charged_weight_unit
        if ship_from_address is not UNSET:
            field_dict["shipFromAddress"] = ship_from_address
        if ship_to_address is not UNSET:
            field_dict["shipToAddress"] = ship_to_address
        if transportation_details is not UNSET:
            field_dict["transportationDetails"] = transportation_details
        if pack_details is not UNSET:
            field_dict["packDetails"] = pack_details
        if freight_details is not UNSET:
            field_dict["freightDetails"] = freight_details
        if shipment_items is not UNSET:
            field_dict["shipmentItems"] = shipment_items

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.freight_detail import FreightDetail  # noqa: PLC0415
        from ..models.pack_detail import PackDetail  # noqa: PLC0415
        from ..models.shipment_item import ShipmentItem  # noqa: PLC0415
        from ..models.transportation_details import TransportationDetails  # noqa: PLC0415

        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: ShipmentStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ShipmentStatus(_status)

        external_channel_shipment_id = d.pop("externalChannelShipmentId", UNSET)

        external_channel_reference_number = d.pop("externalChannelReferenceNumber", UNSET)

        shipment_id = d.pop("shipmentId", UNSET)

        shipment_charged_weight = d.pop("shipmentChargedWeight", UNSET)

        _shipment_charged_weight_unit = d.pop("shipmentChargedWeightUnit", UNSET)
        shipment_charged_weight_unit: WeightUnit | Unset
        if isinstance(_shipment_charged_weight_unit, Unset):
            shipment_charged_weight_unit = UNSET
        else:
            shipment_charged_weight_unit = WeightUnit(_shipment_charged_weight_unit)

        _ship_from_address = d.pop("shipFromAddress", UNSET)
        ship_from_address: Address | Unset
        if isinstance(_ship_from_address, Unset):
            ship_from_address = UNSET
        else:
            ship_from_address = Address.from_dict(_ship_from_address)

        _ship_to_address = d.pop("shipToAddress", UNSET)
        ship_to_address: Address | Unset
        if isinstance(_ship_to_address, Unset):
            ship_to_address = UNSET
        else:
            ship_to_address = Address.from_dict(_ship_to_address)

        _transportation_details = d.pop("transportationDetails", UNSET)
        transportation_details: TransportationDetails | Unset
        if isinstance(_transportation_details, Unset):
            transportation_details = UNSET
        else:
            transportation_details = TransportationDetails.from_dict(_transportation_details)

        _pack_details = d.pop("packDetails", UNSET)
        pack_details: list[PackDetail] | Unset = UNSET
        if _pack_details is not UNSET:
            pack_details = []
            for pack_details_item_data in _pack_details:
                pack_details_item = PackDetail.from_dict(pack_details_item_data)

                pack_details.append(pack_details_item)

        _freight_details = d.pop("freightDetails", UNSET)
        freight_details: list[FreightDetail] | Unset = UNSET
        if _freight_details is not UNSET:
            freight_details = []
            for freight_details_item_data in _freight_details:
                freight_details_item = FreightDetail.from_dict(freight_details_item_data)

                freight_details.append(freight_details_item)

        _shipment_items = d.pop("shipmentItems", UNSET)
        shipment_items: list[ShipmentItem] | Unset = UNSET
        if _shipment_items is not UNSET:
            shipment_items = []
            for shipment_items_item_data in _shipment_items:
                shipment_items_item = ShipmentItem.from_dict(shipment_items_item_data)

                shipment_items.append(shipment_items_item)

        shipment = cls(
            status=status,
            external_channel_shipment_id=external_channel_shipment_id,
            external_channel_reference_number=external_channel_reference_number,
            shipment_id=shipment_id,
            shipment_charged_weight=shipment_charged_weight,
            shipment_charged_weight_unit=shipment_charged_weight_unit,
            ship_from_address=ship_from_address,
            ship_to_address=ship_to_address,
            transportation_details=transportation_details,
            pack_details=pack_details,
            freight_details=freight_details,
            shipment_items=shipment_items,
        )

        shipment.additional_properties = d
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
