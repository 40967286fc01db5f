"""The wheel: built from this checkout, installed into a fresh virtual environment, imported from there."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (built,) = out.glob("flexport_outbounds_client-*.whl")
    return built


def test_wheel_ships_types_spec_and_every_generated_module(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "flexport_outbounds_client/py.typed" in names
    assert "flexport_outbounds_client/openapi.yaml" in names
    generated = {p.relative_to(ROOT).as_posix() for p in (ROOT / "flexport_outbounds_client/_generated").rglob("*.py")}
    assert generated <= names
    assert not any(name.startswith("tests/") for name in names)


def test_runtime_dependencies_are_aiohttp_httpx_and_attrs_only() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert sorted(dep.split(">")[0].split("=")[0] for dep in project["dependencies"]) == ["aiohttp", "attrs", "httpx"]


def test_wheel_installs_into_a_fresh_venv_and_imports(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    script = (
        "import importlib, pkgutil, flexport_outbounds_client as p, flexport_outbounds_client._generated as g\n"
        "mods = [m.name for m in pkgutil.walk_packages(g.__path__, g.__name__ + '.')]\n"
        "[importlib.import_module(m) for m in mods]\n"
        f"assert p.__file__.startswith({str(env_dir)!r}), p.__file__\n"
        "print(len(mods))\n"
    )
    # cwd outside the checkout, so `-c` cannot import the source tree instead of the installed wheel
    result = subprocess.run(
        [str(python), "-c", script], check=True, capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert int(result.stdout) >= 40  # every model, endpoint, client, errors, types
    listing = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=freeze", "--exclude", "pip", "--exclude", "setuptools"],
        capture_output=True,
        text=True,
        check=True,
    )
    installed = {line.split("==")[0].lower().replace("_", "-") for line in listing.stdout.split()}
    assert installed <= {
        "flexport-outbounds-client",
        "aiohttp",
        "aiohappyeyeballs",
        "aiosignal",
        "frozenlist",
        "multidict",
        "propcache",
        "yarl",
        "httpx",
        "attrs",
        "httpcore",
        "anyio",
        "idna",
        "certifi",
        "h11",
        "sniffio",
        "typing-extensions",
    }
