"""Rates per group from confusion counts, each with its k, n and a Wilson 95% interval (vectorised).

Confusion cells are indexed `2 * label + prediction` (1 = positive): 0 TN, 1 FP, 2 FN, 3 TP. Every function
takes counts shaped (..., G, 4), so the same code serves the observed data and a stack of bootstrap replicates.
A rate with n = 0 (a group without positives has no TPR) is NaN here and `None` in results: never 0.
"""

from __future__ import annotations

import numpy as np

from accord.stats import Z95

TN, FP, FN, TP = 0, 1, 2, 3

# name -> (cells counted in k, cells counted in n)
RATES: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "base_rate": ((FN, TP), (TN, FP, FN, TP)),
    "selection_rate": ((FP, TP), (TN, FP, FN, TP)),
    "accuracy": ((TN, TP), (TN, FP, FN, TP)),
    "tpr": ((TP,), (FN, TP)),
    "fpr": ((FP,), (TN, FP)),
    "fnr": ((FN,), (FN, TP)),
    "precision": ((TP,), (FP, TP)),
}


def k_n(cells: np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    hits, base = RATES[name]
    return cells[..., list(hits)].sum(axis=-1), cells[..., list(base)].sum(axis=-1)


def ratio(k: np.ndarray, n: np.ndarray) -> np.ndarray:
    """k / n as float64, NaN where n == 0."""
    k = np.asarray(k, dtype=np.float64)
    n = np.asarray(n, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, k / np.where(n > 0, n, 1.0), np.nan)


def rate(cells: np.ndarray, name: str) -> np.ndarray:
    k, n = k_n(cells, name)
    return ratio(k, n)


def wilson(k: np.ndarray, n: np.ndarray, z: float = Z95) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rate, low and high of the Wilson score interval, elementwise; NaN where n == 0.

    Same formula as `accord.stats.wilson`, so a group's interval here equals the one a check would compute."""
    k = np.asarray(k, dtype=np.float64)
    n = np.asarray(n, dtype=np.float64)
    safe = np.where(n > 0, n, 1.0)
    p = k / safe
    denom = 1 + z * z / safe
    centre = (p + z * z / (2 * safe)) / denom
    half = z * np.sqrt(p * (1 - p) / safe + z * z / (4 * safe * safe)) / denom
    empty = n <= 0
    return (np.where(empty, np.nan, p), np.where(empty, np.nan, np.maximum(0.0, centre - half)),
            np.where(empty, np.nan, np.minimum(1.0, centre + half)))
