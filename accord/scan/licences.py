"""Training-data licence evidence from a dataset manifest: licences normalised to SPDX, and what they allow.

A manifest lists the records (or the sources) of a training set with a licence each, as CSV, JSONL or Parquet.
Columns are found by name (case-insensitive): the licence (`license`, `licence`, `license_id`, `spdx`,
`spdx_id`), the source (`url`, `source_url`, `source`, `homepage`), a record count when a row stands for many
records (`records`, `count`, `num_records`, `rows`), and an opt-out signal when recorded (`opt_out`,
`tdm_opt_out`, `tdm_reservation`, `ai_opt_out`: true/yes/1).

Licences are normalised with the `license-expression` library's SPDX licence list (an expression such as
`MIT OR Apache-2.0` is kept whole; case and spacing are forgiven: `apache 2.0` → `Apache-2.0`). A value that
names no SPDX licence is **unknown**, an empty one **missing**. Terms read from the SPDX ids: **non-commercial**
(a Creative Commons `-NC` licence), **share-alike** (a Creative Commons `-SA` licence) and **copyleft** (the
GPL, LGPL, AGPL, MPL, EPL, EUPL, CDDL, OSL families and ODbL, which ask derived works to keep the licence). An
expression with OR is counted under a term only when every choice carries it. A licence given as a URL is
read when it is an SPDX licence page (`https://spdx.org/licenses/MIT.html`) or a Creative Commons deed
(`https://creativecommons.org/licenses/by-sa/4.0/`, `.../publicdomain/zero/1.0/`), as Croissant recommends.

A Hugging Face dataset card or a Croissant file is read as a manifest by `accord.scan.licence_cards`; with
`ray`, a table's batches are tallied on a Ray cluster (`accord.scan.licence_ray`) to the same report.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from accord.scan.licence_tally import (
    COUNT_COLUMNS,
    LICENCE_COLUMNS,
    OPT_OUT_COLUMNS,
    SOURCE_COLUMNS,
    Columns,
    LicenceLine,
    LicenceReport,
    ManifestError,
    Normalised,
    Partial,
    build_report,
    normalise,
    tally,
    terms,
)

__all__ = ["COUNT_COLUMNS", "LICENCE_COLUMNS", "OPT_OUT_COLUMNS", "SOURCE_COLUMNS", "Columns", "LicenceLine",
           "LicenceReport", "ManifestError", "Normalised", "Partial", "build_report", "licence_report", "normalise",
           "tally", "table_batches", "terms"]

BATCH_ROWS = 100_000
TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".parquet")


def _header(path: Path) -> list[str] | None:
    """The column names of a CSV or Parquet manifest, read without its rows (None for JSONL: known per batch)."""
    import pandas as pd

    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return [str(c) for c in pd.read_csv(path, nrows=0).columns]
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return list(pq.ParquetFile(path).schema_arrow.names)
    except (OSError, ValueError) as exc:
        raise ManifestError(f"{path}: cannot read the manifest: {exc}") from None
    if suffix in (".jsonl", ".ndjson"):
        return None
    raise ManifestError(f"{path}: a manifest is .csv, .jsonl, .parquet, a dataset card (README.md) or a Croissant "
                        "file (.json)")


def _batches(path: Path, columns: list[str] | None) -> Iterator[Any]:
    """The manifest as pandas frames of at most BATCH_ROWS rows (of `columns` only, when given)."""
    import pandas as pd

    suffix = path.suffix.lower()
    try:
        if suffix == ".csv" and columns is not None:
            yield from _csv_batches(path, columns)
        elif suffix == ".csv":
            yield from pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=BATCH_ROWS)
        elif suffix == ".parquet":
            import pyarrow.parquet as pq

            for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, columns=columns):
                yield batch.to_pandas()
        else:
            yield from pd.read_json(path, lines=True, dtype=False, chunksize=BATCH_ROWS)
    except (OSError, ValueError) as exc:
        raise ManifestError(f"{path}: cannot read the manifest: {exc}") from None


def _csv_batches(path: Path, columns: list[str]) -> Iterator[Any]:
    """`columns` of a CSV file as text (empty cells stay empty strings), read by pyarrow's streaming CSV reader
    and cut into frames of BATCH_ROWS rows."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    convert = pcsv.ConvertOptions(include_columns=columns, column_types=dict.fromkeys(columns, pa.string()),
                                  strings_can_be_null=False)
    pending: list[Any] = []
    held = 0
    for batch in pcsv.open_csv(path, convert_options=convert, read_options=pcsv.ReadOptions(block_size=8 << 20)):
        pending.append(batch)
        held += batch.num_rows
        while held >= BATCH_ROWS:
            table = pa.Table.from_batches(pending)
            yield table.slice(0, BATCH_ROWS).to_pandas()
            rest = table.slice(BATCH_ROWS)
            pending, held = rest.to_batches(), rest.num_rows
    if held:
        yield pa.Table.from_batches(pending).to_pandas()


def table_batches(path: Path, licence_column: str | None) -> Iterator[tuple[Any, Columns]]:
    """Each batch of a table manifest with its columns, cut to the columns that matter (a CSV or Parquet file
    reads only those)."""
    header = _header(path)
    cols = Columns.of(path, header, licence_column) if header is not None else None
    for frame in _batches(path, cols.keep() if cols else None):
        cols = cols or Columns.of(path, frame.columns, licence_column)
        missing = [c for c in cols.keep() if c not in frame.columns]
        if missing:
            raise ManifestError(f"{path}: a batch lacks the column(s) {', '.join(missing)}")
        yield frame[cols.keep()], cols


def licence_report(path: Path, *, licence_column: str | None = None, ray: bool = False,
                   ray_address: str | None = None) -> LicenceReport:
    """Read the manifest at `path` (a table, a Hugging Face dataset card or a Croissant file) and tally its
    records by normalised licence. With `ray`, the batches of a table are tallied by Ray Data on the cluster at
    `ray_address` (None: a new local one, or RAY_ADDRESS); the report is the same."""
    if not path.is_file():
        raise ManifestError(f"{path}: no such file")
    from accord.scan.licence_cards import card_kind, read_card

    kind = card_kind(path)
    if kind is not None:
        card = read_card(path, kind)
        return build_report(str(path), tally(card.frame, card.columns), format=kind, based_on=card.based_on,
                            findings=card.findings, cite_as=card.cite_as)
    if ray:
        from accord.scan.licence_ray import tally_ray

        part = tally_ray(table_batches(path, licence_column), ray_address)
    else:
        part = Partial()
        for frame, cols in table_batches(path, licence_column):
            part = part.merge(tally(frame, cols))
    return build_report(str(path), part)
