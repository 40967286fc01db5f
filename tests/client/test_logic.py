"""Pure logic: retry policy, Retry-After parsing, error mapping (httpx.MockTransport-free: plain objects)."""

from __future__ import annotations

import datetime
import random

import httpx
import pytest

from flexport_outbounds_client import (
    APIConnectionError,
    APITimeoutError,
    BadRequestError,
    RateLimitError,
    RequestValidationError,
    RetryPolicy,
    ServerError,
    UnexpectedResponseError,
)
from flexport_outbounds_client._errors import error_from_response, parse_retry_after
from flexport_outbounds_client._redact import Secrets


def response(status: int, body: bytes = b"", **headers: str) -> httpx.Response:
    return httpx.Response(status, content=body, headers=headers)


def test_backoff_is_full_jitter_exponential_and_capped() -> None:
    policy = RetryPolicy(initial_delay=1.0, max_delay=5.0)
    rng = random.Random(7)
    for retry, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 5.0), (10, 5.0)]:
        delays = [policy.backoff(retry, rng) for _ in range(200)]
        assert min(delays) >= 0 and max(delays) <= ceiling
        assert max(delays) > ceiling * 0.8  # jitter spreads over the whole range


def test_delay_respects_max_retries_retryability_cap_and_deadline() -> None:
    policy = RetryPolicy(max_retries=2, initial_delay=0.0, max_retry_after=10)
    timeout = APITimeoutError("t", method="GET", url="u")
    assert policy.delay_before_retry(timeout, 1) == 0.0
    assert policy.delay_before_retry(timeout, 3) is None
    assert policy.delay_before_retry(BadRequestError("b", status_code=400), 1) is None
    assert policy.delay_before_retry(RequestValidationError({"x": "y"}), 1) is None
    limited = RateLimitError("r", headers={"Retry-After": "7"})
    assert policy.delay_before_retry(limited, 1) == 7.0
    assert policy.delay_before_retry(RateLimitError("r", headers={"Retry-After": "11"}), 1) is None
    import time

    assert policy.delay_before_retry(limited, 1, deadline=time.monotonic() + 5) is None


def test_retry_after_on_503_is_honoured_too() -> None:
    policy = RetryPolicy(initial_delay=0.0)
    assert policy.delay_before_retry(ServerError("s", status_code=503, headers={"Retry-After": "2"}), 1) == 2.0


def test_retry_policy_refuses_negative_settings() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy(max_retries=-1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("0", 0.0),
        ("120", 120.0),
        (" 5 ", 5.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 30.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # in the past: retry now
        ("soon", None),
        ("-3", None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    now = datetime.datetime(2015, 10, 21, 7, 27, 30, tzinfo=datetime.UTC)
    assert parse_retry_after(value, now=now) == expected


def test_error_mapping_redacts_secrets_and_reads_problem_details() -> None:
    body = b'{"status": 422, "title": "Invalid", "detail": "token s3cret-value-1 rejected", "code": 422001}'
    reply = response(422, body, **{"x-correlation-id": "c"})
    error = error_from_response(reply, secrets=Secrets(["s3cret-value-1"]))
    assert "s3cret" not in str(error) and "s3cret" not in error.body_excerpt
    assert error.problem is not None and error.problem.code == 422001
    assert error.problem.detail == "token [REDACTED] rejected"


def test_problem_without_status_or_title_is_completed_from_the_response() -> None:
    error = error_from_response(response(400, b'{"detail": "quantity must be > 0"}'))
    assert error.problem is not None
    assert (error.problem.status, error.problem.title) == (400, "Bad Request")
    assert str(error) == "HTTP 400 Bad Request: Bad Request - quantity must be > 0"


def test_body_excerpt_is_bounded() -> None:
    error = error_from_response(response(500, b"x" * 10_000))
    assert len(error.body_excerpt) == 500
    assert isinstance(error, ServerError)


@pytest.mark.parametrize("status", [418, 451, 520, 599, 302, 304])
def test_statuses_outside_the_spec_are_unexpected(status: int) -> None:
    assert type(error_from_response(response(status))) is UnexpectedResponseError


def test_connection_error_message_names_the_request() -> None:
    error = APIConnectionError("connection failed (ReadError)", method="GET", url="https://h/p")
    assert str(error) == "connection failed (ReadError) (GET https://h/p)"
    assert error.request_sent
