# flexport-outbounds-client — every developer and CI command. Needs only python3 (3.11+) and make;
# `make test` and `make demo` create .venv themselves. Node/npx is used for `redocly lint` when present; pyright
# (make typecheck) runs on the machine's Node, which it needs.
# `make check` also needs python3.11, python3.12 and python3.13 (on PATH, or installed with pyenv): see noxfile.py.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Post-hooks of the generator call `ruff`: make sure the pinned one from .venv is found first.
export PATH := $(abspath $(BIN)):$(PATH)

GENERATED := flexport_outbounds_client/_generated
SPEC := flexport_outbounds_client/openapi.yaml
# The sandbox's own control endpoints (/_sandbox/...): not generated from, but linted and served.
CONTROL_SPEC := flexport_outbounds_client/sandbox/control-openapi.yaml
REDOCLY := @redocly/cli@2.77.0
GENERATE = $(BIN)/openapi-python-client generate --path $(SPEC) --config generator-config.yaml \
	--custom-template-path templates --meta none --fail-on-warning

.PHONY: help venv generate check-generated api-snapshot check-api api-diff lint lint-spec typecheck test test-fast check \
	demo bench soak clean

help:
	@echo "make test             create .venv, install pinned tools, run the whole test suite"
	@echo "make demo             the main job on the embedded sandbox (no token, no network)"
	@echo "make generate         regenerate $(GENERATED) from $(SPEC)"
	@echo "make check-generated  fail if the committed generated code differs from what the spec produces"
	@echo "make api-snapshot     rewrite public-api.txt, the public API as griffe reads it (make generate does too)"
	@echo "make api-diff REF=x   what the working tree changes for callers since git ref x, breaking changes first"
	@echo "make check            everything CI runs: lint, types, spec, check-generated, check-api, tests on 3.11-3.13"
	@echo "make bench            benchmark table (benchmarks/), not part of the test suite"
	@echo "make soak             the long reliability run, with figures"

# The venv is (re)built when the dependency declarations change. constraints.txt pins every package.
$(VENV)/.installed: pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	@touch $@

venv: $(VENV)/.installed

generate: venv
	rm -rf $(GENERATED)
	$(GENERATE) --output-path $(GENERATED)
	$(PY) -m tools.api snapshot

check-generated: venv
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(GENERATE) --output-path "$$tmp/_generated" >/dev/null && \
	if diff -ru --exclude=__pycache__ "$$tmp/_generated" $(GENERATED); then \
		echo "check-generated: $(GENERATED) is exactly what $(SPEC) produces"; \
	else \
		echo "check-generated: FAILED - $(GENERATED) differs from what $(SPEC) produces (diff above)."; \
		echo "Run 'make generate' and commit the result; never edit $(GENERATED) by hand."; exit 1; \
	fi

# public-api.txt: names, signatures, model fields and enum values of the public API (tools/api.py, griffe).
api-snapshot: venv
	$(PY) -m tools.api snapshot

check-api: venv
	$(PY) -m tools.api snapshot --check

REF ?= HEAD
api-diff: venv
	$(PY) -m tools.api diff $(REF)

lint: venv
	$(BIN)/ruff check --no-cache .
	$(BIN)/ruff format --no-cache --check .

lint-spec: venv
	$(BIN)/openapi-spec-validator $(SPEC) $(CONTROL_SPEC)
	@if command -v npx >/dev/null 2>&1; then \
		cd /tmp && npx --yes $(REDOCLY) lint "$(CURDIR)/$(SPEC)" "$(CURDIR)/$(CONTROL_SPEC)" \
			--config "$(CURDIR)/redocly.yaml" --format=summary; \
	else echo "lint-spec: npx not found, redocly lint skipped (CI installs Node)"; fi

# tests/typing and every python block of README.md (written out with README line numbers) must pass both checkers.
typecheck: venv
	$(BIN)/mypy
	$(PY) -m tools.readme_examples build/readme-examples
	$(BIN)/mypy tests/typing build/readme-examples
	$(BIN)/pyright tests/typing build/readme-examples

test: venv
	$(BIN)/pytest -q

test-fast: venv
	$(BIN)/pytest -q -x -m "not slow"

# The suite on every supported Python (noxfile.py): all of it with coverage on 3.11, the fast tests on 3.12, 3.13.
check: lint lint-spec typecheck check-generated check-api
	$(BIN)/nox

demo: venv
	$(PY) examples/demo.py

# BENCH_ARGS=--quick: a short run to try the benchmark; --self-check: every row once, results checked
bench: venv
	$(PY) -m benchmarks $(BENCH_ARGS)

soak: venv
	$(PY) -m tests.soak

clean:
	rm -rf $(VENV) dist build .mypy_cache .ruff_cache .pytest_cache .coverage htmlcov
