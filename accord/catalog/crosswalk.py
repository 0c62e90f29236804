"""The crosswalk: for each concern of the taxonomy, the requirements of every framework that touch it.

Sub-concerns (TC260-003 Appendix A risks) roll up to their hub concern, so one row answers every framework.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from accord.catalog.model import Framework, Requirement
from accord.taxonomy import Concern, hub_of


@dataclass(frozen=True)
class CrosswalkRow:
    concern: Concern
    by_framework: dict[str, tuple[Requirement, ...]]  # framework id -> requirements touching the concern


def crosswalk(frameworks: Sequence[Framework], taxonomy: dict[str, Concern]) -> list[CrosswalkRow]:
    hubs = [c for c in taxonomy.values() if c.parent is None]
    cells: dict[str, dict[str, list[Requirement]]] = {c.id: {} for c in hubs}
    for f in frameworks:
        for r in f.requirements:
            for hub in dict.fromkeys(hub_of(c, taxonomy) for c in r.concerns):
                cells[hub].setdefault(f.id, []).append(r)
    return [CrosswalkRow(c, {f: tuple(rs) for f, rs in cells[c.id].items()}) for c in hubs]


def requirement_record(req: Requirement) -> dict:
    """The JSON shape of a requirement that `accord catalog list --format json` prints."""
    return {
        "id": req.id, "framework": req.framework, "citation": req.citation, "summary": req.summary,
        "concerns": list(req.concerns), "confidence": req.confidence,
        "evidence": req.evidence.model_dump(exclude_none=True) if req.evidence else None,
        "attestation": req.attestation, "parts": list(req.parts),
        "applies_when": req.applies_when.model_dump(mode="json"),
        "applies_from": req.applies_from.isoformat() if req.applies_from else None,
        "applies_from_basis": req.applies_from_basis,
        "date_changes": [c.model_dump(mode="json") for c in req.date_changes],
        "note": req.note,
        "informed_by": list(req.informed_by),
        "measured_against": [r.model_dump(exclude_none=True) for r in req.measured_against],
    }
