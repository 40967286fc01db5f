from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.shipping_partner import ShippingPartner
from ..models.shipping_speed import ShippingSpeed
from ..models.shipping_type import ShippingType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.carrier_account_details import CarrierAccountDetails
    from ..models.duties import Duties


T = TypeVar("T", bound="TransportationDetails")


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

    shipping_partner: ShippingPartner | Unset = UNSET
    shipping_type: ShippingType | Unset = UNSET
    carrier_account_details: CarrierAccountDetails | Unset = UNSET
    duties: Duties | Unset = UNSET
    shipping_method: str | Unset = UNSET
    shipping_speed: ShippingSpeed | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        shipping_partner: str | Unset = UNSET
        if not isinstance(self.shipping_partner, Unset):
            shipping_partner = self.shipping_partner.value

        shipping_type: str | Unset = UNSET
        if not isinstance(self.shipping_type, Unset):
            shipping_type = self.shipping_type.value

        carrier_account_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.carrier_account_details, Unset):
            carrier_account_details = self.carrier_account_details.to_dict()

        duties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.duties, Unset):
            duties = self.duties.to_dict()

        shipping_method = self.shipping_method

        shipping_speed: str | Unset = UNSET
        if not isinstance(self.shipping_speed, Unset):
            shipping_speed = self.shipping_speed.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if shipping_partner is not UNSET:
            field_dict["shippingPartner"] = shipping_partner
        if shipping_type is not UNSET:
            field_dict["shippingType"] = shipping_type
        if carrier_account_details is not UNSET:
            field_dict["carrierAccountDetails"] = carrier_account_details
        if duties is not UNSET:
            field_dict["duties"] = duties
        if shipping_method is not UNSET:
            field_dict["shippingMethod"] = shipping_method
        if shipping_speed is not UNSET:
            field_dict["shippingSpeed"] = shipping_speed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.carrier_account_details import CarrierAccountDetails  # noqa: PLC0415
        from ..models.duties import Duties  # noqa: PLC0415

        d = dict(src_dict)
        _shipping_partner = d.pop("shippingPartner", UNSET)
        shipping_partner: ShippingPartner | Unset
        if isinstance(_shipping_partner, Unset):
            shipping_partner = UNSET
        else:
            shipping_partner = ShippingPartner(_shipping_partner)

        _shipping_type = d.pop("shippingType", UNSET)
        shipping_type: ShippingType | Unset
        if isinstance(_shipping_type, Unset):
            shipping_type = UNSET
        else:
            shipping_type = ShippingType(_shipping_type)

        _carrier_account_details = d.pop("carrierAccountDetails", UNSET)
        carrier_account_details: CarrierAccountDetails | Unset
        if isinstance(_carrier_account_details, Unset):
            carrier_account_details = UNSET
        else:
            carrier_account_details = CarrierAccountDetails.from_dict(_carrier_account_details)

        _duties = d.pop("duties", UNSET)
        duties: Duties | Unset
        if isinstance(_duties, Unset):
            duties = UNSET
        else:
            duties = Duties.from_dict(_duties)

        shipping_method = d.pop("shippingMethod", UNSET)

        _shipping_speed = d.pop("shippingSpeed", UNSET)
        shipping_speed: ShippingSpeed | Unset
        if isinstance(_shipping_speed, Unset):
            shipping_speed = UNSET
        else:
            shipping_speed = ShippingSpeed(_shipping_speed)

        transportation_details = cls(
            shipping_partner=shipping_partner,
            shipping_type=shipping_type,
            carrier_account_details=carrier_account_details,
            duties=duties,
            shipping_method=shipping_method,
            shipping_speed=shipping_speed,
        )

        transportation_details.additional_properties = d
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
