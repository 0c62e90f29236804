"""`--ray`: the same scan on a local Ray instance gives byte-identical findings to the local scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.scan import scan_path
from tests.support.pii_corpus import generate

ray = pytest.importorskip("ray")


@pytest.mark.slow
def test_ray_scan_is_byte_identical_to_local(tmp_path: Path) -> None:
    src = tmp_path / "corpus.txt"
    src.write_text("\n".join(d.text for d in generate(2000, seed=9)) + "\n", encoding="utf-8")
    import accord.scan.findings as findings_module

    local = "".join(f.to_json() + "\n" for _, found in scan_path(src, workers=1) for f in found)
    old = findings_module.BATCH_CHARS
    findings_module.BATCH_CHARS = 50_000  # several batches, so Ray has several tasks to order back
    ray.init(address="local", num_cpus=1, include_dashboard=False, log_to_driver=False,
             _node_ip_address="127.0.0.1")
    try:
        on_ray = "".join(f.to_json() + "\n" for _, found in scan_path(src, ray=True) for f in found)
    finally:
        ray.shutdown()
        findings_module.BATCH_CHARS = old
    assert on_ray == local and local.count("\n") > 2000
