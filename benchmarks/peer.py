"""The peer a user would pick instead: openapi-generator's `python` client, asyncio library (aiohttp + pydantic).

Generated from this project's openapi.yaml at bench time by the `openapi-generator-cli` package (the generator's jar,
run on the machine's Java), into a cache directory outside the repository: $XDG_CACHE_HOME (or ~/.cache)
/flexport-outbounds-bench/. An entry is keyed by the spec, the generator's version and options, the packages
installed beside it and the Python version, so runs (and worktrees) reuse it until one of those changes.

The generated package's requirements that constraints.txt pins (aiohttp, pydantic, typing-extensions, urllib3, and
six for python-dateutil) come from the venv. The two it does not pin, python-dateutil and aiohttp-retry, are
installed at exact versions with `pip install --target` into the cache entry and put on sys.path with the package,
not into the venv: the dev environment stays exactly what constraints.txt says, and nothing the client's tests see
changes. Both are pure Python and off the measured path (aiohttp-retry is used only when retries are configured;
python-dateutil only for bare date-time responses, which this API has none of).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "flexport_outbounds_client" / "openapi.yaml"
PACKAGE = "openapi_peer"
GENERATOR = "openapi-generator-cli"
GENERATOR_ARGS = (
    "--generator-name",
    "python",
    f"--additional-properties=library=asyncio,packageName={PACKAGE}",
    "--global-property=apiTests=false,modelTests=false,apiDocs=false,modelDocs=false",
)
EXTRA_REQUIREMENTS = ("python-dateutil==2.9.0.post0", "aiohttp-retry==2.9.1")
COMPLETE = "complete"  # written last: an entry without it was interrupted and is rebuilt


def cache_root() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "flexport-outbounds-bench"


def generator_version() -> str:
    try:
        return metadata.version(GENERATOR)
    except metadata.PackageNotFoundError:
        raise RuntimeError(f"{GENERATOR} is not installed: run `make venv` (it is in the dev extra)") from None


def cache_key() -> str:
    digest = hashlib.sha256(SPEC.read_bytes())
    for part in (generator_version(), *GENERATOR_ARGS, *EXTRA_REQUIREMENTS, f"{sys.version_info[:2]}"):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()[:16]


def build(entry: Path) -> None:
    """Generate the package and install its extra requirements into a fresh directory, then move it into place."""
    if shutil.which("java") is None:
        raise RuntimeError("openapi-generator needs a Java runtime (17+) on PATH")
    entry.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".building-", dir=entry.parent))
    try:
        generate = [str(Path(sys.executable).parent / GENERATOR), "generate", "--input-spec", str(SPEC)]
        generate += [*GENERATOR_ARGS, "--output", str(work / "src")]
        done = subprocess.run(generate, capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"openapi-generator failed ({done.returncode}):\n{done.stdout[-3000:]}{done.stderr}")
        install = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps"]
        install += ["--target", str(work / "deps"), *EXTRA_REQUIREMENTS]
        subprocess.run(install, check=True, capture_output=True, timeout=300)
        (work / COMPLETE).write_text(f"{GENERATOR} {generator_version()}\n")
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(entry)  # an interrupted build
        try:
            work.rename(entry)
        except OSError:
            if not (entry / COMPLETE).exists():  # else another run built the same entry meanwhile
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def peer_entry() -> Path:
    """The cache entry for the current spec and generator, built if missing; returns its directory."""
    entry = cache_root() / f"openapi-generator-{cache_key()}"
    if not (entry / COMPLETE).exists():
        print(f"generating the openapi-generator peer into {entry} ...", file=sys.stderr, flush=True)
        build(entry)
    return entry


@functools.cache
def peer_package() -> ModuleType:
    """The generated package (`openapi_peer`: Configuration, ApiClient, OutboundsApi, the models)."""
    entry = peer_entry()
    sys.path[:0] = [str(entry / "src"), str(entry / "deps")]
    return importlib.import_module(PACKAGE)
