"""Group codes: each sensitive column factorised once into small integer codes, and their cross product.

Labels are sorted by the original values (as fairlearn and pandas order groups); a missing value is its own
group, labelled `(missing)` and placed last, so no row is ever dropped silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from accord.errors import ConfigError

MISSING = "(missing)"
JOIN = " & "  # between feature names and between group labels of an intersection
_DENSE_INT_RANGE = 1 << 22  # integer columns spanning less than this are coded by a lookup table, O(n)


@dataclass(frozen=True, eq=False)
class Groups:
    """One sensitive feature (or an intersection): a code per row in [0, len(labels))."""

    feature: str
    codes: np.ndarray
    labels: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.labels)


def _small(codes: np.ndarray, n_groups: int) -> np.ndarray:
    dtype = np.int8 if n_groups < 2**7 else np.int16 if n_groups < 2**15 else np.int32 if n_groups < 2**31 else np.int64
    return codes.astype(dtype, copy=False)


def _label(value: Any) -> str:
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def factorize(values: Any, *, feature: str) -> Groups:
    """Codes and labels for one column: a NumPy array, a list, a pandas Series (Categorical kept as is) or an
    Arrow array (text and dictionaries coded by Arrow without importing pandas)."""
    if type(values).__module__.startswith("pyarrow"):
        coded = _arrow(values, feature)
        if coded is not None:
            return coded
        values = values.to_pandas()  # other Arrow types: as pandas would read them
    import pandas as pd

    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        return _categorical(values.cat.codes.to_numpy(), [_label(c) for c in values.cat.categories], feature)
    arrow = pd.arrays.ArrowExtensionArray | pd.arrays.ArrowStringArray
    if isinstance(values, pd.Series) and isinstance(values.array, arrow) and values.dtype.kind in "OSU":
        return _arrow_strings(values.array.__arrow_array__(), feature)
    arr = values.to_numpy() if isinstance(values, pd.Series) else np.asarray(values)
    if arr.dtype.kind in "iub" and arr.size:
        coded = _integers(arr, feature)
        if coded is not None:
            return coded
    codes, uniques = pd.factorize(arr, sort=False, use_na_sentinel=True)
    return _sorted(codes, uniques, feature)


def _categorical(codes: np.ndarray, labels: list[str], feature: str) -> Groups:
    """Category codes (-1: missing) in the categories' own order; categories no row has are dropped."""
    used = np.bincount(codes.astype(np.intp) + 1, minlength=len(labels) + 1) > 0  # slot 0: missing
    if used[1:].all():
        return _with_missing(codes, labels, feature, has_missing=bool(used[0]))
    lut = np.full(len(labels) + 1, -1, dtype=np.int64)
    kept = np.flatnonzero(used[1:])
    lut[kept + 1] = np.arange(len(kept))
    return _with_missing(lut[codes.astype(np.intp) + 1], [labels[i] for i in kept], feature,
                         has_missing=bool(used[0]))


def _arrow_codes(indices: Any) -> np.ndarray:
    """Arrow dictionary indices as NumPy, -1 where missing (through DLPack: pyarrow's `to_numpy` and
    `fill_null` import pandas, a second's start-up on a small machine; that is paid only when values are missing)."""
    if indices.null_count:
        indices = indices.fill_null(-1)
    return np.from_dlpack(indices)


def _arrow(values: Any, feature: str) -> Groups | None:
    """An Arrow array as pandas would factorise it after reading: a dictionary as a Categorical, text as
    pandas' `str`, integers and booleans without holes as NumPy; None for the other types."""
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        values = values.unify_dictionaries() if pa.types.is_dictionary(values.type) else values
        values = pa.concat_arrays(values.chunks) if values.num_chunks != 1 else values.chunk(0)
    kind = values.type
    if pa.types.is_dictionary(kind):
        return _categorical(_arrow_codes(values.indices), [_label(c) for c in values.dictionary.to_pylist()], feature)
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return _arrow_strings(values, feature)
    if values.null_count or not len(values) or not (pa.types.is_integer(kind) or pa.types.is_boolean(kind)):
        return None
    if pa.types.is_boolean(kind):
        return _integers(np.from_dlpack(values.cast(pa.uint8())).view(np.bool_), feature)
    return _integers(np.from_dlpack(values), feature)


def _arrow_strings(column: Any, feature: str) -> Groups:
    """Strings held by Arrow (pandas' default `str` columns read from CSV or Parquet): dictionary-encoded in
    Arrow's C++, without making a Python string per row (several times faster than `to_numpy()` first)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(column, pa.ChunkedArray):
        column = pa.concat_arrays(column.chunks) if column.num_chunks != 1 else column.chunk(0)
    encoded = pc.dictionary_encode(column)
    return _sorted(_arrow_codes(encoded.indices), np.asarray(encoded.dictionary.to_pylist(), dtype=object), feature)


def _sorted(codes: np.ndarray, uniques: Any, feature: str) -> Groups:
    """Codes into `uniques` (-1: missing) renumbered so that labels are in sorted order."""
    order = _sort_order(uniques)
    remap = np.empty(len(uniques), dtype=np.int64)
    remap[order] = np.arange(len(uniques))
    codes = np.where(codes >= 0, remap[codes] if len(uniques) else codes, -1)
    return _with_missing(codes, [_label(uniques[i]) for i in order], feature)


def _integers(arr: np.ndarray, feature: str) -> Groups | None:
    """Integer or boolean codes in one O(n) pass: a lookup table over the value range (None if too wide)."""
    if arr.dtype.itemsize == 1 or arr.dtype.kind == "b":  # every possible value fits a 256-entry table
        keys = arr.view(np.uint8)
        values = np.arange(256, dtype=np.uint8).view(arr.dtype if arr.dtype.kind != "b" else np.uint8)
        present = np.bincount(keys, minlength=256) > 0
        order = np.argsort(values, kind="stable")
        lut = np.full(256, -1, dtype=np.int16)
        kept = order[present[order]]
        lut[kept] = np.arange(len(kept))
        labels = [str(bool(values[i])) if arr.dtype.kind == "b" else str(int(values[i])) for i in kept]
        if arr.dtype.kind != "b" and np.array_equal(values[kept], np.arange(len(kept))):
            return Groups(feature, arr, tuple(labels))  # already the codes 0..G-1
        return Groups(feature, _small(lut[keys], len(labels)), tuple(labels))
    low, high = int(arr.min()), int(arr.max())
    if high - low >= _DENSE_INT_RANGE:
        return None
    shifted = np.subtract(arr, low, dtype=np.intp)
    present = np.bincount(shifted, minlength=high - low + 1) > 0
    n_groups = int(present.sum())
    if low == 0 and n_groups == high + 1:  # already dense codes 0..G-1
        return Groups(feature, _small(arr, n_groups), tuple(str(v) for v in range(n_groups)))
    lut = _small(np.cumsum(present) - 1, n_groups)
    return Groups(feature, lut[shifted], tuple(str(int(u)) for u in np.flatnonzero(present) + low))


def _sort_order(uniques: Any) -> np.ndarray:
    try:
        return np.argsort(np.asarray(uniques), kind="stable")
    except TypeError:  # mixed types: order by their text
        return np.argsort(np.asarray([str(u) for u in uniques], dtype=object), kind="stable")


def _with_missing(codes: np.ndarray, labels: list[str], feature: str, has_missing: bool | None = None) -> Groups:
    """Codes with -1 for a missing value turned into a last group, `(missing)`."""
    if has_missing is None:
        has_missing = bool(codes.size and codes.min() < 0)
    if has_missing:
        codes = np.where(codes < 0, len(labels), codes)
        labels = [*labels, MISSING]
    return Groups(feature, _small(codes, len(labels)), tuple(labels))


def cross(groups: Sequence[Groups], rows: slice = slice(None)) -> tuple[np.ndarray, tuple[int, ...]]:
    """Mixed-radix code over the full cross product of `groups` (row-major) of the rows in `rows`, and its shape."""
    shape = tuple(g.size for g in groups)
    if float(np.prod(shape, dtype=np.float64)) >= np.iinfo(np.intp).max // 1024:
        raise ConfigError("too many combinations of sensitive groups to count: name fewer sensitive columns, or "
                          "turn `intersections` off")
    code = groups[0].codes[rows].astype(np.intp, copy=True)
    for g in groups[1:]:
        code *= g.size
        code += g.codes[rows]
    return code, shape
