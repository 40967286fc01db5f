"""The wheel and the sdist: built from this checkout, the wheel installed into a fresh virtual environment."""

from __future__ import annotations

import email
import re
import subprocess
import sys
import tarfile
import tomllib
import venv
import zipfile
from email.message import Message
from pathlib import Path

import pytest

import flexport_outbounds_client

from .conftest import ROOT, SPEC_PATH

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--sdist", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (built,) = dist.glob("flexport_outbounds_client-*.whl")
    return built


@pytest.fixture(scope="module")
def sdist(dist: Path) -> Path:
    (built,) = dist.glob("flexport_outbounds_client-*.tar.gz")
    return built


def wheel_metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return email.message_from_bytes(archive.read(name))


def test_wheel_ships_types_spec_and_every_generated_module(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert archive.read("flexport_outbounds_client/openapi.yaml") == SPEC_PATH.read_bytes()
    assert "flexport_outbounds_client/py.typed" in names
    assert "flexport_outbounds_client/sandbox/control-openapi.yaml" in names  # the sandbox's control endpoints
    generated = {p.relative_to(ROOT).as_posix() for p in (ROOT / "flexport_outbounds_client/_generated").rglob("*.py")}
    assert generated <= names
    assert all(name.startswith(("flexport_outbounds_client/", "flexport_outbounds_client-")) for name in names)


def test_license_is_in_the_wheel_and_the_sdist(wheel: Path, sdist: Path) -> None:
    license_text = (ROOT / "LICENSE").read_text()
    assert license_text.startswith("MIT License\n")
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
        assert archive.read(name).decode() == license_text
    assert wheel_metadata(wheel)["License-Expression"] == "MIT"
    with tarfile.open(sdist) as archive:
        members = {member.name.split("/", 1)[1]: member for member in archive.getmembers() if "/" in member.name}
        assert "LICENSE" in members
        assert "public-api.txt" in members  # the public API of this release (README "Versioning")
        assert "flexport_outbounds_client/openapi.yaml" in members
        extracted = archive.extractfile(members["LICENSE"])
        assert extracted is not None and extracted.read().decode() == license_text


def test_version_and_urls_come_from_one_place(wheel: Path) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["hatch"]["version"]["path"] == "flexport_outbounds_client/_version.py"
    metadata = wheel_metadata(wheel)
    assert metadata["Version"] == flexport_outbounds_client.__version__
    assert wheel.name.startswith(f"flexport_outbounds_client-{flexport_outbounds_client.__version__}-")
    urls = metadata.get_all("Project-URL") or []
    assert "Flexport API reference, https://docs.logistics-api.flexport.com/2026-02/tag/Outbounds" in urls


def test_long_description_is_for_users_and_starts_with_pip_install(wheel: Path) -> None:
    metadata = wheel_metadata(wheel)
    assert metadata["Description-Content-Type"] == "text/markdown"
    description = metadata.get_payload()
    assert isinstance(description, str)
    assert description.startswith("# flexport-outbounds-client\n\nAn async Python client for ")
    first_block = re.search(r"```\w*\n(.*?)```", description, re.DOTALL)
    assert first_block and first_block.group(1).startswith("pip install flexport-outbounds-client")
    code = "".join(re.findall(r"```\w*\n(.*?)```", description, re.DOTALL))
    assert not re.search(r"^make ", code, re.MULTILINE)  # contributors' commands stay in the README
    assert "`make " not in description
    for contributors_only in ("## How it is built", "## Development", "## Performance", "<!--"):
        assert contributors_only not in description
    for section in ("## Usage", "## Testing your code against the sandbox", "## Command line", "## Versioning"):
        assert section in description


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
        "import flexport_outbounds_client.models, flexport_outbounds_client.params\n"
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
