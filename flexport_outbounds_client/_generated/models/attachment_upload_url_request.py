from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attachment_content_type import AttachmentContentType
from ..models.attachment_type import AttachmentType

T = TypeVar("T", bound="AttachmentUploadUrlRequest")


@_attrs_define
class AttachmentUploadUrlRequest:
    """The request object for getting upload url for uploading shipment attachment document.

    Attributes:
        attachment_type (AttachmentType): Type of the attachment, e.g. "SHIPPING_LABELS", "COMMERCIAL_INVOICE", etc.
        content_type (AttachmentContentType): Content type of the attachment. Only "application/pdf" is supported for
            now.
    """

    attachment_type: AttachmentType
    content_type: AttachmentContentType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attachment_type = self.attachment_type.value

        content_type = self.content_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attachmentType": attachment_type,
                "contentType": content_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attachment_type = AttachmentType(d.pop("attachmentType"))

        content_type = AttachmentContentType(d.pop("contentType"))

        attachment_upload_url_request = cls(
            attachment_type=attachment_type,
            content_type=content_type,
        )

        attachment_upload_url_request.additional_properties = d
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
