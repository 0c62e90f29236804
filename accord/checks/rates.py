"""Rates over item records, shared by the chat checks: k of n per metric and slice, with Wilson intervals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from accord.results import ItemRecord, Metric
from accord.stats import wilson

Slice = tuple[tuple[str, str], ...]


def rate_metric(name: str, *, target: str, check: str, k: int, n: int, slice_: Slice | dict[str, str] = ()) -> Metric:
    """One proportion as a metric: k of n with its Wilson 95% interval (`value` None when n == 0)."""
    p = wilson(k, n)
    return Metric(name=name, target=target, check=check, slice=dict(slice_), value=p.rate, k=k, n=n, low=p.low,
                  high=p.high)


def rates_by_slice(check: str, target: str, records: Iterable[ItemRecord], *,
                   name_for: Callable[[ItemRecord], str | None],
                   slices: Callable[[ItemRecord], Iterable[Slice]],
                   hit: Callable[[ItemRecord], bool]) -> list[Metric]:
    """Share of answered records that `hit`, per metric name and slice. `name_for` gives a record's metric name
    (None: not counted); `slices` the slices it counts in. Records that ended in error are never counted."""
    counts: dict[tuple[str, Slice], list[int]] = defaultdict(lambda: [0, 0])
    for r in records:
        name = name_for(r) if r.status == "ok" else None
        if name is None:
            continue
        hits = int(hit(r))
        for key in slices(r):
            cell = counts[(name, key)]
            cell[0] += hits
            cell[1] += 1
    return [rate_metric(name, target=target, check=check, k=k, n=n, slice_=key)
            for (name, key), (k, n) in sorted(counts.items())]


def by_concern_and_language(r: ItemRecord) -> tuple[Slice, ...]:
    """Overall, per concern, per language, and per concern × language."""
    return ((), (("concern", r.concern),), (("language", r.language),),
            (("concern", r.concern), ("language", r.language)))
