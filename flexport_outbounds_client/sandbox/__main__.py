"""`python -m flexport_outbounds_client.sandbox --port 8400`: the sandbox on a loopback port, without the cli extra.

The options are `flexport-outbounds sandbox`'s, from the same table (`_options.SERVER_OPTIONS`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from ._options import SERVER_OPTIONS
from ._run import run_server


def _port(text: str) -> int:
    port = int(text)
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port (0-65535)")
    return port


def parser() -> argparse.ArgumentParser:
    """The argument parser, one argument per row of `SERVER_OPTIONS`."""
    built = argparse.ArgumentParser(
        prog="python -m flexport_outbounds_client.sandbox",
        description="Run the Flexport Outbounds API sandbox on a local HTTP server until Ctrl-C.",
    )
    for option in SERVER_OPTIONS:
        if option.kind == "flag":
            built.add_argument(option.flag, dest=option.dest, action="store_true", help=option.help)
            continue
        extra: dict[str, Any] = {"choices": option.choices} if option.kind == "choice" else {}
        kinds: dict[str, Callable[[str], Any]] = {"int": int, "float": float, "port": _port}
        kind = kinds.get(option.kind, str)
        shown = f" (default: {option.default})" if option.default is not None else ""
        built.add_argument(
            option.flag, dest=option.dest, type=kind, default=option.default, help=option.help + shown, **extra
        )
    return built


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the command line and run the sandbox until Ctrl-C.

    Raises:
        SystemExit: for bad arguments, a non-loopback host without --allow-non-loopback, or a port in use.
    """
    arguments = parser()
    options = vars(arguments.parse_args(argv))
    try:
        run_server(**options)
    except (ValueError, OSError) as exc:
        arguments.exit(2, f"error: {exc}\n")


if __name__ == "__main__":
    main()
