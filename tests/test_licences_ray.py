"""`accord data licences --ray`: the same report on a local Ray instance as in this process."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

import accord.scan.licences as licences_module
from accord.scan.licences import licence_report

ray = pytest.importorskip("ray")

LICENCES = ["MIT", "apache 2.0", "CC-BY-NC-SA-4.0", "", "some custom terms", "GPL-3.0-only", "cc-by-sa-4.0",
            "MIT OR Apache-2.0", "https://creativecommons.org/licenses/by-nc/4.0/", "openrail"]


def _manifest(n: int, seed: int) -> pd.DataFrame:
    rng = random.Random(seed)
    return pd.DataFrame({
        "source_url": [f"https://s{rng.randrange(500)}.example/{i}" for i in range(n)],
        "license": [rng.choice(LICENCES) for _ in range(n)],
        "records": [rng.randrange(0, 50) for _ in range(n)],
        "tdm_opt_out": [rng.choice(["yes", "no", "no", ""]) for _ in range(n)],
    })


@pytest.mark.slow
def test_ray_tally_is_identical_to_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    frame = _manifest(5000, seed=4)
    csv, parquet = tmp_path / "m.csv", tmp_path / "m.parquet"
    frame.to_csv(csv, index=False)
    frame.to_parquet(parquet)
    monkeypatch.setattr(licences_module, "BATCH_ROWS", 700)  # several batches, so Ray has several to merge back
    local = {p: licence_report(p).model_dump() for p in (csv, parquet)}
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
             _node_ip_address="127.0.0.1")
    try:
        on_ray = {p: licence_report(p, ray=True).model_dump() for p in (csv, parquet)}
    finally:
        ray.shutdown()
    assert on_ray == local
    r = local[csv]
    assert r["rows"] == 5000 and len(r["licences"]) == 10 and r["unknown_records"] > 0 and r["opt_out_records"] > 0
    assert len(r["sources_without_licence"]) == 20
    assert {k: v for k, v in local[parquet].items() if k != "manifest"} == \
        {k: v for k, v in r.items() if k != "manifest"}
