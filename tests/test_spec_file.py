"""One API description: `flexport_outbounds_client/openapi.yaml`, a real file, the only copy in the checkout.

`make generate` reads it, the wheel ships it, the sandbox validates against it (importlib.resources). A second
copy (a symlink that `sed -i` turned into a file, a spec saved at the root) would let the generated code and the
shipped spec drift apart unseen: these tests fail instead.
"""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

from .conftest import ROOT, SPEC_PATH

SPEC_FILE_NAME = re.compile(r"openapi\.(ya?ml|json)", re.IGNORECASE)
NOT_SOURCE = {"node_modules", "build", "dist", "htmlcov", "bench-results", "__pycache__"}  # and every dot-directory


def files_in_checkout() -> list[Path]:
    found = []
    for directory, subdirectories, files in os.walk(ROOT):
        subdirectories[:] = [d for d in subdirectories if not d.startswith(".") and d not in NOT_SOURCE]
        found += [Path(directory, name) for name in files]
    return found


def test_the_spec_is_a_real_file_in_the_package() -> None:
    assert SPEC_PATH == ROOT / "flexport_outbounds_client" / "openapi.yaml"
    assert SPEC_PATH.is_file()
    assert not SPEC_PATH.is_symlink()


def test_there_is_no_other_copy_of_the_spec() -> None:
    copies = [path for path in files_in_checkout() if SPEC_FILE_NAME.fullmatch(path.name)]
    assert copies == [SPEC_PATH], "one spec only: edit flexport_outbounds_client/openapi.yaml and delete the copy"


def test_make_generates_from_the_shipped_spec() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^SPEC := (\S+)$", makefile, re.MULTILINE)
    assert match, "Makefile defines no SPEC"
    assert ROOT / match.group(1) == SPEC_PATH


def test_the_sandbox_reads_the_same_spec() -> None:
    shipped = resources.files("flexport_outbounds_client").joinpath("openapi.yaml").read_bytes()
    assert shipped == SPEC_PATH.read_bytes()
