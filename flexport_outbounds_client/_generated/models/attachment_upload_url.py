from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attachment_type import AttachmentType
from ..types import enum_from_json, note_drift, redacted_url_repr

T = TypeVar("T", bound="AttachmentUploadUrl")
_KNOWN_KEYS = frozenset(
    {
        "uploadUrl",
        "attachmentType",
        "expirationTime",
    }
)


@_attrs_define
class AttachmentUploadUrl:
    """A pre-signed URL to PUT one shipment document to.

    Attributes:
        upload_url (str): Upload url for uploading shipment attachment document.
        attachment_type (AttachmentType): Type of the attachment, e.g. "SHIPPING_LABELS", "COMMERCIAL_INVOICE", etc.
        expiration_time (datetime.datetime): The ISO 8601 timestamp at which the upload URL expires. The URL is valid
            for one hour after generation. Example: "2025-05-10T10:00:00Z".
    """

    upload_url: str = _attrs_field(repr=redacted_url_repr, metadata={"json_key": "uploadUrl"})
    attachment_type: AttachmentType = _attrs_field(metadata={"json_key": "attachmentType"})
    expiration_time: datetime.datetime = _attrs_field(metadata={"json_key": "expirationTime"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["uploadUrl"] = self.upload_url

        field_dict["attachmentType"] = self.attachment_type.value

        field_dict["expirationTime"] = self.expiration_time.isoformat()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        upload_url = src_dict["uploadUrl"]

        attachment_type = enum_from_json(AttachmentType, src_dict["attachmentType"])

        expiration_time = datetime.datetime.fromisoformat(src_dict["expirationTime"])

        attachment_upload_url = cls(
            upload_url,
            attachment_type,
            expiration_time,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "AttachmentUploadUrl", key)
            attachment_upload_url.additional_properties = unknown
        return attachment_upload_url

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
