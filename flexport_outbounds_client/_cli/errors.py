"""Exit codes of `flexport-outbounds`, the mapping from exceptions to them, and how errors are worded."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

from .._errors import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    FlexportError,
    NotFoundError,
    OrderNotCancellableError,
    PermissionDeniedError,
    RequestValidationError,
    UnprocessableEntityError,
)

__all__ = ["CliError", "ExitCode", "error_lines", "exit_code_for"]


class ExitCode(enum.IntEnum):
    """The process exit status; documented in the README's "Command line" section."""

    OK = 0
    USAGE = 1
    VALIDATION = 2
    NOT_FOUND = 3
    AUTH = 4
    NOT_CANCELLABLE = 5
    API = 6
    NETWORK = 7
    NOT_REACHED = 8  # `orders watch` stopped without reaching the status (timeout or another terminal status)
    DRIFT = 9  # `verify` found the API differing from openapi.yaml
    INTERNAL = 70  # a bug in this program (EX_SOFTWARE)
    INTERRUPTED = 130  # Ctrl-C, as shells report it (128 + SIGINT)


class CliError(Exception):
    """A failure of the command line itself (unreadable input file, bad option value): message plus exit code."""

    def __init__(self, message: str, exit_code: ExitCode = ExitCode.USAGE, *, details: Sequence[str] = ()) -> None:
        self.exit_code = exit_code
        self.details = tuple(details)
        super().__init__(message)


# First match wins, so subclasses come before their bases.
_EXIT_CODES: tuple[tuple[type[BaseException], ExitCode], ...] = (
    (CliError, ExitCode.USAGE),
    (ConfigurationError, ExitCode.USAGE),
    (RequestValidationError, ExitCode.VALIDATION),
    (BadRequestError, ExitCode.VALIDATION),
    (UnprocessableEntityError, ExitCode.VALIDATION),
    (NotFoundError, ExitCode.NOT_FOUND),
    (AuthenticationError, ExitCode.AUTH),
    (PermissionDeniedError, ExitCode.AUTH),
    (OrderNotCancellableError, ExitCode.NOT_CANCELLABLE),
    (APIConnectionError, ExitCode.NETWORK),
    (FlexportError, ExitCode.API),
)


def exit_code_for(error: BaseException) -> ExitCode:
    """The exit code a command ends with when `error` stops it (API for anything not listed)."""
    if isinstance(error, CliError):
        return error.exit_code
    return next((code for kind, code in _EXIT_CODES if isinstance(error, kind)), ExitCode.API)


def error_lines(error: BaseException) -> list[str]:
    """A one-line summary of `error`, then one indented line per field problem it carries (if any).

    Response errors already name the status, the problem's title/detail and the correlation id in their message.
    """
    lines = [f"error: {error}" if str(error) else f"error: {type(error).__name__}"]
    if isinstance(error, RequestValidationError):
        lines[0] = f"error: invalid request ({len(error.errors)} problem(s))"
        lines += [f"  {field}: {problem}" for field, problem in error.errors.items()]
    elif isinstance(error, CliError):
        lines += [f"  {detail}" for detail in error.details]
    elif isinstance(error, APIStatusError):
        lines += [f"  {field}: {problem}" for field, problem in _problem_errors(error)]
    return lines


def _problem_errors(error: APIStatusError) -> list[tuple[str, str]]:
    """Field errors of a problem-details body (the `errors` extension member, when present)."""
    if error.problem is None:
        return []
    extra: Any = error.problem.additional_properties.get("errors")
    if not isinstance(extra, list):
        return []
    found = []
    for entry in extra:
        if isinstance(entry, dict):
            found.append((str(entry.get("field", "?")), str(entry.get("message", entry))))
    return found
