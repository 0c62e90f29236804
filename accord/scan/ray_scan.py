"""The same scan on a Ray cluster with Ray Data (`accord scan --ray [RAY_ADDRESS]`; needs `accord[ray]`).

This process reads the file and cuts it into the same batches as a local scan; Ray Data scans the batches on
the cluster's workers; the findings come back and are put in the fixed order, so they are byte-identical
to a local scan's. The licence scan (`accord data licences --ray`) goes the same way: its batches are tallied
on the workers and the tallies merged back in order."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from accord.errors import ConfigError
from accord.scan.documents import Document
from accord.scan.findings import Finding


class _ScanBatches:
    """A Ray Data callable class: builds its scanner once per worker."""

    def __init__(self, types: Sequence[str]) -> None:
        from accord.scan.engine import Scanner

        self.scanner = Scanner(types)

    def __call__(self, rows: dict[str, Any]) -> dict[str, list[Any]]:
        from accord.scan.findings import scan_batch

        cols: dict[str, list[Any]] = {k: [] for k in ("doc", "field", "start", "end", "type", "text", "score")}
        for docs, fields, texts in zip(rows["docs"], rows["fields"], rows["texts"], strict=True):
            batch = [Document(int(d), f or None, t) for d, f, t in zip(docs, fields, texts, strict=True)]
            for f in scan_batch(self.scanner, batch):
                for key in cols:
                    cols[key].append(getattr(f, key) if key != "field" else (f.field or ""))
        return cols


@contextmanager
def ray_session(address: str | None) -> Iterator[Any]:
    """The `ray` module, joined to the cluster at `address` (None: RAY_ADDRESS, or a new local one) unless this
    process already is; a cluster joined here is left on the way out."""
    try:
        import ray
    except ImportError:
        raise ConfigError("--ray needs Ray: pip install 'accord[ray]'") from None
    started = not ray.is_initialized()
    if started:
        try:
            ray.init(address=address, include_dashboard=False, log_to_driver=False)
        except (ConnectionError, ValueError, RuntimeError) as exc:
            raise ConfigError(f"cannot reach the Ray cluster at {address or 'the default address'}: {exc}") from None
    try:
        yield ray
    finally:
        if started:
            ray.shutdown()


def map_on_ray(ray: Any, items: list[dict[str, Any]], fn: Any, args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Every row `fn` (a callable class built with `args` once per worker) makes of `items`, one item per Ray
    Data batch, on as many workers as the cluster has CPUs."""
    if not items:
        return []
    ds = ray.data.from_items(items).map_batches(
        fn, fn_constructor_args=args, batch_size=1, batch_format="numpy",
        concurrency=max(1, min(len(items), int(ray.cluster_resources().get("CPU", 1)))))
    return list(ds.take_all())


def scan_ray(batches: Iterable[list[Document]], types: Sequence[str], address: str | None) -> list[Finding]:
    """All findings of `batches`, scanned by Ray Data on the cluster at `address` (None: start a local one,
    or join RAY_ADDRESS)."""
    with ray_session(address) as ray:
        items = [{"docs": [d.doc for d in b], "fields": [d.field or "" for d in b], "texts": [d.text for d in b]}
                 for b in batches]
        rows = map_on_ray(ray, items, _ScanBatches, (tuple(types),))
    found = [Finding(int(r["doc"]), str(r["field"]) or None, int(r["start"]), int(r["end"]), str(r["type"]),
                     str(r["text"]), float(r["score"])) for r in rows]
    found.sort(key=Finding.sort_key)
    return found


class _TallyBatches:
    """A Ray Data callable class: tallies manifest batches (accord.scan.licences.tally) on a worker."""

    def __call__(self, rows: dict[str, Any]) -> dict[str, list[Any]]:
        import pandas as pd

        from accord.scan.licence_tally import Columns, tally

        out: dict[str, list[Any]] = {"index": [], "partial": []}
        for index, cols, frame in zip(rows["index"], rows["columns"], rows["frame"], strict=True):
            part = tally(pd.read_json(io.StringIO(str(frame)), orient="split", dtype=False),
                         Columns(**json.loads(str(cols))))
            out["index"].append(int(index))
            out["partial"].append(json.dumps([part.rows, dict(part.by_raw), part.opt_out, part.loose_sources]))
        return out


def tally_ray(batches: Iterable[tuple[Any, Any]], address: str | None) -> Any:
    """The merged licence tally of a manifest's (frame, columns) batches, each tallied by Ray Data on the cluster
    at `address`, merged back in batch order: the same Partial as tallying them here."""
    from collections import Counter
    from dataclasses import asdict

    from accord.scan.licence_tally import Partial

    with ray_session(address) as ray:
        items = [{"index": i, "columns": json.dumps(asdict(cols)), "frame": frame.to_json(orient="split", index=False)}
                 for i, (frame, cols) in enumerate(batches)]
        rows = map_on_ray(ray, items, _TallyBatches)
    merged = Partial()
    for row in sorted(rows, key=lambda r: int(r["index"])):
        n, by_raw, opt, loose = json.loads(str(row["partial"]))
        merged = merged.merge(Partial(n, Counter(by_raw), opt, loose))
    return merged
