from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, note_drift

T = TypeVar("T", bound="PaymentTerms")
_KNOWN_KEYS = frozenset(
    {
        "term",
        "dueDate",
    }
)


@_attrs_define
class PaymentTerms:
    """
    Attributes:
        term (str | Unset):
        due_date (datetime.datetime | Unset):
    """

    term: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "term"})
    due_date: datetime.datetime | Unset = _attrs_field(default=UNSET, metadata={"json_key": "dueDate"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if self.term is not UNSET:
            field_dict["term"] = self.term

        due_date = self.due_date
        if not isinstance(due_date, Unset):
            field_dict["dueDate"] = due_date.isoformat()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        term = src_dict.get("term", UNSET)

        _due_date: Any = src_dict.get("dueDate", UNSET)
        due_date: datetime.datetime | Unset = (
            UNSET if _due_date is UNSET else datetime.datetime.fromisoformat(_due_date)
        )

        payment_terms = cls(
            term,
            due_date,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "PaymentTerms", key)
            payment_terms.additional_properties = unknown
        return payment_terms

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
