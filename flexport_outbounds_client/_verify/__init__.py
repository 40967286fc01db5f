"""`flexport-outbounds verify`: does the real API behave as openapi.yaml says?

Flexport has not published the raw spec, so openapi.yaml marks what it infers (`x-inferred`). The probe
(`probe.verify`) calls the API with a real token through a recording transport (`recorder`), checks every response
against the spec strictly (`conformance`), and judges each marker it can test; the result is a `report.Report`
that is safe to attach to an issue. The modules need jsonschema and pyyaml (the `cli` extra); this one does not,
so the command line can name the prefix in its help without loading them.
"""

from typing import Final

__all__ = ["EXTERNAL_ID_PREFIX"]

EXTERNAL_ID_PREFIX: Final = "flexport-outbounds-verify-"  # every id verify makes up starts with it
