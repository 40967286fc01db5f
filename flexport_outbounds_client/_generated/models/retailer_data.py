from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.payment_terms import PaymentTerms
    from ..models.retailer_adjustment import RetailerAdjustment


T = TypeVar("T", bound="RetailerData")


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

    retailer: str | Unset = UNSET
    purchase_order_number: str | Unset = UNSET
    trading_partner_id: str | Unset = UNSET
    customer_po_number: str | Unset = UNSET
    invoice_number: str | Unset = UNSET
    mark_for_store: str | Unset = UNSET
    department: str | Unset = UNSET
    address: Address | Unset = UNSET
    discounts: list[RetailerAdjustment] | Unset = UNSET
    charges: list[RetailerAdjustment] | Unset = UNSET
    payment_terms: PaymentTerms | Unset = UNSET
    delivery_date: datetime.datetime | Unset = UNSET
    ship_by_date: datetime.datetime | Unset = UNSET
    ship_after_date: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        retailer = self.retailer

        purchase_order_number = self.purchase_order_number

        trading_partner_id = self.trading_partner_id

        customer_po_number = self.customer_po_number

        invoice_number = self.invoice_number

        mark_for_store = self.mark_for_store

        department = self.department

        address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.address, Unset):
            address = self.address.to_dict()

        discounts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.discounts, Unset):
            discounts = []
            for discounts_item_data in self.discounts:
                discounts_item = discounts_item_data.to_dict()
                discounts.append(discounts_item)

        charges: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.charges, Unset):
            charges = []
            for charges_item_data in self.charges:
                charges_item = charges_item_data.to_dict()
                charges.append(charges_item)

        payment_terms: dict[str, Any] | Unset = UNSET
        if not isinstance(self.payment_terms, Unset):
            payment_terms = self.payment_terms.to_dict()

        delivery_date: str | Unset = UNSET
        if not isinstance(self.delivery_date, Unset):
            delivery_date = self.delivery_date.isoformat()

        ship_by_date: str | Unset = UNSET
        if not isinstance(self.ship_by_date, Unset):
            ship_by_date = self.ship_by_date.isoformat()

        ship_after_date: str | Unset = UNSET
        if not isinstance(self.ship_after_date, Unset):
            ship_after_date = self.ship_after_date.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if retailer is not UNSET:
            field_dict["retailer"] = retailer
        if purchase_order_number is not UNSET:
            field_dict["purchaseOrderNumber"] = purchase_order_number
        if trading_partner_id is not UNSET:
            field_dict["tradingPartnerId"] = trading_partner_id
        if customer_po_number is not UNSET:
            field_dict["customerPoNumber"] = customer_po_number
        if invoice_number is not UNSET:
            field_dict["invoiceNumber"] = invoice_number
        if mark_for_store is not UNSET:
            field_dict["markForStore"] = mark_for_store
        if department is not UNSET:
            field_dict["department"] = department
        if address is not UNSET:
            field_dict["address"] = address
        if discounts is not UNSET:
            field_dict["discounts"] = discounts
        if charges is not UNSET:
            field_dict["charges"] = charges
        if payment_terms is not UNSET:
            field_dict["paymentTerms"] = payment_terms
        if delivery_date is not UNSET:
            field_dict["deliveryDate"] = delivery_date
        if ship_by_date is not UNSET:
            field_dict["shipByDate"] = ship_by_date
        if ship_after_date is not UNSET:
            field_dict["shipAfterDate"] = ship_after_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.payment_terms import PaymentTerms  # noqa: PLC0415
        from ..models.retailer_adjustment import RetailerAdjustment  # noqa: PLC0415

        d = dict(src_dict)
        retailer = d.pop("retailer", UNSET)

        purchase_order_number = d.pop("purchaseOrderNumber", UNSET)

        trading_partner_id = d.pop("tradingPartnerId", UNSET)

        customer_po_number = d.pop("customerPoNumber", UNSET)

        invoice_number = d.pop("invoiceNumber", UNSET)

        mark_for_store = d.pop("markForStore", UNSET)

        department = d.pop("department", UNSET)

        _address = d.pop("address", UNSET)
        address: Address | Unset
        if isinstance(_address, Unset):
            address = UNSET
        else:
            address = Address.from_dict(_address)

        _discounts = d.pop("discounts", UNSET)
        discounts: list[RetailerAdjustment] | Unset = UNSET
        if _discounts is not UNSET:
            discounts = []
            for discounts_item_data in _discounts:
                discounts_item = RetailerAdjustment.from_dict(discounts_item_data)

                discounts.append(discounts_item)

        _charges = d.pop("charges", UNSET)
        charges: list[RetailerAdjustment] | Unset = UNSET
        if _charges is not UNSET:
            charges = []
            for charges_item_data in _charges:
                charges_item = RetailerAdjustment.from_dict(charges_item_data)

                charges.append(charges_item)

        _payment_terms = d.pop("paymentTerms", UNSET)
        payment_terms: PaymentTerms | Unset
        if isinstance(_payment_terms, Unset):
            payment_terms = UNSET
        else:
            payment_terms = PaymentTerms.from_dict(_payment_terms)

        _delivery_date = d.pop("deliveryDate", UNSET)
        delivery_date: datetime.datetime | Unset
        if isinstance(_delivery_date, Unset):
            delivery_date = UNSET
        else:
            delivery_date = datetime.datetime.fromisoformat(_delivery_date)

        _ship_by_date = d.pop("shipByDate", UNSET)
        ship_by_date: datetime.datetime | Unset
        if isinstance(_ship_by_date, Unset):
            ship_by_date = UNSET
        else:
            ship_by_date = datetime.datetime.fromisoformat(_ship_by_date)

        _ship_after_date = d.pop("shipAfterDate", UNSET)
        ship_after_date: datetime.datetime | Unset
        if isinstance(_ship_after_date, Unset):
            ship_after_date = UNSET
        else:
            ship_after_date = datetime.datetime.fromisoformat(_ship_after_date)

        retailer_data = cls(
            retailer=retailer,
            purchase_order_number=purchase_order_number,
            trading_partner_id=trading_partner_id,
            customer_po_number=customer_po_number,
            invoice_number=invoice_number,
            mark_for_store=mark_for_store,
            department=department,
            address=address,
            discounts=discounts,
            charges=charges,
            payment_terms=payment_terms,
            delivery_date=delivery_date,
            ship_by_date=ship_by_date,
            ship_after_date=ship_after_date,
        )

        retailer_data.additional_properties = d
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
