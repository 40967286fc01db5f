"""The README's Python examples run as written, against the sandbox in process (no token, no network).

`make typecheck` checks the same examples with mypy --strict and pyright (tools/readme_examples.py writes them
out); tests/sandbox/test_readme_section.py runs the sandbox section's example.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import flexport_outbounds_client
from flexport_outbounds_client import CreateOrderRequestParam, Order
from flexport_outbounds_client.sandbox import Sandbox
from tools.readme_examples import README, examples, write

TEXT = README.read_text(encoding="utf-8")


def example_after(marker: str) -> str:
    """The first python example after `marker` in the README."""
    start = TEXT.index(marker)
    found = [example for example in examples(TEXT) if TEXT.count("\n", 0, start) < example.line]
    assert found, f"README has no python block after {marker!r}"
    return found[0].code


def run(code: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "readme_example"}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    return namespace


REQUEST: CreateOrderRequestParam = {
    "type": "B2B",
    "externalId": "PO-README-1",
    "orderItems": [{"logisticsSku": "SKU-A", "quantity": 12, "quantityUOM": "CASE"}],
    "shipToAddress": {
        "name": "Dock 4",
        "street1": "1 Market St",
        "city": "San Francisco",
        "state": "CA",
        "zip": "94105",
        "country": "US",
    },
    "transportationDetails": {"shippingPartner": "FLEXPORT", "shippingType": "LTL"},
}


def test_every_python_block_is_an_example() -> None:
    assert len(examples(TEXT)) == TEXT.count("```python\n") >= 4
    tags = set(re.findall(r"^```(\w+)$", TEXT, re.MULTILINE))
    assert not tags & {"py", "python3", "pycon", "ipython"}, "tag Python examples `python`: only those are checked"


def test_examples_are_written_with_readme_line_numbers(tmp_path: Path) -> None:
    written = write(tmp_path, TEXT)
    lines = TEXT.splitlines()
    for path, example in zip(written, examples(TEXT), strict=True):
        code_lines = path.read_text().splitlines()
        first = example.code.splitlines()[0]
        assert code_lines[example.line - 1] == first == lines[example.line - 1]


def test_usage_example_runs_against_the_sandbox(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox = Sandbox()

    def sandbox_client(*args: Any, **kwargs: Any) -> flexport_outbounds_client.OutboundsClient:
        return sandbox.client(*args, **kwargs)

    monkeypatch.setattr(flexport_outbounds_client, "OutboundsClient", sandbox_client)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "labels.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    run(example_after("## Usage"))
    printed = capsys.readouterr().out
    (order,) = sandbox.orders.values()
    assert order.order_id in printed
    assert sandbox.uploads, "the example uploads a label"


async def test_optional_fields_example_runs() -> None:
    describe = run(example_after("**Optional fields.**"))["describe"]
    sandbox = Sandbox()
    async with sandbox.client() as client:
        order = await client.create_order(REQUEST)
        assert describe(order) == "PO-README-1: PLANNED, 0 packs"
        sandbox.advance(order.order_id, to="SHIPPED")
        shipped = await client.get_order(order.order_id)
        assert describe(shipped).startswith("PO-README-1: SHIPPED, ")
        assert not describe(shipped).endswith(" 0 packs")
        without_external_id = Order.from_dict({k: v for k, v in shipped.to_dict().items() if k != "externalId"})
        assert describe(without_external_id).startswith("-: SHIPPED, ")


async def test_typed_requests_example_runs() -> None:
    reorder = run(example_after("**Typed requests.**"))["reorder"]
    sandbox = Sandbox()
    async with sandbox.client() as client:
        order_id = await reorder(client, REQUEST, "PO-README-2")
    order = sandbox.orders[order_id]
    assert order.external_id == "PO-README-2"
    assert [item.logistics_sku for item in order.order_items] == ["SKU-A", "FLX-9KQ2Z1"]


def user_documentation() -> str:
    """What users read: the README's parts that make the PyPI page (pyproject.toml), and the changelog."""
    parts = re.findall(r"<!-- PyPI page: part \d -->\n(.*?)<!-- end of PyPI page part \d -->", TEXT, re.DOTALL)
    assert len(parts) == 2
    return "".join(parts) + (README.parent / "CHANGELOG.md").read_text(encoding="utf-8")


def test_user_documentation_points_at_no_private_module() -> None:
    private = re.findall(r"flexport_outbounds_client\._\w+|`_[a-z]\w*", user_documentation())
    assert private == []
