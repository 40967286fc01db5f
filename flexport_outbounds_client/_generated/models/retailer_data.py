from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, note_drift

T = TypeVar("T", bound="RetailerData")
_KNOWN_KEYS = frozenset(
    {
        "retailer",
        "purchaseOrderNumber",
        "tradingPartnerId",
        "customerPoNumber",
        "invoiceNumber",
        "markForStore",
        "department",
        "address",
        "discounts",
        "charges",
        "paymentTerms",
        "deliveryDate",
        "shipByDate",
        "shipAfterDate",
    }
)


@_attrs_define
class RetailerData:
    """Additional data required for EDI and DROP_SHIP orders.

    Attributes:
        retailer (str | Unset):
        purchase_order_number (str | Unset):
        trading_partner_id (str | Unset):
        customer_po_number (str | Unset):
        invoice_number (str | Unset):
        mark_for_store (str | Unset):
        department (str | Unset):
        address (Address | Unset): A postal address.
        discounts (list[RetailerAdjustment] | Unset):
        charges (list[RetailerAdjustment] | Unset):
        payment_terms (PaymentTerms | Unset):
        delivery_date (datetime.datetime | Unset):
        ship_by_date (datetime.datetime | Unset):
        ship_after_date (datetime.datetime | Unset):
    """

    retailer: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "retailer"})
    purchase_order_number: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "purchaseOrderNumber"})
    trading_partner_id: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "tradingPartnerId"})
    customer_po_number: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "customerPoNumber"})
    invoice_number: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "invoiceNumber"})
    mark_for_store: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "markForStore"})
    department: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "department"})
    address: Address | Unset = _attrs_field(default=UNSET, metadata={"json_key": "address"})
    discounts: list[RetailerAdjustment] | Unset = _attrs_field(default=UNSET, metadata={"json_key": "discounts"})
    charges: list[RetailerAdjustment] | Unset = _attrs_field(default=UNSET, metadata={"json_key": "charges"})
    payment_terms: PaymentTerms | Unset = _attrs_field(default=UNSET, metadata={"json_key": "paymentTerms"})
    delivery_date: datetime.datetime | Unset = _attrs_field(default=UNSET, metadata={"json_key": "deliveryDate"})
    ship_by_date: datetime.datetime | Unset = _attrs_field(default=UNSET, metadata={"json_key": "shipByDate"})
    ship_after_date: datetime.datetime | Unset = _attrs_field(default=UNSET, metadata={"json_key": "shipAfterDate"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if self.retailer is not UNSET:
            field_dict["retailer"] = self.retailer

        if self.purchase_order_number is not UNSET:
            field_dict["purchaseOrderNumber"] = self.purchase_order_number

        if self.trading_partner_id is not UNSET:
            field_dict["tradingPartnerId"] = self.trading_partner_id

        if self.customer_po_number is not UNSET:
            field_dict["customerPoNumber"] = self.customer_po_number

        if self.invoice_number is not UNSET:
            field_dict["invoiceNumber"] = self.invoice_number

        if self.mark_for_store is not UNSET:
            field_dict["markForStore"] = self.mark_for_store

        if self.department is not UNSET:
            field_dict["department"] = self.department

        address = self.address
        if not isinstance(address, Unset):
            field_dict["address"] = address.to_dict()

        discounts = self.discounts
        if not isinstance(discounts, Unset):
            field_dict["discounts"] = [discounts_item.to_dict() for discounts_item in discounts]

        charges = self.charges
        if not isinstance(charges, Unset):
            field_dict["charges"] = [charges_item.to_dict() for charges_item in charges]

        payment_terms = self.payment_terms
        if not isinstance(payment_terms, Unset):
            field_dict["paymentTerms"] = payment_terms.to_dict()

        delivery_date = self.delivery_date
        if not isinstance(delivery_date, Unset):
            field_dict["deliveryDate"] = delivery_date.isoformat()

        ship_by_date = self.ship_by_date
        if not isinstance(ship_by_date, Unset):
            field_dict["shipByDate"] = ship_by_date.isoformat()

        ship_after_date = self.ship_after_date
        if not isinstance(ship_after_date, Unset):
            field_dict["shipAfterDate"] = ship_after_date.isoformat()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        retailer = src_dict.get("retailer", UNSET)

        purchase_order_number = src_dict.get("purchaseOrderNumber", UNSET)

        trading_partner_id = src_dict.get("tradingPartnerId", UNSET)

        customer_po_number = src_dict.get("customerPoNumber", UNSET)

        invoice_number = src_dict.get("invoiceNumber", UNSET)

        mark_for_store = src_dict.get("markForStore", UNSET)

        department = src_dict.get("department", UNSET)

        _address: Any = src_dict.get("address", UNSET)
        address: Address | Unset = UNSET if _address is UNSET else Address.from_dict(_address)

        _discounts: Any = src_dict.get("discounts", UNSET)
        discounts: list[RetailerAdjustment] | Unset = (
            UNSET
            if _discounts is UNSET
            else [RetailerAdjustment.from_dict(discounts_item) for discounts_item in _discounts]
        )

        _charges: Any = src_dict.get("charges", UNSET)
        charges: list[RetailerAdjustment] | Unset = (
            UNSET if _charges is UNSET else [RetailerAdjustment.from_dict(charges_item) for charges_item in _charges]
        )

        _payment_terms: Any = src_dict.get("paymentTerms", UNSET)
        payment_terms: PaymentTerms | Unset = (
            UNSET if _payment_terms is UNSET else PaymentTerms.from_dict(_payment_terms)
        )

        _delivery_date: Any = src_dict.get("deliveryDate", UNSET)
        delivery_date: datetime.datetime | Unset = (
            UNSET if _delivery_date is UNSET else datetime.datetime.fromisoformat(_delivery_date)
        )

        _ship_by_date: Any = src_dict.get("shipByDate", UNSET)
        ship_by_date: datetime.datetime | Unset = (
            UNSET if _ship_by_date is UNSET else datetime.datetime.fromisoformat(_ship_by_date)
        )

        _ship_after_date: Any = src_dict.get("shipAfterDate", UNSET)
        ship_after_date: datetime.datetime | Unset = (
            UNSET if _ship_after_date is UNSET else datetime.datetime.fromisoformat(_ship_after_date)
        )

        retailer_data = cls(
            retailer,
            purchase_order_number,
            trading_partner_id,
            customer_po_number,
            invoice_number,
            mark_for_store,
            department,
            address,
            discounts,
            charges,
            payment_terms,
            delivery_date,
            ship_by_date,
            ship_after_date,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "RetailerData", key)
            retailer_data.additional_properties = unknown
        return retailer_data

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


from ..models.address import Address  # noqa: E402
from ..models.payment_terms import PaymentTerms  # noqa: E402
from ..models.retailer_adjustment import RetailerAdjustment  # noqa: E402
