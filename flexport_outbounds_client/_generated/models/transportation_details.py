from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.shipping_partner import ShippingPartner
from ..models.shipping_speed import ShippingSpeed
from ..models.shipping_type import ShippingType
from ..types import UNSET, Unset, enum_from_json, note_drift

T = TypeVar("T", bound="TransportationDetails")
_KNOWN_KEYS = frozenset(
    {
        "shippingPartner",
        "shippingType",
        "carrierAccountDetails",
        "duties",
        "shippingMethod",
        "shippingSpeed",
    }
)


@_attrs_define
class TransportationDetails:
    """Shipping preferences: (1) shipping partner - FLEXPORT, THIRD_PARTY, RECEIVER, COLLECT are supported for now; (2)
    shipping type.

        Attributes:
            shipping_partner (ShippingPartner | Unset): Who arranges transportation. FLEXPORT, THIRD_PARTY, RECEIVER and
                COLLECT are supported for now.
            shipping_type (ShippingType | Unset): Mode of transportation.
            carrier_account_details (CarrierAccountDetails | Unset): The carrier account to bill (THIRD_PARTY and COLLECT
                shipping).
            duties (Duties | Unset):
            shipping_method (str | Unset):
            shipping_speed (ShippingSpeed | Unset): Requested transit speed.
    """

    shipping_partner: ShippingPartner | Unset = _attrs_field(default=UNSET, metadata={"json_key": "shippingPartner"})
    shipping_type: ShippingType | Unset = _attrs_field(default=UNSET, metadata={"json_key": "shippingType"})
    carrier_account_details: CarrierAccountDetails | Unset = _attrs_field(
        default=UNSET, metadata={"json_key": "carrierAccountDetails"}
    )
    duties: Duties | Unset = _attrs_field(default=UNSET, metadata={"json_key": "duties"})
    shipping_method: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "shippingMethod"})
    shipping_speed: ShippingSpeed | Unset = _attrs_field(default=UNSET, metadata={"json_key": "shippingSpeed"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        shipping_partner = self.shipping_partner
        if not isinstance(shipping_partner, Unset):
            field_dict["shippingPartner"] = shipping_partner.value

        shipping_type = self.shipping_type
        if not isinstance(shipping_type, Unset):
            field_dict["shippingType"] = shipping_type.value

        carrier_account_details = self.carrier_account_details
        if not isinstance(carrier_account_details, Unset):
            field_dict["carrierAccountDetails"] = carrier_account_details.to_dict()

        duties = self.duties
        if not isinstance(duties, Unset):
            field_dict["duties"] = duties.to_dict()

        if self.shipping_method is not UNSET:
            field_dict["shippingMethod"] = self.shipping_method

        shipping_speed = self.shipping_speed
        if not isinstance(shipping_speed, Unset):
            field_dict["shippingSpeed"] = shipping_speed.value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _shipping_partner: Any = src_dict.get("shippingPartner", UNSET)
        shipping_partner: ShippingPartner | Unset = (
            UNSET if _shipping_partner is UNSET else enum_from_json(ShippingPartner, _shipping_partner)
        )

        _shipping_type: Any = src_dict.get("shippingType", UNSET)
        shipping_type: ShippingType | Unset = (
            UNSET if _shipping_type is UNSET else enum_from_json(ShippingType, _shipping_type)
        )

        _carrier_account_details: Any = src_dict.get("carrierAccountDetails", UNSET)
        carrier_account_details: CarrierAccountDetails | Unset = (
            UNSET if _carrier_account_details is UNSET else CarrierAccountDetails.from_dict(_carrier_account_details)
        )

        _duties: Any = src_dict.get("duties", UNSET)
        duties: Duties | Unset = UNSET if _duties is UNSET else Duties.from_dict(_duties)

        shipping_method = src_dict.get("shippingMethod", UNSET)

        _shipping_speed: Any = src_dict.get("shippingSpeed", UNSET)
        shipping_speed: ShippingSpeed | Unset = (
            UNSET if _shipping_speed is UNSET else enum_from_json(ShippingSpeed, _shipping_speed)
        )

        transportation_details = cls(
            shipping_partner,
            shipping_type,
            carrier_account_details,
            duties,
            shipping_method,
            shipping_speed,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "TransportationDetails", key)
            transportation_details.additional_properties = unknown
        return transportation_details

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


from ..models.carrier_account_details import CarrierAccountDetails  # noqa: E402
from ..models.duties import Duties  # noqa: E402
