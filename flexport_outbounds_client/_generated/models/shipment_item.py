from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.quantity_uom import QuantityUom
from ..types import UNSET, Unset

T = TypeVar("T", bound="ShipmentItem")


@_attrs_define
class ShipmentItem:
    """
    Attributes:
        logistics_sku (str | Unset):
        quantity (float | Unset):
        shipped_quantity (float | Unset):
        quantity_uom (QuantityUom | Unset): Unit of measure of a quantity. Can be either EACH or CASE.
        quantity_per_pack (float | Unset):
        line_item_id (str | Unset):
        lot_number (str | Unset):
        unit_price (float | Unset):
        total_price (float | Unset):
        discount (float | Unset):
    """

    logistics_sku: str | Unset = UNSET
    quantity: float | Unset = UNSET
    shipped_quantity: float | Unset = UNSET
    quantity_uom: QuantityUom | Unset = UNSET
    quantity_per_pack: float | Unset = UNSET
    line_item_id: str | Unset = UNSET
    lot_number: str | Unset = UNSET
    unit_price: float | Unset = UNSET
    total_price: float | Unset = UNSET
    discount: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        logistics_sku = self.logistics_sku

        quantity = self.quantity

        shipped_quantity = self.shipped_quantity

        quantity_uom: str | Unset = UNSET
        if not isinstance(self.quantity_uom, Unset):
            quantity_uom = self.quantity_uom.value

        quantity_per_pack = self.quantity_per_pack

        line_item_id = self.line_item_id

        lot_number = self.lot_number

        unit_price = self.unit_price

        total_price = self.total_price

        discount = self.discount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if logistics_sku is not UNSET:
            field_dict["logisticsSku"] = logistics_sku
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if shipped_quantity is not UNSET:
            field_dict["shippedQuantity"] = shipped_quantity
        if quantity_uom is not UNSET:
            field_dict["quantityUOM"] = quantity_uom
        if quantity_per_pack is not UNSET:
            field_dict["quantityPerPack"] = quantity_per_pack
        if line_item_id is not UNSET:
            field_dict["lineItemId"] = line_item_id
        if lot_number is not UNSET:
            field_dict["lotNumber"] = lot_number
        if unit_price is not UNSET:
            field_dict["unitPrice"] = unit_price
        if total_price is not UNSET:
            field_dict["totalPrice"] = total_price
        if discount is not UNSET:
            field_dict["discount"] = discount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        logistics_sku = d.pop("logisticsSku", UNSET)

        quantity = d.pop("quantity", UNSET)

        shipped_quantity = d.pop("shippedQuantity", UNSET)

        _quantity_uom = d.pop("quantityUOM", UNSET)
        quantity_uom: QuantityUom | Unset
        if isinstance(_quantity_uom, Unset):
            quantity_uom = UNSET
        else:
            quantity_uom = QuantityUom(_quantity_uom)

        quantity_per_pack = d.pop("quantityPerPack", UNSET)

        line_item_id = d.pop("lineItemId", UNSET)

        lot_number = d.pop("lotNumber", UNSET)

        unit_price = d.pop("unitPrice", UNSET)

        total_price = d.pop("totalPrice", UNSET)

        discount = d.pop("discount", UNSET)

        shipment_item = cls(
            logistics_sku=logistics_sku,
            quantity=quantity,
            shipped_quantity=shipped_quantity,
            quantity_uom=quantity_uom,
            quantity_per_pack=quantity_per_pack,
            line_item_id=line_item_id,
            lot_number=lot_number,
            unit_price=unit_price,
            total_price=total_price,
            discount=discount,
        )

        shipment_item.additional_properties = d
        return shipment_item

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
