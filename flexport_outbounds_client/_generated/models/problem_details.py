from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, note_drift

T = TypeVar("T", bound="ProblemDetails")
_KNOWN_KEYS = frozenset(
    {
        "status",
        "title",
        "type",
        "detail",
        "instance",
        "code",
        "message",
    }
)


@_attrs_define
class ProblemDetails:
    """RFC 7807 problem details. `code` and `message` appear on 401 bodies (documented sample); other errors may carry a
    six-digit Flexport error code in `code`.

        Attributes:
            status (int): HTTP status code identifying the problem category.
            title (str):
            type_ (str | Unset): URI reference into the documentation's Errors section.
            detail (str | Unset):
            instance (str | Unset): Internal id of this occurrence.
            code (int | Unset): The status again, or a six-digit Flexport error code.
            message (str | Unset):
    """

    status: int = _attrs_field(metadata={"json_key": "status"})
    title: str = _attrs_field(metadata={"json_key": "title"})
    type_: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "type"})
    detail: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "detail"})
    instance: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "instance"})
    code: int | Unset = _attrs_field(default=UNSET, metadata={"json_key": "code"})
    message: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "message"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["status"] = self.status

        field_dict["title"] = self.title

        if self.type_ is not UNSET:
            field_dict["type"] = self.type_

        if self.detail is not UNSET:
            field_dict["detail"] = self.detail

        if self.instance is not UNSET:
            field_dict["instance"] = self.instance

        if self.code is not UNSET:
            field_dict["code"] = self.code

        if self.message is not UNSET:
            field_dict["message"] = self.message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        status = src_dict["status"]

        title = src_dict["title"]

        type_ = src_dict.get("type", UNSET)

        detail = src_dict.get("detail", UNSET)

        instance = src_dict.get("instance", UNSET)

        code = src_dict.get("code", UNSET)

        message = src_dict.get("message", UNSET)

        problem_details = cls(
            status,
            title,
            type_,
            detail,
            instance,
            code,
            message,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "ProblemDetails", key)
            problem_details.additional_properties = unknown
        return problem_details

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
