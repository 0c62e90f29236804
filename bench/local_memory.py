"""Memory of the `local` target's pool on the embedded model, per instance count.

    .venv/bin/python bench/local_memory.py [--max-instances 4] [--n-ctx 2048]

For each pool size, opens a `local` target, answers one request per instance (so every context has been
used), and sums over Accord's process and its worker processes, from /proc/PID/smaps_rollup: RSS (which
counts the memory-mapped weights once per process that touched them), private memory (each process's own)
and shared memory. Each size is measured in a fresh process. Prints one table row per size for docs/local.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from accord.config import LocalTarget, Sampling  # noqa: E402
from accord.targets.base import ChatMessage  # noqa: E402
from accord.targets.local_gguf import LocalChat  # noqa: E402

FIELDS = ("Rss", "Private_Clean", "Private_Dirty", "Shared_Clean", "Shared_Dirty")


def rollup(pid: int) -> dict[str, int]:
    """kB by field of one process."""
    out = dict.fromkeys(FIELDS, 0)
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in out:
            out[key] = int(rest.split()[0])
    return out


def measure(instances: int, n_ctx: int) -> tuple[int, float, float, float]:
    """(processes, RSS MiB, private MiB, shared MiB) summed over this process and the pool's workers."""
    target = LocalChat(LocalTarget.model_validate({"type": "local", "name": "m", "instances": instances,
                                                   "n_threads": 1, "n_ctx": n_ctx}))

    async def run() -> tuple[list[int], dict[str, int]]:
        await target.open()
        try:
            ask = [ChatMessage("user", "Name three colours.")]
            await asyncio.gather(*(target.complete(ask, Sampling(max_tokens=16)) for _ in range(instances)))
            pids = [os.getpid(), *target.worker_pids]
            totals = dict.fromkeys(FIELDS, 0)
            for pid in pids:
                for k, v in rollup(pid).items():
                    totals[k] += v
            return pids, totals
        finally:
            await target.aclose()

    pids, totals = asyncio.run(run())
    private = totals["Private_Clean"] + totals["Private_Dirty"]
    shared = totals["Shared_Clean"] + totals["Shared_Dirty"]
    return len(pids), totals["Rss"] / 1024, private / 1024, shared / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--max-instances", type=int, default=4)
    ap.add_argument("--n-ctx", type=int, default=2048)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:  # one pool size, in a fresh process, so no size inherits what an earlier one left
        procs, rss, private, shared = measure(args.one, args.n_ctx)
        print(f"| {args.one} | {procs} | {rss:.0f} MiB | {private:.0f} MiB | {shared:.0f} MiB |", flush=True)
        return 0
    print("| instances | processes | RSS (sum) | private (sum) | shared (sum) |")
    print("|---:|---:|---:|---:|---:|")
    for n in range(1, args.max_instances + 1):
        subprocess.run([sys.executable, __file__, "--one", str(n), "--n-ctx", str(args.n_ctx)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
