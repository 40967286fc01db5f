from enum import StrEnum

from ..types import note_drift


class OrderType(StrEnum):
    B2B = "B2B"

    def __str__(self) -> str:
        return str(self.value)

    @property
    def is_known(self) -> bool:
        """False for a value this version of the spec does not list (kept as received)."""
        return self._name_ in type(self).__members__

    @classmethod
    def _missing_(cls, value: object) -> "OrderType | None":
        if not isinstance(value, str):
            return None
        note_drift("value", cls.__name__, value)
        if value not in _UNKNOWN:
            pseudo_member = str.__new__(cls, value)
            pseudo_member._name_ = value
            pseudo_member._value_ = value
            _UNKNOWN[value] = pseudo_member
        return _UNKNOWN[value]


_UNKNOWN: dict[str, OrderType] = {}
