"""`python -m flexport_outbounds_client.sandbox --host 127.0.0.1 --port 8400`: the sandbox on a loopback port."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from ._run import run_server


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the command line and run the sandbox until Ctrl-C.

    Raises:
        SystemExit: for bad arguments, a non-loopback host without --allow-non-loopback, or a port in use.
    """
    parser = argparse.ArgumentParser(
        prog="python -m flexport_outbounds_client.sandbox",
        description="Run the Flexport Outbounds API sandbox on a local HTTP server.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (loopback only by default)")
    parser.add_argument("--port", type=int, default=8400, help="port to bind; 0 picks a free one")
    parser.add_argument("--token", default="sandbox-token", help="bearer token the sandbox accepts")
    parser.add_argument("--auto-advance", choices=["on_read", "timed"], default=None, help="move orders by themselves")
    parser.add_argument("--seed", type=int, default=None, help="repeatable ids and tracking data")
    parser.add_argument("--allow-non-loopback", action="store_true", help="allow binding a non-loopback address")
    args = parser.parse_args(argv)
    try:
        run_server(
            args.host,
            args.port,
            args.token,
            auto_advance=args.auto_advance,
            seed=args.seed,
            allow_non_loopback=args.allow_non_loopback,
        )
    except (ValueError, OSError) as exc:
        parser.exit(2, f"error: {exc}\n")


if __name__ == "__main__":
    main()
