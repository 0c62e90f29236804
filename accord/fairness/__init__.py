"""Group fairness of binary decisions: exact counts, rates with Wilson intervals, disparities with seeded
bootstrap intervals and significance tests. Pure NumPy; knows nothing of Accord's config or store.

    from accord.fairness import group_fairness, Settings
    result = group_fairness(y_true=y, y_pred=p, sensitive={"sex": sex, "age": age_group}, score=s)
"""

from accord.fairness.encode import JOIN, MISSING, Groups, factorize
from accord.fairness.engine import group_fairness
from accord.fairness.result import CalibrationBin, Disparity, Estimate, GroupFairness, GroupRow, Rate, Settings

__all__ = ["JOIN", "MISSING", "CalibrationBin", "Disparity", "Estimate", "GroupFairness", "GroupRow", "Groups",
           "Rate", "Settings", "factorize", "group_fairness"]
