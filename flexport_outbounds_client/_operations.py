"""The six operations, each returning its value with the response it came from (`Details`).

`OutboundsClient` calls these and returns `.value`; `client.with_details` returns the `Details`. Here live the
operations' own rules: exactly-once creation (one Idempotency-Key, the lookup by externalId after an ambiguous
failure or a 409, "the same order" from `_orders.differences`), the cancellability check before a cancel, the
upload's fresh URL when the first is expired or refused.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Awaitable
from typing import Final

from ._errors import (
    BadRequestError,
    ConflictError,
    DuplicateExternalIdError,
    FlexportError,
    NotFoundError,
    OrderNotCancellableError,
    PermissionDeniedError,
    UnprocessableEntityError,
)
from ._generated.api import CreateOrderRequestParam
from ._generated.api.outbounds import cancel_order as cancel_order_api
from ._generated.api.outbounds import create_order as create_order_api
from ._generated.api.outbounds import get_order as get_order_api
from ._generated.api.outbounds import get_order_by_external_id as get_order_by_external_id_api
from ._generated.api.outbounds import get_shipment_attachment_upload_url as upload_url_api
from ._generated.models import (
    AttachmentContentType,
    AttachmentType,
    AttachmentUploadUrl,
    CreateOrderRequest,
    Order,
    OrderStatus,
)
from ._orders import CANCELLABLE_STATUSES, differences, needs_cancel
from ._pipeline import CallOptions, Pipeline, Timeout, logger, no_body
from ._results import CreateOutcome, Details
from ._transports.base import PreparedRequest, Response
from ._upload import FileInput, read_pdf
from ._validation import check_idempotency_key, check_path_id, upload_url_body, validate_create_order

__all__ = ["UPLOAD_URL_MIN_VALIDITY", "Operations"]

UPLOAD_URL_MIN_VALIDITY: Final = datetime.timedelta(seconds=30)


class Operations:
    """The operations of one client, on its request pipeline."""

    __slots__ = ("_pipeline",)

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    async def create_order(
        self,
        request: CreateOrderRequest | CreateOrderRequestParam,
        *,
        idempotency_key: str | None,
        timeout: Timeout | None,
        max_retries: int | None,
        deadline: float | None,
    ) -> Details[Order]:
        model = validate_create_order(request)
        key = check_idempotency_key(idempotency_key)
        pipeline = self._pipeline
        options = pipeline.options(timeout, max_retries, deadline)
        prepared = pipeline.api_request(create_order_api.build_request(body=model, idempotency_key=key))
        external_id = model.external_id if isinstance(model.external_id, str) else None
        recover = (
            None if external_id is None else functools.partial(self._find_created_order, model, external_id, options)
        )
        try:
            created = await pipeline.execute(prepared, options, pipeline.parse_order, recover=recover)
        except ConflictError as exc:
            if external_id is None:
                raise
            return await self._existing_order_for_conflict(model, external_id, options, exc)
        if created.outcome is None:
            created.outcome = CreateOutcome.CREATED
        return created

    def get_order(
        self, order_id: str, *, timeout: Timeout | None, max_retries: int | None
    ) -> Awaitable[Details[Order]]:
        pipeline = self._pipeline
        prepared = pipeline.api_request(get_order_api.build_request(check_path_id("order_id", order_id)))
        return pipeline.execute(prepared, pipeline.options(timeout, max_retries, None), pipeline.parse_order)

    def get_order_by_external_id(
        self, external_id: str, *, timeout: Timeout | None, max_retries: int | None
    ) -> Awaitable[Details[Order]]:
        pipeline = self._pipeline
        api_request = get_order_by_external_id_api.build_request(check_path_id("external_id", external_id))
        return pipeline.execute(
            pipeline.api_request(api_request), pipeline.options(timeout, max_retries, None), pipeline.parse_order
        )

    def get_shipment_attachment_upload_url(
        self,
        order_id: str,
        shipment_id: str,
        *,
        attachment_type: AttachmentType | str,
        content_type: AttachmentContentType | str,
        timeout: Timeout | None,
        max_retries: int | None,
    ) -> Awaitable[Details[AttachmentUploadUrl]]:
        pipeline = self._pipeline
        prepared = self._upload_url_request(order_id, shipment_id, attachment_type, content_type)
        return pipeline.execute(prepared, pipeline.options(timeout, max_retries, None), pipeline.parse_upload_url)

    async def upload_shipment_attachment(
        self,
        order_id: str,
        shipment_id: str,
        *,
        attachment_type: AttachmentType | str,
        file: FileInput,
        timeout: Timeout | None,
        max_retries: int | None,
    ) -> Details[AttachmentUploadUrl]:
        """The details are those of the PUT that stored the document; the value, the upload target it went to."""
        data = read_pdf(file)
        pipeline = self._pipeline
        prepared = self._upload_url_request(
            order_id, shipment_id, attachment_type, AttachmentContentType.APPLICATIONPDF
        )
        options = pipeline.options(timeout, max_retries, None)
        target = (await pipeline.execute(prepared, options, pipeline.parse_upload_url)).value
        if _usable(target):
            try:
                stored = await pipeline.execute(pipeline.upload_request(target.upload_url, data), options, no_body)
            except PermissionDeniedError:
                logger.info("upload URL was refused (expired or revoked); fetching a fresh one")
            else:
                return stored.with_value(target)
        else:
            logger.info("upload URL expires at %s; fetching a fresh one", target.expiration_time.isoformat())
        fresh = (await pipeline.execute(prepared, options, self._parse_usable_upload_url)).value
        stored = await pipeline.execute(pipeline.upload_request(fresh.upload_url, data), options, no_body)
        return stored.with_value(fresh)

    async def cancel_order(self, order_id: str, *, timeout: Timeout | None, max_retries: int | None) -> Details[None]:
        """The details are those of the cancel request, or of the GET that found the order CANCELLED already."""
        check_path_id("order_id", order_id)
        fetched = await self.get_order(order_id, timeout=timeout, max_retries=max_retries)
        if not needs_cancel(fetched.value):
            return fetched.with_value(None)
        pipeline = self._pipeline
        prepared = pipeline.api_request(cancel_order_api.build_request(order_id))
        try:
            return await pipeline.execute(prepared, pipeline.options(timeout, max_retries, None), no_body)
        except (ConflictError, BadRequestError, UnprocessableEntityError) as exc:
            current = await self.get_order(order_id, timeout=timeout, max_retries=max_retries)
            status = current.value.order_status
            if status == OrderStatus.CANCELLED:
                return current.with_value(None)
            if status not in CANCELLABLE_STATUSES:
                raise OrderNotCancellableError(order_id, status, detail=str(exc)) from exc
            raise

    # --- helpers ----------------------------------------------------------------------------------------------

    def _upload_url_request(
        self,
        order_id: str,
        shipment_id: str,
        attachment_type: AttachmentType | str,
        content_type: AttachmentContentType | str,
    ) -> PreparedRequest:
        body = upload_url_body(attachment_type, content_type)
        api_request = upload_url_api.build_request(
            check_path_id("order_id", order_id), check_path_id("shipment_id", shipment_id), body=body
        )
        return self._pipeline.api_request(api_request)

    def _parse_usable_upload_url(self, response: Response) -> AttachmentUploadUrl:
        target = self._pipeline.parse_upload_url(response)
        if not _usable(target):
            reason = f"Flexport returned an upload URL that expires at {target.expiration_time.isoformat()}"
            raise self._pipeline.unusable(response, reason)
        return target

    def _lookup(self, external_id: str, options: CallOptions) -> Awaitable[Details[Order]]:
        """The order with this externalId, looked up within the create call's own timeout and deadline."""
        pipeline = self._pipeline
        prepared = pipeline.api_request(get_order_by_external_id_api.build_request(external_id))
        return pipeline.execute(prepared, options, pipeline.parse_order)

    async def _find_created_order(
        self, model: CreateOrderRequest, external_id: str, options: CallOptions, _error: FlexportError
    ) -> Details[Order] | None:
        """After an ambiguous create failure: the order if it was created, None if not (or if unknowable).

        One attempt, inside the call's timeout and deadline: when it fails, the create is retried (with the same
        Idempotency-Key), which is what the lookup's own retries would have waited for.
        """
        try:
            found = await self._lookup(external_id, options.with_retries(0))
        except NotFoundError:
            return None
        except FlexportError as exc:
            logger.info("could not look up externalId %r before retrying create: %s", external_id, exc)
            return None
        self._check_same_order(model, external_id, found.value, conflict=None)
        logger.info("order with externalId %r was created despite the failure; returning it", external_id)
        found.outcome = CreateOutcome.RECOVERED
        return found

    async def _existing_order_for_conflict(
        self, model: CreateOrderRequest, external_id: str, options: CallOptions, conflict: ConflictError
    ) -> Details[Order]:
        try:
            found = await self._lookup(external_id, options)
        except NotFoundError:
            raise conflict from None
        self._check_same_order(model, external_id, found.value, conflict=conflict)
        logger.info("externalId %r already exists with the same content; returning that order", external_id)
        found.outcome = CreateOutcome.EXISTING
        return found

    @staticmethod
    def _check_same_order(
        model: CreateOrderRequest, external_id: str, order: Order, *, conflict: ConflictError | None
    ) -> None:
        """Raises DuplicateExternalIdError, naming the fields that differ, unless `order` is what `model` asks."""
        differing = differences(model.to_dict(), order.to_dict())
        if not differing:
            return
        shown = ", ".join(differing[:10]) + (f" and {len(differing) - 10} more" if len(differing) > 10 else "")
        message = (
            f"externalId {external_id!r} already belongs to order {order.order_id!r} (status {order.order_status}), "
            f"which differs from this request in {shown}; use a new externalId, or fetch that order"
        )
        error = DuplicateExternalIdError(
            message, external_id=external_id, existing_order_id=order.order_id, differences=differing, conflict=conflict
        )
        if conflict is None:
            raise error
        raise error from conflict


def _usable(target: AttachmentUploadUrl) -> bool:
    """Whether the upload URL is valid for long enough to send a document to it."""
    expires = target.expiration_time
    if expires.tzinfo is None:  # off-spec (RFC 3339 requires an offset); read it as UTC rather than crash
        expires = expires.replace(tzinfo=datetime.UTC)
    return expires > datetime.datetime.now(datetime.UTC) + UPLOAD_URL_MIN_VALIDITY
