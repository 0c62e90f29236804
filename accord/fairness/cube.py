"""Counting, the one pass over the rows: `np.bincount` over (combination of groups × cell).

Every row falls in one combination of all sensitive features and in one cell (a confusion cell, a score bucket…).
The counts per combination (the "cube") give every feature's and every intersection's counts by summing, so the
rows are read once whatever the number of features. Empty combinations are dropped before summing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
        """For the features at `subset`: the feature name, the group labels present, and the group of each
        combination (M,), to sum combinations into groups with `by_group`."""
        picked = [self.groups[i] for i in subset]
        sub = np.zeros(len(self.combos), dtype=np.int64)
        for i in subset:
            sub = sub * self.groups[i].size + self.combos[:, i]
        present, index = np.unique(sub, return_inverse=True)
        labels = []
        for code in present:
            parts = []
            for g in reversed(picked):
                code, rest = divmod(int(code), g.size)
                parts.append(g.labels[rest])
            labels.append(JOIN.join(reversed(parts)))
        return JOIN.join(g.feature for g in picked), tuple(labels), index.astype(np.intp)


def by_group(index: np.ndarray, n_groups: int, values: np.ndarray, axis: int = 0) -> np.ndarray:
    """Sum `values` over the combinations axis (`axis`, of length M) into `n_groups` groups by `index`."""
    moved = np.moveaxis(values, axis, 0)
    out = np.zeros((n_groups, *moved.shape[1:]), dtype=values.dtype)
    np.add.at(out, index, moved)
    return np.moveaxis(out, 0, axis)


CHUNK = 1 << 20  # rows counted at a time: small buffers, reused, stay in cache


def count_rows(groups: Sequence[Groups], cells_of: Callable[[slice], tuple[np.ndarray, np.ndarray | None]],
               n_cells: int, *, weighted: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Rows per observed combination of all `groups` and cell, counted by `np.bincount` a chunk at a time.

    `cells_of(rows)` gives the cell of each row of the slice (in [0, n_cells)) and, when `weighted`, a weight
    per row whose sums per (combination, cell) are returned too. Returns the observed combinations (M × k
    codes), the counts (M × n_cells) and the sums (or None). Combinations without rows are dropped."""
    shape = tuple(g.size for g in groups)
    total = int(np.prod(shape, dtype=np.float64))
    n = groups[0].codes.size
    if total <= max(4 * n, 1 << 16):
        observed, index = None, None
        chunks = [slice(start, start + CHUNK) for start in range(0, n, CHUNK)]
    else:  # a sparse cross product: number the combinations that occur instead of all of them
        import pandas as pd

        index, observed = pd.factorize(cross(groups)[0], sort=True)
        total, chunks = len(observed), [slice(0, n)]
    counts = np.zeros(total * n_cells, dtype=np.int64)
    sums = np.zeros(total * n_cells, dtype=np.float64) if weighted else None
    for rows in chunks:
        code = cross(groups, rows)[0] if index is None else index[rows].astype(np.intp)
        cell, weights = cells_of(rows)
        code *= n_cells
        code += cell
        counts += np.bincount(code, minlength=total * n_cells)
        if sums is not None:
            sums += np.bincount(code, weights=weights, minlength=total * n_cells)
    table = counts.reshape(total, n_cells)
    keep = np.flatnonzero(table.sum(axis=1))
    flat = keep if observed is None else observed[keep]
    combos = np.stack(np.unravel_index(flat, shape), axis=1) if len(flat) else np.zeros((0, len(shape)), np.intp)
    return combos, table[keep], None if sums is None else sums.reshape(total, n_cells)[keep]
