"""pytest plugin (entry point `pytest11`): the `outbounds_sandbox` fixture, a fresh sandbox per test.

Registered for everyone who installs the package, so it must never break pytest: nothing here imports the
sandbox's own dependencies (starlette, uvicorn, jsonschema) until a test asks for the fixture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from . import Sandbox

__all__ = ["outbounds_sandbox"]


@pytest.fixture
def outbounds_sandbox() -> Sandbox:
    """A fresh `Sandbox` (token "sandbox-token", responses checked against openapi.yaml) for one test.

    Use `outbounds_sandbox.client()` for an `OutboundsClient` wired to it in process, or
    `async with outbounds_sandbox.serve() as base_url:` for a real loopback HTTP server.

    Raises:
        pytest.UsageError: (failing the test) when the `sandbox` extra is not installed.
    """
    try:
        from . import Sandbox
    except ImportError as exc:
        raise pytest.UsageError(
            "the outbounds_sandbox fixture needs the sandbox extra: pip install 'flexport-outbounds-client[sandbox]' "
            f"({exc})"
        ) from exc
    return Sandbox(validate_responses=True)
