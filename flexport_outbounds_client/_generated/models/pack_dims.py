from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.length_unit import LengthUnit
from ..models.weight_unit import WeightUnit
from ..types import UNSET, Unset, enum_from_json, note_drift

T = TypeVar("T", bound="PackDims")
_KNOWN_KEYS = frozenset(
    {
        "length",
        "width",
        "height",
        "lengthUnit",
        "weight",
        "weightUnit",
    }
)


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

    length: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "length"})
    width: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "width"})
    height: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "height"})
    length_unit: LengthUnit | Unset = _attrs_field(default=UNSET, metadata={"json_key": "lengthUnit"})
    weight: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "weight"})
    weight_unit: WeightUnit | Unset = _attrs_field(default=UNSET, metadata={"json_key": "weightUnit"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if self.length is not UNSET:
            field_dict["length"] = self.length

        if self.width is not UNSET:
            field_dict["width"] = self.width

        if self.height is not UNSET:
            field_dict["height"] = self.height

        length_unit = self.length_unit
        if not isinstance(length_unit, Unset):
            field_dict["lengthUnit"] = length_unit.value

        if self.weight is not UNSET:
            field_dict["weight"] = self.weight

        weight_unit = self.weight_unit
        if not isinstance(weight_unit, Unset):
            field_dict["weightUnit"] = weight_unit.value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        length = src_dict.get("length", UNSET)

        width = src_dict.get("width", UNSET)

        height = src_dict.get("height", UNSET)

        _length_unit: Any = src_dict.get("lengthUnit", UNSET)
        length_unit: LengthUnit | Unset = UNSET if _length_unit is UNSET else enum_from_json(LengthUnit, _length_unit)

        weight = src_dict.get("weight", UNSET)

        _weight_unit: Any = src_dict.get("weightUnit", UNSET)
        weight_unit: WeightUnit | Unset = UNSET if _weight_unit is UNSET else enum_from_json(WeightUnit, _weight_unit)

        pack_dims = cls(
            length,
            width,
            height,
            length_unit,
            weight,
            weight_unit,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "PackDims", key)
            pack_dims.additional_properties = unknown
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
