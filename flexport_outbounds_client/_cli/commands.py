"""The `flexport-outbounds` command tree (click). Each command reads its input, runs one async action with a
client, and renders the result; errors travel up to `run()`, which turns them into a message and an exit code."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

import click

from .._client import OutboundsClient
from .._config import BASE_URL_ENV, TOKEN_ENV
from .._errors import FlexportError, OrderEndedError, WaitTimeoutError
from .._generated.api import CreateOrderRequestParam
from .._generated.models import AttachmentType, Order, OrderStatus
from .._upload import read_pdf
from .._validation import validate_create_order
from .._version import __version__
from ..sandbox._options import SERVER_OPTIONS
from .bulk import BulkRun, BulkSummary, PlannedOrder, ResultsFile, default_results_path, plan_orders
from .context import CliState
from .errors import CliError, ExitCode
from .inputs import Problem, SourceOrder, bulk_format, read_bulk_file, read_order_file
from .output import OutputMode, Renderer
from .progress import reporter_for
from .verify import verify_command

__all__ = ["cli"]

DEFAULT_CONCURRENCY = 8
STATUSES = [status.value for status in OrderStatus]
ATTACHMENT_TYPES = [kind.value for kind in AttachmentType]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.option(
    "--token",
    envvar=TOKEN_ENV,
    metavar="TOKEN",
    help=f"Flexport API token [default: ${TOKEN_ENV}]. Never printed; prefer the environment variable.",
)
@click.option(
    "--base-url", envvar=BASE_URL_ENV, metavar="URL", help=f"API root [default: ${BASE_URL_ENV}, then production]."
)
@click.option("--sandbox", "use_sandbox", is_flag=True, help="Use an in-process sandbox: no network, no token.")
@click.option(
    "--output",
    type=click.Choice(["json", "table"]),
    help="Result format [default: table on a terminal, JSON otherwise].",
)
@click.option("--verbose", "-v", is_flag=True, help="Log every request (never the token) to stderr.")
@click.version_option(__version__, prog_name="flexport-outbounds")
@click.pass_obj
def cli(
    state: CliState,
    token: str | None,
    base_url: str | None,
    use_sandbox: bool,
    output: OutputMode | None,
    verbose: bool,
) -> None:
    """Flexport Outbounds API (B2B outbound orders) from the command line.

    Exit codes: 0 ok, 1 usage, 2 validation, 3 not found, 4 auth, 5 not cancellable, 6 other API error,
    7 network, 8 watch ended without the status, 9 verify found drift, 70 internal error, 130 interrupted.
    """
    state.configure(token=token, base_url=base_url, use_sandbox=use_sandbox, output=output, verbose=verbose)


@cli.group()
def orders() -> None:
    """Create, look up, cancel and watch outbound orders."""


@cli.group()
def attachments() -> None:
    """Documents of a shipment (shipping labels, case labels, commercial invoices)."""


# --- orders create ----------------------------------------------------------------------------------------------


@orders.command("create")
@click.argument("file", metavar="FILE")
@click.option("--bulk", is_flag=True, help="FILE is JSON Lines or CSV with many orders (each needs an externalId).")
@click.option(
    "--concurrency", type=click.IntRange(1, 64), help=f"Bulk: orders in flight [default: {DEFAULT_CONCURRENCY}]."
)
@click.option("--results", type=click.Path(dir_okay=False), help="Bulk: results file [default: FILE.results.jsonl].")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), help="Bulk: file format [default: from the name]."
)
@click.option("--dry-run", is_flag=True, help="Only check the order(s); send nothing.")
@click.pass_obj
def create(
    state: CliState,
    file: str,
    bulk: bool,
    concurrency: int | None,
    results: str | None,
    fmt: str | None,
    dry_run: bool,
) -> int:
    """Create one order from FILE (JSON or YAML; - reads stdin), or many with --bulk (resumable, exactly-once)."""
    if bulk:
        return _create_bulk(state, file, concurrency or DEFAULT_CONCURRENCY, results, fmt, dry_run)
    if concurrency is not None or results is not None or fmt is not None:
        raise click.UsageError("--concurrency, --results and --format only apply with --bulk")
    data = read_order_file(file)
    if dry_run:
        validate_create_order(data)
        return _valid(state.renderer, 1)
    request = cast(CreateOrderRequestParam, data)  # the file's content: create_order checks it before sending
    state.renderer.order(state.with_client(lambda client: client.create_order(request)))
    return ExitCode.OK


def _valid(renderer: Renderer, count: int) -> int:
    if renderer.json:
        renderer.data({"valid": True, "orders": count})
    else:
        renderer.line(f"{count} order(s) valid; nothing was sent (--dry-run)")
    return ExitCode.OK


def _create_bulk(
    state: CliState, path: str, concurrency: int, results: str | None, fmt: str | None, dry_run: bool
) -> int:
    if path == "-":
        raise click.UsageError("--bulk needs a file (re-running the same file is how a load is resumed), not stdin")
    source = read_bulk_file(path, bulk_format(path, fmt))
    planned, problems = plan_orders(source)
    if problems or not planned:
        return _report_problems(state.renderer, problems, source)
    if dry_run:
        return _valid(state.renderer, len(planned))
    results_path = Path(results) if results else default_results_path(path)
    summary = state.with_client(lambda client: _run_bulk(state, client, planned, results_path, concurrency))
    _report_summary(state, summary)
    return summary.exit_code


async def _run_bulk(
    state: CliState, client: OutboundsClient, planned: Sequence[PlannedOrder], path: Path, concurrency: int
) -> BulkSummary:
    try:
        results = ResultsFile(path)
    except OSError as exc:
        raise CliError(f"cannot write the results file {path}: {exc.strerror or exc}") from exc
    try:
        reporter = reporter_for(state.renderer.err, state.renderer.note)
        return await BulkRun(client, planned, concurrency=concurrency, results=results, reporter=reporter).run()
    finally:
        results.close()


def _report_problems(renderer: Renderer, problems: Sequence[Problem], source: Sequence[SourceOrder]) -> int:
    if not problems:
        raise CliError("the file contains no orders", ExitCode.VALIDATION)
    bad_lines = len({p.line for p in problems})
    if renderer.json:
        renderer.data({"valid": False, "problems": [p.__dict__ for p in problems]})
    renderer.errors(
        [f"error: {len(problems)} problem(s) on {bad_lines} line(s) of {len(source)} order(s); nothing was sent"]
    )
    renderer.errors(f"  {problem}" for problem in problems)
    return ExitCode.VALIDATION


def _report_summary(state: CliState, summary: BulkSummary) -> None:
    renderer = state.renderer
    counts = summary.as_dict()
    if renderer.json:
        renderer.data(counts)
    else:
        renderer.line(
            f"{summary.total} order(s): {counts['created']} created, {counts['existing']} already existed, "
            f"{counts['failed']} failed, {counts['notDone']} not done. Results: {summary.results}"
        )
    if summary.interrupted or summary.stop_reason:
        why = "Interrupted" if summary.interrupted else "Stopped"
        renderer.note(
            f"{why} with {summary.done} of {summary.total} orders done. To resume, run the same command again; "
            "orders already created are found by their externalId and never created twice:"
        )
        renderer.note(f"  {resume_command(state.argv)}")


def resume_command(argv: Sequence[str]) -> str:
    """The command line that was run, as a shell command, with any --token value replaced by a placeholder."""
    shown: list[str] = []
    hide_next = False
    for arg in argv:
        if hide_next:
            shown.append("$FLEXPORT_API_TOKEN")
            hide_next = False
        elif arg == "--token":
            shown.append(arg)
            hide_next = True
        elif arg.startswith("--token="):
            shown.append("--token=$FLEXPORT_API_TOKEN")
        else:
            shown.append(shlex.quote(arg))
    return " ".join(["flexport-outbounds", *shown])


# --- orders get / cancel / watch --------------------------------------------------------------------------------


@orders.command("get")
@click.argument("order_id", required=False)
@click.option("--external-id", help="Look the order up by the externalId it was created with.")
@click.pass_obj
def get(state: CliState, order_id: str | None, external_id: str | None) -> int:
    """Show one order, by ORDER_ID or by --external-id."""
    if (order_id is None) == (external_id is None):
        raise click.UsageError("give either ORDER_ID or --external-id")
    if order_id is not None:
        order = state.with_client(lambda client: client.get_order(order_id))
    else:
        assert external_id is not None
        order = state.with_client(lambda client: client.get_order_by_external_id(external_id))
    state.renderer.order(order)
    return ExitCode.OK


@orders.command("cancel")
@click.argument("order_id")
@click.pass_obj
def cancel(state: CliState, order_id: str) -> int:
    """Cancel a PLANNED or BOOKED order (refused, exit 5, once the warehouse has started on it)."""

    async def action(client: OutboundsClient) -> Order:
        await client.cancel_order(order_id)
        return await client.get_order(order_id)

    order = state.with_client(action)
    if state.renderer.json:
        state.renderer.order(order)
    else:
        state.renderer.line(f"Order {order.order_id} cancelled (status {order.order_status}).")
    return ExitCode.OK


@orders.command("watch")
@click.argument("order_id")
@click.option("--until", type=click.Choice(STATUSES, case_sensitive=False), required=True, help="Status to wait for.")
@click.option(
    "--interval", type=click.FloatRange(min=0.01), default=2.0, show_default=True, help="First poll interval (s)."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=600.0,
    show_default=True,
    help="Give up after (s).",
)
@click.pass_obj
def watch(state: CliState, order_id: str, until: str, interval: float, timeout: float) -> int:
    """Poll ORDER_ID and print each status change until it reaches --until (or later), ends, or times out."""
    target = OrderStatus(until.upper())
    renderer = state.renderer

    def on_change(previous: OrderStatus | None, order: Order) -> None:
        if renderer.json:
            renderer.json_line({"orderId": order.order_id, "from": previous, "to": order.order_status})
        else:
            renderer.line(f"{order.order_id}: {previous or 'status'} -> {order.order_status}")

    def on_error(error: Exception) -> None:
        renderer.note(f"warning: poll failed, trying again: {error}")

    try:
        state.with_client(
            lambda client: client.wait_for_order(
                order_id, target, interval=interval, timeout=timeout, on_change=on_change, on_error=on_error
            )
        )
    except OrderEndedError as exc:
        renderer.note(f"error: {exc}")
        return ExitCode.NOT_REACHED
    except WaitTimeoutError as exc:
        if exc.order is None and isinstance(exc.__cause__, FlexportError):
            raise exc.__cause__ from None  # no poll succeeded: what failed them is the answer
        renderer.note(f"error: {exc}")
        return ExitCode.NOT_REACHED
    return ExitCode.OK


# --- attachments upload -----------------------------------------------------------------------------------------


@attachments.command("upload")
@click.argument("order_id")
@click.argument("shipment_id")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--type",
    "attachment_type",
    type=click.Choice(ATTACHMENT_TYPES, case_sensitive=False),
    default="SHIPPING_LABELS",
    show_default=True,
)
@click.pass_obj
def upload(state: CliState, order_id: str, shipment_id: str, file: str, attachment_type: str) -> int:
    """Upload a PDF (FILE) as a document of SHIPMENT_ID of ORDER_ID."""
    data = read_pdf(file)
    kind = AttachmentType(attachment_type.upper())
    target = state.with_client(
        lambda client: client.upload_shipment_attachment(order_id, shipment_id, attachment_type=kind, file=data)
    )
    summary: dict[str, Any] = {
        "orderId": order_id,
        "shipmentId": shipment_id,
        "attachmentType": str(kind),
        "file": file,
        "bytes": len(data),
        "urlExpiresAt": target.expiration_time.isoformat(),
    }
    if state.renderer.json:
        state.renderer.data(summary)
    else:
        state.renderer.line(
            f"Uploaded {file} ({len(data)} bytes) as {kind} to shipment {shipment_id} of order {order_id}."
        )
    return ExitCode.OK


# --- sandbox ----------------------------------------------------------------------------------------------------


def _server_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The sandbox server's options, from the table `python -m flexport_outbounds_client.sandbox` also uses."""
    for option in reversed(SERVER_OPTIONS):
        names = (option.flag, option.dest)
        if option.kind == "flag":
            command = click.option(*names, is_flag=True, default=False, help=option.help)(command)
            continue
        kinds: dict[str, Any] = {
            "int": int,
            "float": float,
            "port": click.IntRange(0, 65535),
            "choice": click.Choice(option.choices),
        }
        kind = kinds.get(option.kind, str)
        shown = option.default is not None
        command = click.option(*names, type=kind, default=option.default, show_default=shown, help=option.help)(command)
    return command


@cli.command("sandbox")
@_server_options
def sandbox(**options: Any) -> int:
    """Run the sandbox (a fake Flexport API) on a local HTTP server until Ctrl-C; prints its base URL and token."""
    try:
        from ..sandbox import run_server
    except ImportError as exc:  # pragma: no cover - the dev install always has the extra
        raise CliError("the sandbox needs its extra: pip install 'flexport-outbounds-client[sandbox]'") from exc
    try:
        run_server(**options)
    except (ValueError, OSError) as exc:
        raise CliError(f"cannot run the sandbox: {exc}") from exc
    return ExitCode.OK


cli.add_command(verify_command)
