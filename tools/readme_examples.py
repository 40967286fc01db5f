"""The README's Python examples as files, for mypy and pyright (`make typecheck`).

    python -m tools.readme_examples DIRECTORY

writes every ```python block of README.md to DIRECTORY/readme_line_<N>.py, where N is the README line the block
starts on, padded with blank lines so that a checker's line numbers are README line numbers. tests/test_readme.py
runs the examples against the sandbox.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.DOTALL | re.MULTILINE)


class Example(NamedTuple):
    line: int  # README line of the block's first code line
    code: str


def examples(text: str) -> list[Example]:
    """Every fenced block tagged `python`, in order."""
    return [
        Example(text.count("\n", 0, match.start(2)) + 1, match.group(2))
        for match in FENCE.finditer(text)
        if match.group(1) == "python"
    ]


def write(directory: Path, text: str) -> list[Path]:
    """One module per example in an emptied `directory`; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("readme_line_*.py"):
        old.unlink()
    written = []
    for example in examples(text):
        path = directory / f"readme_line_{example.line:04d}.py"
        path.write_text("\n" * (example.line - 1) + example.code, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    written = write(Path(argv[0]), README.read_text(encoding="utf-8"))
    print(f"{len(written)} README examples in {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
