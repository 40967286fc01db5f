"""Every model and enum of the Outbounds API, generated from `openapi.yaml` (attrs classes and string enums).

    from flexport_outbounds_client.models import Order, PackDetail, ShipmentStatus

The most used ones are also importable from `flexport_outbounds_client` itself. Optional fields are `X | Unset`
(`flexport_outbounds_client.UNSET`); enums keep values the spec does not list yet (`member.is_known` is False).
"""

from ._generated.models import *  # noqa: F403 - every generated model and enum, whatever the spec adds
from ._generated.models import __all__ as __all__
