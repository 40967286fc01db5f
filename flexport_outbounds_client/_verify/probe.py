"""The probe: which calls `flexport-outbounds verify` makes, in which order, and what they tell about the spec.

Read-only by default: every read operation for the ids given, then error paths that change nothing (an unknown
order id and externalId: 404; an invalid token: 401). With `create_and_cancel`, one order is created under an
externalId starting with `EXTERNAL_ID_PREFIX`, created again (same Idempotency-Key: a replay; new key: the
duplicate-externalId rule), read back, asked for an upload URL, and cancelled; the order is cancelled even when a
step in between fails. Each call is one attempt (`max_retries=0`), so what is recorded is what the server did.
"""

from __future__ import annotations

import datetime
import secrets as random_tokens
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeVar, cast
from urllib.parse import urlsplit

import httpx

from .._client import OutboundsClient
from .._config import DEFAULT_BASE_URL
from .._errors import APIConnectionError, AuthenticationError, FlexportError, PermissionDeniedError
from .._generated.api import CreateOrderRequestParam
from .._generated.models import AttachmentType, Order, OrderStatus
from .._redact import Secrets, printable
from .._results import Details
from .._spec import SpecValidator, escape, spec_validator
from .._version import __version__
from . import EXTERNAL_ID_PREFIX
from .conformance import CORRELATION_HEADER, Observations, OperationMatcher, check_exchange
from .recorder import Exchange, Recorder
from .report import Fact, Report, Step, Verdict

__all__ = ["VerifySettings", "verify"]

_SHOWN: Final = 200  # characters of a correlation id kept (a server chose it)
T = TypeVar("T")

# Steps, by name: the facts below read their exchanges.
ORDER, BY_EXTERNAL_ID = "order", "order by externalId"
UNKNOWN_ORDER, UNKNOWN_EXTERNAL_ID, BAD_TOKEN = "unknown order id", "unknown externalId", "invalid token"
CREATE, REPLAY, DUPLICATE = "create", "create again, same Idempotency-Key", "create again, new Idempotency-Key"
TEST_ORDER, TEST_BY_EXTERNAL_ID = "test order", "test order by externalId"
UPLOAD_URL, CANCEL, AFTER_CANCEL = "upload URL", "cancel", "test order after cancel"


@dataclass(frozen=True)
class VerifySettings:
    """What to probe, and where.

    `transport`, when given, makes the httpx transport requests go through (the in-process sandbox);
    otherwise they go over the network.
    """

    token: str
    base_url: str | None = None
    order_ids: Sequence[str] = ()
    external_ids: Sequence[str] = ()
    create_and_cancel: bool = False
    order: Mapping[str, Any] | None = None  # the test order for create_and_cancel (its externalId is replaced)
    timeout: float = 30.0
    allow_insecure_http: bool = False
    transport: Callable[[], httpx.AsyncBaseTransport] | None = None


async def verify(settings: VerifySettings) -> Report:
    """Run the probe; the report says what conforms and what does not.

    Raises:
        APIConnectionError: the API could not be reached (the run cannot tell anything).
        AuthenticationError, PermissionDeniedError: the token was refused for an order given as existing.
        ConfigurationError: unusable settings (token, base URL).
    """
    if settings.create_and_cancel and settings.order is None:
        raise ValueError("create_and_cancel needs the test order")
    probe = _Probe(settings, spec_validator())
    try:
        await probe.run()
    finally:
        await probe.close()
    return probe.finish()


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


class _Probe:
    def __init__(self, settings: VerifySettings, validator: SpecValidator) -> None:
        self.settings = settings
        self.validator = validator
        self.recorder = Recorder(settings.transport() if settings.transport else None)
        self.client = self._client(settings.token, self.recorder)
        self.matcher = OperationMatcher(validator, urlsplit(self.client.base_url).path)
        self.observations = Observations()
        self.exchanges: dict[str, list[Exchange]] = {}
        self.results: dict[str, object] = {}
        mode = "create-and-cancel" if settings.create_and_cancel else "read-only"
        version = str(validator.spec.get("info", {}).get("version", ""))
        tool = f"flexport-outbounds verify {__version__}"
        self.report = Report(tool, version, self.client.base_url, mode, _now())
        self.secrets = Secrets([settings.token])
        self.created: Order | None = None
        self.external_id = ""

    def _client(self, token: str, recorder: Recorder) -> OutboundsClient:
        settings = self.settings
        return OutboundsClient(
            token,
            base_url=settings.base_url,
            transport=recorder,
            max_retries=0,
            timeout=settings.timeout,
            allow_insecure_http=settings.allow_insecure_http,
        )

    async def close(self) -> None:
        await self.client.aclose()

    # --- running ----------------------------------------------------------------------------------------------

    async def run(self) -> None:
        settings = self.settings
        for order_id in settings.order_ids:
            self._refused_token(await self.call(ORDER, _get_order(order_id)))
        for external_id in settings.external_ids:
            self._refused_token(await self.call(BY_EXTERNAL_ID, _get_order_by_external_id(external_id)))
        unknown = f"{EXTERNAL_ID_PREFIX}unknown-{random_tokens.token_hex(8)}"
        await self.call(UNKNOWN_ORDER, _get_order(unknown))
        await self.call(UNKNOWN_EXTERNAL_ID, _get_order_by_external_id(unknown))
        await self._invalid_token(settings.order_ids[0] if settings.order_ids else unknown)
        if not (settings.order_ids or settings.external_ids or settings.create_and_cancel):
            self.report.notes.append("no order was read: give --order-id or --external-id of an existing order")
        if settings.create_and_cancel:
            await self._create_and_cancel()

    async def call(
        self,
        name: str,
        action: Callable[[OutboundsClient], Awaitable[T]],
        *,
        client: OutboundsClient | None = None,
        recorder: Recorder | None = None,
    ) -> T | FlexportError:
        """One call of the client, its exchanges recorded under `name`; a FlexportError is returned, not raised."""
        recorder = recorder or self.recorder
        mark = len(recorder.exchanges)
        try:
            result: T | FlexportError = await action(client or self.client)
        except APIConnectionError:
            raise
        except FlexportError as exc:
            result = exc
        finally:
            self._record(name, recorder.exchanges[mark:])
        self.results[name] = result
        return result

    def _refused_token(self, result: object) -> None:
        if isinstance(result, AuthenticationError | PermissionDeniedError):
            raise result

    async def _invalid_token(self, order_id: str) -> None:
        recorder = Recorder(self.settings.transport() if self.settings.transport else None)
        client = self._client(f"{EXTERNAL_ID_PREFIX}invalid-token-{random_tokens.token_hex(8)}", recorder)
        try:
            await self.call(BAD_TOKEN, lambda c: c.get_order(order_id), client=client, recorder=recorder)
        finally:
            await client.aclose()

    async def _create_and_cancel(self) -> None:
        if self.settings.order is None:  # pragma: no cover - verify() refuses this
            return
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        self.external_id = f"{EXTERNAL_ID_PREFIX}{stamp}-{random_tokens.token_hex(3)}"
        # a mapping read from the user's file, of any shape: create_order checks it before sending
        body = cast(CreateOrderRequestParam, {**self.settings.order, "externalId": self.external_id})
        key = f"{EXTERNAL_ID_PREFIX}{random_tokens.token_hex(16)}"
        created = await self.call(CREATE, lambda c: c.with_details.create_order(body, idempotency_key=key))
        if not isinstance(created, Details):
            self._refused_token(created)
            self.report.notes.append(f"the test order was not created ({_describe(created)}): later steps skipped")
            return
        self.created = order = created.value
        self.report.notes.append(f"test order {order.order_id} (externalId {self.external_id}) created")
        try:
            await self.call(REPLAY, lambda c: c.with_details.create_order(body, idempotency_key=key))
            new_key = f"{EXTERNAL_ID_PREFIX}{random_tokens.token_hex(16)}"
            await self.call(DUPLICATE, lambda c: c.with_details.create_order(body, idempotency_key=new_key))
            read = await self.call(TEST_ORDER, lambda c: c.get_order(order.order_id))
            await self.call(TEST_BY_EXTERNAL_ID, lambda c: c.get_order_by_external_id(self.external_id))
            await self._upload_url(read if isinstance(read, Order) else order)
        finally:
            await self._cancel(order)

    async def _upload_url(self, order: Order) -> None:
        shipment_ids = [s.shipment_id for s in order.shipments or () if isinstance(s.shipment_id, str)]
        if not shipment_ids:
            self.report.notes.append("the test order has no shipment yet: no upload URL was asked for")
            return
        order_id, shipment_id = order.order_id, shipment_ids[0]
        await self.call(
            UPLOAD_URL,
            lambda c: c.get_shipment_attachment_upload_url(
                order_id, shipment_id, attachment_type=AttachmentType.SHIPPING_LABELS
            ),
        )

    async def _cancel(self, order: Order) -> None:
        try:
            await self.call(CANCEL, lambda c: c.cancel_order(order.order_id))
            await self.call(AFTER_CANCEL, lambda c: c.get_order(order.order_id))
        except APIConnectionError:
            self.report.notes.append(f"the test order {order.order_id} could not be cancelled: cancel it yourself")
            raise
        after = self.results.get(AFTER_CANCEL)
        if isinstance(after, Order) and after.order_status != OrderStatus.CANCELLED:
            # e.g. a status the spec does not list, which the client treats as past cancelling and does not send
            self.report.notes.append(
                f"the test order {order.order_id} is {after.order_status.value} after the cancel: cancel it yourself"
            )

    # --- recording --------------------------------------------------------------------------------------------

    def _record(self, name: str, exchanges: Sequence[Exchange]) -> None:
        self.exchanges.setdefault(name, []).extend(exchanges)
        for index, exchange in enumerate(exchanges):
            operation = self.matcher.match(exchange.method, exchange.path)
            if operation is None:
                findings = [("path", "is not a path of an operation of the spec")]
            else:
                checked = check_exchange(self.validator, operation, exchange, self.observations)
                findings = [(finding.field, finding.message) for finding in checked]
            label = name if len(exchanges) == 1 else f"{name} ({index + 1}/{len(exchanges)})"
            correlation = exchange.headers.get(CORRELATION_HEADER)
            self.report.steps.append(
                Step(
                    label,
                    operation.operation_id if operation else "",
                    exchange.method,
                    printable(exchange.path),
                    exchange.status,
                    None if correlation is None else printable(correlation)[:_SHOWN],
                    tuple(findings),
                )
            )

    def finish(self) -> Report:
        self.report.facts = list(_Facts(self).judge())
        self.report.finished = _now()
        return self.report


def _get_order(order_id: str) -> Callable[[OutboundsClient], Awaitable[Order]]:
    return lambda client: client.get_order(order_id)


def _get_order_by_external_id(external_id: str) -> Callable[[OutboundsClient], Awaitable[Order]]:
    return lambda client: client.get_order_by_external_id(external_id)


def _describe(result: object) -> str:
    if isinstance(result, FlexportError):
        status = getattr(result, "status_code", None)
        return f"{type(result).__name__}{f' {status}' if status else ''}"
    return type(result).__name__


class _Facts:
    """The verdict on each `x-inferred` marker of openapi.yaml, from what the probe recorded."""

    def __init__(self, probe: _Probe) -> None:
        self.probe = probe
        self.validator = probe.validator

    def judge(self) -> Iterator[Fact]:
        for pointer, assumption in _inferred(self.validator.spec):
            if pointer == "/info":  # the file's summary of the markers below, not a fact of its own
                continue
            verdict, seen = self.verdict(pointer)
            yield Fact(pointer, " ".join(assumption.split()), verdict, seen)

    def first(self, name: str) -> Exchange | None:
        exchanges = self.probe.exchanges.get(name)
        return exchanges[0] if exchanges else None

    def all_exchanges(self) -> Iterator[Exchange]:
        for exchanges in self.probe.exchanges.values():
            yield from exchanges

    def verdict(self, pointer: str) -> tuple[Verdict, str]:
        probe, create = self.probe, self.probe.settings.create_and_cancel
        operation = self._operation_of(pointer)
        if operation is not None:
            return self._operation_verdict(operation, pointer)
        if pointer == "/servers/0":
            if probe.client.base_url != DEFAULT_BASE_URL:
                return Verdict.NOT_TESTABLE, "another base URL was used"
            return self._answered_2xx("an authenticated call")
        if pointer == "/components/parameters/OrderId":
            return self._seen_2xx([ORDER, TEST_ORDER], "GET .../orders/{orderId} answered")
        if pointer == "/components/parameters/IdempotencyKey":
            return self._replay() if create else _needs_create()
        if pointer == "/components/headers/CorrelationId":
            return self._correlation()
        if pointer == "/components/headers/IdempotentReplayed":
            return self._replayed_header() if create else _needs_create()
        if pointer in ("/components/headers/RetryAfter", "/components/responses/TooManyRequests"):
            return self._status_seen(429, require_header="retry-after")
        if pointer == "/components/responses/NotFound":
            return self._not_found()
        if pointer == "/components/responses/Conflict":
            return self._conflict() if create else _needs_create()
        statuses = {"BadRequest": 400, "Forbidden": 403, "UnprocessableEntity": 422, "ServerError": 500}
        name = pointer.rpartition("/")[2]
        if pointer.startswith("/components/responses/") and name in statuses:
            return self._status_seen(statuses[name])
        if pointer.startswith("/components/schemas/") and pointer.count("/") == 3:
            return self._schema(name)
        if "/properties/" in pointer:
            if pointer in probe.observations.fields_seen:
                return Verdict.NOT_TESTABLE, "present in a response; the inferred rule applies to requests"
            return Verdict.NOT_TESTABLE, "a rule of requests: verify sends only requests that follow it"
        return Verdict.NOT_TESTABLE, "no probe of verify tests it"

    # --- kinds of markers -------------------------------------------------------------------------------------

    def _operation_of(self, pointer: str) -> str | None:
        """The operationId when `pointer` is an operation, its 200 response or one of its parameters."""
        for operation in self.validator.operations.values():
            if pointer == operation.pointer or pointer.startswith(operation.pointer + "/"):
                return operation.operation_id
        return None

    def _operation_verdict(self, operation_id: str, pointer: str) -> tuple[Verdict, str]:
        statuses = [e.status for e in self.all_exchanges() if self._matches(e, operation_id)]
        successes = [status for status in statuses if 200 <= status < 300]
        if pointer.endswith("/responses/200"):  # createOrder's status code
            if not successes:
                return (
                    _needs_create()
                    if not self.probe.settings.create_and_cancel
                    else (Verdict.NOT_TESTABLE, "no create succeeded")
                )
            if set(successes) == {200}:
                return Verdict.CONFIRMED, "create answered 200"
            return Verdict.CONTRADICTED, f"create answered {', '.join(map(str, sorted(set(successes))))}"
        if operation_id == "cancelOrder":
            return self._cancel()
        if successes:
            return Verdict.CONFIRMED, f"{len(successes)} call(s) answered {successes[0]}"
        given = {"getOrder": [ORDER], "getOrderByExternalId": [BY_EXTERNAL_ID]}.get(operation_id, [])
        refused = [e for name in given for e in self.probe.exchanges.get(name, ()) if e.status in (404, 405)]
        if refused:
            return Verdict.CONTRADICTED, f"an id given as existing was answered {refused[0].status}: path or method?"
        if (
            operation_id in ("createOrder", "getShipmentAttachmentUploadUrl")
            and not self.probe.settings.create_and_cancel
        ):
            return _needs_create()
        if statuses:
            return Verdict.NOT_TESTABLE, f"answered only {', '.join(map(str, sorted(set(statuses))))}"
        return Verdict.NOT_TESTABLE, "not called (give --order-id / --external-id, or --create-and-cancel)"

    def _matches(self, exchange: Exchange, operation_id: str) -> bool:
        operation = self.probe.matcher.match(exchange.method, exchange.path)
        return operation is not None and operation.operation_id == operation_id

    def _cancel(self) -> tuple[Verdict, str]:
        posts = [e for e in self.probe.exchanges.get(CANCEL, ()) if e.method == "POST"]
        if not posts:
            return (
                _needs_create()
                if not self.probe.settings.create_and_cancel
                else (Verdict.NOT_TESTABLE, "no cancel request was sent")
            )
        post = posts[0]
        if post.status != 200:
            return Verdict.CONTRADICTED, f"cancel answered {post.status}"
        if post.body:
            return Verdict.CONTRADICTED, "cancel answered 200 with a body (the spec: none)"
        return Verdict.CONFIRMED, (
            "cancel answered 200 without a body (not tested: cancelling a CANCELLED order, the non-cancellable status)"
        )

    def _answered_2xx(self, what: str) -> tuple[Verdict, str]:
        if any(200 <= e.status < 300 for e in self.all_exchanges()):
            return Verdict.CONFIRMED, f"{what} answered 2xx"
        return Verdict.NOT_TESTABLE, "no call succeeded"

    def _seen_2xx(self, names: Sequence[str], what: str) -> tuple[Verdict, str]:
        for name in names:
            exchange = self.first(name)
            if exchange is not None and 200 <= exchange.status < 300:
                return Verdict.CONFIRMED, f"{what} {exchange.status}"
        return Verdict.NOT_TESTABLE, "no order was read by id"

    def _correlation(self) -> tuple[Verdict, str]:
        exchanges = list(self.all_exchanges())
        missing = [e for e in exchanges if e.headers.get(CORRELATION_HEADER) is None]
        if not exchanges:
            return Verdict.NOT_TESTABLE, "no response"
        if missing:
            return Verdict.CONTRADICTED, f"{len(missing)} of {len(exchanges)} responses had no {CORRELATION_HEADER}"
        return Verdict.CONFIRMED, f"all {len(exchanges)} responses had it"

    def _replay(self) -> tuple[Verdict, str]:
        first, again = self.first(CREATE), self.first(REPLAY)
        created, replayed = self.probe.results.get(CREATE), self.probe.results.get(REPLAY)
        if first is None or again is None or not isinstance(created, Details):
            return Verdict.NOT_TESTABLE, "the test order was not created"
        if not 200 <= again.status < 300:
            return Verdict.CONTRADICTED, f"the same request with the same key was answered {again.status}"
        if isinstance(replayed, Details) and replayed.value.order_id == created.value.order_id:
            return Verdict.CONFIRMED, f"the same key answered {again.status} with the first order"
        return Verdict.CONTRADICTED, "the same key answered with another order: a second order was created"

    def _replayed_header(self) -> tuple[Verdict, str]:
        again = self.first(REPLAY)
        if again is None or not 200 <= again.status < 300:
            return Verdict.NOT_TESTABLE, "no replay was answered 2xx"
        value = again.headers.get("idempotent-replayed")
        if value is None:
            return Verdict.CONTRADICTED, "the replay had no idempotent-replayed header"
        if value.strip().lower() != "true":
            return Verdict.CONTRADICTED, f"idempotent-replayed was {printable(value)[:20]!r}, not 'true'"
        return Verdict.CONFIRMED, "the replay had idempotent-replayed: true"

    def _conflict(self) -> tuple[Verdict, str]:
        duplicate = self.first(DUPLICATE)
        if duplicate is None:
            return Verdict.NOT_TESTABLE, "the test order was not created"
        if duplicate.status == 409:
            return Verdict.CONFIRMED, "a second create with the same externalId and a new key was answered 409"
        return Verdict.CONTRADICTED, (
            f"a second create with the same externalId and a new key was answered {duplicate.status}, not 409"
        )

    def _not_found(self) -> tuple[Verdict, str]:
        statuses = [
            e.status for name in (UNKNOWN_ORDER, UNKNOWN_EXTERNAL_ID) for e in self.probe.exchanges.get(name, ())
        ]
        if not statuses:
            return Verdict.NOT_TESTABLE, "not called"
        if set(statuses) == {404}:
            return Verdict.CONFIRMED, "unknown ids were answered 404"
        return Verdict.CONTRADICTED, f"unknown ids were answered {', '.join(map(str, statuses))}"

    def _status_seen(self, status: int, require_header: str | None = None) -> tuple[Verdict, str]:
        seen = [e for e in self.all_exchanges() if e.status == status or (status == 500 and e.status >= 500)]
        if not seen:
            return Verdict.NOT_TESTABLE, f"no {status if status != 500 else '5xx'} response came"
        if require_header and any(e.headers.get(require_header) is None for e in seen):
            return Verdict.CONTRADICTED, f"a {status} came without {require_header}"
        if any(e.media_type != "application/problem+json" for e in seen):
            return Verdict.CONTRADICTED, f"a {seen[0].status} came without application/problem+json"
        return Verdict.CONFIRMED, f"{len(seen)} response(s) {seen[0].status}, problem+json"

    def _schema(self, name: str) -> tuple[Verdict, str]:
        schema = self.validator.resolve(f"/components/schemas/{name}")
        if isinstance(schema, dict) and "enum" in schema:
            unknown = self.probe.observations.unknown_enum_values.get(name)
            if unknown:
                return Verdict.CONTRADICTED, f"values the spec does not list: {', '.join(sorted(unknown))}"
            seen = self.probe.observations.enum_values.get(name)
            if seen:
                return (
                    Verdict.NOT_TESTABLE,
                    f"only listed values seen ({', '.join(sorted(seen))}); a list is not proven by samples",
                )
            return Verdict.NOT_TESTABLE, "no value of it was in a response"
        return (
            Verdict.NOT_TESTABLE,
            "schema names and request rules are not visible on the wire (response shapes: see the steps)",
        )


def _needs_create() -> tuple[Verdict, str]:
    return Verdict.NOT_TESTABLE, "needs --create-and-cancel"


def _inferred(spec: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Every `x-inferred` marker of the spec: (JSON pointer of the object it is on, its text), in file order."""
    stack: list[tuple[str, Any]] = [("", spec)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            if "x-inferred" in node:
                yield pointer or "/", str(node["x-inferred"])
            children = [(f"{pointer}/{escape(str(k))}", v) for k, v in node.items()]
        elif isinstance(node, list):
            children = [(f"{pointer}/{i}", v) for i, v in enumerate(node)]
        else:
            continue
        stack.extend(reversed(children))
