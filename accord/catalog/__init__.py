"""The catalog: frameworks' requirements as data, joined by the concern taxonomy, and their evaluation."""

from accord.catalog.applicability import Applicable, applicable
from accord.catalog.evaluate import Verdict, evaluate
from accord.catalog.model import (
    EvidenceRule,
    Framework,
    Requirement,
    all_requirements,
    load_catalog,
)

__all__ = [
    "Applicable", "EvidenceRule", "Framework", "Requirement", "Verdict", "all_requirements", "applicable",
    "evaluate", "load_catalog",
]
