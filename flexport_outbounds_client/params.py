"""The JSON form of every request body, as TypedDicts: what a type checker checks a plain-mapping request against.

    from flexport_outbounds_client.params import CreateOrderRequestParam, OrderItemParam

`<Model>Param` mirrors the model `<Model>` (flexport_outbounds_client.models) with the API's camelCase keys, as
sent: `{"externalId": ...}` type-checks, `{"external_id": ...}` is an error. Optional fields are `NotRequired`;
an enum field takes its values as string literals or as the enum's members (`QuantityUom("NEW")` for a value this
version does not list yet).
"""

from ._generated.api import *  # noqa: F403 - every request TypedDict, whatever the spec adds
from ._generated.api import __all__ as __all__
