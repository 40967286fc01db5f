from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Address")


@_attrs_define
class Address:
    """A postal address.

    Attributes:
        name (str):
        street1 (str):
        city (str):
        zip_ (str):
        state (str):
        country (str): Country, ISO 3166-1 alpha-2 (e.g. US).
        company (str | Unset):
        street2 (str | Unset):
        phone (str | Unset):
        email (str | Unset):
        is_residential (bool | Unset):
    """

    name: str
    street1: str
    city: str
    zip_: str
    state: str
    country: str
    company: str | Unset = UNSET
    street2: str | Unset = UNSET
    phone: str | Unset = UNSET
    email: str | Unset = UNSET
    is_residential: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        street1 = self.street1

        city = self.city

        zip_ = self.zip_

        state = self.state

        country = self.country

        company = self.company

        street2 = self.street2

        phone = self.phone

        email = self.email

        is_residential = self.is_residential

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "street1": street1,
                "city": city,
                "zip": zip_,
                "state": state,
                "country": country,
            }
        )
        if company is not UNSET:
            field_dict["company"] = company
        if street2 is not UNSET:
            field_dict["street2"] = street2
        if phone is not UNSET:
            field_dict["phone"] = phone
        if email is not UNSET:
            field_dict["email"] = email
        if is_residential is not UNSET:
            field_dict["isResidential"] = is_residential

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        street1 = d.pop("street1")

        city = d.pop("city")

        zip_ = d.pop("zip")

        state = d.pop("state")

        country = d.pop("country")

        company = d.pop("company", UNSET)

        street2 = d.pop("street2", UNSET)

        phone = d.pop("phone", UNSET)

        email = d.pop("email", UNSET)

        is_residential = d.pop("isResidential", UNSET)

        address = cls(
            name=name,
            street1=street1,
            city=city,
            zip_=zip_,
            state=state,
            country=country,
            company=company,
            street2=street2,
            phone=phone,
            email=email,
            is_residential=is_residential,
        )

        address.additional_properties = d
        return address

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
