"""The two kinds of check, and what each gives back.

- A **chat check** sends probes to a chat target (openai, local, python): it plans its probes once per run,
  scores each reply as it arrives (the runner stores one item record per probe) and computes its metrics from
  the stored records. Example: `refusal`.
- A **computed check** measures a target in one step (a classifier on its data, a data set, a corpus): it
  returns its metrics and a JSON `details` payload that its report section renders. The runner stores the
  output whole, so a resumed run skips a check that finished. Example: fairness of a classifier.

Both declare, as frozen data: `id`, `title`, `version`, the taxonomy `concerns` they evidence, the `metrics`
they can produce (the catalog's evidence rules may only name produced metrics), their `settings_model` (the
`[checks.<id>]` table) and their `rank` (the report's section order). One name per concept: the check id is
the config table's name, every metric's prefix (`<id>.<metric>`) and the report template's name
(`templates/checks/<id>.html.j2`). Metrics a catalog rule reads are the overall ones (`slice == {}`); slices
are for the report.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from accord.config import AuditConfig, CheckSettings, TargetBase
from accord.probes import Bank, Probe
from accord.results import ItemRecord, Metric, Selection
from accord.targets.base import Reply


@dataclass(frozen=True)
class Scored:
    """A chat check's judgement of one reply."""

    label: str
    score: float | None
    scorer: str  # name@version of what decided the label



class _Described(Protocol):
    """What every check declares, as read-only data."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def concerns(self) -> tuple[str, ...]: ...
    @property
    def metrics(self) -> tuple[str, ...]: ...
    @property
    def settings_model(self) -> type[CheckSettings]: ...
    @property
    def rank(self) -> int: ...


@runtime_checkable
class ChatCheck(_Described, Protocol):
    @property
    def kind(self) -> Literal["chat"]: ...

    def enabled(self, config: AuditConfig) -> bool:
        """Whether the config asks for this check."""
        ...

    def banks(self, config: AuditConfig) -> list[Bank]:
        """The probe banks this check draws from (recorded in the run with their version and digest)."""
        ...

    def plan(self, banks: list[Bank], config: AuditConfig, selection: Selection) -> list[Probe]:
        """The probes every chat target gets, fixed once when the run is created."""
        ...

    async def score(self, probe: Probe, reply: Reply) -> Scored:
        """Judge one reply. May await a judge model; must not raise on odd text (label it instead)."""
        ...

    def compute_metrics(self, target: str, records: Iterable[ItemRecord]) -> list[Metric]:
        """Metrics of one target from its stored records of this check (errors counted apart)."""
        ...


@runtime_checkable
class NeedsSession(Protocol):
    """A chat check that needs something opened for a run (a judge model), offered as an optional method."""

    def session(self, config: AuditConfig) -> AbstractAsyncContextManager[ChatCheck]:
        """An async context giving the check to score with (bound to what it opened), closing it on exit."""
        ...


def check_session(check: ChatCheck, config: AuditConfig) -> AbstractAsyncContextManager[ChatCheck]:
    """The check ready to score replies under `config`: its own session when it has one, else itself."""
    if isinstance(check, NeedsSession):
        return check.session(config)
    return nullcontext(check)


@dataclass(frozen=True)
class CheckOutput:
    """What a computed check measured on one target.

    `details` must be JSON-serialisable; the report section `templates/checks/<id>.html.j2` renders it when
    that template exists (else the report shows the metrics table alone). `summary` holds a few plain lines
    for the command line.
    """

    metrics: list[Metric]
    details: dict[str, Any] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)


@runtime_checkable
class ComputedCheck(_Described, Protocol):
    @property
    def kind(self) -> Literal["computed"]: ...

    def applies_to(self, target: TargetBase, config: AuditConfig) -> bool:
        """Whether this check runs on this target under this config."""
        ...

    def run(self, target: TargetBase, config: AuditConfig, selection: Selection) -> CheckOutput:
        """Measure the target. CPU-bound work is fine: the runner calls it in a worker thread.

        Raise an AccordError with a plain reason when the target cannot be measured (missing file, bad
        column): the runner records the check as failed with that reason and the audit exits 3.
        """
        ...


Check = ChatCheck | ComputedCheck
