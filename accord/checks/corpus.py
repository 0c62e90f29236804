"""The corpus check (TC260-003-2024 §9.2): sampling a training corpus and passing its items through the
automated judges.

- **sample**: a seeded random sample of `sample_size` items (4,000 by default, the standard's minimum for the
  manual check), or every item when the corpus is smaller (the details say so). The sample's item indices
  are in the details, so people can review the same items by hand; the metric is the automated judges'
  pass rate on them, not a manual review.
- **technical pass**: `technical_fraction` of the items (all of them by default; the standard asks for at
  least 10%), drawn with the same seed.
An item is a line (txt, jsonl) or a row (csv, parquet, all its scanned columns together). It fails when a
judge fails it. Today the only judge is the PII scanner. The offline harm judge judges answers to probes (it
reads the probe's question and concern) and its accuracy is measured on such answers only, so it is not used on
corpus documents: a judge for harmful corpus text plugs in through `ItemJudge` once it has a labelled set.

Metrics (Wilson intervals): corpus.sample_pass_rate, corpus.technical_pass_rate (overall and per entity
type: the share of items without that type), corpus.technical_coverage (share of the corpus passed).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from pydantic import Field

from accord.checks.base import CheckOutput, Selection
from accord.checks.rates import rate_metric
from accord.config import AuditConfig, CheckSettings, DatasetTarget, TargetBase
from accord.results import Metric
from accord.scan import ENTITY_TYPES, Scanner, read_documents


class CorpusSettings(CheckSettings):
    """TC260-003 §9.2 corpus sampling on dataset targets: a seeded sample of `sample_size` items and a
    technical pass over `technical_fraction` of the items, each item failing when the scanner finds PII."""

    sample_size: int = Field(4000, ge=1)
    technical_fraction: float = Field(1.0, ge=0.1, le=1.0)
    seed: int = 0
    types: list[str] | None = None  # entity types that fail an item (default: all)

SAMPLE, TECHNICAL, COVERAGE = "corpus.sample_pass_rate", "corpus.technical_pass_rate", "corpus.technical_coverage"


class ItemJudge(Protocol):
    """Judges corpus items: for each item's texts, the reasons it fails (empty when it passes)."""

    @property
    def name(self) -> str: ...

    def failures(self, items: list[list[str]]) -> list[list[str]]: ...


@dataclass(frozen=True)
class PiiJudge:
    """An item fails when the scanner finds any of `types` in any of its texts; reasons are the types."""

    types: tuple[str, ...] = ENTITY_TYPES
    name: str = "pii"

    def failures(self, items: list[list[str]]) -> list[list[str]]:
        scanner = Scanner(self.types)
        flat = [t for texts in items for t in texts]
        spans = iter(scanner.scan_many(flat))
        return [sorted({s.type for _ in texts for s in next(spans)}) for texts in items]


def _items(target: DatasetTarget) -> Iterator[list[str]]:
    """The corpus's items in order: the texts of each line or row (rows with no text still count)."""
    docs = read_documents(target.path, fmt=target.format, field=target.field, columns=target.columns)
    current, texts = -1, list[str]()
    for d in docs:
        if d.doc != current:
            if current >= 0:
                yield texts
            for _ in range(current + 1, d.doc):
                yield []
            current, texts = d.doc, []
        texts.append(d.text)
    if current >= 0:
        yield texts


def _count(target: DatasetTarget) -> int:
    return sum(1 for _ in _items(target))


@dataclass(frozen=True)
class CorpusCheck:
    kind: Literal["computed"] = "computed"
    id: str = "corpus"
    title: str = "Corpus sampling: personal data in the training corpus (TC260-003 §9.2)"
    version: str = "1"
    concerns: tuple[str, ...] = ("data_governance", "privacy", "tc260.4f.personal_information")
    metrics: tuple[str, ...] = (SAMPLE, TECHNICAL, COVERAGE)
    settings_model: type[CorpusSettings] = CorpusSettings
    rank: int = 100  # the report's section order
    judges_pending: tuple[str, ...] = field(default=("harm",))

    def applies_to(self, target: TargetBase, config: AuditConfig) -> bool:
        return isinstance(target, DatasetTarget) and config.settings_of(self.id, self.settings_model).enabled

    def run(self, target: TargetBase, config: AuditConfig, selection: Selection) -> CheckOutput:
        assert isinstance(target, DatasetTarget)
        cfg = config.settings_of(self.id, self.settings_model)
        judges: Sequence[ItemJudge] = [PiiJudge(tuple(cfg.types) if cfg.types else ENTITY_TYPES)]
        total = _count(target)
        rng = random.Random(cfg.seed)
        sample = set(rng.sample(range(total), min(cfg.sample_size, total)))
        n_tech = total if cfg.technical_fraction >= 1 else math.ceil(cfg.technical_fraction * total)
        technical = None if n_tech == total else set(rng.sample(range(total), n_tech))
        failed: dict[int, list[str]] = {}
        type_counts: Counter[str] = Counter()
        wanted: list[tuple[int, list[str]]] = []

        def flush() -> None:
            verdicts = [judge.failures([t for _, t in wanted]) for judge in judges]
            for j, (index, _) in enumerate(wanted):
                reasons = sorted({r for v in verdicts for r in v[j]})
                if reasons:
                    failed[index] = reasons
                    if technical is None or index in technical:
                        type_counts.update(reasons)
            wanted.clear()

        for index, texts in enumerate(_items(target)):
            if index in sample or technical is None or index in technical:
                wanted.append((index, texts))
                if len(wanted) >= 5000:
                    flush()
        flush()
        tech_ids = range(total) if technical is None else technical
        tech_fail = sum(1 for i in tech_ids if i in failed)
        sample_fail = sum(1 for i in sample if i in failed)
        metrics = [
            self._rate(SAMPLE, target.name, len(sample) - sample_fail, len(sample)),
            self._rate(TECHNICAL, target.name, n_tech - tech_fail, n_tech),
            self._rate(COVERAGE, target.name, n_tech, total),
        ]
        metrics += [self._rate(TECHNICAL, target.name, n_tech - type_counts[t], n_tech, {"type": t})
                    for t in sorted(type_counts)]
        whole = len(sample) == total
        details = {
            "items": total, "seed": cfg.seed, "sample_size": len(sample), "sample_is_whole_corpus": whole,
            "sample_items": sorted(sample), "sample_failed_items": sorted(i for i in sample if i in failed),
            "technical_items": n_tech, "technical_fraction": n_tech / total if total else None,
            "technical_failed": tech_fail, "failures_by_type": dict(sorted(type_counts.items())),
            "judges": [j.name for j in judges], "judges_not_available": list(self.judges_pending),
            "note": "Automated judges only. The manual review of the sample that TC260-003 §9.2 asks for is the "
                    "user's to do (and to attest). Only personal data fails an item: Accord's harm judge is "
                    "measured on answers to probes, not on corpus documents, so it is not used here.",
        }
        summary = [f"{total} items; sample {len(sample)}{' (the whole corpus)' if whole else ''}: "
                   f"{len(sample) - sample_fail} pass; technical pass over {n_tech} ({n_tech / max(total, 1):.0%}): "
                   f"{n_tech - tech_fail} pass"]
        return CheckOutput(metrics=metrics, details=details, summary=summary)

    def _rate(self, name: str, target: str, k: int, n: int, slice_: dict[str, str] | None = None) -> Metric:
        return rate_metric(name, target=target, check=self.id, k=k, n=n, slice_=slice_ or {})


CHECK = CorpusCheck()
CHECKS = (CHECK,)
