from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CarrierAccountDetails")


@_attrs_define
class CarrierAccountDetails:
    """The carrier account to bill (THIRD_PARTY and COLLECT shipping).

    Attributes:
        carrier_name (str | Unset):
        carrier_account_id (str | Unset):
        country (str | Unset):
        postal_code (str | Unset):
    """

    carrier_name: str | Unset = UNSET
    carrier_account_id: str | Unset = UNSET
    country: str | Unset = UNSET
    postal_code: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        carrier_name = self.carrier_name

        carrier_account_id = self.carrier_account_id

        country = self.country

        postal_code = self.postal_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if carrier_name is not UNSET:
            field_dict["carrierName"] = carrier_name
        if carrier_account_id is not UNSET:
            field_dict["carrierAccountId"] = carrier_account_id
        if country is not UNSET:
            field_dict["country"] = country
        if postal_code is not UNSET:
            field_dict["postalCode"] = postal_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        carrier_name = d.pop("carrierName", UNSET)

        carrier_account_id = d.pop("carrierAccountId", UNSET)

        country = d.pop("country", UNSET)

        postal_code = d.pop("postalCode", UNSET)

        carrier_account_details = cls(
            carrier_name=carrier_name,
            carrier_account_id=carrier_account_id,
            country=country,
            postal_code=postal_code,
        )

        carrier_account_details.additional_properties = d
        return carrier_account_details

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
