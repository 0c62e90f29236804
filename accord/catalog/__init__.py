"""The catalog: frameworks' requirements as data, joined by the concern taxonomy, and their evaluation."""

from accord.catalog.evaluate import Verdict, evaluate
from accord.catalog.model import Concern, EvidenceRule, Framework, Requirement, load_catalog, load_taxonomy

__all__ = [
    "Concern", "EvidenceRule", "Framework", "Requirement", "Verdict", "evaluate", "load_catalog",
    "load_taxonomy",
]
