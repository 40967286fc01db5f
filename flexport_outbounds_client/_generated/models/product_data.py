from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, note_drift

T = TypeVar("T", bound="ProductData")
_KNOWN_KEYS = frozenset(
    {
        "upc",
        "buyerPartNumber",
        "sku",
        "gtin",
    }
)


@_attrs_define
class ProductData:
    """Product identifiers; required on an order item when its logisticsSku is not provided.

    Attributes:
        upc (str | Unset):
        buyer_part_number (str | Unset):
        sku (str | Unset):
        gtin (str | Unset): GTIN-8/12/13/14, digits only.
    """

    upc: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "upc"})
    buyer_part_number: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "buyerPartNumber"})
    sku: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "sku"})
    gtin: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "gtin"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if self.upc is not UNSET:
            field_dict["upc"] = self.upc

        if self.buyer_part_number is not UNSET:
            field_dict["buyerPartNumber"] = self.buyer_part_number

        if self.sku is not UNSET:
            field_dict["sku"] = self.sku

        if self.gtin is not UNSET:
            field_dict["gtin"] = self.gtin

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        upc = src_dict.get("upc", UNSET)

        buyer_part_number = src_dict.get("buyerPartNumber", UNSET)

        sku = src_dict.get("sku", UNSET)

        gtin = src_dict.get("gtin", UNSET)

        product_data = cls(
            upc,
            buyer_part_number,
            sku,
            gtin,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "ProductData", key)
            product_data.additional_properties = unknown
        return product_data

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
