"""Realistic-looking identifiers and reference data: warehouses, carriers, SSCCs, BOLs, PROs, tracking numbers.

Every value is drawn from the sandbox's `random.Random`, so a seeded sandbox produces the same values each run.
The warehouses and addresses are fictional.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from typing import Any, Final

__all__ = [
    "Carrier",
    "Warehouse",
    "bol_number",
    "gs1_check_digit",
    "pick_carrier",
    "pro_number",
    "sscc",
    "tracking_number",
    "warehouse_for",
]

_GS1_COMPANY_PREFIX: Final = "0860012"  # 7 digits; fictional, in the GS1 US range


@dataclass(frozen=True, slots=True)
class Warehouse:
    """A Flexport warehouse an order can ship from."""

    location_id: str
    address: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Carrier:
    """A carrier: its name, its SCAC (Standard Carrier Alpha Code) and the tracking style it uses."""

    name: str
    scac: str
    parcel_style: str | None = None  # "ups" or "fedex" for parcel carriers; None for freight (LTL/FTL)


WAREHOUSES: Final = (
    Warehouse(
        "RS-ONT-01",
        {
            "name": "Flexport Reserve Storage ONT-01",
            "company": "Flexport",
            "street1": "4380 E Mission Blvd",
            "city": "Ontario",
            "state": "CA",
            "zip": "91761",
            "country": "US",
            "isResidential": False,
        },
    ),
    Warehouse(
        "RS-ATL-02",
        {
            "name": "Flexport Reserve Storage ATL-02",
            "company": "Flexport",
            "street1": "1150 Logistics Pkwy",
            "city": "Jefferson",
            "state": "GA",
            "zip": "30549",
            "country": "US",
            "isResidential": False,
        },
    ),
    Warehouse(
        "FC-RNO-03",
        {
            "name": "Flexport Fulfillment Center RNO-03",
            "company": "Flexport",
            "street1": "2500 Electric Ave",
            "city": "McCarran",
            "state": "NV",
            "zip": "89437",
            "country": "US",
            "isResidential": False,
        },
    ),
)

PARCEL_CARRIERS: Final = (Carrier("UPS", "UPSN", "ups"), Carrier("FedEx Ground", "FDEG", "fedex"))
LTL_CARRIERS: Final = (
    Carrier("Estes Express Lines", "EXLA"),
    Carrier("Old Dominion Freight Line", "ODFL"),
    Carrier("R+L Carriers", "RLCA"),
    Carrier("Saia", "SAIA"),
)
FTL_CARRIERS: Final = (Carrier("J.B. Hunt Transport", "JBHT"), Carrier("Schneider National", "SNLU"))


def warehouse_for(location_id: str | None, rng: random.Random) -> Warehouse:
    """The warehouse with this location id, or one picked at random (the account's "configuration")."""
    for warehouse in WAREHOUSES:
        if warehouse.location_id == location_id:
            return warehouse
    return rng.choice(WAREHOUSES)


def pick_carrier(shipping_type: str, requested_name: str | None, rng: random.Random) -> Carrier:
    """The carrier of a shipment: the requested one (third-party accounts) or one Flexport would book."""
    pool = {"PARCEL": PARCEL_CARRIERS, "FTL": FTL_CARRIERS}.get(shipping_type, LTL_CARRIERS)
    if requested_name:
        known = next((c for c in pool if c.name.lower() == requested_name.lower()), None)
        scac = "".join(ch for ch in requested_name.upper() if ch.isalpha())[:4].ljust(4, "X")
        return known or Carrier(requested_name, scac, pool[0].parcel_style)
    return rng.choice(pool)


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(count))


def gs1_check_digit(digits: str) -> str:
    """The GS1 mod-10 check digit of a digit string (weights 3, 1, 3, ... from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def sscc(rng: random.Random) -> str:
    """An 18-digit Serial Shipping Container Code: extension digit, company prefix, serial, check digit."""
    body = "0" + _GS1_COMPANY_PREFIX + _digits(rng, 9)
    return body + gs1_check_digit(body)


def bol_number(rng: random.Random) -> str:
    """A 17-digit VICS bill-of-lading number: company prefix, serial, check digit."""
    body = _GS1_COMPANY_PREFIX + _digits(rng, 9)
    return body + gs1_check_digit(body)


def pro_number(rng: random.Random) -> str:
    """A 10-digit carrier PRO number."""
    return str(rng.randint(1, 9)) + _digits(rng, 9)


def tracking_number(carrier: Carrier, rng: random.Random) -> str:
    """A tracking number in the carrier's style (UPS `1Z...`, FedEx 12 digits); freight uses the PRO number."""
    if carrier.parcel_style == "ups":
        return (
            "1Z"
            + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(6))
            + "03"
            + _digits(rng, 8)
        )
    if carrier.parcel_style == "fedex":
        return _digits(rng, 12)
    return pro_number(rng)


def numeric_id(prefix: str, rng: random.Random, digits: int = 9) -> str:
    """An id such as `OB-482019375`: a prefix and digits that do not start with 0."""
    return f"{prefix}-{rng.randint(1, 9)}{_digits(rng, digits - 1)}"
