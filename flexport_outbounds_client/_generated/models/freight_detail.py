from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, note_drift

T = TypeVar("T", bound="FreightDetail")
_KNOWN_KEYS = frozenset(
    {
        "bolId",
        "proNumber",
        "carrierName",
        "carrierSCAC",
    }
)


@_attrs_define
class FreightDetail:
    """Freight (LTL/FTL) documents of a shipment.

    Attributes:
        bol_id (str | Unset): Bill of lading number.
        pro_number (str | Unset): Carrier's PRO number.
        carrier_name (str | Unset):
        carrier_scac (str | Unset):
    """

    bol_id: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "bolId"})
    pro_number: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "proNumber"})
    carrier_name: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "carrierName"})
    carrier_scac: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "carrierSCAC"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if self.bol_id is not UNSET:
            field_dict["bolId"] = self.bol_id

        if self.pro_number is not UNSET:
            field_dict["proNumber"] = self.pro_number

        if self.carrier_name is not UNSET:
            field_dict["carrierName"] = self.carrier_name

        if self.carrier_scac is not UNSET:
            field_dict["carrierSCAC"] = self.carrier_scac

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        bol_id = src_dict.get("bolId", UNSET)

        pro_number = src_dict.get("proNumber", UNSET)

        carrier_name = src_dict.get("carrierName", UNSET)

        carrier_scac = src_dict.get("carrierSCAC", UNSET)

        freight_detail = cls(
            bol_id,
            pro_number,
            carrier_name,
            carrier_scac,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "FreightDetail", key)
            freight_detail.additional_properties = unknown
        return freight_detail

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
