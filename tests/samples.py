"""Sample request parts shared by the client, sandbox and reliability tests (one copy, so they cannot drift)."""

from __future__ import annotations

import copy
from typing import Any

SHIP_TO: dict[str, Any] = {
    "name": "Receiving Dock 4",
    "street1": "1 Market St",
    "city": "San Francisco",
    "zip": "94105",
    "state": "CA",
    "country": "US",
}
TRANSPORTATION: dict[str, Any] = {"shippingPartner": "FLEXPORT", "shippingType": "LTL"}


def ship_to(**overrides: Any) -> dict[str, Any]:
    """A fresh copy of the sample ship-to address, with overrides."""
    return {**copy.deepcopy(SHIP_TO), **overrides}


def transportation() -> dict[str, Any]:
    """A fresh copy of the sample transportation details."""
    return copy.deepcopy(TRANSPORTATION)
