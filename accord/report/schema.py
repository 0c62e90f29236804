"""report.json's schema. Readers refuse a newer `schema_version` than they know."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from accord.catalog import Verdict
from accord.errors import ConfigError
from accord.results import Metric, current_check_id, current_metric_name

REPORT_SCHEMA_VERSION = 6  # 2: frameworks, matrix, applicability and attestations; 3: computed checks;
# 4: judges carry split, precision, recall, kappa, unparsed; 5: verdicts `inconclusive` and `contradicted`, per-
# language and per-group lines, judge-corrected rates; judges recorded with the run (specificity, labelled digest);
# one name per concept (check ids = metric prefixes, results.RENAMED_CHECKS); frameworks may be marked superseded;
# 6: `todo` (what is left to do, open questions); attested verdicts carry question, who, when and evidence files


class _M(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Latency(_M):
    p50_s: float | None
    p90_s: float | None
    p99_s: float | None


class Transcript(_M):
    item_id: str
    language: str
    concern: str
    expected: str
    prompt: str
    response: str
    label: str
    score: float | None


class FailedItem(_M):
    item_id: str
    language: str
    concern: str
    error: str
    attempts: int


class CheckResult(_M):
    """One check on one target. A chat check counts requests (planned, answered, errors, not run); a computed
    check is one planned measurement (answered 1, or errors 1 with `error` saying why) with `details` for its
    report section."""

    check: str
    kind: Literal["chat", "computed"] = "chat"
    title: str
    scorer: str | None
    planned: int
    answered: int
    errors: int
    not_run: int
    latency: Latency
    tokens_in: int
    tokens_out: int
    metrics: list[Metric]
    failed_items: list[FailedItem]
    transcripts: list[Transcript]
    details: dict[str, Any] = {}
    summary: list[str] = []
    error: str | None = None
    seconds: float | None = None


class TargetResult(_M):
    name: str
    type: str
    description: str
    checks: list[CheckResult]


class JudgeAccuracy(_M):
    """A judge's measured agreement with human labels on one language's held-out (`split`) labelled records."""

    judge: str
    language: str
    n: int
    accuracy: float
    low: float | None = None
    high: float | None = None
    dataset: str
    split: str = "test"
    precision: float | None = None
    recall: float | None = None
    kappa: float | None = None
    unparsed: int = 0
    specificity: float | None = None
    labelled_sha256: str | None = None  # the labelled sets measured, as recorded with the run
    measured_at: str | None = None


class RunInfo(_M):
    id: str
    name: str
    status: str
    created_at: str
    finished_at: str | None
    accord_version: str
    options: dict[str, int | str | None]
    sampling: dict[str, float | int | None]
    banks: list[str]


class FrameworkInfo(_M):
    id: str
    title: str
    jurisdiction: str
    document: str
    status: str
    superseded: str | None = None  # "superseded by <id> on <date>: <source>", when a later framework replaced it


class MatrixCell(_M):
    """One cell of the jurisdictions × concerns matrix: the worst verdict of the requirements in it."""

    jurisdiction: str
    concern: str  # a hub concern id; sub-concerns roll up to it
    verdict: str
    counts: dict[str, int]  # verdict -> number of requirements (per target) in the cell


class OpenQuestion(_M):
    """A questionnaire question still open: the verdicts one answer would settle, and the frameworks they are in."""

    id: str
    question: str
    verdicts: int
    frameworks: list[str]
    requirements: list[str]


class ToDo(_M):
    """What is left to do: the verdicts decided by measurement, by documentation, by attestation, and those still
    open (needs attestation, not tested, inconclusive); the open questions in the questionnaire's order."""

    measurement: int
    documentation: int = 0  # `not met` because documentation named complete lacks a required element
    attestation: int
    open: int
    open_questions: list[OpenQuestion] = []
    answers_file: str | None = None  # the attestations file the answers came from
    example: str | None = None  # set when that file is marked as example answers
    settled_by_file: int = 0  # verdicts decided by an answer in that file
    evidence_findings: list[str] = []  # evidence files changed, missing or not recorded since they were answered


class Report(_M):
    schema_version: int = REPORT_SCHEMA_VERSION
    run: RunInfo
    targets: list[TargetResult]
    verdicts: list[Verdict]
    judges: list[JudgeAccuracy]
    concerns: dict[str, str]  # id -> English name, for the tables
    frameworks: list[FrameworkInfo] = []
    matrix: list[MatrixCell] = []
    todo: ToDo | None = None


def load_report(path: Path) -> Report:
    """Read a report.json. Versions 1-4 load with the checks and metrics under their current names (every field
    added since has a default and no verdict label was removed); a newer version is refused."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"cannot read the report {path}: {exc}") from None
    version = raw.get("schema_version", 1) if isinstance(raw, dict) else None
    if not isinstance(version, int):
        raise ConfigError(f"{path} is not an Accord report.json (no schema_version)")
    if version > REPORT_SCHEMA_VERSION:
        raise ConfigError(f"{path} was written by a newer Accord (report schema {version}, this one reads up to "
                          f"{REPORT_SCHEMA_VERSION}); upgrade Accord to read it")
    if version < 5:
        raw = _renamed(raw)
    try:
        return Report.model_validate({**raw, "schema_version": REPORT_SCHEMA_VERSION})
    except ValidationError as exc:
        raise ConfigError(f"{path}: not a valid report (schema {version}): {exc.errors()[0]['msg']}") from None


def _renamed(raw: dict) -> dict:
    """Schema 4 and earlier → 5: checks and metrics under their current names."""
    for t in raw.get("targets", []):
        for c in t.get("checks", []):
            c["check"] = current_check_id(c["check"])
            for m in c.get("metrics", []):
                m["name"], m["check"] = current_metric_name(m["name"]), current_check_id(m["check"])
    for v in raw.get("verdicts", []):
        if v.get("metric"):
            v["metric"] = current_metric_name(v["metric"])
        for o in v.get("observations", []):
            o["name"] = current_metric_name(o["name"])
    return raw
