from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.incoterm import Incoterm
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.duty_payment_account_details import DutyPaymentAccountDetails


T = TypeVar("T", bound="Duties")


@_attrs_define
class Duties:
    """
    Attributes:
        duty_payment_account_details (DutyPaymentAccountDetails | Unset):
        incoterm (Incoterm | Unset): Incoterm of the shipment.
        eel_pfc (str | Unset): Electronic Export Information exemption / filing citation (EEL/PFC).
    """

    duty_payment_account_details: DutyPaymentAccountDetails | Unset = UNSET
    incoterm: Incoterm | Unset = UNSET
    eel_pfc: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        duty_payment_account_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.duty_payment_account_details, Unset):
            duty_payment_account_details = self.duty_payment_account_details.to_dict()

        incoterm: str | Unset = UNSET
        if not isinstance(self.incoterm, Unset):
            incoterm = self.incoterm.value

        eel_pfc = self.eel_pfc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if duty_payment_account_details is not UNSET:
            field_dict["dutyPaymentAccountDetails"] = duty_payment_account_details
        if incoterm is not UNSET:
            field_dict["incoterm"] = incoterm
        if eel_pfc is not UNSET:
            field_dict["eelPfc"] = eel_pfc

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.duty_payment_account_details import DutyPaymentAccountDetails  # noqa: PLC0415

        d = dict(src_dict)
        _duty_payment_account_details = d.pop("dutyPaymentAccountDetails", UNSET)
        duty_payment_account_details: DutyPaymentAccountDetails | Unset
        if isinstance(_duty_payment_account_details, Unset):
            duty_payment_account_details = UNSET
        else:
            duty_payment_account_details = DutyPaymentAccountDetails.from_dict(_duty_payment_account_details)

        _incoterm = d.pop("incoterm", UNSET)
        incoterm: Incoterm | Unset
        if isinstance(_incoterm, Unset):
            incoterm = UNSET
        else:
            incoterm = Incoterm(_incoterm)

        eel_pfc = d.pop("eelPfc", UNSET)

        duties = cls(
            duty_payment_account_details=duty_payment_account_details,
            incoterm=incoterm,
            eel_pfc=eel_pfc,
        )

        duties.additional_properties = d
        return duties

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
