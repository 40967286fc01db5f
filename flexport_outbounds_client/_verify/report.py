"""The verify report: each exchange with its findings, each `x-inferred` fact with its verdict, safe to share.

A report holds no token (every string is redacted), no body, and no value of a response except an unknown enum
value; the ids it names are the ones given on the command line or the test order's.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from .._redact import Secrets

__all__ = ["Fact", "Report", "Step", "Verdict"]


class Verdict(enum.StrEnum):
    """What the probe made of one `x-inferred` fact of openapi.yaml."""

    CONFIRMED = "confirmed"
    CONTRADICTED = "contradicted"
    NOT_TESTABLE = "not testable"


@dataclass(frozen=True, slots=True)
class Fact:
    """One `x-inferred` marker of openapi.yaml (at `pointer`) and what was seen of it."""

    pointer: str
    assumption: str
    verdict: Verdict
    seen: str


@dataclass(frozen=True, slots=True)
class Step:
    """One exchange with the API: what was asked, what came, and how it differs from the spec."""

    name: str
    operation: str  # operationId, or "" for a request to a path the spec does not describe
    method: str
    path: str
    status: int
    correlation_id: str | None
    findings: tuple[tuple[str, str], ...]  # (field, message)

    @property
    def conforms(self) -> bool:
        return not self.findings


@dataclass
class Report:
    """Everything one `flexport-outbounds verify` run found."""

    tool: str
    api_version: str
    base_url: str
    mode: str  # "read-only" or "create-and-cancel"
    started: str
    finished: str = ""
    steps: list[Step] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def drift(self) -> list[str]:
        """One line per difference between the API and the spec (empty when everything conforms)."""
        lines = [f"{step.name}: {name}: {message}" for step in self.steps for name, message in step.findings]
        lines += [f"{fact.pointer}: {fact.seen}" for fact in self.facts if fact.verdict is Verdict.CONTRADICTED]
        return lines

    @property
    def conforms(self) -> bool:
        return not self.drift

    def as_dict(self, secrets: Secrets) -> dict[str, Any]:
        """The JSON form (written to the report file and printed with JSON output), every string redacted."""
        data: dict[str, Any] = {
            "tool": self.tool,
            "apiVersion": self.api_version,
            "baseUrl": self.base_url,
            "mode": self.mode,
            "started": self.started,
            "finished": self.finished,
            "conforms": self.conforms,
            "drift": self.drift,
            "steps": [
                {
                    "name": step.name,
                    "operation": step.operation,
                    "request": f"{step.method} {step.path}",
                    "status": step.status,
                    "correlationId": step.correlation_id,
                    "conforms": step.conforms,
                    "findings": [{"field": name, "message": message} for name, message in step.findings],
                }
                for step in self.steps
            ],
            "facts": [
                {
                    "pointer": fact.pointer,
                    "assumption": fact.assumption,
                    "verdict": str(fact.verdict),
                    "seen": fact.seen,
                }
                for fact in self.facts
            ],
            "notes": self.notes,
        }
        redacted: dict[str, Any] = _redacted(data, secrets)
        return redacted


def _redacted(value: Any, secrets: Secrets) -> Any:
    if isinstance(value, str):
        return secrets.text(value)
    if isinstance(value, dict):
        return {key: _redacted(item, secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [_redacted(item, secrets) for item in value]
    return value
