"""The sandbox server's command-line options and defaults: one table for every way of starting it.

`flexport-outbounds sandbox` (click) and `python -m flexport_outbounds_client.sandbox` (argparse, for installs
without the `cli` extra) are both built from `SERVER_OPTIONS`, and `run_server` takes its defaults from here.
This module imports nothing beyond the standard library: the click command tree loads it without the sandbox extra.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ._drift import DRIFT_KINDS

__all__ = ["DEFAULT_ADVANCE_EVERY", "DEFAULT_HOST", "DEFAULT_PORT", "DEFAULT_TOKEN", "SERVER_OPTIONS", "ServerOption"]

DEFAULT_HOST: Final = "127.0.0.1"
DEFAULT_PORT: Final = 8400
DEFAULT_TOKEN: Final = "sandbox-token"  # noqa: S105 - the sandbox's well-known token is the point
DEFAULT_ADVANCE_EVERY: Final = 60.0


@dataclass(frozen=True, slots=True)
class ServerOption:
    """One option of the sandbox server: `--flag`, the `run_server` keyword it fills, its help, type and default.

    `kind` is "str", "int", "float", "port" (0-65535), "choice" (one of `choices`) or "flag" (present or not).
    """

    flag: str
    dest: str
    help: str
    kind: str = "str"
    default: str | int | float | None = None
    choices: tuple[str, ...] = ()


SERVER_OPTIONS: Final[tuple[ServerOption, ...]] = (
    ServerOption("--host", "host", "Address to bind (loopback only by default).", default=DEFAULT_HOST),
    ServerOption("--port", "port", "Port to bind; 0 picks a free one.", kind="port", default=DEFAULT_PORT),
    ServerOption("--token", "token", "Bearer token the sandbox accepts.", default=DEFAULT_TOKEN),
    ServerOption(
        "--auto-advance", "auto_advance", "Let orders move by themselves.", kind="choice", choices=("on_read", "timed")
    ),
    ServerOption(
        "--advance-every",
        "advance_every",
        "Seconds per step of --auto-advance timed.",
        kind="float",
        default=DEFAULT_ADVANCE_EVERY,
    ),
    ServerOption("--seed", "seed", "Repeatable ids and tracking data.", kind="int"),
    ServerOption(
        "--drift",
        "drift",
        f"Differ from openapi.yaml on purpose: 'all' or kinds separated by commas ({', '.join(DRIFT_KINDS)}).",
    ),
    ServerOption(
        "--allow-non-loopback", "allow_non_loopback", "Allow a non-loopback --host (the token is well known).", "flag"
    ),
)
