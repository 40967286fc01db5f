from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FreightDetail")


@_attrs_define
class FreightDetail:
    """Freight (LTL/FTL) documents of a shipment.

    Attributes:
        bol_id (str | Unset): Bill of lading number.
        pro_number (str | Unset): Carrier's PRO number.
        carrier_name (str | Unset):
        carrier_scac (str | Unset):
    """

    bol_id: str | Unset = UNSET
    pro_number: str | Unset = UNSET
    carrier_name: str | Unset = UNSET
    carrier_scac: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bol_id = self.bol_id

        pro_number = self.pro_number

        carrier_name = self.carrier_name

        carrier_scac = self.carrier_scac

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bol_id is not UNSET:
            field_dict["bolId"] = bol_id
        if pro_number is not UNSET:
            field_dict["proNumber"] = pro_number
        if carrier_name is not UNSET:
            field_dict["carrierName"] = carrier_name
        if carrier_scac is not UNSET:
            field_dict["carrierSCAC"] = carrier_scac

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bol_id = d.pop("bolId", UNSET)

        pro_number = d.pop("proNumber", UNSET)

        carrier_name = d.pop("carrierName", UNSET)

        carrier_scac = d.pop("carrierSCAC", UNSET)

        freight_detail = cls(
            bol_id=bol_id,
            pro_number=pro_number,
            carrier_name=carrier_name,
            carrier_scac=carrier_scac,
        )

        freight_detail.additional_properties = d
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
