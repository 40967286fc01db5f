"""Reading orders from files: one order (JSON or YAML) and bulk files (JSON Lines, or CSV with one row per item).

Nothing here talks to the API. Problems are collected with the line they were found on, so a bulk file can be
checked completely before anything is sent.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from .errors import CliError, ExitCode

__all__ = [
    "CSV_ITEM_COLUMNS",
    "CSV_ORDER_COLUMNS",
    "BulkFormat",
    "Problem",
    "SourceOrder",
    "bulk_format",
    "csv_column_for",
    "read_bulk_file",
    "read_order_file",
]

BulkFormat = Literal["jsonl", "csv"]
NUMBER_FIELDS = frozenset({"quantity", "quantityPerPack", "unitPrice", "totalPrice", "discount"})
BOOL_FIELDS = frozenset({"isResidential"})
_YAML_TAG = "tag:yaml.org,2002:"
_YAML_RETYPED = frozenset({f"{_YAML_TAG}int", f"{_YAML_TAG}float", f"{_YAML_TAG}timestamp"})

# CSV column -> JSON path in the create-order request. Order columns repeat on every row of an order (or are
# left blank on its second and later rows); item columns describe that row's line item.
CSV_ORDER_COLUMNS: dict[str, tuple[str, ...]] = {
    "externalId": ("externalId",),
    "type": ("type",),
    "shipBy": ("shipBy",),
    "notes": ("notes",),
    "locationId": ("locationId",),
    "currencyCode": ("currencyCode",),
    **{
        f"shipTo.{name}": ("shipToAddress", name)
        for name in (
            "name",
            "company",
            "street1",
            "street2",
            "city",
            "state",
            "zip",
            "country",
            "phone",
            "email",
            "isResidential",
        )
    },
    "shippingPartner": ("transportationDetails", "shippingPartner"),
    "shippingType": ("transportationDetails", "shippingType"),
    "shippingSpeed": ("transportationDetails", "shippingSpeed"),
    "shippingMethod": ("transportationDetails", "shippingMethod"),
    "carrierName": ("transportationDetails", "carrierAccountDetails", "carrierName"),
    "carrierAccountId": ("transportationDetails", "carrierAccountDetails", "carrierAccountId"),
    **{
        f"retailer.{name}": ("retailerData", name)
        for name in (
            "retailer",
            "purchaseOrderNumber",
            "customerPoNumber",
            "department",
            "markForStore",
            "invoiceNumber",
        )
    },
}
CSV_ITEM_COLUMNS: dict[str, tuple[str, ...]] = {
    **{
        name: (name,)
        for name in (
            "logisticsSku",
            "quantity",
            "quantityUOM",
            "quantityPerPack",
            "lineItemId",
            "lotNumber",
            "unitPrice",
            "totalPrice",
            "discount",
        )
    },
    **{name: ("productData", name) for name in ("sku", "upc", "gtin", "buyerPartNumber")},
}
_ORDER_FIELD_COLUMNS = {".".join(path): column for column, path in CSV_ORDER_COLUMNS.items()}
_ITEM_FIELD_COLUMNS = {".".join(path): column for column, path in CSV_ITEM_COLUMNS.items()}


@dataclass(frozen=True)
class Problem:
    """One problem with a bulk input: the file line, the field (or CSV column) and what is wrong."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass
class SourceOrder:
    """One order read from a bulk file: where it starts, its JSON form, and problems found while reading it.

    `item_lines` (CSV only) is the file line of each of its order items, in order.
    """

    line: int
    data: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    item_lines: list[int] = field(default_factory=list)
    csv: bool = False

    @property
    def external_id(self) -> str | None:
        """The order's externalId when it is a non-blank string."""
        value = self.data.get("externalId")
        return value if isinstance(value, str) and value.strip() else None

    def locate(self, field_path: str) -> tuple[int, str]:
        """The file line and the name (CSV column for CSV input) of a create-request field path."""
        if not self.csv:
            return self.line, field_path
        return _csv_locate(field_path, self.line, self.item_lines)


def csv_column_for(field_path: str) -> str | None:
    """The CSV column of an order-level JSON field path (`shipToAddress.zip` -> `shipTo.zip`), if there is one."""
    return _ORDER_FIELD_COLUMNS.get(field_path)


def _csv_locate(field_path: str, line: int, item_lines: Sequence[int]) -> tuple[int, str]:
    if field_path.startswith("orderItems["):
        index_text, _, rest = field_path[len("orderItems[") :].partition("]")
        if index_text.isdigit() and int(index_text) < len(item_lines):
            row = item_lines[int(index_text)]
            return row, _ITEM_FIELD_COLUMNS.get(rest.lstrip("."), field_path)
    return line, _ORDER_FIELD_COLUMNS.get(field_path, field_path)


# --- one order --------------------------------------------------------------------------------------------------


def read_order_file(path: str) -> dict[str, Any]:
    """The order in a JSON or YAML file (`-` reads standard input; JSON is tried first when the name says neither).

    Raises:
        CliError: the file cannot be read (USAGE), or is not a JSON/YAML object (VALIDATION).
    """
    text = _read_text(path)
    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        data = _parse_yaml(text, path)
    elif suffix == ".json":
        data = _parse_json(text, path)
    else:
        try:
            data = json.loads(text)
        except ValueError:
            data = _parse_yaml(text, path)
    if not isinstance(data, dict):
        raise CliError(
            f"{path}: expected one order (a JSON/YAML object), got {type(data).__name__}", ExitCode.VALIDATION
        )
    return data


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from exc


def _parse_json(text: str, path: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise CliError(f"{path} is not valid JSON: {exc}", ExitCode.VALIDATION) from exc


def _parse_yaml(text: str, path: str) -> Any:
    """YAML, except that unquoted values YAML would turn into numbers or dates stay strings where the API wants
    strings (`zip: 07030`, `gtin: 00012345678905`, `shipBy: 2026-03-02T15:00:00Z`)."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _keep_strings(node)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise CliError(f"{path} is not valid YAML: {exc}", ExitCode.VALIDATION) from exc
    finally:
        loader.dispose()


def _keep_strings(node: yaml.Node) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            numeric = isinstance(key, yaml.ScalarNode) and key.value in NUMBER_FIELDS
            if (
                isinstance(value, yaml.ScalarNode)
                and not numeric
                and value.style is None
                and value.tag in _YAML_RETYPED
            ):
                value.tag = f"{_YAML_TAG}str"
            _keep_strings(value)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _keep_strings(child)


# --- bulk files -------------------------------------------------------------------------------------------------


def bulk_format(path: str, explicit: str | None) -> BulkFormat:
    """The bulk format: `explicit` when given, else from the file name (.jsonl/.ndjson/.json or .csv).

    Raises:
        CliError: the name does not tell (USAGE).
    """
    if explicit in ("jsonl", "csv"):
        return "csv" if explicit == "csv" else "jsonl"
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    raise CliError(f"cannot tell the format of {path} from its name: use .jsonl or .csv, or pass --format")


def read_bulk_file(path: str, fmt: BulkFormat) -> list[SourceOrder]:
    """Every order of a JSON Lines or CSV file, with the problems found while reading each.

    Raises:
        CliError: the file cannot be read (USAGE), or the CSV header is unusable (VALIDATION).
    """
    text = _read_text(path)
    return list(_read_jsonl(text)) if fmt == "jsonl" else _read_csv(text)


def _read_jsonl(text: str) -> Iterator[SourceOrder]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except ValueError as exc:
            yield SourceOrder(number, {}, [Problem(number, "(line)", f"is not valid JSON: {exc}")])
            continue
        if not isinstance(data, dict):
            yield SourceOrder(
                number, {}, [Problem(number, "(line)", f"must be a JSON object, got {type(data).__name__}")]
            )
            continue
        yield SourceOrder(number, data)


def _read_csv(text: str) -> list[SourceOrder]:
    reader = csv.reader(text.splitlines(keepends=True))
    columns = [name.strip() for name in next(reader, [])]
    _check_header(columns)
    groups: dict[str, SourceOrder] = {}
    orders: list[SourceOrder] = []
    start = reader.line_num + 1
    for row in reader:
        line, start = start, reader.line_num + 1  # a quoted cell may span lines: the row starts at `line`
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            orders.append(SourceOrder(line, {}, [Problem(line, "(row)", "has more cells than the header")], csv=True))
            continue
        _add_row({name: cell.strip() for name, cell in zip(columns, row, strict=False)}, line, groups, orders)
    return orders


def _check_header(columns: list[str]) -> None:
    known = CSV_ORDER_COLUMNS.keys() | CSV_ITEM_COLUMNS.keys()
    details = [f"line 1: {name or '(empty)'}: unknown column" for name in columns if name not in known]
    details += [f"line 1: {name}: duplicate column" for name in sorted({c for c in columns if columns.count(c) > 1})]
    if "externalId" not in columns:
        details.append("line 1: externalId: column is required (it groups rows into orders and makes re-runs safe)")
    if details:
        raise CliError("the CSV header is not usable (see README, Command line)", ExitCode.VALIDATION, details=details)


def _add_row(values: dict[str, str], line: int, groups: dict[str, SourceOrder], orders: list[SourceOrder]) -> None:
    problems: list[Problem] = []
    order_part = _build(values, CSV_ORDER_COLUMNS, line, problems)
    item = _build(values, CSV_ITEM_COLUMNS, line, problems)
    external_id = values.get("externalId", "")
    order = groups.get(external_id) if external_id else None
    if order is None:
        order_part.setdefault("type", "B2B")
        order = SourceOrder(line, {**order_part, "orderItems": []}, csv=True)
        orders.append(order)
        if external_id:
            groups[external_id] = order
    else:
        problems += _consistency_problems(order, order_part, line)
    order.problems += problems
    order.data["orderItems"].append(item)
    order.item_lines.append(line)


def _build(
    values: Mapping[str, str], columns: Mapping[str, tuple[str, ...]], line: int, problems: list[Problem]
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column, path in columns.items():
        raw = values.get(column, "")
        if raw:
            value = _convert(path[-1], raw)
            if isinstance(value, Problem):
                problems.append(Problem(line, column, value.message))
            else:
                _set_path(data, path, value)
    return data


def _convert(name: str, raw: str) -> Any:
    if name in NUMBER_FIELDS:
        try:
            number = float(raw)
        except ValueError:
            return Problem(0, name, f"must be a number, got {raw!r}")
        return int(number) if number.is_integer() else number
    if name in BOOL_FIELDS:
        lowered = raw.lower()
        if lowered in ("true", "yes", "y", "1"):
            return True
        if lowered in ("false", "no", "n", "0"):
            return False
        return Problem(0, name, f"must be true or false, got {raw!r}")
    return raw


def _set_path(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def _flatten(data: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    for key, value in data.items():
        if isinstance(value, Mapping):
            yield from _flatten(value, (*prefix, key))
        else:
            yield (*prefix, key), value


def _consistency_problems(order: SourceOrder, part: dict[str, Any], line: int) -> list[Problem]:
    """Order columns of a later row of the same externalId must be blank or repeat the first row's values."""
    problems = []
    first = dict(_flatten({k: v for k, v in order.data.items() if k != "orderItems"}))
    for path, value in _flatten(part):
        if path in first and first[path] != value:
            column = _ORDER_FIELD_COLUMNS.get(".".join(path), ".".join(path))
            message = f"differs from line {order.line} of the same externalId ({value!r} vs {first[path]!r})"
            problems.append(Problem(line, column, message))
        elif path not in first:
            _set_path(order.data, path, value)
    return problems
