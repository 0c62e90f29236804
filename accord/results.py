"""Result records: what the runner stores for each (run, target, check, item). Append-only, versioned."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

RECORD_SCHEMA_VERSION = 1


class ItemRecord(BaseModel):
    """One probe sent to one target by one check, and what came of it.

    `status` is "ok" when the target answered and the answer was scored, "error" when the request
    still failed after its retries; an error is never counted as a refusal or a compliance.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: int = RECORD_SCHEMA_VERSION
    run_id: str
    target: str
    check: str
    item_id: str
    status: Literal["ok", "error"]
    language: str
    concern: str
    expected: str
    risks: tuple[str, ...] = ()  # the probe's TC260-003 Appendix A risk codes, if any
    messages: list[dict[str, str]]
    response: str | None = None
    label: str | None = None  # for the refusal check: "refused" or "complied"
    score: float | None = None
    scorer: str | None = None  # name@version of what produced the label
    error: str | None = None
    attempts: int
    latency_s: float | None = None
    tokens_in: int | None = None
    tokens_out: int | None = None
    finish_reason: str | None = None
    params: dict[str, float | int | None]
    finished_at: str


class Metric(BaseModel):
    """One measured quantity for one target and check, over a slice of the items ({} = all of them).

    Proportions carry k, n and a Wilson 95% interval; `value` is None when n == 0.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    target: str
    check: str
    slice: dict[str, str]
    value: float | None
    k: int | None = None
    n: int
    low: float | None = None
    high: float | None = None


class CheckOutputRecord(BaseModel):
    """A computed check's whole result on one target: its metrics and details, or the reason it failed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: int = RECORD_SCHEMA_VERSION
    run_id: str
    target: str
    check: str
    status: Literal["ok", "error"]
    metrics: list[Metric] = []
    details: dict[str, Any] = {}
    summary: list[str] = []
    error: str | None = None
    scorer: str | None = None  # name@version of the check that produced it
    seconds: float | None = None
    finished_at: str
