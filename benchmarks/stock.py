"""The package as the stock openapi-python-client templates generate it, for the rows that show what ours bought.

Generated once per bench run into a temporary directory, from the same spec and generator config, with this
project's templates minus those that replace stock ones (endpoint_module, model, types): so it has the stock
models and the stock endpoint functions (`get_order.asyncio` on `AuthenticatedClient`). Importable as
`stock_generated`; the directory is removed when the process exits.
"""

from __future__ import annotations

import atexit
import functools
import importlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import yaml

ROOT = Path(__file__).resolve().parent.parent
REPLACED_TEMPLATES = ("endpoint_module.py.jinja", "model.py.jinja", "types.py.jinja")


@functools.cache
def stock_package() -> ModuleType:
    """The stock-generated package (`stock_generated`), generated on first use."""
    work = Path(tempfile.mkdtemp(prefix="bench-stock-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    templates = work / "templates"
    shutil.copytree(ROOT / "templates", templates)
    for name in REPLACED_TEMPLATES:
        (templates / name).unlink()
    config = yaml.safe_load((ROOT / "generator-config.yaml").read_text())
    config.pop("post_hooks", None)  # formatting, and removing the stock client this package needs
    (work / "config.yaml").write_text(yaml.safe_dump(config))
    generator = Path(sys.executable).parent / "openapi-python-client"
    spec = ROOT / "flexport_outbounds_client" / "openapi.yaml"
    command = [str(generator), "generate", "--path", str(spec), "--meta", "none"]
    command += ["--config", str(work / "config.yaml"), "--custom-template-path", str(templates)]
    command += ["--output-path", str(work / "stock_generated")]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    # The kept enum template reports drift through types.note_drift, which the stock types.py does not have.
    with (work / "stock_generated" / "types.py").open("a", encoding="utf-8") as types_module:
        types_module.write("\n\ndef note_drift(kind: str, where: str, name: str) -> None:\n    return None\n")
    sys.path.insert(0, str(work))
    return importlib.import_module("stock_generated")


def stock_models() -> ModuleType:
    """`stock_generated.models`."""
    stock_package()
    return importlib.import_module("stock_generated.models")
