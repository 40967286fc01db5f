from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.length_unit import LengthUnit
from ..models.weight_unit import WeightUnit
from ..types import UNSET, Unset

T = TypeVar("T", bound="PackDims")


@_attrs_define
class PackDims:
    """
    Attributes:
        length (float | Unset):
        width (float | Unset):
        height (float | Unset):
        length_unit (LengthUnit | Unset):
        weight (float | Unset):
        weight_unit (WeightUnit | Unset):
    """

    length: float | Unset = UNSET
    width: float | Unset = UNSET
    height: float | Unset = UNSET
    length_unit: LengthUnit | Unset = UNSET
    weight: float | Unset = UNSET
    weight_unit: WeightUnit | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        length = self.length

        width = self.width

        height = self.height

        length_unit: str | Unset = UNSET
        if not isinstance(self.length_unit, Unset):
            length_unit = self.length_unit.value

        weight = self.weight

        weight_unit: str | Unset = UNSET
        if not isinstance(self.weight_unit, Unset):
            weight_unit = self.weight_unit.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if length is not UNSET:
            field_dict["length"] = length
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if length_unit is not UNSET:
            field_dict["lengthUnit"] = length_unit
        if weight is not UNSET:
            field_dict["weight"] = weight
        if weight_unit is not UNSET:
            field_dict["weightUnit"] = weight_unit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        length = d.pop("length", UNSET)

        width = d.pop("width", UNSET)

        height = d.pop("height", UNSET)

        _length_unit = d.pop("lengthUnit", UNSET)
        length_unit: LengthUnit | Unset
        if isinstance(_length_unit, Unset):
            length_unit = UNSET
        else:
            length_unit = LengthUnit(_length_unit)

        weight = d.pop("weight", UNSET)

        _weight_unit = d.pop("weightUnit", UNSET)
        weight_unit: WeightUnit | Unset
        if isinstance(_weight_unit, Unset):
            weight_unit = UNSET
        else:
            weight_unit = WeightUnit(_weight_unit)

        pack_dims = cls(
            length=length,
            width=width,
            height=height,
            length_unit=length_unit,
            weight=weight,
            weight_unit=weight_unit,
        )

        pack_dims.additional_properties = d
        return pack_dims

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
