"""Running one command line: the click command tree, and every failure turned into a message and an exit code."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

import click

from .._errors import FlexportError
from .commands import cli
from .context import ClientFactory, CliState
from .errors import CliError, ExitCode, error_lines, exit_code_for

__all__ = ["ClientFactory", "ExitCode", "cli", "run"]


def run(argv: Sequence[str] | None = None, *, client_factory: ClientFactory | None = None) -> int:
    """Run one `flexport-outbounds` command line and return its exit code; never raises for a failed command.

    `argv` excludes the program name (default: `sys.argv[1:]`). `client_factory`, when given, makes the client
    (then --token, --base-url and --sandbox are ignored).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    state = CliState(args, client_factory)
    try:
        result = cli.main(args=args, prog_name="flexport-outbounds", standalone_mode=False, obj=state)
    except click.Abort:  # click turns KeyboardInterrupt into Abort
        state.renderer.errors(["Interrupted."])
        return ExitCode.INTERRUPTED
    except click.ClickException as exc:  # usage errors, bad option values
        exc.show()
        return ExitCode.USAGE
    except (FlexportError, CliError) as exc:
        state.renderer.errors(error_lines(exc))
        return exit_code_for(exc)
    except Exception as exc:
        return _internal_error(state, exc)
    finally:
        state.close()
    return int(result) if isinstance(result, int) else ExitCode.OK  # --help and --version return 0


def _internal_error(state: CliState, error: Exception) -> int:
    """A bug: one line (or, with --verbose, the traceback), with secrets removed either way."""
    if state.verbose:
        text = "".join(traceback.format_exception(error))
        state.renderer.errors([text.rstrip()])  # the renderer redacts everything it prints
    state.renderer.errors([f"internal error: {type(error).__name__}: {error}", "(run with --verbose for details)"])
    return ExitCode.INTERNAL
