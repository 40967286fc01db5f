"""The models as the stock openapi-python-client templates generate them, for the decode comparison.

Generated at bench time into a temporary directory from the same spec and config, with this project's templates
minus the speed ones (templates/model.py.jinja, templates/types.py.jinja), so the row shows what they bought.
"""

from __future__ import annotations

import contextlib
import importlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEED_TEMPLATES = ("model.py.jinja", "types.py.jinja")


@contextlib.contextmanager
def stock_models() -> Iterator[ModuleType]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        templates = work / "templates"
        shutil.copytree(ROOT / "templates", templates)
        for name in SPEED_TEMPLATES:
            (templates / name).unlink()
        config = yaml.safe_load((ROOT / "generator-config.yaml").read_text())
        config.pop("post_hooks", None)  # formatting only
        (work / "config.yaml").write_text(yaml.safe_dump(config))
        generator = Path(sys.executable).parent / "openapi-python-client"
        command = [str(generator), "generate", "--path", str(ROOT / "openapi.yaml"), "--meta", "none"]
        command += ["--config", str(work / "config.yaml"), "--custom-template-path", str(templates)]
        command += ["--output-path", str(work / "stock_models")]
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        sys.path.insert(0, tmp)
        try:
            yield importlib.import_module("stock_models.models")
        finally:
            sys.path.remove(tmp)
