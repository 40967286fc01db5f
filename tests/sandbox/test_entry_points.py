"""`python -m flexport_outbounds_client.sandbox`, `run_server` and server helpers, in process (see also test_server)."""

from __future__ import annotations

import asyncio
import importlib
from typing import Any

import pytest

import flexport_outbounds_client.sandbox as sandbox_package
from flexport_outbounds_client.sandbox import Sandbox, _pytest_plugin, _run, _server
from flexport_outbounds_client.sandbox.__main__ import main, parser
from flexport_outbounds_client.sandbox._options import SERVER_OPTIONS


def test_main_passes_its_arguments_to_run_server(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr("flexport_outbounds_client.sandbox.__main__.run_server", lambda *a, **k: calls.append((a, k)))
    main(["--port", "9000", "--token", "t", "--auto-advance", "timed", "--advance-every", "0.5", "--seed", "3"])
    expected = {"host": "127.0.0.1", "port": 9000, "token": "t", "auto_advance": "timed", "advance_every": 0.5}
    assert calls == [((), {**expected, "seed": 3, "drift": None, "allow_non_loopback": False})]


def test_both_command_lines_pass_drift_through(monkeypatch: pytest.MonkeyPatch) -> None:
    from flexport_outbounds_client._cli import run

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("flexport_outbounds_client.sandbox.__main__.run_server", lambda **k: calls.append(k))
    monkeypatch.setattr("flexport_outbounds_client.sandbox.run_server", lambda **k: calls.append(k))
    main(["--drift", "all"])
    assert run(["sandbox", "--drift", "extra_field,new_enum_value"]) == 0
    assert [call["drift"] for call in calls] == ["all", "extra_field,new_enum_value"]


def test_an_unknown_drift_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--port", "0", "--drift", "extra_fields"])
    assert info.value.code == 2
    assert "unknown drift kind 'extra_fields'" in capsys.readouterr().err


def test_main_refuses_a_port_out_of_range(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--port", "70000"])
    assert info.value.code == 2
    assert "not a port" in capsys.readouterr().err


def test_both_command_lines_offer_the_same_options_and_defaults() -> None:
    from flexport_outbounds_client._cli.commands import cli

    command = cli.commands["sandbox"]
    clicked = {param.name: param.default for param in command.params}
    assert set(clicked) == {option.dest for option in SERVER_OPTIONS}
    assert vars(parser().parse_args([])) == clicked


def test_main_reports_a_refused_host_as_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--host", "192.0.2.1", "--port", "0"])
    assert info.value.code == 2
    assert "loopback only" in capsys.readouterr().err


def test_run_server_returns_quietly_on_ctrl_c(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Sandbox] = []

    async def interrupted(sandbox: Sandbox, host: str, port: int, **kwargs: Any) -> None:
        seen.append(sandbox)
        raise KeyboardInterrupt

    monkeypatch.setattr(_run, "serve_forever", interrupted)
    _run.run_server("127.0.0.1", 0, "tok", auto_advance="timed", seed=5)
    assert seen[0].token == "tok"


async def test_a_server_that_cannot_start_raises() -> None:
    sock = _server.bind_socket("127.0.0.1", 0)
    sock.close()  # uvicorn cannot listen on a closed socket
    with pytest.raises(OSError):  # noqa: PT011 - which OSError depends on the platform
        await _server.wait_started(_server.uvicorn_server(Sandbox().app), asyncio.create_task(_fail()))


async def _fail() -> None:
    raise OSError("cannot listen")


async def test_a_server_that_never_starts_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_server, "STARTUP_TIMEOUT", 0.05)
    never = asyncio.create_task(asyncio.sleep(10))
    with pytest.raises(TimeoutError, match="did not start"):
        await _server.wait_started(_server.uvicorn_server(Sandbox().app), never)
    never.cancel()


async def test_stop_forces_a_server_that_does_not_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_server, "SHUTDOWN_TIMEOUT", 0.05)
    server = _server.uvicorn_server(Sandbox().app)
    stuck = asyncio.create_task(asyncio.sleep(10))
    await _server.stop(server, stuck)
    assert server.force_exit
    assert stuck.cancelled()


def test_the_lazy_package_and_the_plugin_reload_cleanly() -> None:
    # both are imported by pytest's plugin loading, before coverage starts: re-running them shows they are
    # side-effect free, and lets coverage see their module-level code
    importlib.reload(sandbox_package)
    importlib.reload(_pytest_plugin)
    assert sandbox_package.Sandbox is Sandbox
