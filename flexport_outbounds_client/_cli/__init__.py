"""`flexport-outbounds`: the command line of flexport-outbounds-client (needs the `cli` extra).

`main()` is the console script; `run(argv, client_factory=...)` runs one command in process and returns its exit
code (tests and `make demo` pass `client_factory=sandbox.client` to share one in-process sandbox). The command
tree lives in `app`; this module imports nothing of the `cli` extra (click, rich, pyyaml), so that without it the
command says what to install instead of failing with an import traceback. The client never imports this package.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._client import OutboundsClient

__all__ = ["CLI_EXTRA_MISSING", "main", "run"]

CLI_EXTRA_MISSING = (
    "flexport-outbounds needs the `cli` extra ({missing} is not installed): "
    "pip install 'flexport-outbounds-client[cli]'"
)
_CLI_EXTRA = frozenset({"click", "rich", "yaml"})
_EXIT_USAGE = 1


def run(argv: Sequence[str] | None = None, *, client_factory: Callable[[], OutboundsClient] | None = None) -> int:
    """Run one `flexport-outbounds` command line and return its exit code; never raises for a failed command.

    `argv` excludes the program name (default: `sys.argv[1:]`). `client_factory`, when given, makes the client
    (then --token, --base-url and --sandbox are ignored). Without the `cli` extra, prints the line that installs
    it and returns 1.
    """
    try:
        from .app import run as run_app
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in _CLI_EXTRA:
            raise
        print(CLI_EXTRA_MISSING.format(missing=exc.name), file=sys.stderr)  # noqa: T201 - the command's output
        return _EXIT_USAGE
    return run_app(argv, client_factory=client_factory)


def main() -> None:
    """Console-script entry point: run the command line and exit with its code."""
    sys.exit(run())
