"""The public API of flexport_outbounds_client, read by griffe: its committed snapshot, and what a change does.

    python -m tools.api snapshot           write public-api.txt (`make generate` and `make api-snapshot` run it)
    python -m tools.api snapshot --check   fail when public-api.txt is not what the code says (`make check`)
    python -m tools.api diff REF           what the working tree changes for callers, against a git ref
                                           (`make api-diff REF=v0.1.0`): breaking changes first; exit 1 if any

griffe reads the source without importing it (static analysis), so any two versions can be compared. The
breaking changes are griffe's own (`griffe check`'s `find_breaking_changes`: removed objects, removed or newly
required parameters, changed defaults and kinds); the other changes come from the snapshots of both versions.
Two additions to what griffe sees:
- `AttrsInit` gives every attrs model the `__init__` attrs writes (griffe knows dataclasses, not attrs), so a
  model field that becomes required, or a new required field, is a breaking change;
- a model field that only moves to another position is not reported: model fields are keyword arguments in this
  package's contract (README "Versioning"), and their order follows the spec.

The snapshot is one line per public object (names, signatures, model fields, enum values), not griffe's JSON dump:
that carries line numbers and docstrings, so it would be stale after every edit and unreadable in a review.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any, cast

import griffe

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "flexport_outbounds_client"
SNAPSHOT = ROOT / "public-api.txt"
HEADER = (
    "# The public API of flexport_outbounds_client, as griffe reads it (tools/api.py): one line per object.\n"
    "# Written by `make generate` / `make api-snapshot`; `make check` fails when it is stale. Review its diff.\n"
)
ATTRS_DEFINE = {"attrs.define", "attrs.frozen", "attrs.mutable", "attr.s", "attr.attrs", "attr.define"}
ATTRS_FIELD = {"attrs.field", "attr.ib", "attr.attrib", "attr.field"}
HIDDEN_VALUES = {"__version__"}  # changes with every release: the snapshot shows its type only


# --- loading ---------------------------------------------------------------------------------------------------


def _call_arguments(expr: object) -> dict[str, Any]:
    arguments = getattr(expr, "arguments", [])
    return {argument.name: argument.value for argument in arguments if isinstance(argument, griffe.ExprKeyword)}


class AttrsInit(griffe.Extension):
    """The `__init__` attrs writes for a class decorated with `attrs.define`: one parameter per field, in order."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        for cls in _classes(pkg):
            if "__init__" in cls.members or not any(_canonical(d.value) in ATTRS_DEFINE for d in cls.decorators):
                continue
            parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
            for member in list(cls.members.values()):
                if member.is_alias or not member.is_attribute:
                    continue
                field_attribute = cast(griffe.Attribute, member)
                value = field_attribute.value
                if field_attribute.annotation is None or _canonical(value) not in ATTRS_FIELD:
                    continue
                field = _call_arguments(value)
                if str(field.get("init")) == "False":
                    continue
                default = field.get("default")
                if "factory" in field:
                    default = f"{field['factory']}()"
                parameters.append(
                    griffe.Parameter(
                        member.name,
                        annotation=field_attribute.annotation,
                        kind=griffe.ParameterKind.positional_or_keyword,
                        default=default,
                    )
                )
            init = griffe.Function("__init__", lineno=0, endlineno=0, parent=cls, returns="None")
            init.parameters = griffe.Parameters(*parameters)
            init.labels.add("attrs")
            cls.set_member("__init__", init)


def _canonical(expr: object) -> str:
    return str(getattr(expr, "canonical_path", "") or "")


def _classes(module: griffe.Module) -> Iterator[griffe.Class]:
    for member in module.members.values():
        if member.is_alias:
            continue
        if member.is_module:
            yield from _classes(cast(griffe.Module, member))
        elif member.is_class:
            yield cast(griffe.Class, member)


def load(search_path: Path) -> griffe.Module:
    """The package found in `search_path`, read statically, aliases resolved."""
    loaded = griffe.load(
        PACKAGE,
        search_paths=[str(search_path)],
        extensions=griffe.load_extensions(AttrsInit()),
        resolve_aliases=True,
        resolve_external=False,
        allow_inspection=False,
        try_relative_path=False,  # not ./flexport_outbounds_client: the one in search_path
    )
    return cast(griffe.Module, loaded)


def load_ref(ref: str, workdir: Path) -> griffe.Module:
    """The package as committed at `ref` (git archive into `workdir`: no worktree, the checkout is left alone)."""
    command = ["git", "archive", "--format=tar", ref, PACKAGE]  # a ref given by the person running the tool
    archive = subprocess.run(command, cwd=ROOT, check=True, capture_output=True).stdout  # noqa: S603
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(workdir, filter="data")
    return load(workdir)


# --- the snapshot ----------------------------------------------------------------------------------------------


def public_modules(package: griffe.Module) -> list[griffe.Module]:
    """The package and its public submodules, the most specific first (so a model's home is `models`)."""
    found = [package]
    for module in found:
        for name, member in module.members.items():
            if not member.is_alias and member.is_module and not name.startswith("_"):
                found.append(cast(griffe.Module, member))
    return sorted(found, key=lambda module: (-module.path.count("."), module.path))


def exported(module: griffe.Module) -> list[tuple[str, griffe.Object | griffe.Alias]]:
    return sorted((name, member) for name, member in module.members.items() if member.is_public)


def target(member: griffe.Object | griffe.Alias) -> griffe.Object:
    while member.is_alias:
        member = cast(griffe.Alias, member).final_target
    return cast(griffe.Object, member)


class Snapshot:
    """The public API as lines, and where each object (by its canonical path) is documented.

    `entries` maps an identity to its line: the object's canonical path (where it is defined, so that a versions'
    comparison is not misled when the public path an object is shown under changes), or `alias:<public path>`.
    """

    def __init__(self, package: griffe.Module) -> None:
        self.homes: dict[str, str] = {}  # canonical path -> the public path it is shown under
        modules = public_modules(package)
        for module in modules:
            for name, member in exported(module):
                self.homes.setdefault(target(member).canonical_path, f"{module.path}.{name}")
        self.entries: dict[str, str] = {}
        for module in modules:
            for name, member in exported(module):
                path = f"{module.path}.{name}"
                home = self.homes[target(member).canonical_path]
                if home != path:
                    self.entries[f"alias:{path}"] = f"{path} -> {home}"
                elif not target(member).is_module:
                    self.entries.update(render(path, target(member)))
        self.lines = sorted(self.entries.values(), key=lambda line: _key(line).split("."))  # object, then members

    def text(self) -> str:
        return HEADER + "".join(line + "\n" for line in self.lines)

    def public_path(self, canonical_path: str) -> str:
        """`canonical_path` (a private module's) as callers write it, through the longest known prefix."""
        parts = canonical_path.split(".")
        for end in range(len(parts), 0, -1):
            home = self.homes.get(".".join(parts[:end]))
            if home:
                return ".".join([home, *parts[end:]])
        return canonical_path


def render(path: str, obj: griffe.Object) -> dict[str, str]:
    """The snapshot lines of `obj` (and of its members, for a class) shown under `path`, by canonical path."""
    lines: dict[str, str] = {}
    if obj.is_class:
        cls = cast(griffe.Class, obj)
        bases = ", ".join(str(base) for base in cls.bases)
        lines[obj.canonical_path] = f"{path}: class({bases})" if bases else f"{path}: class"
        is_enum = any(_canonical(base).startswith("enum.") for base in cls.bases)
        for name, member in cls.members.items():
            if member.is_alias or (name.startswith("_") and not (name.startswith("__") and name.endswith("__"))):
                continue
            value = getattr(member, "value", None)
            if member.is_attribute and is_enum and "property" not in member.labels and value is not None:
                lines[member.canonical_path] = f"{path}.{name} = {value}"  # an enum member
            else:
                lines.update(render(f"{path}.{name}", cast(griffe.Object, member)))
    elif obj.is_function:
        function = cast(griffe.Function, obj)
        labels = "".join(f"{label} " for label in sorted(function.labels - {"attrs"}))
        returns = f" -> {function.returns}" if function.returns is not None else ""
        lines[obj.canonical_path] = f"{path}: {labels}def ({signature(function.parameters)}){returns}"
    elif obj.is_attribute:
        attribute = cast(griffe.Attribute, obj)
        kind = "property " if "property" in attribute.labels else ""
        line = f"{path}: {kind}{attribute.annotation if attribute.annotation is not None else 'attribute'}"
        at_module_level = obj.parent is not None and obj.parent.is_module
        if attribute.value is not None and at_module_level and obj.name not in HIDDEN_VALUES:
            line += f" = {attribute.value}"
        lines[obj.canonical_path] = line
    else:
        lines[obj.canonical_path] = f"{path}: {obj.kind.value}"
    return lines


def signature(parameters: griffe.Parameters) -> str:
    parts: list[str] = []
    kinds = griffe.ParameterKind
    seen_keyword_only_marker = False
    for index, parameter in enumerate(parameters):
        previous = parameters[index - 1].kind if index else None
        if previous is kinds.positional_only and parameter.kind is not kinds.positional_only:
            parts.append("/")
        if parameter.kind is kinds.keyword_only and not seen_keyword_only_marker:
            parts.append("*")
        if parameter.kind in (kinds.keyword_only, kinds.var_positional):
            seen_keyword_only_marker = True
        star = {kinds.var_positional: "*", kinds.var_keyword: "**"}.get(parameter.kind, "")
        text = star + parameter.name
        if parameter.annotation is not None:
            text += f": {parameter.annotation}"
        if parameter.default is not None:
            text += f" = {parameter.default}" if parameter.annotation is not None else f"={parameter.default}"
        parts.append(text)
    if parameters and parameters[-1].kind is kinds.positional_only:
        parts.append("/")
    return ", ".join(parts)


# --- comparing two versions ------------------------------------------------------------------------------------


def _key(line: str) -> str:
    """The public path a snapshot line is about."""
    return line.split(" ", 1)[0].rstrip(":")


def _rest(line: str) -> str:
    """A snapshot line without its public path: what the object is, wherever it is shown."""
    return line.split(" ", 1)[-1]


class ApiDiff:
    """What going from `old` to `new` does to callers."""

    def __init__(self, old: griffe.Module, new: griffe.Module) -> None:
        old_snapshot, new_snapshot = Snapshot(old), Snapshot(new)
        breaking = set()
        for breakage in griffe.find_breaking_changes(old, new):
            if isinstance(breakage, griffe.ParameterMovedBreakage) and "attrs" in breakage.obj.labels:
                continue  # a model field's position: not part of the contract
            where = old_snapshot.public_path(breakage.obj.canonical_path)
            parameter = f"({breakage.old_value.name})" if isinstance(breakage.old_value, griffe.Parameter) else ""
            # markdown style: "- `Class.member`: *what*: `old` -> `new`", without colours or file positions
            detail = breakage.explain(griffe.ExplanationStyle.MARKDOWN).split("`: ", 1)[-1].replace("*", "")
            breaking.add(f"{where}{parameter}: {detail}")
        self.breaking = sorted(breaking)
        before, after = old_snapshot.entries, new_snapshot.entries
        self.removed = sorted(before[key] for key in before.keys() - after.keys())
        self.added = sorted(after[key] for key in after.keys() - before.keys())
        self.changed = sorted(
            (before[key], after[key]) for key in before.keys() & after.keys() if _rest(before[key]) != _rest(after[key])
        )

    def report(self, title: str) -> str:
        out = [title, ""]
        if not (self.breaking or self.removed or self.added or self.changed):
            return "\n".join([*out, "No change to the public API."]) + "\n"
        out.append(
            f"BREAKING changes ({len(self.breaking)}): callers may fail" if self.breaking else "No breaking change."
        )
        out += [f"  ! {line}" for line in self.breaking]
        if self.removed:
            out += ["", f"Removed ({len(self.removed)}):", *(f"  - {line}" for line in self.removed)]
        if self.changed:
            out += ["", f"Changed ({len(self.changed)}): annotations and values, which griffe does not judge; review"]
            for old_line, new_line in self.changed:
                out += [f"  - {old_line}", f"  + {new_line}"]
        if self.added:
            out += ["", f"Added ({len(self.added)}): not breaking", *(f"  + {line}" for line in self.added)]
        return "\n".join(out) + "\n"


# --- command line ----------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.api", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    snapshot = commands.add_parser("snapshot", help="write (or --check) public-api.txt")
    snapshot.add_argument("--check", action="store_true", help="fail if public-api.txt is stale; write nothing")
    diff = commands.add_parser("diff", help="what the working tree changes for callers, against REF")
    diff.add_argument("ref", help="a git ref: a release tag, a branch, HEAD")
    args = parser.parse_args(argv)

    if args.command == "snapshot":
        text = Snapshot(load(ROOT)).text()
        if not args.check:
            SNAPSHOT.write_text(text, encoding="utf-8")
            print(f"api-snapshot: wrote {SNAPSHOT.name} ({text.count(chr(10)) - 2} lines)")
            return 0
        committed = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.exists() else ""
        if committed == text:
            print(f"check-api: {SNAPSHOT.name} is the public API of the code")
            return 0
        sys.stdout.writelines(
            difflib.unified_diff(committed.splitlines(True), text.splitlines(True), "committed", "code")
        )
        print(f"check-api: FAILED - {SNAPSHOT.name} is stale (diff above). Run 'make api-snapshot' and commit it,")
        print(
            "noting a change of the public API in CHANGELOG.md ('make api-diff REF=<last release>' shows what breaks)."
        )
        return 1

    with tempfile.TemporaryDirectory(prefix="api-diff-") as workdir:
        old = load_ref(args.ref, Path(workdir))
        result = ApiDiff(old, load(ROOT))
    print(result.report(f"api-diff: {PACKAGE} at {args.ref} -> the working tree"), end="")
    return 1 if result.breaking else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
