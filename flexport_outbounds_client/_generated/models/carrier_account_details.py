from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, note_drift

T = TypeVar("T", bound="CarrierAccountDetails")
_KNOWN_KEYS = frozenset(
    {
        "carrierName",
        "carrierAccountId",
        "country",
        "postalCode",
    }
)


@_attrs_define
class CarrierAccountDetails:
    """The carrier account to bill (THIRD_PARTY and COLLECT shipping).

    Attributes:
        carrier_name (str | Unset):
        carrier_account_id (str | Unset):
        country (str | Unset):
        postal_code (str | Unset):
    """

    carrier_name: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "carrierName"})
    carrier_account_id: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "carrierAccountId"})
    country: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "country"})
    postal_code: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "postalCode"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if self.carrier_name is not UNSET:
            field_dict["carrierName"] = self.carrier_name

        if self.carrier_account_id is not UNSET:
            field_dict["carrierAccountId"] = self.carrier_account_id

        if self.country is not UNSET:
            field_dict["country"] = self.country

        if self.postal_code is not UNSET:
            field_dict["postalCode"] = self.postal_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        carrier_name = src_dict.get("carrierName", UNSET)

        carrier_account_id = src_dict.get("carrierAccountId", UNSET)

        country = src_dict.get("country", UNSET)

        postal_code = src_dict.get("postalCode", UNSET)

        carrier_account_details = cls(
            carrier_name,
            carrier_account_id,
            country,
            postal_code,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "CarrierAccountDetails", key)
            carrier_account_details.additional_properties = unknown
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
