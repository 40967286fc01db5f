"""The sandbox's state: orders, the order state machine, idempotency records, upload targets and uploads.

Every method takes one re-entrant lock and never awaits while holding it, so the check-then-insert of a create
is atomic whichever event loop or thread calls it (the in-process client, uvicorn, schemathesis' ASGI portal).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import math
import random
import secrets
import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Final, Literal, NamedTuple

from .._spec import FieldError, SpecValidator
from ._clock import Clock
from ._fulfilment import ORDER_FLOW, advance_body, cancel_body, new_order_body
from ._realism import numeric_id, warehouse_for

__all__ = [
    "ApiProblem",
    "AutoAdvance",
    "InvalidTransitionError",
    "RecordedRequest",
    "SandboxState",
    "UnknownOrderError",
    "UploadKey",
    "business_rule_errors",
]

AutoAdvance = Literal["on_read", "timed"]
UploadKey = tuple[str, str, str]  # (order_id, shipment_id, attachment_type)
CANCELLABLE: Final = frozenset({"PLANNED", "BOOKED"})
ALL_STATUSES: Final = frozenset({*ORDER_FLOW, "CANCELLED"})
UPLOAD_URL_LIFETIME: Final = timedelta(hours=1)
REQUEST_LOG_SIZE: Final = 1000


class ApiProblem(Exception):  # noqa: N818 - it is an HTTP problem (RFC 7807), not a program error
    """An HTTP problem the app turns into an `application/problem+json` response."""

    def __init__(self, status: int, title: str, detail: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors or []


class UnknownOrderError(KeyError):
    """No order with this id (or external id) exists in the sandbox."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown order"


class InvalidTransitionError(ValueError):
    """The order's status does not allow the requested move (advance past the end, backwards, cancel too late)."""


class RecordedRequest(NamedTuple):
    """One request the sandbox received. `headers` are lower-cased and never include Authorization."""

    operation_id: str
    method: str
    path: str
    headers: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class UploadTarget:
    """A pre-signed upload URL handed out by getShipmentAttachmentUploadUrl."""

    key: UploadKey
    expires_at: datetime


@dataclass
class _Stored:
    body: dict[str, Any]
    changed_at: float  # clock.monotonic() of the last status change (time-based auto-advance)


@dataclass(frozen=True, slots=True)
class _IdempotencyRecord:
    fingerprint: str
    body: dict[str, Any]


def _product_key(index: int, item: Mapping[str, Any]) -> tuple[str, str] | FieldError:
    """What identifies the product of one order item, or the error when nothing does."""
    if item.get("logisticsSku"):
        return ("logisticsSku", str(item["logisticsSku"]))
    product = item.get("productData")
    if not product:
        return FieldError(f"orderItems[{index}].productData", "is required when logisticsSku is not provided")
    for name in ("sku", "gtin", "upc", "buyerPartNumber"):
        if product.get(name):
            return (f"productData.{name}", str(product[name]))
    return FieldError(f"orderItems[{index}].productData", "needs sku, gtin, upc or buyerPartNumber")


def business_rule_errors(request: Mapping[str, Any]) -> list[FieldError]:
    """The documented rules a schema cannot express: a product per item, and no duplicate SKUs."""
    errors: list[FieldError] = []
    seen: dict[tuple[str, str], int] = {}
    for index, item in enumerate(request.get("orderItems", [])):
        key = _product_key(index, item)
        if isinstance(key, FieldError):
            errors.append(key)
            continue
        if key in seen:
            errors.append(
                FieldError(
                    f"orderItems[{index}].{key[0]}",
                    f"duplicate SKU {key[1]!r} (also in orderItems[{seen[key]}]); duplicate SKUs are not allowed",
                )
            )
        seen.setdefault(key, index)
    return errors


def _fingerprint(request: Mapping[str, Any]) -> str:
    return json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class SandboxState:
    """Orders and everything else the sandbox remembers between requests."""

    clock: Clock
    validator: SpecValidator
    auto_advance: AutoAdvance | None = None
    advance_every: float = 60.0
    seed: int | None = None
    request_log_size: int = REQUEST_LOG_SIZE
    uploads: dict[UploadKey, bytes] = field(default_factory=dict)
    _orders: dict[str, _Stored] = field(default_factory=dict)
    _by_external_id: dict[str, str] = field(default_factory=dict)
    _idempotency: dict[str, _IdempotencyRecord] = field(default_factory=dict)
    _upload_targets: dict[str, UploadTarget] = field(default_factory=dict)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def __post_init__(self) -> None:
        # a ring buffer: a sandbox serving for hours must not keep every request it ever saw
        self.requests: deque[RecordedRequest] = deque(maxlen=self.request_log_size)
        self.rng = random.Random(self.seed)  # noqa: S311 - realistic-looking ids, not secrets
        self._secret = secrets.token_bytes(32)

    # -- bookkeeping ------------------------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget every order, idempotency record, upload target, upload and logged request."""
        with self._lock:
            for container in (self._orders, self._by_external_id, self._idempotency, self._upload_targets):
                container.clear()
            self.requests.clear()
            self.uploads.clear()
            self.rng.seed(self.seed)

    def record(self, operation_id: str, method: str, path: str, headers: Mapping[str, str]) -> None:
        """Log one request; Authorization (and Proxy-Authorization) never reach the log."""
        kept = {k: v for k, v in headers.items() if k not in {"authorization", "proxy-authorization"}}
        with self._lock:
            self.requests.append(RecordedRequest(operation_id, method, path, kept))

    def order_ids(self) -> list[str]:
        """Ids of every stored order, oldest first."""
        with self._lock:
            return list(self._orders)

    def snapshot(self, order_id: str) -> dict[str, Any]:
        """A copy of the order's current body (time-based auto-advance applied, not counted as a read).

        Raises:
            UnknownOrderError: when no order has this id.
        """
        with self._lock:
            return copy.deepcopy(self._current(order_id).body)

    # -- state machine ----------------------------------------------------------------------------------------
    def _current(self, order_id: str) -> _Stored:
        stored = self._orders.get(order_id)
        if stored is None:
            raise UnknownOrderError(f"cannot find order {order_id}")
        self._catch_up(stored)
        return stored

    def _catch_up(self, stored: _Stored) -> None:
        """Time-based auto-advance: one step per `advance_every` seconds of the clock since the last change."""
        if self.auto_advance != "timed":
            return
        now = self.clock.monotonic()
        while stored.body["orderStatus"] in ORDER_FLOW[:-1] and now - stored.changed_at >= self.advance_every:
            advance_body(stored.body, self.rng)
            stored.changed_at += self.advance_every

    def _step(self, stored: _Stored) -> str:
        status = advance_body(stored.body, self.rng)
        stored.changed_at = self.clock.monotonic()
        return status

    def advance(self, order_id: str, to: str | None = None) -> str:
        """Move an order one step, or up to status `to` (CANCELLED cancels); return the new status.

        Raises:
            UnknownOrderError: when no order has this id.
            InvalidTransitionError: when the order cannot reach `to` (it is past it, CANCELLED, or DELIVERED),
                or `to` is CANCELLED and the order is no longer PLANNED or BOOKED.
            ValueError: when `to` is not an order status.
        """
        if to is not None and str(to) not in ALL_STATUSES:
            raise ValueError(f"unknown order status {to!r}; expected one of {sorted(ALL_STATUSES)}")
        with self._lock:
            stored = self._current(order_id)
            current = stored.body["orderStatus"]
            if to is not None and str(to) == "CANCELLED":
                self._cancel(stored)
                return "CANCELLED"
            target = str(to) if to is not None else None
            if current == "CANCELLED" or (current == ORDER_FLOW[-1] and target != current):
                raise InvalidTransitionError(f"order {order_id} is {current}; it cannot advance")
            if target is not None and ORDER_FLOW.index(target) < ORDER_FLOW.index(current):
                raise InvalidTransitionError(f"order {order_id} is {current}, already past {target}")
            if target is None:
                return self._step(stored)
            while stored.body["orderStatus"] != target:
                self._step(stored)
            return target

    def _cancel(self, stored: _Stored) -> None:
        status = stored.body["orderStatus"]
        if status == "CANCELLED":
            return
        if status not in CANCELLABLE:
            raise InvalidTransitionError(
                f"order {stored.body['orderId']} is {status}; only PLANNED or BOOKED orders can be cancelled"
            )
        cancel_body(stored.body)
        stored.changed_at = self.clock.monotonic()

    # -- operations -------------------------------------------------------------------------------------------
    def _new_id(self, prefix: str, taken: Mapping[str, object] | set[str]) -> str:
        while (candidate := numeric_id(prefix, self.rng)) in taken:
            continue  # pragma: no cover - a 1-in-10^8 collision
        return candidate

    def create_order(self, request: dict[str, Any], idempotency_key: str | None) -> tuple[dict[str, Any], bool]:
        """Create an order from a valid request; return (order body, replayed).

        Raises:
            ApiProblem: 409 when an order with the request's externalId exists, or when the Idempotency-Key was
                used before with a different body (openapi.yaml's Conflict response names both cases).
        """
        fingerprint = _fingerprint(request)
        with self._lock:
            if idempotency_key is not None and idempotency_key in self._idempotency:
                return self._replay(idempotency_key, fingerprint), True
            external_id = request.get("externalId")
            if external_id is not None and external_id in self._by_external_id:
                existing = self._by_external_id[external_id]
                raise ApiProblem(
                    409, "Conflict", f"an order with externalId {external_id!r} already exists: {existing}"
                )
            body = self._build(request)
            self._orders[body["orderId"]] = _Stored(body, self.clock.monotonic())
            if external_id is not None:
                self._by_external_id[external_id] = body["orderId"]
            if idempotency_key is not None:
                self._idempotency[idempotency_key] = _IdempotencyRecord(fingerprint, copy.deepcopy(body))
            return copy.deepcopy(body), False

    def _replay(self, key: str, fingerprint: str) -> dict[str, Any]:
        record = self._idempotency[key]
        if record.fingerprint != fingerprint:
            raise ApiProblem(
                409,
                "Conflict",
                f"Idempotency-Key {key!r} was already used with a different request body; use a new key",
            )
        return copy.deepcopy(record.body)

    def _build(self, request: dict[str, Any]) -> dict[str, Any]:
        taken_shipments = {s["shipmentId"] for o in self._orders.values() for s in o.body["shipments"]}
        body = new_order_body(
            copy.deepcopy(request),
            order_id=self._new_id("OB", self._orders),
            shipment_id=self._new_id("SH", taken_shipments),
            warehouse=warehouse_for(request.get("locationId"), self.rng),
        )
        projected: dict[str, Any] = self.validator.project("Order", body)
        return projected

    def read_order(self, order_id: str | None = None, *, external_id: str | None = None) -> dict[str, Any]:
        """The order by id or external id, as a GET returns it (`on_read` auto-advance moves it one step first).

        Raises:
            UnknownOrderError: when no such order exists.
        """
        with self._lock:
            if external_id is not None:
                order_id = self._by_external_id.get(external_id)
                if order_id is None:
                    raise UnknownOrderError(f"cannot find an order with externalId {external_id}")
            stored = self._current(str(order_id))
            if self.auto_advance == "on_read" and stored.body["orderStatus"] in ORDER_FLOW[:-1]:
                self._step(stored)
            return copy.deepcopy(stored.body)

    def cancel_order(self, order_id: str) -> None:
        """Cancel an order (a CANCELLED order stays CANCELLED).

        Raises:
            UnknownOrderError: when no order has this id.
            ApiProblem: 409 when the order is IN_PROGRESS or later.
        """
        with self._lock:
            try:
                self._cancel(self._current(order_id))
            except InvalidTransitionError as exc:
                raise ApiProblem(409, "Conflict", str(exc)) from exc

    # -- uploads ----------------------------------------------------------------------------------------------
    def _signature(self, token: str, expires: int) -> str:
        return hmac.new(self._secret, f"{token}:{expires}".encode(), hashlib.sha256).hexdigest()

    def upload_url(self, order_id: str, shipment_id: str, attachment_type: str, origin: str) -> dict[str, Any]:
        """A pre-signed upload URL on `origin` (scheme://host[:port]) valid for one hour of sandbox time.

        Raises:
            UnknownOrderError: when the order does not exist.
            ApiProblem: 404 when the order has no shipment with this id.
        """
        with self._lock:
            body = self._current(order_id).body
            if not any(s.get("shipmentId") == shipment_id for s in body["shipments"]):
                raise ApiProblem(404, "Not Found", f"order {order_id} has no shipment {shipment_id}")
            expires_at = self.clock.now() + UPLOAD_URL_LIFETIME
            token = secrets.token_urlsafe(18)
            self._upload_targets[token] = UploadTarget((order_id, shipment_id, attachment_type), expires_at)
        expires = math.floor(expires_at.timestamp())
        query = f"X-Sandbox-Expires={expires}&X-Sandbox-Signature={self._signature(token, expires)}"
        return {
            "uploadUrl": f"{origin}/_sandbox/uploads/{token}?{query}",
            "attachmentType": attachment_type,
            "expirationTime": _iso(expires_at),
        }

    def check_upload(self, token: str, expires: str | None, signature: str | None) -> UploadTarget:
        """The target a PUT to a pre-signed URL writes to.

        Raises:
            PermissionError: when the signature does not match, or the URL has expired (message says which).
        """
        target = self._upload_targets.get(token)
        if target is None or expires is None or signature is None or not expires.isdigit():
            raise PermissionError("SignatureDoesNotMatch")
        if not hmac.compare_digest(self._signature(token, int(expires)), signature):
            raise PermissionError("SignatureDoesNotMatch")
        if self.clock.now() >= target.expires_at:
            raise PermissionError("AccessDenied: Request has expired")
        return target

    def store_upload(self, target: UploadTarget, data: bytes) -> None:
        """Keep the uploaded bytes (a second PUT to the same URL replaces them, as on S3)."""
        with self._lock:
            self.uploads[target.key] = data
