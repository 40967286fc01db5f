from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.package_status import PackageStatus
from ..types import UNSET, Unset, enum_from_json, note_drift

T = TypeVar("T", bound="PackDetail")
_KNOWN_KEYS = frozenset(
    {
        "packItems",
        "carrierName",
        "carrierSCAC",
        "trackingNumber",
        "packageStatus",
        "sscc",
        "packDims",
        "boxId",
    }
)


@_attrs_define
class PackDetail:
    """One pack (carton or pallet) of a shipment.

    Attributes:
        pack_items (list[PackItem] | Unset):
        carrier_name (str | Unset):
        carrier_scac (str | Unset):
        tracking_number (str | Unset):
        package_status (PackageStatus | Unset): Carrier tracking status of one pack.
        sscc (str | Unset): Serial Shipping Container Code (18 digits) on the pack's label.
        pack_dims (PackDims | Unset):
        box_id (str | Unset):
    """

    pack_items: list[PackItem] | Unset = _attrs_field(default=UNSET, metadata={"json_key": "packItems"})
    carrier_name: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "carrierName"})
    carrier_scac: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "carrierSCAC"})
    tracking_number: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "trackingNumber"})
    package_status: PackageStatus | Unset = _attrs_field(default=UNSET, metadata={"json_key": "packageStatus"})
    sscc: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "sscc"})
    pack_dims: PackDims | Unset = _attrs_field(default=UNSET, metadata={"json_key": "packDims"})
    box_id: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "boxId"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        pack_items = self.pack_items
        if not isinstance(pack_items, Unset):
            field_dict["packItems"] = [pack_items_item.to_dict() for pack_items_item in pack_items]

        if self.carrier_name is not UNSET:
            field_dict["carrierName"] = self.carrier_name

        if self.carrier_scac is not UNSET:
            field_dict["carrierSCAC"] = self.carrier_scac

        if self.tracking_number is not UNSET:
            field_dict["trackingNumber"] = self.tracking_number

        package_status = self.package_status
        if not isinstance(package_status, Unset):
            field_dict["packageStatus"] = package_status.value

        if self.sscc is not UNSET:
            field_dict["sscc"] = self.sscc

        pack_dims = self.pack_dims
        if not isinstance(pack_dims, Unset):
            field_dict["packDims"] = pack_dims.to_dict()

        if self.box_id is not UNSET:
            field_dict["boxId"] = self.box_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _pack_items: Any = src_dict.get("packItems", UNSET)
        pack_items: list[PackItem] | Unset = (
            UNSET if _pack_items is UNSET else [PackItem.from_dict(pack_items_item) for pack_items_item in _pack_items]
        )

        carrier_name = src_dict.get("carrierName", UNSET)

        carrier_scac = src_dict.get("carrierSCAC", UNSET)

        tracking_number = src_dict.get("trackingNumber", UNSET)

        _package_status: Any = src_dict.get("packageStatus", UNSET)
        package_status: PackageStatus | Unset = (
            UNSET if _package_status is UNSET else enum_from_json(PackageStatus, _package_status)
        )

        sscc = src_dict.get("sscc", UNSET)

        _pack_dims: Any = src_dict.get("packDims", UNSET)
        pack_dims: PackDims | Unset = UNSET if _pack_dims is UNSET else PackDims.from_dict(_pack_dims)

        box_id = src_dict.get("boxId", UNSET)

        pack_detail = cls(
            pack_items,
            carrier_name,
            carrier_scac,
            tracking_number,
            package_status,
            sscc,
            pack_dims,
            box_id,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "PackDetail", key)
            pack_detail.additional_properties = unknown
        return pack_detail

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


from ..models.pack_dims import PackDims  # noqa: E402
from ..models.pack_item import PackItem  # noqa: E402
