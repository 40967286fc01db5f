"""Generated client for the Flexport Outbounds API (2026-02).

DO NOT EDIT: this package is written by `make generate` (openapi-python-client, pinned) from openapi.yaml,
generator-config.yaml and templates/. `make check-generated` fails when it differs from what the spec produces.
Import from `flexport_outbounds_client` instead: this package is an implementation detail.
"""
