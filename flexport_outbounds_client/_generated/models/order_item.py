from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.quantity_uom import QuantityUom
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.product_data import ProductData


T = TypeVar("T", bound="OrderItem")


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

    quantity: float
    quantity_uom: QuantityUom
    logistics_sku: str | Unset = UNSET
    quantity_per_pack: float | Unset = UNSET
    line_item_id: str | Unset = UNSET
    lot_number: str | Unset = UNSET
    unit_price: float | Unset = UNSET
    total_price: float | Unset = UNSET
    discount: float | Unset = UNSET
    product_data: ProductData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        quantity = self.quantity

        quantity_uom = self.quantity_uom.value

        logistics_sku = self.logistics_sku

        quantity_per_pack = self.quantity_per_pack

        line_item_id = self.line_item_id

        lot_number = self.lot_number

        unit_price = self.unit_price

        total_price = self.total_price

        discount = self.discount

        product_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.product_data, Unset):
            product_data = self.product_data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "quantity": quantity,
                "quantityUOM": quantity_uom,
            }
        )
        if logistics_sku is not UNSET:
            field_dict["logisticsSku"] = logistics_sku
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
        if product_data is not UNSET:
            field_dict["productData"] = product_data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.product_data import ProductData  # noqa: PLC0415

        d = dict(src_dict)
        quantity = d.pop("quantity")

        quantity_uom = QuantityUom(d.pop("quantityUOM"))

        logistics_sku = d.pop("logisticsSku", UNSET)

        quantity_per_pack = d.pop("quantityPerPack", UNSET)

        line_item_id = d.pop("lineItemId", UNSET)

        lot_number = d.pop("lotNumber", UNSET)

        unit_price = d.pop("unitPrice", UNSET)

        total_price = d.pop("totalPrice", UNSET)

        discount = d.pop("discount", UNSET)

        _product_data = d.pop("productData", UNSET)
        product_data: ProductData | Unset
        if isinstance(_product_data, Unset):
            product_data = UNSET
        else:
            product_data = ProductData.from_dict(_product_data)

        order_item = cls(
            quantity=quantity,
            quantity_uom=quantity_uom,
            logistics_sku=logistics_sku,
            quantity_per_pack=quantity_per_pack,
            line_item_id=line_item_id,
            lot_number=lot_number,
            unit_price=unit_price,
            total_price=total_price,
            discount=discount,
            product_data=product_data,
        )

        order_item.additional_properties = d
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
