"""The public API snapshot and `make api-diff` (tools/api.py): what a change of the spec does to callers.

Each spec change is applied to a copy of the package (its `_generated/` regenerated from the changed spec) and
compared with this checkout through griffe, as `make api-diff` compares a git ref with the working tree.
"""

from __future__ import annotations

import copy
import inspect
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import griffe
import pytest
import yaml

from flexport_outbounds_client import models
from tools import api

from .conftest import ROOT, load_spec, run_generator

Edit = Callable[[dict[str, Any]], None]


@pytest.fixture(scope="module")
def current() -> griffe.Module:
    return api.load(ROOT)


def package_from_spec(work: Path, edit: Edit) -> griffe.Module:
    """A copy of the package whose `_generated/` is what openapi.yaml changed by `edit` generates."""
    spec = copy.deepcopy(load_spec())
    edit(spec)
    (work / "spec.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    shutil.copytree(ROOT / api.PACKAGE, work / api.PACKAGE, ignore=shutil.ignore_patterns("_generated", "__pycache__"))
    run_generator(work / "spec.yaml", work / api.PACKAGE / "_generated")
    return api.load(work)


def diff_after(tmp_path: Path, current: griffe.Module, edit: Edit) -> api.ApiDiff:
    return api.ApiDiff(current, package_from_spec(tmp_path, edit))


def remove_case_unit(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["QuantityUom"]["enum"].remove("CASE")


def add_optional_note_first(spec: dict[str, Any]) -> None:
    duties = spec["components"]["schemas"]["Duties"]
    duties["properties"] = {"note": {"type": "string"}, **duties["properties"]}  # the other fields move along


def require_incoterm(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["Duties"]["required"] = ["incoterm"]


def test_removing_an_enum_value_is_breaking(tmp_path: Path, current: griffe.Module) -> None:
    diff = diff_after(tmp_path, current, remove_case_unit)
    assert diff.breaking == ["flexport_outbounds_client.models.QuantityUom.CASE: Public object was removed"]
    assert "flexport_outbounds_client.models.QuantityUom.CASE = 'CASE'" in diff.removed
    changed = [new for _, new in diff.changed]
    assert "flexport_outbounds_client.params.OrderItemParam.quantityUOM: Literal['EACH'] | QuantityUom" in changed
    report = diff.report("title")
    assert report.index("BREAKING changes (1)") < report.index("Removed") < report.index("Changed")


def test_adding_an_optional_field_is_not_breaking(tmp_path: Path, current: griffe.Module) -> None:
    diff = diff_after(tmp_path, current, add_optional_note_first)
    assert diff.breaking == []
    assert diff.removed == []
    assert sorted(diff.added) == [
        "flexport_outbounds_client.models.Duties.note: str | Unset",
        "flexport_outbounds_client.params.DutiesParam.note: NotRequired[str]",
    ]
    ((old_init, new_init),) = diff.changed
    assert old_init.startswith("flexport_outbounds_client.models.Duties.__init__: def (self, duty_payment")
    assert new_init.startswith("flexport_outbounds_client.models.Duties.__init__: def (self, note: str | Unset")
    assert "No breaking change." in diff.report("title")


def test_a_field_that_becomes_required_is_breaking(tmp_path: Path, current: griffe.Module) -> None:
    diff = diff_after(tmp_path, current, require_incoterm)
    assert diff.breaking == ["flexport_outbounds_client.models.Duties.__init__(incoterm): Parameter is now required"]
    changed = [new for _, new in diff.changed]
    assert "flexport_outbounds_client.params.DutiesParam.incoterm: Literal['DAP', 'DDP', 'DDU'] | Incoterm" in changed


def test_model_init_is_the_one_attrs_writes(current: griffe.Module) -> None:
    for name in models.__all__:
        cls = getattr(models, name)
        if not attrs.has(cls):
            continue
        runtime = inspect.signature(cls.__init__).parameters
        static = current[f"models.{name}"].final_target["__init__"].parameters
        assert [p.name for p in static] == list(runtime), name
        for parameter in static:
            expected = runtime[parameter.name].default
            assert (parameter.default is None) == (expected is inspect.Parameter.empty), (name, parameter.name)


def test_snapshot_check_fails_when_stale_and_write_fixes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    snapshot = tmp_path / "public-api.txt"
    snapshot.write_text((ROOT / "public-api.txt").read_text().replace("QuantityUom.CASE = 'CASE'\n", ""))
    monkeypatch.setattr(api, "SNAPSHOT", snapshot)
    assert api.main(["snapshot", "--check"]) == 1
    out = capsys.readouterr().out
    assert "+flexport_outbounds_client.models.QuantityUom.CASE = 'CASE'" in out
    assert "is stale" in out
    assert api.main(["snapshot"]) == 0
    assert api.main(["snapshot", "--check"]) == 0
    assert snapshot.read_text() == (ROOT / "public-api.txt").read_text()


def test_snapshot_lists_the_public_surface() -> None:
    lines = (ROOT / "public-api.txt").read_text().splitlines()
    assert "flexport_outbounds_client.models.OrderStatus.SHIPPED = 'SHIPPED'" in lines
    assert "flexport_outbounds_client.Order -> flexport_outbounds_client.models.Order" in lines
    assert any(line.startswith("flexport_outbounds_client.OutboundsClient.create_order: async def (") for line in lines)
    assert any(line.startswith("flexport_outbounds_client.sandbox.Sandbox: class") for line in lines)
    for line in lines[2:]:  # no private module or name
        for part in line.split(" ", 1)[0].rstrip(":").split("."):
            assert not part.startswith("_") or (part.startswith("__") and part.endswith("__")), line


def test_api_diff_against_a_git_ref_runs(capsys: pytest.CaptureFixture[str]) -> None:
    status = api.main(["diff", "HEAD"])
    out = capsys.readouterr().out
    assert out.startswith("api-diff: flexport_outbounds_client at HEAD -> the working tree\n")
    assert status == (1 if "BREAKING" in out else 0)
