"""Robustness and explanation of a classifier (EU AI Act Art. 15, AI Verify robustness and explainability):
accuracy when its inputs are disturbed, and permutation importance. Every draw comes from one seeded generator.

- noise at level L: a number gets Gaussian noise with standard deviation L × the column's standard deviation;
  a category is, with probability L, replaced by a value drawn from the column's own values.
- missing at level L: each input cell is emptied with probability L (NaN, or None for text).
- permutation importance of a feature: the accuracy lost when that column is shuffled, mean and standard
  deviation over the repeats.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from accord.fairness.rates import wilson
from accord.fairness.result import Rate, clean

if TYPE_CHECKING:
    import pandas as pd

Predict = Callable[["pd.DataFrame"], np.ndarray]  # 0/1 decisions for the rows of a frame


@dataclass(frozen=True)
class Perturbed:
    kind: str              # "noise" or "missing"
    level: float
    accuracy: Rate | None  # None when the model failed on the changed data
    drop: float | None     # clean accuracy - this accuracy
    error: str | None = None


@dataclass(frozen=True)
class Importance:
    feature: str
    mean: float
    std: float
    repeats: int


def accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> Rate:
    k, n = int((y_true == y_pred).sum()), int(y_true.size)
    value, low, high = wilson(np.array(k), np.array(n))
    return Rate(k, n, clean(value), clean(low), clean(high))


def _numeric(column: pd.Series) -> bool:
    return column.dtype.kind in "if"


def with_noise(frame: pd.DataFrame, level: float, rng: np.random.Generator) -> pd.DataFrame:
    out = frame.copy()
    for name in frame.columns:
        column = frame[name]
        if _numeric(column):
            std = float(np.nanstd(column.to_numpy(dtype=np.float64)))
            noisy = column.to_numpy(dtype=np.float64) + rng.normal(0.0, level * std, len(column))
            out[name] = noisy if column.dtype.kind == "f" else np.round(noisy)
        else:
            values = column.to_numpy(dtype=object).copy()
            swap = rng.random(len(values)) < level
            values[swap] = rng.choice(column.to_numpy(dtype=object), int(swap.sum()))
            out[name] = values
    return out


def with_missing(frame: pd.DataFrame, level: float, rng: np.random.Generator) -> pd.DataFrame:
    out = frame.copy()
    for name in frame.columns:
        empty = rng.random(len(frame)) < level
        if _numeric(frame[name]):
            values = frame[name].to_numpy(dtype=np.float64).copy()
            values[empty] = np.nan
        else:
            values = frame[name].to_numpy(dtype=object).copy()
            values[empty] = None
        out[name] = values
    return out


def perturbations(*, frame: pd.DataFrame, y_true: np.ndarray, predict: Predict, clean_accuracy: float,
                  noise_levels: Sequence[float], missing_levels: Sequence[float], seed: int) -> list[Perturbed]:
    rng = np.random.default_rng(seed)
    out = []
    plans = [("noise", lv, with_noise) for lv in noise_levels]
    plans += [("missing", lv, with_missing) for lv in missing_levels]
    for kind, level, change in plans:
        changed = change(frame, level, rng)
        try:
            got = accuracy(y_true, predict(changed))
        except Exception as exc:  # the model's failure on such inputs is the finding
            out.append(Perturbed(kind, level, None, None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"))
            continue
        out.append(Perturbed(kind, level, got, None if got.value is None else clean_accuracy - got.value))
    return out


def permutation_importance(*, frame: pd.DataFrame, y_true: np.ndarray, predict: Predict, baseline: float,
                           repeats: int, seed: int) -> list[Importance]:
    rng = np.random.default_rng(seed)
    out = []
    for name in frame.columns:
        losses = []
        for _ in range(repeats):
            shuffled = frame.copy()
            shuffled[name] = frame[name].to_numpy()[rng.permutation(len(frame))]
            got = accuracy(y_true, predict(shuffled)).value or 0.0
            losses.append(baseline - got)
        out.append(Importance(str(name), float(np.mean(losses)), float(np.std(losses)), repeats))
    return sorted(out, key=lambda i: -i.mean)
