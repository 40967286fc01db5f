"""The sandbox package is built from parts: its modules import each other, when they run, without a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import flexport_outbounds_client.sandbox as sandbox_package

PACKAGE = Path(sandbox_package.__file__).parent


def _imports(path: Path) -> set[str]:
    """The sibling modules a module of the package imports when it runs (`from ._app import ...`).

    Imports under `if TYPE_CHECKING:` are left out: they name types for the checker and never run.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            node.body = []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module)
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_no_import_cycle_inside_the_sandbox() -> None:
    graph = {path.stem: _imports(path) for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    finished: set[str] = set()

    def visit(module: str, trail: tuple[str, ...]) -> None:
        assert module not in trail, f"import cycle: {' -> '.join((*trail, module))}"
        if module in finished:
            return
        for imported in sorted(graph.get(module, ())):
            visit(imported, (*trail, module))
        finished.add(module)

    for module in sorted(graph):
        visit(module, ())
    assert "_sandbox" not in graph["_app"] | graph["_server"]
