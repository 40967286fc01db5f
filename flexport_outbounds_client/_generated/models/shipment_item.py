from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.quantity_uom import QuantityUom
from ..types import UNSET, Unset, enum_from_json, note_drift

T = TypeVar("T", bound="ShipmentItem")
_KNOWN_KEYS = frozenset(
    {
        "logisticsSku",
        "quantity",
        "shippedQuantity",
        "quantityUOM",
        "quantityPerPack",
        "lineItemId",
        "lotNumber",
        "unitPrice",
        "totalPrice",
        "discount",
    }
)


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

    logistics_sku: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "logisticsSku"})
    quantity: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "quantity"})
    shipped_quantity: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "shippedQuantity"})
    quantity_uom: QuantityUom | Unset = _attrs_field(default=UNSET, metadata={"json_key": "quantityUOM"})
    quantity_per_pack: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "quantityPerPack"})
    line_item_id: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "lineItemId"})
    lot_number: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "lotNumber"})
    unit_price: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "unitPrice"})
    total_price: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "totalPrice"})
    discount: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "discount"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if self.logistics_sku is not UNSET:
            field_dict["logisticsSku"] = self.logistics_sku

        if self.quantity is not UNSET:
            field_dict["quantity"] = self.quantity

        if self.shipped_quantity is not UNSET:
            field_dict["shippedQuantity"] = self.shipped_quantity

        quantity_uom = self.quantity_uom
        if not isinstance(quantity_uom, Unset):
            field_dict["quantityUOM"] = quantity_uom.value

        if self.quantity_per_pack is not UNSET:
            field_dict["quantityPerPack"] = self.quantity_per_pack

        if self.line_item_id is not UNSET:
            field_dict["lineItemId"] = self.line_item_id

        if self.lot_number is not UNSET:
            field_dict["lotNumber"] = self.lot_number

        if self.unit_price is not UNSET:
            field_dict["unitPrice"] = self.unit_price

        if self.total_price is not UNSET:
            field_dict["totalPrice"] = self.total_price

        if self.discount is not UNSET:
            field_dict["discount"] = self.discount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        logistics_sku = src_dict.get("logisticsSku", UNSET)

        quantity = src_dict.get("quantity", UNSET)

        shipped_quantity = src_dict.get("shippedQuantity", UNSET)

        _quantity_uom: Any = src_dict.get("quantityUOM", UNSET)
        quantity_uom: QuantityUom | Unset = (
            UNSET if _quantity_uom is UNSET else enum_from_json(QuantityUom, _quantity_uom)
        )

        quantity_per_pack = src_dict.get("quantityPerPack", UNSET)

        line_item_id = src_dict.get("lineItemId", UNSET)

        lot_number = src_dict.get("lotNumber", UNSET)

        unit_price = src_dict.get("unitPrice", UNSET)

        total_price = src_dict.get("totalPrice", UNSET)

        discount = src_dict.get("discount", UNSET)

        shipment_item = cls(
            logistics_sku,
            quantity,
            shipped_quantity,
            quantity_uom,
            quantity_per_pack,
            line_item_id,
            lot_number,
            unit_price,
            total_price,
            discount,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "ShipmentItem", key)
            shipment_item.additional_properties = unknown
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
