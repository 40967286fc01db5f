"""The test suite on every supported Python: `make check` runs `nox` (pinned in the dev extra).

    nox                  the full suite with coverage on 3.11, the fast tests (-m "not slow") on 3.12 and 3.13
    nox -s fast-3.13     one session; arguments after -- go to pytest: nox -s fast-3.12 -- tests/client -x

Each session installs the package and its dev extra from constraints.txt into .nox/<session> (kept between runs:
a second run only checks the pins). The full suite runs once, on the oldest Python, where coverage is measured;
the fast tests on the newer ones keep CI within its time (README "Development").
"""

from __future__ import annotations

import os
import shutil
import subprocess

import nox

FULL = "3.11"  # the oldest supported Python: the whole suite, with coverage
FAST = ["3.12", "3.13"]  # every other supported Python: the tests not marked slow

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True  # a Python that cannot be found fails CI, never skips it


def select_pyenv_versions() -> None:
    """pyenv's shims run `python3.12` only when 3.12 is a selected version: select the newest installed of each.

    Only for this process and its children (PYENV_VERSION), and only when nothing is selected explicitly.
    """
    pyenv = shutil.which("pyenv")
    if pyenv is None or "PYENV_VERSION" in os.environ:
        return
    command = [pyenv, "versions", "--bare"]  # pyenv as found on PATH, fixed arguments
    installed = subprocess.run(command, capture_output=True, text=True, check=False).stdout  # noqa: S603
    newest: dict[str, tuple[int, ...]] = {}
    for version in installed.split():
        parts = version.split(".")
        if len(parts) == 3 and all(part.isdigit() for part in parts):
            minor = ".".join(parts[:2])
            newest[minor] = max(newest.get(minor, ()), tuple(map(int, parts)))
    selected = [".".join(map(str, newest[minor])) for minor in [FULL, *FAST] if minor in newest]
    if selected:
        os.environ["PYENV_VERSION"] = ":".join(selected)


select_pyenv_versions()


def install(session: nox.Session) -> None:
    session.install("--quiet", "--disable-pip-version-check", "-c", "constraints.txt", "-e", ".[dev]")


@nox.session(python=[FULL])
def tests(session: nox.Session) -> None:
    """The whole suite, with branch coverage of the package (at least 95 %)."""
    install(session)
    session.run("pytest", "-q", "--cov", "--cov-report=term", "--cov-fail-under=95", *session.posargs)


@nox.session(python=FAST)
def fast(session: nox.Session) -> None:
    """The tests not marked slow."""
    install(session)
    session.run("pytest", "-q", "-m", "not slow", *session.posargs)
