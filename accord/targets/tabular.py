"""A classifier's evaluation data: read a CSV or Parquet file, check each column's role, binarise the label.

Every problem is a one-line `ConfigError` naming the file and the column, with what to do. pandas and pyarrow
are imported here only, when a classifier target is measured; `load_columns` (`accord fairness`) reads Parquet
with pyarrow alone, without importing pandas.
"""

from __future__ import annotations

from collections.abc import Callable
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
class Labels:
    """The label as 0/1 (1 = `positive`) and the values a decision may take."""

    path: Path
    y_true: np.ndarray
    positive: str                 # the favourable outcome, as text (see `key`)
    label_values: tuple[str, ...]  # both label values as text, the positive one last

    def decisions(self, values: Any, what: str) -> np.ndarray:
        """Predicted labels (any type) as 0/1 against the positive label; refuses values the label lacks."""
        arr, distinct = distinct_keys(values)
        unknown = sorted(set(distinct) - set(self.label_values))
        if unknown:
            raise ConfigError(f"{what} holds {_few(unknown)}, which the label column {self.path.name} does not: "
                              f"predictions must use the label's values ({_few(self.label_values)})")
        return matching(arr, distinct.get(self.positive, [])).astype(np.uint8)


@dataclass(frozen=True, eq=False)
class Table(Labels):
    """The checked data: the frame, the label, and the column roles."""

    frame: pd.DataFrame
    sensitive: tuple[str, ...]
    features: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Columns(Labels):
    """The checked columns a quick measurement needs (`accord fairness`): from Parquet, Arrow arrays read
    without pandas (a NumPy-ready `values`, or `factorize`-ready as they are); from CSV, pandas Series."""

    columns: dict[str, Any]

    def values(self, column: str) -> np.ndarray:
        return _numpy(self.columns[column])

    def numbers(self, column: str) -> np.ndarray:
        """A score column as float64, refusing text and infinities."""
        return _numbers(self.columns[column], column, self.path)


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


def _kind(path: Path, fmt: str | None) -> str:
    kind = fmt or FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ConfigError(f"cannot tell the format of {path} from its suffix: use .csv or .parquet, or set format")
    if not path.is_file():
        raise ConfigError(f"data file not found: {path}")
    return kind


def read_frame(path: Path, fmt: str | None = None) -> pd.DataFrame:
    import pandas as pd

    kind = _kind(path, fmt)
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
    columns = [str(c) for c in frame.columns]
    frame.columns = columns
    labels = _checked(data, uses, columns, len(frame), lambda c: int(frame[c].isna().sum()),
                      lambda: frame[data.label].to_numpy())
    taken = {data.label, *data.sensitive, *uses}
    features = data.features or [c for c in columns if c not in taken]
    return Table(path=labels.path, y_true=labels.y_true, positive=labels.positive, label_values=labels.label_values,
                 frame=frame, sensitive=tuple(data.sensitive), features=tuple(features))


def load_columns(data: TabularData, *, uses: tuple[str, ...] = ()) -> Columns:
    """The label, sensitive and `uses` columns of `data.path`, checked as `load_table` checks them. Parquet is
    read by pyarrow alone (only these columns; pandas is not imported), CSV through `load_table`."""
    needed = list(dict.fromkeys([data.label, *data.sensitive, *uses]))
    if _kind(data.path, data.format) != "parquet":
        table = load_table(data, uses=uses)
        return Columns(path=table.path, y_true=table.y_true, positive=table.positive,
                       label_values=table.label_values, columns={c: table.frame[c] for c in needed})
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(data.path)  # not pq.read_table: its dataset layer imports pandas
        columns = [c for c in parquet.schema_arrow.names if not c.startswith("__index_level_")]  # pandas' index
        present = [c for c in needed if c in columns]
        arrow = parquet.read(columns=present)
        rows = arrow.num_rows
        read = {c: _one_chunk(arrow.column(c)) for c in present}
    except (OSError, ValueError, ImportError, pa.ArrowException) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(f"cannot read {data.path} as parquet: {first}") from None
    labels = _checked(data, uses, columns, rows, lambda c: _holes(read[c]), lambda: _numpy(read[data.label]))
    return Columns(path=labels.path, y_true=labels.y_true, positive=labels.positive,
                   label_values=labels.label_values, columns=read)


def _checked(data: TabularData, uses: tuple[str, ...], columns: list[str], rows: int,
             holes: Callable[[str], int], label: Callable[[], np.ndarray]) -> Labels:
    """The checks every reading of a data file makes, and its label as 0/1."""
    name = data.path.name
    wanted = [data.label, *data.sensitive, *uses, *(data.features or [])]
    missing = [c for c in dict.fromkeys(wanted) if c not in columns]
    if missing:
        raise ConfigError(f"{name} has no column {_few(missing)} (its columns: {_few(columns, 12)})")
    if rows == 0:
        raise ConfigError(f"{name} has no rows")
    for c in (data.label, *uses):
        count = holes(c)
        if count:
            raise ConfigError(f"column {c!r} of {name} has {count} missing values: fill them or drop those rows")
    for feature in data.reference:
        if feature not in data.sensitive:
            raise ConfigError(f"reference: {feature!r} is not one of the sensitive columns {_few(data.sensitive)}")
    values_, distinct = distinct_keys(label())
    values = sorted(distinct)
    positive = _positive(data, values, name)
    others = [v for v in values if v != positive]
    return Labels(path=data.path, y_true=matching(values_, distinct.get(positive, [])).astype(np.uint8),
                  positive=positive, label_values=(*others, positive))


def _one_chunk(column: Any) -> Any:
    """An Arrow column as one array (dictionaries unified across chunks, as pandas does)."""
    import pyarrow as pa

    if column.num_chunks == 1:
        return column.chunk(0)
    if pa.types.is_dictionary(column.type):
        column = column.unify_dictionaries()
    return pa.concat_arrays(column.chunks) if column.num_chunks else pa.array([], type=column.type)


def _holes(array: Any) -> int:
    """Missing values as pandas counts them: nulls, and NaN in a float column."""
    import pyarrow as pa
    import pyarrow.compute as pc

    count = array.null_count
    if pa.types.is_floating(array.type):
        count += int(pc.sum(pc.is_nan(array)).as_py() or 0)
    return count


def _numpy(values: Any) -> np.ndarray:
    """A column as NumPy, as pandas would give it; Arrow numbers, booleans and text without importing pandas
    (pyarrow's own `to_numpy` imports it: a second's start-up on a small machine)."""
    if not type(values).__module__.startswith("pyarrow"):
        return np.asarray(values.to_numpy() if hasattr(values, "to_numpy") else values)
    import pyarrow as pa

    if pa.types.is_dictionary(values.type):
        values = values.dictionary_decode()
    kind = values.type
    if values.null_count == 0:
        if pa.types.is_integer(kind) or pa.types.is_floating(kind):
            return np.from_dlpack(values)
        if pa.types.is_boolean(kind):
            return np.from_dlpack(values.cast(pa.uint8())).view(np.bool_)
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            encoded = values.dictionary_encode()  # a Python string per distinct value, not per row
            return np.asarray(encoded.dictionary.to_pylist(), dtype=object)[np.from_dlpack(encoded.indices)]
    return np.asarray(values.to_pandas().to_numpy())  # other types, or holes: pandas' conversion


def _numbers(values: Any, column: str, path: Path) -> np.ndarray:
    if type(values).__module__.startswith("pyarrow"):
        import pyarrow as pa

        numeric = values.null_count == 0 and (pa.types.is_integer(values.type) or pa.types.is_floating(values.type))
        out = np.from_dlpack(values).astype(np.float64) if numeric else _coerced(values.to_pandas())
    else:
        out = _coerced(values)
    if not np.isfinite(out).all():
        raise ConfigError(f"column {column!r} of {path.name} must hold numbers only (a score per row)")
    return out


def _coerced(values: Any) -> np.ndarray:
    import pandas as pd

    return np.asarray(pd.to_numeric(values, errors="coerce"), dtype=np.float64)


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
    return _numbers(table.frame[column], column, table.path)
