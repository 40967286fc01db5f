from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attachment_content_type import AttachmentContentType
from ..models.attachment_type import AttachmentType
from ..types import enum_from_json, note_drift

T = TypeVar("T", bound="AttachmentUploadUrlRequest")
_KNOWN_KEYS = frozenset(
    {
        "attachmentType",
        "contentType",
    }
)


@_attrs_define
class AttachmentUploadUrlRequest:
    """The request object for getting upload url for uploading shipment attachment document.

    Attributes:
        attachment_type (AttachmentType): Type of the attachment, e.g. "SHIPPING_LABELS", "COMMERCIAL_INVOICE", etc.
        content_type (AttachmentContentType): Content type of the attachment. Only "application/pdf" is supported for
            now.
    """

    attachment_type: AttachmentType = _attrs_field(metadata={"json_key": "attachmentType"})
    content_type: AttachmentContentType = _attrs_field(metadata={"json_key": "contentType"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["attachmentType"] = self.attachment_type.value

        field_dict["contentType"] = self.content_type.value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        attachment_type = enum_from_json(AttachmentType, src_dict["attachmentType"])

        content_type = enum_from_json(AttachmentContentType, src_dict["contentType"])

        attachment_upload_url_request = cls(
            attachment_type,
            content_type,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "AttachmentUploadUrlRequest", key)
            attachment_upload_url_request.additional_properties = unknown
        return attachment_upload_url_request

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
