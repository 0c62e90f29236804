"""Runner overhead: Accord's runner vs a plain `openai` SDK loop, against a zero-latency local server.

    .venv/bin/python bench/runner_overhead.py [--n 2000] [--concurrency 1,16,64] [--repeats 3] [--no-fail]

For each concurrency c, N probes go through
  a) Accord: `execute(OpenAIChat(config), REFUSAL, probes, ...)` with a real `Store` (SQLite, WAL) in a
     temp dir: HTTP via httpx2, refusal scoring, one SQLite write per item, as `accord audit` runs them;
  b) reference: `openai.AsyncOpenAI(max_retries=0)` with c worker coroutines pulling from the same
     probe list, `chat.completions.create(...)`, keeping the text.
a and b alternate (the order flips each repeat), each measured `--repeats` times after one warm-up;
the table shows medians. The server (bench/zero_latency_server.py) runs in its own process.

Exit status 1 when any median probes/s ratio Accord/reference is below 0.90 (unless --no-fail).
`--profile C` instead runs Accord and the reference once at concurrency C under cProfile.
`--breakdown` instead times Accord with parts stubbed out or swapped, and bare HTTP-client loops,
to attribute the cost per probe (diagnosis only; see bench/RESULTS.md).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import io
import itertools
import os
import platform
import pstats
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

import httpx2  # noqa: E402
import openai  # noqa: E402

from accord.checks.base import Scored  # noqa: E402
from accord.checks.refusal import CHECK as REFUSAL  # noqa: E402
from accord.config import OpenAITarget, Sampling  # noqa: E402
from accord.probes import Probe, load_bank  # noqa: E402
from accord.results import RunOptions  # noqa: E402
from accord.run.runner import RetryPolicy, execute  # noqa: E402
from accord.run.store import Store  # noqa: E402
from accord.targets import openai_http  # noqa: E402
from accord.targets.openai_http import OpenAIChat  # noqa: E402

MODEL = "zero-latency"
PARAMS = Sampling(temperature=0.0, max_tokens=64, seed=0)
THRESHOLD = 0.90


# ---------------------------------------------------------------- server process
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, impl: str) -> None:
        self.port = _free_port()
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "zero_latency_server.py"), str(self.port), "--impl", impl],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit(f"the zero-latency server ({impl}) did not start") from None
                time.sleep(0.05)
        self._tick = os.sysconf("SC_CLK_TCK")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def cpu_s(self) -> float:
        """The server process's user+system CPU seconds so far (Linux /proc)."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / self._tick
        except (OSError, IndexError, ValueError):
            return float("nan")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def system_busy_s() -> float:
    """CPU seconds all processes (and the hypervisor's steal) have used so far, from /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return float("nan")
    user, nice, system, idle, iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


class Clock:
    """Wall time, this process's CPU, the server's CPU and everyone else's over one measurement."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.s0, self.b0 = server.cpu_s(), system_busy_s()
        self.c0, self.t0 = time.process_time(), time.perf_counter()

    def stop(self, n: int) -> Sample:
        wall, cpu = time.perf_counter() - self.t0, time.process_time() - self.c0
        scpu, busy = self.server.cpu_s() - self.s0, system_busy_s() - self.b0
        return Sample(wall, cpu, scpu, max(0.0, busy - cpu - scpu), n)


# ---------------------------------------------------------------- the two clients
def make_probes(n: int, tag: str) -> list[Probe]:
    bank = load_bank("starter").probes
    return [p.model_copy(update={"id": f"{p.id}#{tag}{i}"})
            for i, p in zip(range(n), itertools.cycle(bank), strict=False)]


class _NoProgress:
    def advance(self, target: str, *, ok: bool) -> None:
        pass


@dataclass
class Sample:
    wall_s: float
    cpu_s: float
    server_cpu_s: float
    other_cpu_s: float  # CPU used by other processes on the machine meanwhile (10 ms ticks)
    n: int

    @property
    def rate(self) -> float:
        return self.n / self.wall_s

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu_s / self.n

    @property
    def server_cpu_ms(self) -> float:
        return 1000 * self.server_cpu_s / self.n

    @property
    def other_load(self) -> float:
        """Other processes' CPU as a share of one core over the measurement."""
        return self.other_cpu_s / self.wall_s


async def _accord(server: Server, probes: list[Probe], c: int, workdir: Path) -> Sample:
    config = OpenAITarget(type="openai", name="bench", base_url=server.base_url, model=MODEL, concurrency=c,
                          max_retries=0, timeout_s=60.0)
    store = Store(workdir / f"accord-{time.monotonic_ns()}.db")
    run_id = store.create_run("bench", "runner overhead", "{}", RunOptions(), "bench")
    target = OpenAIChat(config)
    await target.open()  # creates the httpx2 client, GET /models (the audit does this before execute)
    try:
        clock = Clock(server)
        await execute(target, REFUSAL, probes, run_id=run_id, params=PARAMS, concurrency=c,
                      retry=RetryPolicy(max_retries=0), store=store, progress=_NoProgress())
        sample = clock.stop(len(probes))
    finally:
        await target.aclose()
    ok = store._db.execute("SELECT count(*) FROM items WHERE run_id=? AND status='ok'", (run_id,)).fetchone()[0]
    store.close()
    if ok != len(probes):
        raise SystemExit(f"accord: only {ok} of {len(probes)} items ok at concurrency {c}")
    return sample


async def _reference(server: Server, probes: list[Probe], c: int) -> Sample:
    client = openai.AsyncOpenAI(base_url=server.base_url, api_key="x", max_retries=0)
    await client.models.list()  # same warm start as Accord's open()
    pending = iter(probes)
    texts: list[str] = []

    async def worker() -> None:
        for probe in pending:
            resp = await client.chat.completions.create(
                model=MODEL, messages=probe.conversation(),  # type: ignore[arg-type]
                temperature=0, max_tokens=64, seed=0)
            texts.append(resp.choices[0].message.content or "")

    try:
        clock = Clock(server)
        await asyncio.gather(*(worker() for _ in range(c)))
        sample = clock.stop(len(probes))
    finally:
        await client.close()
    if len(texts) != len(probes):
        raise SystemExit(f"reference: only {len(texts)} of {len(probes)} answers at concurrency {c}")
    return sample


def measure(kind: str, server: Server, probes: list[Probe], c: int, workdir: Path) -> Sample:
    if kind == "accord":
        return asyncio.run(_accord(server, probes, c, workdir))
    if kind == "reference":
        return asyncio.run(_reference(server, probes, c))
    return asyncio.run(BREAKDOWN[kind](server, probes, c, workdir))


# ---------------------------------------------------------------- breakdown (diagnosis only)
# Accord with one part stubbed out or swapped at run time (nothing in accord/ is changed on disk),
# and bare HTTP-client loops, to attribute the runner's cost per probe.
class _ConstCheck:
    id = "refusal"

    async def score(self, probe: Probe, reply: object) -> Scored:
        return Scored(label="complied", score=0.0, scorer="const@0")


class _Count:
    def __init__(self) -> None:
        self.ok = 0

    def advance(self, target: str, *, ok: bool) -> None:
        self.ok += ok


async def _accord_variant(server: Server, probes: list[Probe], c: int, workdir: Path, *, score: bool = True,
                          store_writes: bool = True, http: object = httpx2) -> Sample:
    config = OpenAITarget(type="openai", name="bench", base_url=server.base_url, model=MODEL, concurrency=c,
                          max_retries=0, timeout_s=60.0)
    store = Store(workdir / f"variant-{time.monotonic_ns()}.db")
    run_id = store.create_run("bench", "runner overhead", "{}", RunOptions(), "bench")
    if not store_writes:
        store.write_item = lambda record: None  # type: ignore[method-assign]
    progress = _Count()
    openai_http.httpx2 = http  # type: ignore[assignment]  # the module reaches httpx2 only through this name
    try:
        target = OpenAIChat(config)
        await target.open()
        try:
            clock = Clock(server)
            await execute(target, REFUSAL if score else _ConstCheck(), probes, run_id=run_id, params=PARAMS,
                          concurrency=c, retry=RetryPolicy(max_retries=0), store=store, progress=progress)
            sample = clock.stop(len(probes))
        finally:
            await target.aclose()
    finally:
        openai_http.httpx2 = httpx2
        store.close()
    if progress.ok != len(probes):
        raise SystemExit(f"accord variant: only {progress.ok} of {len(probes)} items ok at concurrency {c}")
    return sample


async def _http_loop(server: Server, probes: list[Probe], c: int, workdir: Path, *, http: object) -> Sample:
    """What Accord's target does per request and nothing else: POST, parse JSON, keep the text."""
    client = http.AsyncClient(  # type: ignore[attr-defined]
        base_url=server.base_url + "/",
        limits=http.Limits(max_connections=c, max_keepalive_connections=None),  # type: ignore[attr-defined]
    )
    await client.get("models")
    pending = iter(probes)
    texts: list[str] = []

    async def worker() -> None:
        for probe in pending:
            body = {"model": MODEL, "messages": probe.conversation(), "temperature": 0.0, "max_tokens": 64, "seed": 0}
            response = await client.post("chat/completions", json=body)
            texts.append(response.json()["choices"][0]["message"]["content"])

    try:
        clock = Clock(server)
        await asyncio.gather(*(worker() for _ in range(c)))
        sample = clock.stop(len(probes))
    finally:
        await client.aclose()
    if len(texts) != len(probes):
        raise SystemExit(f"http loop: only {len(texts)} of {len(probes)} answers at concurrency {c}")
    return sample


def _old_httpx() -> object:
    """httpx 0.28 (Accord's client before it moved to httpx2); not installed by the project."""
    try:
        import httpx
    except ImportError:
        raise SystemExit("--breakdown compares against httpx: pip install 'httpx==0.28.1' into .venv first") from None
    return httpx


BREAKDOWN = {
    "accord, no scoring": lambda s, p, c, w: _accord_variant(s, p, c, w, score=False),
    "accord, no store writes": lambda s, p, c, w: _accord_variant(s, p, c, w, store_writes=False),
    "accord, neither": lambda s, p, c, w: _accord_variant(s, p, c, w, score=False, store_writes=False),
    "accord on httpx 0.28": lambda s, p, c, w: _accord_variant(s, p, c, w, http=_old_httpx()),
    "bare httpx 0.28 loop": lambda s, p, c, w: _http_loop(s, p, c, w, http=_old_httpx()),
    "bare httpx2 loop": lambda s, p, c, w: _http_loop(s, p, c, w, http=httpx2),
}


def breakdown(server: Server, n: int, levels: list[int], repeats: int, workdir: Path) -> str:
    kinds = ["accord", *BREAKDOWN, "reference"]
    for kind in kinds:
        measure(kind, server, make_probes(min(n, 500), "warm"), max(levels), workdir)
    got: dict[tuple[str, int], list[Sample]] = {}
    for c in levels:
        for rep in range(repeats):
            for kind in kinds if rep % 2 == 0 else kinds[::-1]:
                got.setdefault((kind, c), []).append(measure(kind, server, make_probes(n, f"b{c}r{rep}"), c, workdir))
    med = statistics.median
    rows = ["| variant | " + " | ".join(f"c={c} probes/s | c={c} CPU ms/probe" for c in levels) + " |",
            "|---|" + "---:|---:|" * len(levels)]
    for kind in kinds:
        cells = [f"{med(s.rate for s in got[(kind, c)]):,.0f} | {med(s.cpu_ms for s in got[(kind, c)]):.3f}"
                 for c in levels]
        rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    busiest = max(s.other_load for ss in got.values() for s in ss)
    return "\n".join(rows) + f"\n\nother processes: up to {100 * busiest:.0f}% of a core during a measurement"


# ---------------------------------------------------------------- report
def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (f"{os.cpu_count()} CPUs visible (nproc {len(os.sched_getaffinity(0))}), {cpu}, "
            f"Python {platform.python_version()}, openai {openai.__version__}")


def table(results: dict[int, dict[str, list[Sample]]]) -> tuple[str, float]:
    rows = [
        "| concurrency | Accord probes/s | reference probes/s | ratio (Accord/ref) | Accord CPU ms/probe "
        "| reference CPU ms/probe | Accord wall s | reference wall s | server CPU ms/probe (A / ref) "
        "| other load, max (% of a core) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    worst = float("inf")
    med = statistics.median
    for c, by in results.items():
        a, r = by["accord"], by["reference"]
        ratio = med(s.rate for s in a) / med(s.rate for s in r)
        worst = min(worst, ratio)
        rows.append(
            f"| {c} | {med(s.rate for s in a):,.0f} | {med(s.rate for s in r):,.0f} | {ratio:.2f} "
            f"| {med(s.cpu_ms for s in a):.3f} | {med(s.cpu_ms for s in r):.3f} "
            f"| {med(s.wall_s for s in a):.2f} | {med(s.wall_s for s in r):.2f} "
            f"| {med(s.server_cpu_ms for s in a):.3f} / {med(s.server_cpu_ms for s in r):.3f} "
            f"| {100 * max(s.other_load for s in a + r):.0f} |"
        )
    return "\n".join(rows), worst


def profile(server: Server, n: int, c: int, workdir: Path, top: int) -> None:
    probes = make_probes(n, "warm")
    measure("accord", server, probes, c, workdir)
    measure("reference", server, probes, c, workdir)
    for kind in ("accord", "reference"):
        prof = cProfile.Profile()
        probes = make_probes(n, f"prof{kind}")
        prof.enable()
        sample = measure(kind, server, probes, c, workdir)
        prof.disable()
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out)
        stats.sort_stats("tottime").print_stats(top)
        stats.sort_stats("cumulative").print_stats(top * 2)
        print(f"## {kind}, concurrency {c}, n {n} (under cProfile: {sample.rate:,.0f} probes/s, "
              f"{sample.cpu_ms:.3f} CPU ms/probe)\n{out.getvalue()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="probes per measurement (default 2000)")
    ap.add_argument("--concurrency", default="1,16,64", help="comma-separated (default 1,16,64)")
    ap.add_argument("--repeats", type=int, default=3, help="measurements per cell; the median is shown")
    ap.add_argument("--server-impl", choices=("raw", "uvicorn"), default="raw")
    ap.add_argument("--no-fail", action="store_true", help="exit 0 even when the 10%% target is missed")
    ap.add_argument("--profile", type=int, metavar="C", help="cProfile Accord and the reference at concurrency C")
    ap.add_argument("--top", type=int, default=30, help="rows per profile listing")
    ap.add_argument("--breakdown", action="store_true",
                    help="diagnosis: also time Accord with scoring / store writes stubbed, Accord on httpx 0.28, "
                         "and bare httpx 0.28 / httpx2 loops (monkeypatched at run time; nothing on disk changes)")
    args = ap.parse_args(argv)
    levels = [int(x) for x in args.concurrency.split(",")]

    server = Server(args.server_impl)
    try:
        with tempfile.TemporaryDirectory(prefix="accord-bench-") as tmp:
            workdir = Path(tmp)
            if args.profile:
                profile(server, args.n, args.profile, workdir, args.top)
                return 0
            if args.breakdown:
                print(breakdown(server, args.n, levels, args.repeats, workdir))
                return 0
            print(f"machine: {machine()}", flush=True)
            print(f"server: {args.server_impl} at {server.base_url}; n={args.n}, repeats={args.repeats}",
                  flush=True)
            warm = make_probes(min(args.n, 500), "warm")
            for kind in ("accord", "reference"):
                measure(kind, server, warm, max(levels), workdir)
            results: dict[int, dict[str, list[Sample]]] = {}
            for c in levels:
                results[c] = {"accord": [], "reference": []}
                for rep in range(args.repeats):
                    order = ("accord", "reference") if rep % 2 == 0 else ("reference", "accord")
                    for kind in order:
                        s = measure(kind, server, make_probes(args.n, f"c{c}r{rep}"), c, workdir)
                        results[c][kind].append(s)
                        print(f"  c={c:<3} rep={rep} {kind:<9} {s.rate:8,.0f} probes/s  {s.cpu_ms:.3f} CPU ms/probe"
                              f"  server {s.server_cpu_ms:.3f} ms/probe  others {100 * s.other_load:.0f}% of a core",
                              flush=True)
    finally:
        server.stop()

    text, worst = table(results)
    print()
    print(text)
    met = worst >= THRESHOLD
    busiest = max(s.other_load for by in results.values() for ss in by.values() for s in ss)
    if busiest > 0.10:
        print(f"\nwarning: other processes used up to {100 * busiest:.0f}% of a core during a measurement; "
              "on a small machine that skews the numbers; rerun on an idle machine")
    print(f"\nworst median ratio {worst:.2f}: the 10% overhead target is {'met' if met else 'NOT met'}")
    return 0 if met or args.no_fail else 1


if __name__ == "__main__":
    sys.exit(main())
