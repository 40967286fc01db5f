from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.package_status import PackageStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pack_dims import PackDims
    from ..models.pack_item import PackItem


T = TypeVar("T", bound="PackDetail")


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

    pack_items: list[PackItem] | Unset = UNSET
    carrier_name: str | Unset = UNSET
    carrier_scac: str | Unset = UNSET
    tracking_number: str | Unset = UNSET
    package_status: PackageStatus | Unset = UNSET
    sscc: str | Unset = UNSET
    pack_dims: PackDims | Unset = UNSET
    box_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pack_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.pack_items, Unset):
            pack_items = []
            for pack_items_item_data in self.pack_items:
                pack_items_item = pack_items_item_data.to_dict()
                pack_items.append(pack_items_item)

        carrier_name = self.carrier_name

        carrier_scac = self.carrier_scac

        tracking_number = self.tracking_number

        package_status: str | Unset = UNSET
        if not isinstance(self.package_status, Unset):
            package_status = self.package_status.value

        sscc = self.sscc

        pack_dims: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pack_dims, Unset):
            pack_dims = self.pack_dims.to_dict()

        box_id = self.box_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if pack_items is not UNSET:
            field_dict["packItems"] = pack_items
        if carrier_name is not UNSET:
            field_dict["carrierName"] = carrier_name
        if carrier_scac is not UNSET:
            field_dict["carrierSCAC"] = carrier_scac
        if tracking_number is not UNSET:
            field_dict["trackingNumber"] = tracking_number
        if package_status is not UNSET:
            field_dict["packageStatus"] = package_status
        if sscc is not UNSET:
            field_dict["sscc"] = sscc
        if pack_dims is not UNSET:
            field_dict["packDims"] = pack_dims
        if box_id is not UNSET:
            field_dict["boxId"] = box_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pack_dims import PackDims  # noqa: PLC0415
        from ..models.pack_item import PackItem  # noqa: PLC0415

        d = dict(src_dict)
        _pack_items = d.pop("packItems", UNSET)
        pack_items: list[PackItem] | Unset = UNSET
        if _pack_items is not UNSET:
            pack_items = []
            for pack_items_item_data in _pack_items:
                pack_items_item = PackItem.from_dict(pack_items_item_data)

                pack_items.append(pack_items_item)

        carrier_name = d.pop("carrierName", UNSET)

        carrier_scac = d.pop("carrierSCAC", UNSET)

        tracking_number = d.pop("trackingNumber", UNSET)

        _package_status = d.pop("packageStatus", UNSET)
        package_status: PackageStatus | Unset
        if isinstance(_package_status, Unset):
            package_status = UNSET
        else:
            package_status = PackageStatus(_package_status)

        sscc = d.pop("sscc", UNSET)

        _pack_dims = d.pop("packDims", UNSET)
        pack_dims: PackDims | Unset
        if isinstance(_pack_dims, Unset):
            pack_dims = UNSET
        else:
            pack_dims = PackDims.from_dict(_pack_dims)

        box_id = d.pop("boxId", UNSET)

        pack_detail = cls(
            pack_items=pack_items,
            carrier_name=carrier_name,
            carrier_scac=carrier_scac,
            tracking_number=tracking_number,
            package_status=package_status,
            sscc=sscc,
            pack_dims=pack_dims,
            box_id=box_id,
        )

        pack_detail.additional_properties = d
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
