from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.quantity_uom import QuantityUom
from ..types import UNSET, Unset, enum_from_json, note_drift

T = TypeVar("T", bound="PackItem")
_KNOWN_KEYS = frozenset(
    {
        "logisticsSku",
        "quantity",
        "quantityUOM",
    }
)


@_attrs_define
class PackItem:
    """
    Attributes:
        logistics_sku (str | Unset):
        quantity (float | Unset):
        quantity_uom (QuantityUom | Unset): Unit of measure of a quantity. Can be either EACH or CASE.
    """

    logistics_sku: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "logisticsSku"})
    quantity: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "quantity"})
    quantity_uom: QuantityUom | Unset = _attrs_field(default=UNSET, metadata={"json_key": "quantityUOM"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if self.logistics_sku is not UNSET:
            field_dict["logisticsSku"] = self.logistics_sku

        if self.quantity is not UNSET:
            field_dict["quantity"] = self.quantity

        quantity_uom = self.quantity_uom
        if not isinstance(quantity_uom, Unset):
            field_dict["quantityUOM"] = quantity_uom.value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        logistics_sku = src_dict.get("logisticsSku", UNSET)

        quantity = src_dict.get("quantity", UNSET)

        _quantity_uom: Any = src_dict.get("quantityUOM", UNSET)
        quantity_uom: QuantityUom | Unset = (
            UNSET if _quantity_uom is UNSET else enum_from_json(QuantityUom, _quantity_uom)
        )

        pack_item = cls(
            logistics_sku,
            quantity,
            quantity_uom,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "PackItem", key)
            pack_item.additional_properties = unknown
        return pack_item

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
