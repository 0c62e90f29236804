"""Throughput of the licence scan (`accord data licences`) on a 1M-row manifest, whole process (start-up
included), in this process and with Ray, against a plain pandas + license-expression script on the same file.

    .venv/bin/python bench/licence_scan.py [--rows 1000000] [--repeats 3] [--ray-repeats 2] [--dir DIR]

Writes the manifest as Parquet and CSV (seeded; a realistic mix of SPDX ids, loose spellings, URLs, custom
terms, empty values, record counts and opt-out flags), then times each command as a child process: wall time
and the CPU time of the process tree (user + system, from getrusage of the children). Every `accord` run's
JSON report must be identical across repeats and between the in-process and Ray runs, and the peer's totals
must agree with Accord's where both count the same thing (records, missing, opt-out); else exit 1. Prints a
Markdown table with the load average before and after (the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LICENCES = [  # (value as written in a manifest, weight)
    ("MIT", 18), ("Apache-2.0", 14), ("apache 2.0", 4), ("CC-BY-4.0", 12), ("cc-by-sa-4.0", 8),
    ("CC-BY-NC-4.0", 5), ("CC-BY-NC-SA-4.0", 4), ("GPL-3.0-only", 3), ("BSD-3-Clause", 4), ("CC0-1.0", 6),
    ("MIT OR Apache-2.0", 3), ("https://creativecommons.org/licenses/by/4.0/", 2), ("ODbL-1.0", 1),
    ("openrail", 2), ("other", 2), ("proprietary - see terms of service", 2), ("", 8), ("unknown", 2),
]

# The peer: what a careful engineer would write with pandas and license-expression alone. It reads only the
# columns it needs, groups by licence value first (so each distinct value is validated once), and counts the
# same figures by the SPDX ids license-expression returns, with the first 20 sources whose licence it cannot read.
PEER = r"""
import json, re, sys
import pandas as pd
from license_expression import get_spdx_licensing
path = sys.argv[1]
cols = ["source_url", "license", "records", "tdm_opt_out"]
frame = pd.read_parquet(path, columns=cols) if path.endswith(".parquet") else pd.read_csv(
    path, usecols=cols, dtype={"source_url": str, "license": str, "tdm_opt_out": str}, keep_default_na=False)
records = pd.to_numeric(frame["records"], errors="coerce").fillna(1).astype("int64")
by = records.groupby(frame["license"].fillna("").astype(str)).sum()
opt = int(records[frame["tdm_opt_out"].astype(str).str.lower().isin(["true", "yes", "1"])].sum())
lic = get_spdx_licensing()
unknown = set()
out = {"records": int(by.sum()), "missing": 0, "unknown": 0, "non_commercial": 0, "share_alike": 0, "opt_out": opt}
for raw, n in by.items():
    if not raw.strip():
        out["missing"] += int(n); continue
    try:
        info = lic.validate(raw)
        ok = not info.errors and not info.invalid_symbols
    except Exception:
        ok = False
    if not ok:
        out["unknown"] += int(n); unknown.add(raw); continue
    ids = info.normalized_expression
    out["non_commercial"] += int(n) if re.search(r"CC-BY(-[A-Z]+)*-NC", ids) else 0
    out["share_alike"] += int(n) if re.search(r"CC-BY(-[A-Z]+)*-SA", ids) else 0
bad = [raw for raw, n in by.items() if not raw.strip() or raw in unknown]
src = frame["source_url"][frame["license"].isin(bad) & (frame["source_url"] != "")]
out["sources_without_licence"] = src.drop_duplicates().head(20).tolist()
print(json.dumps(out))
"""


def generate(rows: int, folder: Path) -> tuple[Path, Path]:
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(7)
    values = [v for v, _ in LICENCES]
    weights = np.array([w for _, w in LICENCES], dtype=float)
    picks = rng.choice(len(values), size=rows, p=weights / weights.sum())
    frame = pd.DataFrame({
        "source_url": [f"https://site{h}.example/doc/{i}" for i, h in enumerate(rng.integers(0, 50_000, rows))],
        "license": np.array(values, dtype=object)[picks],
        "records": rng.integers(1, 200, rows),
        "tdm_opt_out": np.where(rng.random(rows) < 0.07, "yes", "no"),
    })
    parquet, csv = folder / "manifest.parquet", folder / "manifest.csv"
    frame.to_parquet(parquet, index=False)
    frame.to_csv(csv, index=False)
    return parquet, csv


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the child tree (user + system) and stdout of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def series(name: str, cmd: list[str], repeats: int) -> tuple[float, float, list[str]]:
    walls, cpus, outs = [], [], []
    for _ in range(repeats):
        wall, cpu, out = timed(cmd)
        walls.append(wall)
        cpus.append(cpu)
        outs.append(out)
    print(f"{name}: wall {', '.join(f'{w:.2f}' for w in walls)} s; CPU {', '.join(f'{c:.2f}' for c in cpus)} s",
          file=sys.stderr)
    return statistics.median(walls), statistics.median(cpus), outs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--ray-repeats", type=int, default=2)
    ap.add_argument("--dir", type=Path, default=None)
    args = ap.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="accord-licence-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    load0 = os.getloadavg()
    parquet, csv = generate(args.rows, folder)
    print(f"manifest: {args.rows:,} rows; parquet {parquet.stat().st_size / 1e6:.1f} MB, csv "
          f"{csv.stat().st_size / 1e6:.1f} MB ({folder})", file=sys.stderr)
    py = sys.executable
    table, ok = [], True
    for path in (parquet, csv):
        kind = path.suffix[1:]
        base = [py, "-m", "accord", "data", "licences", str(path), "--json"]
        w_in, c_in, out_in = series(f"accord {kind}", base, args.repeats)
        w_ray, c_ray, out_ray = series(f"accord --ray {kind}", [*base, "--ray"], args.ray_repeats)
        w_peer, c_peer, out_peer = series(f"peer {kind}", [py, "-c", PEER, str(path)], args.repeats)
        reports = [json.loads(o) for o in out_in + out_ray]
        same = all(r == reports[0] for r in reports)
        peer = json.loads(out_peer[0])
        mine = reports[0]
        agree = (peer["records"], peer["missing"], peer["opt_out"]) == \
            (mine["records"], mine["missing_records"], mine["opt_out_records"])
        ok = ok and same and agree
        table.append((kind, w_in, c_in, w_ray, c_ray, w_peer, c_peer, same, agree, mine, peer))
    load1 = os.getloadavg()
    print(f"\nDate {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {platform.processor() or platform.machine()}, "
          f"nproc {os.cpu_count()}; Python {platform.python_version()}; load average before "
          f"{' / '.join(f'{x:.2f}' for x in load0)}, after {' / '.join(f'{x:.2f}' for x in load1)}\n")
    print("| manifest (1 process = whole `python -m accord data licences --json`, start-up included) | wall s | "
          "CPU s | rows/s (wall) |")
    print("|---|---:|---:|---:|")
    for kind, w_in, c_in, w_ray, c_ray, w_peer, c_peer, *_ in table:
        print(f"| {kind}: Accord in-process | {w_in:.2f} | {c_in:.2f} | {args.rows / w_in:,.0f} |")
        print(f"| {kind}: Accord `--ray` (new local Ray, started and stopped in the run) | {w_ray:.2f} | {c_ray:.2f} "
              f"| {args.rows / w_ray:,.0f} |")
        print(f"| {kind}: plain pandas + license-expression script | {w_peer:.2f} | {c_peer:.2f} | "
              f"{args.rows / w_peer:,.0f} |")
    print()
    for kind, w_in, c_in, w_ray, _, w_peer, c_peer, same, agree, mine, peer in table:
        print(f"- {kind}: Accord's throughput / the peer's (wall) {w_peer / w_in:.2f}, (CPU) {c_peer / c_in:.2f}; "
              f"Ray's wall time / in-process {w_ray / w_in:.2f}; reports "
              f"identical across runs and with Ray: {same}; peer agrees on records, missing, opt-out: {agree} "
              f"(unknown: Accord {mine['unknown_records']:,}, peer {peer['unknown']:,}; non-commercial: Accord "
              f"{mine['non_commercial_records']:,}, peer {peer['non_commercial']:,}; share-alike: Accord "
              f"{mine['share_alike_records']:,}, peer {peer['share_alike']:,})")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
