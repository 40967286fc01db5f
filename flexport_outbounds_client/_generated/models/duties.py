from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.incoterm import Incoterm
from ..types import UNSET, Unset, enum_from_json, note_drift

T = TypeVar("T", bound="Duties")
_KNOWN_KEYS = frozenset(
    {
        "dutyPaymentAccountDetails",
        "incoterm",
        "eelPfc",
    }
)


@_attrs_define
class Duties:
    """
    Attributes:
        duty_payment_account_details (DutyPaymentAccountDetails | Unset):
        incoterm (Incoterm | Unset): Incoterm of the shipment.
        eel_pfc (str | Unset): Electronic Export Information exemption / filing citation (EEL/PFC).
    """

    duty_payment_account_details: DutyPaymentAccountDetails | Unset = _attrs_field(
        default=UNSET, metadata={"json_key": "dutyPaymentAccountDetails"}
    )
    incoterm: Incoterm | Unset = _attrs_field(default=UNSET, metadata={"json_key": "incoterm"})
    eel_pfc: str | Unset = _attrs_field(default=UNSET, metadata={"json_key": "eelPfc"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = dict(self.additional_properties)
        duty_payment_account_details = self.duty_payment_account_details
        if not isinstance(duty_payment_account_details, Unset):
            field_dict["dutyPaymentAccountDetails"] = duty_payment_account_details.to_dict()

        incoterm = self.incoterm
        if not isinstance(incoterm, Unset):
            field_dict["incoterm"] = incoterm.value

        if self.eel_pfc is not UNSET:
            field_dict["eelPfc"] = self.eel_pfc

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _duty_payment_account_details: Any = src_dict.get("dutyPaymentAccountDetails", UNSET)
        duty_payment_account_details: DutyPaymentAccountDetails | Unset = (
            UNSET
            if _duty_payment_account_details is UNSET
            else DutyPaymentAccountDetails.from_dict(_duty_payment_account_details)
        )

        _incoterm: Any = src_dict.get("incoterm", UNSET)
        incoterm: Incoterm | Unset = UNSET if _incoterm is UNSET else enum_from_json(Incoterm, _incoterm)

        eel_pfc = src_dict.get("eelPfc", UNSET)

        duties = cls(
            duty_payment_account_details,
            incoterm,
            eel_pfc,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            unknown = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
            for key in unknown:
                note_drift("field", "Duties", key)
            duties.additional_properties = unknown
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


from ..models.duty_payment_account_details import DutyPaymentAccountDetails  # noqa: E402
