"""Create-order validation: every documented rule, every offending field named, nothing sent."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flexport_outbounds_client import CreateOrderRequest, RequestValidationError
from flexport_outbounds_client._validation import (
    _id_problem,
    _is_plain_json,
    _json_problems,
    check_path_id,
    validate_create_order,
)

from .conftest import create_request


def item(sku: str = "SKU-A", **overrides: Any) -> dict[str, Any]:
    """An order item; a None override leaves the field out (null is refused: the spec has no nullable fields)."""
    fields = {"logisticsSku": sku, "quantity": 1, "quantityUOM": "EACH", **overrides}
    return {key: value for key, value in fields.items() if value is not None}


def problems(request: Any) -> dict[str, str]:
    with pytest.raises(RequestValidationError) as info:
        validate_create_order(request)
    return info.value.errors


def test_valid_mapping_becomes_a_model() -> None:
    model = validate_create_order(create_request())
    assert isinstance(model, CreateOrderRequest)
    assert model.to_dict() == create_request()


def test_valid_model_is_returned_as_is() -> None:
    model = CreateOrderRequest.from_dict(create_request())
    assert validate_create_order(model) is model


def test_model_gets_the_same_checks_as_a_mapping() -> None:
    model = CreateOrderRequest.from_dict(create_request(orderItems=[item(quantity=0)]))
    assert problems(model) == {"orderItems[0].quantity": "must be a number greater than 0, got 0"}


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"type": "DROP_SHIP"}, {"type"}),
        ({"orderItems": []}, {"orderItems"}),
        ({"orderItems": "SKU-A"}, {"orderItems"}),
        ({"orderItems": [item(f"SKU-{i}") for i in range(1001)]}, {"orderItems"}),
        ({"orderItems": [item(), item()]}, {"orderItems[1]"}),
        ({"orderItems": [item(quantity=-2)]}, {"orderItems[0].quantity"}),
        ({"orderItems": [item(quantity=True)]}, {"orderItems[0].quantity"}),
        ({"orderItems": [item(quantity=float("nan"))]}, {"orderItems[0].quantity"}),
        ({"orderItems": [item(quantity=None)]}, {"orderItems[0].quantity"}),
        ({"orderItems": [item(quantityUOM="PALLET")]}, {"orderItems[0].quantityUOM"}),
        ({"orderItems": [item(quantityPerPack=0)]}, {"orderItems[0].quantityPerPack"}),
        ({"orderItems": [item(unitPrice=-1)]}, {"orderItems[0].unitPrice"}),
        ({"orderItems": [item(logisticsSku=None)]}, {"orderItems[0].productData"}),
        ({"orderItems": [item(logisticsSku=None, productData={"upc": ""})]}, {"orderItems[0].productData"}),
        ({"orderItems": [item(logisticsSku=None, productData="x")]}, {"orderItems[0].productData"}),
        ({"orderItems": [item(logisticsSku="  ")]}, {"orderItems[0].logisticsSku"}),
        ({"orderItems": [item(productData={"gtin": 12345678})]}, {"orderItems[0].productData.gtin"}),
        ({"orderItems": ["not an object"]}, {"orderItems[0]"}),
        ({"shipToAddress": None}, {"shipToAddress"}),
        (
            {"shipToAddress": {"name": "Dock"}},
            {f"shipToAddress.{f}" for f in ("street1", "city", "zip", "state", "country")},
        ),
        ({"transportationDetails": None}, {"transportationDetails"}),
        ({"externalId": ""}, {"externalId"}),
        ({"currencyCode": "LTL"}, {"currencyCode"}),
        ({"currencyCode": "usd"}, {"currencyCode"}),
        (
            {"retailerData": {"address": {"name": "x"}}},
            {f"retailerData.address.{f}" for f in ("street1", "city", "zip", "state", "country")},
        ),
    ],
)
def test_each_rule_names_the_offending_field(overrides: dict[str, Any], fields: set[str]) -> None:
    assert set(problems(create_request(**overrides))) == fields


def test_all_problems_are_reported_at_once() -> None:
    request = create_request(type="EDI", orderItems=[item(quantity=0), item(quantity=0)], shipToAddress=None)
    found = problems(request)
    assert {"type", "orderItems[0].quantity", "orderItems[1].quantity", "orderItems[1]", "shipToAddress"} <= set(found)
    assert "5 problem(s)" in str(RequestValidationError(found))


def test_duplicate_product_data_skus_are_refused() -> None:
    items = [item(logisticsSku=None, productData={"sku": "ABC"}), item(logisticsSku=None, productData={"sku": "ABC"})]
    assert "duplicate SKU 'ABC'" in problems(create_request(orderItems=items))["orderItems[1]"]


def test_product_data_alone_identifies_an_item() -> None:
    items = [
        item(logisticsSku=None, productData={"gtin": "00012345678905"}),
        item(logisticsSku=None, productData={"sku": "B"}),
    ]
    validate_create_order(create_request(orderItems=items, currencyCode="USD"))


def test_exactly_1000_items_are_allowed() -> None:
    validate_create_order(create_request(orderItems=[item(f"SKU-{i}") for i in range(1000)]))


def test_wrong_request_type_is_refused() -> None:
    assert problems(["not", "a", "mapping"]) == {"request": "expected CreateOrderRequest or a mapping, got list"}


_ANY_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()  # NaN and infinities included
    | st.text(max_size=5)
    | st.sets(st.integers(), max_size=2),
    lambda children: (
        st.lists(children, max_size=3)
        | st.tuples(children)
        | st.dictionaries(st.text(max_size=3) | st.integers(), children, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(_ANY_VALUE)
def test_the_fast_json_check_agrees_with_the_one_that_names_paths(value: Any) -> None:
    # validate_create_order builds the paths only when the fast check fails: both must agree on every value
    assert _is_plain_json(value) == (not list(_json_problems("", value)))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="Az09-._~ /\x00", max_size=6) | st.text(max_size=3) | st.just("x" * 513) | st.integers())
def test_the_fast_id_check_refuses_what_the_full_one_refuses(value: Any) -> None:
    # check_path_id accepts plain ids with one regex; anything else goes through every rule of _id_problem
    try:
        assert check_path_id("order_id", value) == value
        accepted = True
    except RequestValidationError:
        accepted = False
    assert accepted == (_id_problem(value) is None)
