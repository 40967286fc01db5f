"""The state of one command invocation: settings from the global options, the client, output and logging."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from .._client import OutboundsClient
from .._config import TOKEN_ENV
from .._redact import RedactingFilter, Secrets
from .errors import CliError
from .output import OutputMode, Renderer

if TYPE_CHECKING:
    from ..sandbox import Sandbox

__all__ = ["LOGGER_NAME", "CliState", "ClientFactory"]

ClientFactory = Callable[[], OutboundsClient]
LOGGER_NAME = "flexport_outbounds_client"
T = TypeVar("T")


class CliState:
    """What the global options decided, and the resources one invocation holds (closed by `close()`).

    `client_factory`, when given (tests, `make demo`), replaces --token/--base-url/--sandbox.
    """

    def __init__(self, argv: Sequence[str], client_factory: ClientFactory | None = None) -> None:
        self.argv = list(argv)
        self._factory = client_factory
        self.token: str | None = None
        self.base_url: str | None = None
        self.use_sandbox = False
        self.verbose = False
        self.renderer = Renderer("json", sys.stdout, sys.stderr)
        self._handler: logging.Handler | None = None
        self._saved_level = logging.NOTSET
        self._sandbox: Sandbox | None = None

    def configure(
        self, *, token: str | None, base_url: str | None, use_sandbox: bool, output: OutputMode | None, verbose: bool
    ) -> None:
        """Apply the global options (called by the top-level command, before any subcommand runs)."""
        self.token = token.strip() if token else None
        self.base_url = base_url or None
        self.use_sandbox = use_sandbox
        self.verbose = verbose
        mode: OutputMode = output or ("table" if sys.stdout.isatty() else "json")
        self.renderer = Renderer(mode, sys.stdout, sys.stderr, secrets=self.secrets)
        if verbose:
            self._start_logging()

    @property
    def secrets(self) -> Secrets:
        """Strings that must never be printed."""
        return Secrets([self.token])

    def _start_logging(self) -> None:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(RedactingFilter(self.secrets))
        logger = logging.getLogger(LOGGER_NAME)
        self._saved_level = logger.level
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)
        self._handler = handler

    def close(self) -> None:
        """Undo the logging setup (the process may run more commands, as `make demo` does)."""
        if self._handler is not None:
            logger = logging.getLogger(LOGGER_NAME)
            logger.removeHandler(self._handler)
            logger.setLevel(self._saved_level)
            self._handler = None

    def make_client(self) -> OutboundsClient:
        """A new client for this invocation's target.

        Raises:
            CliError: no token (and neither --sandbox nor a client factory), or the sandbox extra is missing.
            ConfigurationError: the base URL is unusable.
        """
        if self._factory is not None:
            return self._factory()
        if self.use_sandbox:
            return self.in_process_sandbox().client()
        if not self.token:
            raise CliError(f"no API token: pass --token or set {TOKEN_ENV} (or use --sandbox to try things out)")
        return OutboundsClient(self.token, base_url=self.base_url or None)

    def in_process_sandbox(self) -> Sandbox:
        """This invocation's in-process sandbox (--sandbox), made on first use.

        Raises:
            CliError: the sandbox extra is missing.
        """
        if self._sandbox is None:
            try:
                from ..sandbox import Sandbox
            except ImportError as exc:  # pragma: no cover - the dev install always has the extra
                raise CliError(
                    "--sandbox needs the sandbox extra: pip install 'flexport-outbounds-client[sandbox]'"
                ) from exc
            self._sandbox = Sandbox()
        return self._sandbox

    def with_client(self, action: Callable[[OutboundsClient], Awaitable[T]]) -> T:
        """Run `action(client)` on a fresh event loop with a client that is closed afterwards."""

        async def main() -> T:
            async with self.make_client() as client:
                return await action(client)

        return asyncio.run(main())
