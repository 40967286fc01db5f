"""The pytest11 plugin: active for anyone who installs the package, and harmless without the sandbox extra."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

DOWNSTREAM_TEST = """
from flexport_outbounds_client.sandbox import Sandbox

def test_fixture(outbounds_sandbox):
    assert isinstance(outbounds_sandbox, Sandbox)

def test_unrelated():
    assert True
"""


def _pytest(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path), *extra]
    return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)


def test_the_fixture_is_found_through_the_entry_point(tmp_path: Path) -> None:
    (tmp_path / "test_downstream.py").write_text(DOWNSTREAM_TEST)
    result = _pytest(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_without_the_sandbox_extra_only_the_fixture_fails(tmp_path: Path) -> None:
    # conftest runs after plugins load: block the extra's packages from here on, as if never installed
    (tmp_path / "conftest.py").write_text(
        textwrap.dedent(
            """
            import sys
            for name in ("starlette", "uvicorn", "jsonschema"):
                sys.modules[name] = None
            """
        )
    )
    (tmp_path / "test_downstream.py").write_text(
        "def test_fixture(outbounds_sandbox):\n    pass\n\ndef test_unrelated():\n    assert True\n"
    )
    result = _pytest(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 passed, 1 error" in result.stdout
    assert "pip install 'flexport-outbounds-client[sandbox]'" in result.stdout
    assert "INTERNALERROR" not in result.stdout + result.stderr


def test_loading_the_plugin_imports_none_of_the_extra() -> None:
    code = (
        "import sys, flexport_outbounds_client, flexport_outbounds_client.sandbox._pytest_plugin\n"
        "print(sorted(m for m in ('starlette', 'uvicorn', 'jsonschema', 'flexport_outbounds_client.sandbox._app')"
        " if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"


def test_the_client_never_imports_the_sandbox() -> None:
    code = "import sys, flexport_outbounds_client\nprint(any('sandbox' in m for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "False"


def test_unknown_names_are_attribute_errors() -> None:
    import flexport_outbounds_client.sandbox as sandbox_package

    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        sandbox_package.Nope  # noqa: B018
    assert "Sandbox" in dir(sandbox_package)
