"""A classifier's evaluation data: read a CSV or Parquet file, check each column's role, binarise the label.

Every problem is a one-line `ConfigError` naming the file and the column, with what to do. pandas and pyarrow
are imported here only, when a classifier target is measured.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from accord.config import TabularData
from accord.errors import ConfigError

if TYPE_CHECKING:
    import pandas as pd

FORMATS = {".csv": "csv", ".tsv": "csv", ".parquet": "parquet", ".pq": "parquet"}


@dataclass(frozen=True, eq=False)
class Table:
    """The checked data: the frame, the label as 0/1 (1 = `positive`), and the column roles."""

    path: Path
    frame: pd.DataFrame
    y_true: np.ndarray
    positive: str                 # the favourable outcome, as text (see `key`)
    label_values: tuple[str, ...]  # both label values as text, the positive one last
    sensitive: tuple[str, ...]
    features: tuple[str, ...]

    def decisions(self, values: Any, what: str) -> np.ndarray:
        """Predicted labels (any type) as 0/1 against the positive label; refuses values the label lacks."""
        arr, distinct = distinct_keys(values)
        unknown = sorted(set(distinct) - set(self.label_values))
        if unknown:
            raise ConfigError(f"{what} holds {_few(unknown)}, which the label column {self.path.name} does not: "
                              f"predictions must use the label's values ({_few(self.label_values)})")
        return matching(arr, distinct.get(self.positive, [])).astype(np.uint8)


def key(value: Any) -> str:
    """A label value as text, so 1, 1.0, "1" and True/"True" compare as they should across file types."""
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


def distinct_keys(values: Any) -> tuple[np.ndarray, dict[str, list[Any]]]:
    """A column as an array, and its distinct values grouped by their key (`key`), found without a Python
    string per row: numbers by a count or a sort of the numbers, other values by hashing."""
    arr = np.asarray(values)
    uniques: Any
    if arr.dtype.kind in "iu" and arr.size and int(arr.max()) - int(arr.min()) < 1 << 16:
        low = int(arr.min())
        uniques = np.flatnonzero(np.bincount(np.subtract(arr, low, dtype=np.intp))) + low
    elif arr.dtype.kind in "iubf":
        uniques = np.unique(arr).tolist()
    else:
        items = arr.tolist()
        kinds = set(map(type, items))
        try:
            if bool in kinds and len(kinds) > 1:
                raise TypeError("True == 1 in a set: compare such mixed columns by text")
            uniques = set(items)
        except TypeError:  # unhashable or mixed values: compare by text
            arr = np.asarray([key(v) for v in items], dtype=object)
            uniques = set(arr.tolist())
    distinct: dict[str, list[Any]] = {}
    for value in (uniques.tolist() if isinstance(uniques, np.ndarray) else uniques):
        distinct.setdefault(key(value), []).append(value)
    return arr, distinct


def matching(arr: np.ndarray, values: list[Any]) -> np.ndarray:
    """Whether each element of `arr` is one of `values` (distinct values taken from `arr` itself)."""
    if not values:
        return np.zeros(arr.shape, dtype=bool)
    if arr.dtype.kind != "O":
        return np.isin(arr, np.asarray(values, dtype=arr.dtype))
    wanted = set(values)
    return np.fromiter((v in wanted for v in arr.tolist()), dtype=bool, count=arr.size)


def _few(values: Any, limit: int = 5) -> str:
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def read_frame(path: Path, fmt: str | None = None) -> pd.DataFrame:
    import pandas as pd

    kind = fmt or FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ConfigError(f"cannot tell the format of {path} from its suffix: use .csv or .parquet, or set format")
    if not path.is_file():
        raise ConfigError(f"data file not found: {path}")
    try:
        if kind == "parquet":
            return pd.read_parquet(path)
        return pd.read_csv(path, sep="\t" if path.suffix.lower() == ".tsv" else ",")
    except (OSError, ValueError, ImportError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(f"cannot read {path} as {kind}: {first}") from None


def load_table(data: TabularData, *, uses: tuple[str, ...] = ()) -> Table:
    """Read `data.path` and check its columns. `uses` names extra columns the caller needs (prediction, score)."""
    frame = read_frame(data.path, data.format)
    name = data.path.name
    columns = [str(c) for c in frame.columns]
    frame.columns = columns
    wanted = [data.label, *data.sensitive, *uses, *(data.features or [])]
    missing = [c for c in dict.fromkeys(wanted) if c not in columns]
    if missing:
        raise ConfigError(f"{name} has no column {_few(missing)} (its columns: {_few(columns, 12)})")
    if frame.empty:
        raise ConfigError(f"{name} has no rows")
    for c in (data.label, *uses):
        holes = int(frame[c].isna().sum())
        if holes:
            raise ConfigError(f"column {c!r} of {name} has {holes} missing values: fill them or drop those rows")
    for feature in data.reference:
        if feature not in data.sensitive:
            raise ConfigError(f"reference: {feature!r} is not one of the sensitive columns {_few(data.sensitive)}")
    labels, distinct = distinct_keys(frame[data.label].to_numpy())
    values = sorted(distinct)
    positive = _positive(data, values, name)
    others = [v for v in values if v != positive]
    taken = {data.label, *data.sensitive, *uses}
    features = data.features or [c for c in columns if c not in taken]
    return Table(path=data.path, frame=frame, y_true=matching(labels, distinct.get(positive, [])).astype(np.uint8), positive=positive,
                 label_values=(*others, positive), sensitive=tuple(data.sensitive), features=tuple(features))


def _positive(data: TabularData, values: list[str], name: str) -> str:
    if len(values) > 2:
        raise ConfigError(f"label column {data.label!r} of {name} holds {len(values)} values ({_few(values)}): "
                          "a classifier audit needs two, a favourable outcome and the other")
    if data.positive_label is not None:
        wanted = key(data.positive_label)
        if wanted not in values and len(values) == 2:
            raise ConfigError(f"positive_label {data.positive_label!r} is not a value of column {data.label!r} "
                              f"of {name} (its values: {_few(values)})")
        return wanted
    for pair in (("0", "1"), ("False", "True")):
        if set(values) <= set(pair):
            return pair[1]
    raise ConfigError(f"label column {data.label!r} of {name} holds {_few(values)}: set positive_label to the "
                      "favourable outcome")


def numeric_column(table: Table, column: str) -> np.ndarray:
    """A score column as float64, refusing text and infinities."""
    import pandas as pd

    values = pd.to_numeric(table.frame[column], errors="coerce").to_numpy(dtype=np.float64)
    if not np.isfinite(values).all():
        raise ConfigError(f"column {column!r} of {table.path.name} must hold numbers only (a score per row)")
    return values
