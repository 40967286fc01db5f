from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, note_drift

T = TypeVar("T", bound="Address")
_KNOWN_KEYS = frozenset(
    {
        "name",
        "street1",
        "city",
        "zip",
        "state",
        "country",
        "company",
        "street2",
        "phone",
        "email",
        "isResidential",
    }
)


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

    name: str = _attrs_field(metadata={"json_key": "name"})
    street1: str = _attrs_field(metadata={"json_key": "street1"})
    city: str = _attrs_field(metadata={"json_key": "city"})
    zip_: str = _attrs_field(metadata={"json_key": "zip"})
    state: str = _attrs_field(metadata={"json_key": "state"})
    country: str = _attrs_field(metadata={"json_key": "country"})
    company: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "company"})
    street2: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "street2"})
    phone: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "phone"})
    email: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "email"})
    is_residential: bool | Unset = _attrs_field(default=UNSET, metadata={"json_key": "isResidential"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["name"] = self.name

        field_dict["street1"] = self.street1

        field_dict["city"] = self.city

        field_dict["zip"] = self.zip_

        field_dict["state"] = self.state

        field_dict["country"] = self.country

        if self.company is not UNSET:
            field_dict["company"] = self.company

        if self.street2 is not UNSET:
            field_dict["street2"] = self.street2

        if self.phone is not UNSET:
            field_dict["phone"] = self.phone

        if self.email is not UNSET:
            field_dict["email"] = self.email

        if self.is_residential is not UNSET:
            field_dict["isResidential"] = self.is_residential

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        name = src_dict["name"]

        street1 = src_dict["street1"]

        city = src_dict["city"]

        zip_ = src_dict["zip"]

        state = src_dict["state"]

        country = src_dict["country"]

        company = src_dict.get("company", UNSET)

        street2 = src_dict.get("street2", UNSET)

        phone = src_dict.get("phone", UNSET)

        email = src_dict.get("email", UNSET)

        is_residential = src_dict.get("isResidential", UNSET)

        address = cls(
            name,
            street1,
            city,
            zip_,
            state,
            country,
            company,
            street2,
            phone,
            email,
            is_residential,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "Address", key)
            address.additional_properties = unknown
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
