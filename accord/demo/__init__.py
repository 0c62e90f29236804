"""The embedded demo classifier: a credit-decision model trained at set-up time on the UCI German Credit data
(`data/`, CC BY 4.0, see data/README.md), so the default audit also measures a predictive system."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "german.data"
TRAINED = HERE / "trained"  # written by `python -m accord.demo.train` (scripts/setup); git-ignored
MODEL = TRAINED / "german_credit.skops"
TEST_DATA = TRAINED / "german_credit_test.csv"
