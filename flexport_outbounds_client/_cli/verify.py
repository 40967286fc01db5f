"""`flexport-outbounds verify`: the contract probe (`_verify`) on the command line, its report on screen and on
disk, exit 0 when the API conforms to openapi.yaml and 9 when it drifts."""

from __future__ import annotations

import asyncio
import datetime
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import click
from rich.table import Table
from rich.text import Text

from .._validation import validate_create_order
from .._verify import EXTERNAL_ID_PREFIX
from .context import CliState
from .errors import CliError, ExitCode
from .inputs import read_order_file
from .output import Renderer

if TYPE_CHECKING:
    from .._verify.probe import VerifySettings

__all__ = ["verify_command"]

MAX_IDS: Final = 20  # of each kind: the probe is a check, not a crawl
_VERDICT_STYLES: Final = {"confirmed": "green", "contradicted": "bold red", "not testable": "dim"}


@click.command("verify")
@click.option("--order-id", "order_ids", multiple=True, metavar="ID", help="An existing order to read (repeatable).")
@click.option(
    "--external-id", "external_ids", multiple=True, metavar="ID", help="An existing order's externalId (repeatable)."
)
@click.option(
    "--create-and-cancel",
    is_flag=True,
    help=f"Also create one test order (externalId {EXTERNAL_ID_PREFIX}...), send it twice more, ask for an "
    "upload URL, and cancel it. Changes your account: off unless given.",
)
@click.option(
    "--order-file",
    type=click.Path(exists=True, dir_okay=False),
    help="The test order of --create-and-cancel (JSON or YAML, as for orders create); its externalId is replaced.",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Report file to attach to an issue [default: flexport-outbounds-verify-<UTC time>.json].",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 300),
    default=30.0,
    show_default=True,
    help="Seconds for each call (one attempt each).",
)
@click.pass_obj
def verify_command(
    state: CliState,
    order_ids: tuple[str, ...],
    external_ids: tuple[str, ...],
    create_and_cancel: bool,
    order_file: str | None,
    report_path: str | None,
    timeout: float,
) -> int:
    """Check the API against openapi.yaml: read-only unless --create-and-cancel.

    Reads the orders given, probes error answers that change nothing (unknown ids, an invalid token), and checks
    every response strictly. Prints each call and each inferred fact of the spec (confirmed, contradicted, not
    testable), writes a report that holds no token and no response body, and exits 0 when everything conforms,
    9 when the API differs from the spec.
    """
    if len(order_ids) > MAX_IDS or len(external_ids) > MAX_IDS:
        raise click.UsageError(f"give at most {MAX_IDS} --order-id and {MAX_IDS} --external-id")
    if create_and_cancel != (order_file is not None):
        raise click.UsageError("--create-and-cancel needs --order-file (an order your account accepts), and only it")
    order = read_order_file(order_file) if order_file else None
    if order is not None:
        validate_create_order({**order, "externalId": f"{EXTERNAL_ID_PREFIX}check"})
    from .._verify.probe import verify  # jsonschema and the spec are loaded only when verify runs

    report = asyncio.run(verify(_settings(state, order_ids, external_ids, order, timeout)))
    data = report.as_dict(state.secrets)
    path = Path(report_path or _default_report_name())
    try:
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write the report {path}: {exc.strerror or exc}") from exc
    _render(state.renderer, data)
    state.renderer.note(f"report: {path}")
    return ExitCode.OK if report.conforms else ExitCode.DRIFT


def _settings(
    state: CliState,
    order_ids: tuple[str, ...],
    external_ids: tuple[str, ...],
    order: dict[str, Any] | None,
    timeout: float,
) -> VerifySettings:
    from .._verify.probe import VerifySettings

    common: dict[str, Any] = {
        "order_ids": order_ids,
        "external_ids": external_ids,
        "create_and_cancel": order is not None,
        "order": order,
        "timeout": timeout,
    }
    if state.use_sandbox:
        from ..sandbox import IN_PROCESS_BASE_URL, InProcessTransport  # the extra's check: in_process_sandbox()

        app = state.in_process_sandbox().app
        return VerifySettings(
            state.in_process_sandbox().token,
            base_url=IN_PROCESS_BASE_URL,
            allow_insecure_http=True,
            transport=lambda: InProcessTransport(app=app),
            **common,
        )
    if not state.token:
        raise CliError("no API token: pass --token or set FLEXPORT_API_TOKEN (or --sandbox to try verify out)")
    return VerifySettings(state.token, base_url=state.base_url, **common)


def _default_report_name() -> str:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"flexport-outbounds-verify-{stamp}.json"


def _render(renderer: Renderer, data: dict[str, Any]) -> None:
    """The report, already redacted: JSON as written to the file, or tables."""
    if renderer.json:
        renderer.data(data)
        return
    steps = Table(title=f"Calls to {data['baseUrl']}", title_justify="left")
    for column in ("step", "request", "status", "correlation id", "result"):
        steps.add_column(column, overflow="fold")
    for step in data["steps"]:
        findings = "; ".join(f"{f['field']}: {f['message']}" for f in step["findings"])
        result = Text("conforms", style="green") if step["conforms"] else Text(findings, style="red")
        steps.add_row(step["name"], step["request"], str(step["status"]), step["correlationId"] or "-", result)
    renderer.table(steps)
    facts = Table(title="Inferred facts of openapi.yaml (x-inferred)", title_justify="left")
    for column in ("verdict", "where", "seen"):
        facts.add_column(column, overflow="fold")
    for fact in data["facts"]:
        verdict = Text(fact["verdict"], style=_VERDICT_STYLES.get(fact["verdict"], ""))
        facts.add_row(verdict, fact["pointer"], fact["seen"])
    renderer.table(facts)
    for note in data["notes"]:
        renderer.line(f"note: {note}")
    if data["conforms"]:
        renderer.line("The API conforms to openapi.yaml in everything tested.")
    else:
        renderer.line(f"Drift: {len(data['drift'])} difference(s) from openapi.yaml:")
        for line in data["drift"]:
            renderer.line(f"  - {line}")
