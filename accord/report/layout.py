"""How the report page groups the verdicts: the jurisdictions × concerns matrix and one section per framework.

Pure functions over a `Report`; the template only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.catalog import Verdict
from accord.report.schema import FrameworkInfo, MatrixCell, Report

# the order rows are listed in within a framework: what needs action first, what needs only an answer last
ROW_ORDER = ("not met", "contradicted", "inconclusive", "partly met", "met", "not tested", "needs attestation")


@dataclass(frozen=True)
class MatrixRow:
    concern: str  # hub concern id
    label: str
    cells: tuple[MatrixCell | None, ...]  # one per jurisdiction; None where no requirement touches the concern


@dataclass(frozen=True)
class Matrix:
    jurisdictions: tuple[str, ...]
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True)
class FrameworkSection:
    framework: FrameworkInfo
    verdicts: tuple[Verdict, ...]  # in ROW_ORDER, then catalog order
    counts: dict[str, int]  # verdict -> number of requirements (per target)


def matrix(report: Report) -> Matrix:
    """Jurisdictions as columns (in the order frameworks are listed), hub concerns as rows (taxonomy order)."""
    jurisdictions = tuple(dict.fromkeys(c.jurisdiction for c in report.matrix))
    order = {c: i for i, c in enumerate(report.concerns)}
    concerns = sorted({c.concern for c in report.matrix}, key=lambda c: (order.get(c, len(order)), c))
    at = {(c.jurisdiction, c.concern): c for c in report.matrix}
    rows = tuple(MatrixRow(c, report.concerns.get(c, c), tuple(at.get((j, c)) for j in jurisdictions))
                 for c in concerns)
    return Matrix(jurisdictions, rows)


def framework_sections(report: Report) -> list[FrameworkSection]:
    """One section per framework that has verdicts, in the catalog's order."""
    sections = []
    known = {f.id: f for f in report.frameworks}
    by_framework: dict[str, list[Verdict]] = {}
    for v in report.verdicts:
        by_framework.setdefault(v.framework, []).append(v)
    for fid, verdicts in by_framework.items():
        info = known.get(fid) or FrameworkInfo(id=fid, title=fid, jurisdiction="", document="", status="")
        ordered = sorted(verdicts, key=lambda v: ROW_ORDER.index(v.verdict))  # stable: catalog order within
        counts: dict[str, int] = {}
        for v in verdicts:
            counts[v.verdict] = counts.get(v.verdict, 0) + 1
        sections.append(FrameworkSection(info, tuple(ordered), counts))
    return sections
