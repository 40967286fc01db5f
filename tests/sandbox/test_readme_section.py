"""The README's sandbox example runs as written, with a fixture-equivalent sandbox."""

from __future__ import annotations

import re
from typing import Any

from flexport_outbounds_client.sandbox import Sandbox

from ..conftest import ROOT

SECTION = "## Testing your code against the sandbox"


def sandbox_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(SECTION) :]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, f"README has no python block under {SECTION}"
    return match.group(1)


async def test_the_readme_sandbox_example_runs() -> None:
    namespace: dict[str, Any] = {"__name__": "readme_sandbox_example"}
    exec(compile(sandbox_example(), "README.md", "exec"), namespace)  # noqa: S102 - our own README
    await namespace["test_an_order_ships"](Sandbox(validate_responses=True))
