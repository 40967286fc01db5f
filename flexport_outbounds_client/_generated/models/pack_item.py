from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.quantity_uom import QuantityUom
from ..types import UNSET, Unset

T = TypeVar("T", bound="PackItem")


@_attrs_define
class PackItem:
    """
    Attributes:
        logistics_sku (str | Unset):
        quantity (float | Unset):
        quantity_uom (QuantityUom | Unset): Unit of measure of a quantity. Can be either EACH or CASE.
    """

    logistics_sku: str | Unset = UNSET
    quantity: float | Unset = UNSET
    quantity_uom: QuantityUom | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        logistics_sku = self.logistics_sku

        quantity = self.quantity

        quantity_uom: str | Unset = UNSET
        if not isinstance(self.quantity_uom, Unset):
            quantity_uom = self.quantity_uom.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if logistics_sku is not UNSET:
            field_dict["logisticsSku"] = logistics_sku
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if quantity_uom is not UNSET:
            field_dict["quantityUOM"] = quantity_uom

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        logistics_sku = d.pop("logisticsSku", UNSET)

        quantity = d.pop("quantity", UNSET)

        _quantity_uom = d.pop("quantityUOM", UNSET)
        quantity_uom: QuantityUom | Unset
        if isinstance(_quantity_uom, Unset):
            quantity_uom = UNSET
        else:
            quantity_uom = QuantityUom(_quantity_uom)

        pack_item = cls(
            logistics_sku=logistics_sku,
            quantity=quantity,
            quantity_uom=quantity_uom,
        )

        pack_item.additional_properties = d
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
