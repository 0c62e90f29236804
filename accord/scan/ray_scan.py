"""The same scan on a Ray cluster with Ray Data (`accord scan --ray [RAY_ADDRESS]`; needs `accord[ray]`).

This process reads the file and cuts it into the same batches as a local scan; Ray Data scans the batches on
the cluster's workers; the findings come back and are put in the fixed order, so they are byte-identical
to a local scan's. `ray_session` and `map_on_ray` serve every Ray Data job of the package (the licence scan's
too, accord.scan.licence_ray)."""

from __future__ import annotations

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

