"""The licence scan on a Ray cluster (`accord data licences --ray [RAY_ADDRESS]`; needs `accord[ray]`), the way
`accord scan --ray` goes (accord.scan.ray_scan): this process reads the manifest in batches, Ray Data tallies each
batch on the workers, and the tallies are merged back in batch order, so the report is the one this process
would make."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from accord.scan.licence_tally import Columns, Partial, tally
from accord.scan.ray_scan import map_on_ray, ray_session


class _TallyBatches:
    """A Ray Data callable class: tallies manifest batches (accord.scan.licences.tally) on a worker."""

    def __call__(self, rows: dict[str, Any]) -> dict[str, list[Any]]:
        import pandas as pd

        out: dict[str, list[Any]] = {"index": [], "partial": []}
        for index, cols, frame in zip(rows["index"], rows["columns"], rows["frame"], strict=True):
            part = tally(pd.read_json(io.StringIO(str(frame)), orient="split", dtype=False),
                         Columns(**json.loads(str(cols))))
            out["index"].append(int(index))
            out["partial"].append(json.dumps([part.rows, dict(part.by_raw), part.opt_out, part.loose_sources]))
        return out


def tally_ray(batches: Iterable[tuple[Any, Columns]], address: str | None) -> Partial:
    """The merged licence tally of a manifest's (frame, columns) batches, each tallied by Ray Data on the cluster
    at `address`, merged back in batch order: the same Partial as tallying them here."""
    with ray_session(address) as ray:
        items = [{"index": i, "columns": json.dumps(asdict(cols)), "frame": frame.to_json(orient="split", index=False)}
                 for i, (frame, cols) in enumerate(batches)]
        rows = map_on_ray(ray, items, _TallyBatches)
    merged = Partial()
    for row in sorted(rows, key=lambda r: int(r["index"])):
        n, by_raw, opt, loose = json.loads(str(row["partial"]))
        merged = merged.merge(Partial(n, Counter(by_raw), opt, loose))
    return merged
