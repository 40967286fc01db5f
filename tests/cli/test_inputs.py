"""Reading bulk files: CSV grouping and checks, JSON Lines, and problems reported with their line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flexport_outbounds_client._cli.bulk import plan_orders
from flexport_outbounds_client._cli.errors import CliError, ExitCode
from flexport_outbounds_client._cli.inputs import bulk_format, csv_column_for, read_bulk_file

from .conftest import EXAMPLES, Invoke, order_request

HEADER = (
    "externalId,shipTo.name,shipTo.street1,shipTo.city,shipTo.state,shipTo.zip,shipTo.country,"
    "shippingPartner,shippingType,shipTo.isResidential,logisticsSku,quantity,quantityUOM"
)
ADDRESS = "Filson Seattle,1741 1st Ave S,Seattle,WA,98134,US,FLEXPORT,LTL"


def csv_file(tmp_path: Path, *rows: str, header: str = HEADER) -> str:
    path = tmp_path / "orders.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return str(path)


def test_example_csv_groups_rows_by_external_id() -> None:
    orders = read_bulk_file(str(EXAMPLES / "orders.csv"), "csv")
    assert [(o.external_id, o.line, o.item_lines) for o in orders] == [
        ("PAT-PO-88123", 2, [2, 3, 4]),
        ("LLB-PO-20417", 5, [5, 6]),
        ("FF-PO-7731", 7, [7]),
    ]
    llbean = orders[1].data
    assert llbean["shipToAddress"]["zip"] == "04033"  # leading zero kept
    assert llbean["shipToAddress"]["street2"] == "Dock 14"
    assert llbean["type"] == "B2B"
    assert llbean["orderItems"][0] == {
        "logisticsSku": "DSKU4YMC9WA2L",
        "quantity": 40,
        "quantityUOM": "EACH",
        "unitPrice": 11.25,
    }
    planned, problems = plan_orders(orders)
    assert problems == [] and len(planned) == 3


def test_csv_problems_name_the_row_and_column(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        f"A-1,{ADDRESS},no,SKU-1,2,CASE",
        f"A-1,{ADDRESS.replace('Seattle,WA', 'Tacoma,WA')},,SKU-2,0,CASE",
        f"B-1,{ADDRESS.replace('98134', '')},maybe,SKU-1,two,EACH",
        "",
        f",{ADDRESS},,SKU-1,1,EACH",
        f"C-1,{ADDRESS},,SKU-1,1,EACH,extra",
    )
    planned, problems = plan_orders(read_bulk_file(path, "csv"))
    assert planned == []
    assert sorted(str(p) for p in problems) == [
        "line 3: quantity: must be a number greater than 0, got 0",
        "line 3: shipTo.city: differs from line 2 of the same externalId ('Tacoma' vs 'Seattle')",
        "line 4: quantity: is required",
        "line 4: quantity: must be a number, got 'two'",
        "line 4: shipTo.isResidential: must be true or false, got 'maybe'",
        "line 4: shipTo.zip: is required and must be a non-empty string",
        "line 6: externalId: is required in bulk mode (it is what makes re-runs exactly-once)",
        "line 7: (row): has more cells than the header",
    ]


def test_csv_later_rows_may_fill_a_blank_order_column(tmp_path: Path) -> None:
    header = HEADER + ",notes"
    path = csv_file(tmp_path, f"A-1,{ADDRESS},,SKU-1,1,EACH,", "A-1,,,,,,,,,,SKU-2,1,EACH,Call first", header=header)
    (order,) = read_bulk_file(path, "csv")
    assert order.data["notes"] == "Call first"
    assert order.problems == []


def test_csv_header_problems(tmp_path: Path) -> None:
    with pytest.raises(CliError) as raised:
        read_bulk_file(csv_file(tmp_path, "x,y", header="shipTo.nmae,quantity,quantity"), "csv")
    assert raised.value.exit_code == ExitCode.VALIDATION
    assert raised.value.details == (
        "line 1: shipTo.nmae: unknown column",
        "line 1: quantity: duplicate column",
        "line 1: externalId: column is required (it groups rows into orders and makes re-runs safe)",
    )


def test_csv_header_error_through_the_command(cli: Invoke, tmp_path: Path) -> None:
    result = cli("orders", "create", "--bulk", csv_file(tmp_path, "x", header="sku,colour"))
    assert result.code == 2
    assert "line 1: colour: unknown column" in result.err


def test_unreadable_order_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "orders.jsonl"
    path.write_text('{"externalId": "X", "type": "B2B", "orderItems": [], "shipToAddress": {}}\n[1, 2]\n', "utf-8")
    _, problems = plan_orders(read_bulk_file(str(path), "jsonl"))
    assert {p.line for p in problems[:-1]} == {1}
    assert "orderItems" in {p.field for p in problems}
    assert str(problems[-1]) == "line 2: (line): must be a JSON object, got list"


def test_a_bad_date_is_a_problem_of_its_line(tmp_path: Path) -> None:
    path = tmp_path / "orders.jsonl"
    path.write_text(json.dumps(order_request("D-1", shipBy="next tuesday")) + "\n", "utf-8")
    _, problems = plan_orders(read_bulk_file(str(path), "jsonl"))
    assert len(problems) == 1 and problems[0].line == 1
    assert problems[0].field in ("shipBy", "(order)")  # the client's checks, or building the model, refuse it


def test_bulk_format_from_name_or_option() -> None:
    assert bulk_format("a.JSONL", None) == "jsonl"
    assert bulk_format("a.txt", "csv") == "csv"
    assert bulk_format("a.csv", "jsonl") == "jsonl"
    with pytest.raises(CliError, match="cannot tell the format"):
        bulk_format("a.txt", None)


def test_csv_column_for() -> None:
    assert csv_column_for("shipToAddress.zip") == "shipTo.zip"
    assert csv_column_for("transportationDetails.carrierAccountDetails.carrierName") == "carrierName"
    assert csv_column_for("nothing") is None
