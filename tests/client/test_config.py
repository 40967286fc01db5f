"""Client construction: token and base URL resolution, refusals, repr."""

from __future__ import annotations

from typing import Literal

import pytest

from flexport_outbounds_client import (
    DEFAULT_BASE_URL,
    ClientClosedError,
    ConfigurationError,
    OutboundsClient,
    RetryPolicy,
)

from .conftest import CANARY_TOKEN


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLEXPORT_API_TOKEN", raising=False)
    monkeypatch.delenv("FLEXPORT_BASE_URL", raising=False)


def test_defaults_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEXPORT_API_TOKEN", CANARY_TOKEN)
    assert OutboundsClient().base_url == DEFAULT_BASE_URL
    monkeypatch.setenv("FLEXPORT_BASE_URL", "https://example.test/logistics/api/2026-02/")
    assert OutboundsClient().base_url == "https://example.test/logistics/api/2026-02"


def test_explicit_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEXPORT_BASE_URL", "https://env.test/api")
    client = OutboundsClient("explicit", base_url="https://arg.test/api")
    assert client.base_url == "https://arg.test/api"


@pytest.mark.parametrize("token", [None, "", "   "])
def test_no_token_is_a_clear_error_at_construction(token: str | None) -> None:
    with pytest.raises(ConfigurationError, match="FLEXPORT_API_TOKEN"):
        OutboundsClient(token)


def test_token_with_a_line_break_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="line break"):
        OutboundsClient("abc\r\nX-Injected: 1")


@pytest.mark.parametrize(
    "url", ["http://logistics-api.flexport.com/logistics/api/2026-02", "http://10.1.2.3/api", "http://proxy.internal"]
)
def test_plain_http_to_a_remote_host_is_refused(url: str) -> None:
    with pytest.raises(ConfigurationError, match="plain http://"):
        OutboundsClient(CANARY_TOKEN, base_url=url)
    allowed = OutboundsClient(CANARY_TOKEN, base_url=url, allow_insecure_http=True).base_url
    assert allowed == (url if url.endswith(("/api", "2026-02")) else url + "/logistics/api/2026-02")


@pytest.mark.parametrize("url", ["http://127.0.0.1:8400/api", "http://localhost/api", "http://[::1]:81/api"])
def test_plain_http_to_loopback_is_allowed(url: str) -> None:
    assert OutboundsClient(CANARY_TOKEN, base_url=url).base_url == url


@pytest.mark.parametrize("url", ["ftp://example.test/api", "/relative/path", "https://"])
def test_unusable_base_urls_are_refused(url: str) -> None:
    with pytest.raises(ConfigurationError):
        OutboundsClient(CANARY_TOKEN, base_url=url)


def test_negative_retries_are_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="max_retries"):
        OutboundsClient(CANARY_TOKEN, max_retries=-1)


def test_repr_never_shows_the_token() -> None:
    client = OutboundsClient(CANARY_TOKEN, retry_policy=RetryPolicy(max_retries=5))
    assert CANARY_TOKEN not in repr(client) and CANARY_TOKEN not in str(client)
    assert "max_retries=5" in repr(client)


@pytest.mark.parametrize("transport", ["httpx", "aiohttp"])
async def test_a_closed_client_refuses_to_send(transport: Literal["httpx", "aiohttp"]) -> None:
    client = OutboundsClient(CANARY_TOKEN, base_url="http://127.0.0.1:9/api", transport=transport)
    await client.aclose()
    await client.aclose()  # twice is fine
    with pytest.raises(ClientClosedError):
        await client.get_order("OB-1")
    with pytest.raises(ClientClosedError):
        async with client:
            pass


def test_refusal_of_an_unusable_url_does_not_repeat_its_password() -> None:
    with pytest.raises(ConfigurationError) as info:
        OutboundsClient(CANARY_TOKEN, base_url="ftp://user:hunter2secret@files.example/api")
    assert "hunter2secret" not in str(info.value)
    assert "'ftp'" in str(info.value)
