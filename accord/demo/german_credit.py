"""Decode the UCI German Credit file into named columns with readable values, and derive the groups audited.

Derived columns: `sex` from attribute 9 (personal status and sex: A91, A93, A94 male; A92, A95 female) and
`age_group` from attribute 13 (19-25, 26-39, 40-59, 60+). The label `credit_risk` is "good" or "bad"."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = [
    "checking_account", "duration_months", "credit_history", "purpose", "credit_amount", "savings",
    "employment_since", "instalment_rate", "personal_status", "other_debtors", "residence_since", "property",
    "age", "other_instalment_plans", "housing", "existing_credits", "job", "dependents", "telephone",
    "foreign_worker", "credit_risk",
]
SEX = {"A91": "male", "A92": "female", "A93": "male", "A94": "male", "A95": "female"}
AGE_EDGES = (25, 39, 59)
AGE_LABELS = ("19-25", "26-39", "40-59", "60+")
SENSITIVE = ["sex", "age_group"]
LABEL = "credit_risk"
POSITIVE = "good"
# the model does not see personal_status (it encodes sex) or the derived group columns
FEATURES = [c for c in COLUMNS if c not in ("personal_status", LABEL)]


def age_group(age: int) -> str:
    for edge, label in zip(AGE_EDGES, AGE_LABELS, strict=False):
        if age <= edge:
            return label
    return AGE_LABELS[-1]


def load(path: Path) -> pd.DataFrame:
    import pandas as pd

    frame = pd.read_csv(path, sep=" ", header=None, names=COLUMNS)
    frame[LABEL] = frame[LABEL].map({1: "good", 2: "bad"})
    frame["sex"] = frame["personal_status"].map(SEX)
    frame["age_group"] = frame["age"].map(age_group)
    return frame
