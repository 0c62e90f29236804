"""Counting, the one pass over the rows: `np.bincount` over (combination of groups × cell).

Every row falls in one combination of all sensitive features and in one cell (a confusion cell, a score bucket…).
The counts per combination (the "cube") give every feature's and every intersection's counts by summing, so the
rows are read once whatever the number of features. Empty combinations are dropped before summing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from accord.fairness.encode import JOIN, Groups, cross


@dataclass(frozen=True, eq=False)
class Cube:
    """Counts per observed combination of all sensitive features: `combos` (M × k codes), `cells` (M × C)."""

    groups: tuple[Groups, ...]
    combos: np.ndarray
    cells: np.ndarray

    def membership(self, subset: Sequence[int]) -> tuple[str, tuple[str, ...], np.ndarray]:
        """For the features at `subset`: the feature name, the group labels present, and a one-hot matrix
        (G × M) saying which combinations make up each group (sum with `members @ cells`)."""
        picked = [self.groups[i] for i in subset]
        sub = np.zeros(len(self.combos), dtype=np.int64)
        for i in subset:
            sub = sub * self.groups[i].size + self.combos[:, i]
        present, index = np.unique(sub, return_inverse=True)
        members = np.zeros((len(present), len(self.combos)), dtype=np.int64)
        members[index, np.arange(len(self.combos))] = 1
        labels = []
        for code in present:
            parts = []
            for g in reversed(picked):
                code, rest = divmod(int(code), g.size)
                parts.append(g.labels[rest])
            labels.append(JOIN.join(reversed(parts)))
        return JOIN.join(g.feature for g in picked), tuple(labels), members


def count_rows(groups: Sequence[Groups], cell: np.ndarray, n_cells: int,
               weights: Sequence[np.ndarray] = ()) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Rows per observed combination of all `groups` and cell (`cell` in [0, n_cells)), in one `bincount`.

    Returns the observed combinations (M × k codes), the counts (M × n_cells) and, for each array of
    `weights`, its sums over the same (combination, cell) pairs. Combinations without rows are dropped."""
    code, shape = cross(groups)
    total = int(np.prod(shape))
    if total <= max(4 * code.size, 1 << 16):
        observed = None
    else:  # a sparse cross product: number the combinations that occur instead of all of them
        import pandas as pd

        index, observed = pd.factorize(code, sort=True)
        code, total = index.astype(np.intp), len(observed)
    code *= n_cells
    code += cell
    counts = np.bincount(code, minlength=total * n_cells).reshape(total, n_cells)
    sums = [np.bincount(code, weights=w, minlength=total * n_cells).reshape(total, n_cells) for w in weights]
    keep = np.flatnonzero(counts.sum(axis=1))
    flat = keep if observed is None else observed[keep]
    combos = np.stack(np.unravel_index(flat, shape), axis=1) if len(flat) else np.zeros((0, len(shape)), np.intp)
    return combos, counts[keep], [x[keep] for x in sums]
