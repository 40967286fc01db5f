from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, note_drift

T = TypeVar("T", bound="RetailerAdjustment")
_KNOWN_KEYS = frozenset(
    {
        "type",
        "value",
    }
)


@_attrs_define
class RetailerAdjustment:
    """A discount or a charge on the retailer's invoice.

    Attributes:
        type_ (str | Unset):
        value (float | Unset):
    """

    type_: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "type"})
    value: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "value"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if self.type_ is not UNSET:
            field_dict["type"] = self.type_

        if self.value is not UNSET:
            field_dict["value"] = self.value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = src_dict.get("type", UNSET)

        value = src_dict.get("value", UNSET)

        retailer_adjustment = cls(
            type_,
            value,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "RetailerAdjustment", key)
            retailer_adjustment.additional_properties = unknown
        return retailer_adjustment

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
