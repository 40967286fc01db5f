from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.quantity_uom import QuantityUom
from ..types import UNSET, Unset, enum_from_json, note_drift

T = TypeVar("T", bound="OrderItem")
_KNOWN_KEYS = frozenset(
    {
        "quantity",
        "quantityUOM",
        "logisticsSku",
        "quantityPerPack",
        "lineItemId",
        "lotNumber",
        "unitPrice",
        "totalPrice",
        "discount",
        "productData",
    }
)


@_attrs_define
class OrderItem:
    """One line of the order. Either logisticsSku or productData identifies the product. Duplicate SKUs are not allowed
    within one order.

        Attributes:
            quantity (float): Total quantity to send, in quantityUOM.
            quantity_uom (QuantityUom): Unit of measure of a quantity. Can be either EACH or CASE.
            logistics_sku (str | Unset): Logistics SKU (Flexport's product id) of the product.
            quantity_per_pack (float | Unset): Case-pack quantity of the product.
            line_item_id (str | Unset): Line item identifier meaningful to the external system.
            lot_number (str | Unset): Lot number assigned by the seller.
            unit_price (float | Unset):
            total_price (float | Unset):
            discount (float | Unset):
            product_data (ProductData | Unset): Product identifiers; required on an order item when its logisticsSku is not
                provided.
    """

    quantity: float = _attrs_field(metadata={"json_key": "quantity"})
    quantity_uom: QuantityUom = _attrs_field(metadata={"json_key": "quantityUOM"})
    logistics_sku: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "logisticsSku"})
    quantity_per_pack: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "quantityPerPack"})
    line_item_id: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "lineItemId"})
    lot_number: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "lotNumber"})
    unit_price: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "unitPrice"})
    total_price: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "totalPrice"})
    discount: float | Unset = _attrs_field(default=UNSET, metadata={"json_key": "discount"})
    product_data: ProductData | Unset = _attrs_field(default=UNSET, metadata={"json_key": "productData"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["quantity"] = self.quantity

        field_dict["quantityUOM"] = self.quantity_uom.value

        if self.logistics_sku is not UNSET:
            field_dict["logisticsSku"] = self.logistics_sku

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

        product_data = self.product_data
        if not isinstance(product_data, Unset):
            field_dict["productData"] = product_data.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        quantity = src_dict["quantity"]

        quantity_uom = enum_from_json(QuantityUom, src_dict["quantityUOM"])

        logistics_sku = src_dict.get("logisticsSku", UNSET)

        quantity_per_pack = src_dict.get("quantityPerPack", UNSET)

        line_item_id = src_dict.get("lineItemId", UNSET)

        lot_number = src_dict.get("lotNumber", UNSET)

        unit_price = src_dict.get("unitPrice", UNSET)

        total_price = src_dict.get("totalPrice", UNSET)

        discount = src_dict.get("discount", UNSET)

        _product_data: Any = src_dict.get("productData", UNSET)
        product_data: ProductData | Unset = UNSET if _product_data is UNSET else ProductData.from_dict(_product_data)

        order_item = cls(
            quantity,
            quantity_uom,
            logistics_sku,
            quantity_per_pack,
            line_item_id,
            lot_number,
            unit_price,
            total_price,
            discount,
            product_data,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "OrderItem", key)
            order_item.additional_properties = unknown
        return order_item

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


from ..models.product_data import ProductData  # noqa: E402
