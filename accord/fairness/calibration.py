"""Calibration by score bucket: per group, rows in each of `bins` equal-width buckets of the score in [0, 1],
their mean score and the observed share of positive labels (Wilson interval), and the expected calibration
error ECE = sum over buckets of (bucket rows / group rows) × |mean score - positive share|."""

from __future__ import annotations

import dataclasses

import numpy as np

from accord.fairness.rates import wilson
from accord.fairness.result import CalibrationBin, GroupRow, Rate, clean


def usable(scores: np.ndarray | None, bins: int) -> bool:
    return scores is not None and bins > 0 and scores.size > 0 and scores.min() >= 0.0 and scores.max() <= 1.0


def notes(scores: np.ndarray | None, bins: int) -> tuple[str, ...]:
    if scores is not None and bins > 0 and not usable(scores, bins):
        return ("scores are not all between 0 and 1, so they were not read as probabilities: no calibration",)
    return ()


def buckets(scores: np.ndarray, bins: int) -> np.ndarray:
    """The bucket of each score in [0, 1]: `bins` equal-width buckets, 1.0 in the last."""
    return np.minimum((scores * bins).astype(np.int32), bins - 1)


def per_bin(full: np.ndarray, score_sums: np.ndarray) -> np.ndarray:
    """(M × bins × 3) rows, positive labels and score sums per combination and bucket, from counts shaped
    (M × cells × bins) whose cells are ordered label first (label = cell index // (cells / 2))."""
    m, cells, bins = full.shape
    by_label = full.reshape(m, 2, cells // 2, bins).sum(axis=2)  # (M, 2, bins)
    sums = score_sums.reshape(m, cells, bins).sum(axis=1)
    return np.stack([by_label.sum(axis=1), by_label[:, 1], sums], axis=-1).astype(np.float64)


def attach(rows: list[GroupRow], bins: np.ndarray, n_bins: int) -> tuple[list[GroupRow], list[CalibrationBin]]:
    """Each group's calibration error added to its row, and its non-empty buckets, from (G × bins × 3) sums."""
    out_rows, out_bins = [], []
    for g, row in enumerate(rows):
        counts, positives, sums = bins[g, :, 0], bins[g, :, 1], bins[g, :, 2]
        value, low, high = wilson(positives, counts)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
        used = counts > 0
        ece = float(np.sum(counts[used] * np.abs(mean[used] - value[used])) / counts.sum()) if used.any() else None
        out_rows.append(dataclasses.replace(row, calibration_error=ece))
        for b in np.flatnonzero(used):
            out_bins.append(CalibrationBin(
                feature=row.feature, group=row.group, low=b / n_bins, high=(b + 1) / n_bins, count=int(counts[b]),
                mean_score=clean(mean[b]),
                positive=Rate(int(positives[b]), int(counts[b]), clean(value[b]), clean(low[b]), clean(high[b]))))
    return out_rows, out_bins
