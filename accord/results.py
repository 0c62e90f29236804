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


class JudgeFigures(BaseModel):
    """A judge's recorded agreement with human labels on one language's held-out items, for the class a rate
    counts: of `sensitivity_n` items truly of the class it called `sensitivity_k` so; of `specificity_n` items
    truly not, it called `specificity_k` not."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    language: str
    sensitivity_k: int
    sensitivity_n: int
    specificity_k: int
    specificity_n: int


class JudgeCorrection(BaseModel):
    """What the judge's measured error does to a judged rate (accord.stats_judged): the Rogan–Gladen corrected
    rate and a 95% interval carrying both the items' sampling error and the judge's validation error. Without
    figures (a judge not measured for this run, or a language it was not measured in) nothing is corrected."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    judge: str  # name@version of the judge that labelled the items
    labelled: str | None = None  # digest of the labelled sets its figures were measured on
    figures: tuple[JudgeFigures, ...] = ()
    corrected: float | None = None
    low: float | None = None
    high: float | None = None


class Metric(BaseModel):
    """One measured quantity for one target and check, over a slice of the items ({} = all of them).

    Proportions carry k, n and a Wilson 95% interval; `value` is None when n == 0. A rate decided by a judge
    carries `judge`: the judge's recorded figures and the corrected rate with its interval.
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
    judge: JudgeCorrection | None = None


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
