"""The shapes that cross layers: runs, item records, check outputs and metrics. Append-only, versioned.

A bottom-layer module: the runner writes these, the store persists them, the catalog and the report read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

RECORD_SCHEMA_VERSION = 1

# One name per concept (report schema 5, store schema 3): a check's id is its config table's name and the prefix
# of its metrics. The names used before, so that older stores and reports are read under the current ones.
RENAMED_CHECKS = {"tc260-refusal": "tc260_refusal", "bank-coverage": "bank_coverage"}
_RENAMED_METRICS = (
    ("banks.", "bank_coverage."), ("robustness.attack_success_rate", "jailbreak.attack_success_rate"),
    ("robustness.baseline_success_rate", "jailbreak.baseline_success_rate"), ("robustness.", "classifier_robustness."),
    ("explain.permutation_importance", "classifier_robustness.permutation_importance"),
    ("tc260.content_pass_rate", "tc260_content.pass_rate"), ("tc260.content_unparsed", "tc260_content.unparsed"),
)


def current_check_id(check: str) -> str:
    return RENAMED_CHECKS.get(check, check)


def current_metric_name(name: str) -> str:
    for old, new in _RENAMED_METRICS:
        if name.startswith(old):
            return new + name[len(old):]
    return name


def now() -> str:
    """The current time as recorded in runs and records (UTC, ISO 8601, seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Selection:
    """How a run narrows the planned probes for a quick look (the audit's --limit, --sample, --seed)."""

    limit: int | None = None
    sample: int | None = None
    seed: int = 0


class RunOptions(BaseModel):
    """What a run was asked to do beyond its config, stored with the run and read back in one place.

    `banks` records each probe bank the run drew from as `name@version#digest`.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    limit: int | None = None
    sample: int | None = None
    seed: int = 0
    banks: tuple[str, ...] = ()

    @property
    def selection(self) -> Selection:
        return Selection(limit=self.limit, sample=self.sample, seed=self.seed)


RunStatus = Literal["running", "finished", "failed"]


@dataclass(frozen=True)
class RunRow:
    """One run as the store holds it."""

    id: str
    key: str
    name: str
    status: str  # running | finished | failed
    created_at: str
    finished_at: str | None
    config_json: str
    options: RunOptions
    accord_version: str


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
    detail: dict[str, Any] | None = None  # an imported item (`accord import`): the tool's own verdict and how
    # the item was mapped, kept beside Accord's judgement and never counted


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
