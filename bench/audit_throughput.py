"""Audit throughput on the embedded model: Accord's audit probe phase against the model-bound limit.

    .venv/bin/python bench/audit_throughput.py [--n 60] [--max-tokens 64] [--rounds 3] [--no-fail]

One run, one process tree, the same N probes (drawn from the tc260-refuse bank as the `tc260_refusal` check
draws them, seed 0) and the same settings (temperature 0, --max-tokens new tokens, seed 0, n_ctx 2048):
  a) the model-bound limit: the best of two plain llama-cpp-python loops, each in child processes that load
     the model first and start together on a signal: `2x1` two processes, one `Llama` with 1 thread each,
     probes split between them; `1x2` one process, one `Llama` with 2 threads, probes in a loop (stopped, and
     reported as slower, once it has taken twice as long as `2x1`: a 2-thread instance stalls when another
     process holds a core). Plain `create_chat_completion` calls: they reuse the previous prompt's cached
     prefix, as a plain loop does;
  b) Accord: `run_audit` (the real planner, runner, refusal scorer and SQLite store) on a config with one
     `local` target (the embedded model, pool sized by default) and only the `tc260_refusal` check, drawing
     the same N probes; timed from the probe phase's start to its end as the progress display sees them,
     so model loading and the report are left out of both.
The 1x2 loop runs once; then the best loop and Accord run in turn for --rounds rounds (a shared virtual machine
drifts by 10-15% between runs of under a minute, so one pair decides nothing). Prints requests/s of each run,
the medians and the ratio of Accord's median to the best loop's; exits 1 when it is under 0.90 (unless
--no-fail). Also prints the machine (nproc, CPU model), the load average before and after, and how
many of Accord's answers are identical to the plain loop's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

from accord.audit import AuditOptions, run_audit  # noqa: E402
from accord.checks import Selection, only  # noqa: E402
from accord.checks.refusal import TC260_CHECK  # noqa: E402
from accord.config import AuditConfig, LocalTarget  # noqa: E402
from accord.plugins import parse_config  # noqa: E402
from accord.probes import Probe  # noqa: E402
from accord.run.store import Store  # noqa: E402
from accord.targets.embedded import embedded_model_path  # noqa: E402

THRESHOLD = 0.90
N_CTX = 2048


def audit_config(n: int, max_tokens: int) -> AuditConfig:
    return parse_config({
        "name": "audit throughput bench",
        "sampling": {"temperature": 0.0, "max_tokens": max_tokens, "seed": 0},
        "targets": [{"name": "smollm2", "type": "local", "n_ctx": N_CTX}],
        "checks": only({"tc260_refusal": {"banks": ["tc260-refuse"], "draw": n}}),  # nothing else beside it
    }, source="bench config")


def bench_probes(config: AuditConfig) -> list[Probe]:
    return TC260_CHECK.plan(TC260_CHECK.banks(config), config, Selection(limit=None, sample=None, seed=0))


# ---------------------------------------------------------------- plain llama-cpp-python loops
def worker(threads: int, max_tokens: int, conversations_file: str, results_file: str) -> None:
    """Child process: load the model, say `ready`, wait for `go` on stdin, answer the conversations in a plain
    loop, write the answers and the monotonic clock at start and end (system-wide, comparable across
    processes) to `results_file`."""
    from llama_cpp import Llama

    conversations = json.loads(Path(conversations_file).read_text(encoding="utf-8"))
    llm: Any = Llama(model_path=str(embedded_model_path()), n_ctx=N_CTX, n_threads=threads,
                     n_threads_batch=threads, verbose=False)
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.monotonic()
    answers = [llm.create_chat_completion(messages=messages, temperature=0.0, max_tokens=max_tokens, seed=0)
               ["choices"][0]["message"]["content"] for messages in conversations]
    result = {"start": started, "end": time.monotonic(), "answers": answers}
    Path(results_file).write_text(json.dumps(result), encoding="utf-8")


def plain_loop(probes: list[Probe], processes: int, threads: int, max_tokens: int,
               cap_s: float | None) -> tuple[float, dict[str, str]] | None:
    """Requests/s of `processes` plain loops with `threads` threads each, and the answers by probe id; None
    when they were stopped after `cap_s` seconds."""
    shares = [probes[i::processes] for i in range(processes)]
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, share in enumerate(shares):
            (Path(tmp) / f"in{i}.json").write_text(json.dumps([p.conversation() for p in share]), encoding="utf-8")
            files.append(Path(tmp) / f"out{i}.json")
        children = [subprocess.Popen([sys.executable, __file__, "--worker", str(threads), "--max-tokens",
                                      str(max_tokens), str(Path(tmp) / f"in{i}.json"), str(files[i])],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                    for i in range(processes)]
        for child in children:
            assert child.stdout is not None and child.stdout.readline().strip() == "ready", "worker failed to load"
        started = time.monotonic()
        for child in children:  # every child has loaded the model: start them together
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        try:
            for child in children:
                child.wait(timeout=None if cap_s is None else max(0.1, started + cap_s - time.monotonic()))
        except subprocess.TimeoutExpired:
            for child in children:
                child.kill()
                child.wait()
            return None
        assert all(child.returncode == 0 for child in children), "a worker failed"
        results = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    wall = max(r["end"] for r in results) - min(r["start"] for r in results)
    answers = {p.id: a for share, r in zip(shares, results, strict=True)
               for p, a in zip(share, r["answers"], strict=True)}
    return len(probes) / wall, answers


# ---------------------------------------------------------------- Accord
class PhaseClock:
    """A progress display that notes when each piece of work starts and finishes."""

    def __init__(self) -> None:
        self.started: dict[str, float] = {}
        self.finished: dict[str, float] = {}

    def begin(self, total: int, done: int) -> None:
        pass

    def start(self, target: str, total: int, done: int) -> None:
        self.started[target] = time.monotonic()

    def advance(self, target: str, *, ok: bool) -> None:
        pass

    def finish(self, target: str) -> None:
        self.finished[target] = time.monotonic()

    def summary(self) -> list[str]:
        return []


def accord_audit(config: AuditConfig, n: int) -> tuple[float, float, dict[str, str], LocalTarget]:
    """Requests/s of Accord's probe phase, run_audit's whole wall time, the answers, the target as sized."""
    clock = PhaseClock()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "runs.db")
        started = time.monotonic()
        outcome = run_audit(config, AuditOptions(out=Path(tmp) / "report", new=True), store, lambda: clock)
        whole = time.monotonic() - started
        label = "smollm2 / tc260_refusal"
        records = [r for r in store.items(outcome.run_id) if r.check == "tc260_refusal"]
    assert len(records) == n and all(r.status == "ok" for r in records), "Accord did not answer every probe"
    phase = clock.finished[label] - clock.started[label]
    target = config.targets[0]
    assert isinstance(target, LocalTarget)
    return n / phase, whole, {r.item_id: r.response or "" for r in records}, target


# ---------------------------------------------------------------- main
def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU")
    return f"nproc {os.cpu_count()}, usable cores {len(os.sched_getaffinity(0))}, {model}"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=60, help="probes (default 60)")
    ap.add_argument("--max-tokens", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=3, help="turns of best loop and Accord (default 3)")
    ap.add_argument("--no-fail", action="store_true")
    ap.add_argument("--worker", type=int, metavar="THREADS", help=argparse.SUPPRESS)
    ap.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker, args.max_tokens, *args.files)
        return 0
    config = audit_config(args.n, args.max_tokens)
    probes = bench_probes(config)
    assert len(probes) == args.n, f"the bank gave {len(probes)} probes"
    print(f"machine: {machine()}; load average before: {load()}")
    print(f"{args.n} probes of tc260-refuse ({sum(p.language == 'zh' for p in probes)} zh), temperature 0, "
          f"{args.max_tokens} new tokens, n_ctx {N_CTX}")
    plain: dict[str, tuple[float, dict[str, str]]] = {}
    for name, processes, threads in (("2x1", 2, 1), ("1x2", 1, 2)):
        # a variant that takes over twice as long as the best so far is slower than half of it: stopped there
        cap = 2 * args.n / max(r for r, _ in plain.values()) if plain else None
        got = plain_loop(probes, processes, threads, args.max_tokens, cap)
        label = f"  plain llama-cpp-python {name} ({processes} process(es) x {threads} thread(s)):"
        if got is None:  # only with a cap
            print(f"{label} stopped after {cap or 0:.0f} s: under {args.n / (cap or 1):.3f} requests/s")
            continue
        plain[name] = got
        print(f"{label} {got[0]:.3f} requests/s", flush=True)
    best = max(plain, key=lambda k: plain[k][0])
    processes, threads = {"2x1": (2, 1), "1x2": (1, 2)}[best]
    loop_runs, accord_runs = [plain[best][0]], []
    answers: dict[str, str] = {}
    for r in range(args.rounds):
        if r:  # the first round's loop is the one above
            got = plain_loop(probes, processes, threads, args.max_tokens, None)
            assert got is not None
            loop_runs.append(got[0])
            print(f"  plain llama-cpp-python {best}, round {r + 1}: {got[0]:.3f} requests/s", flush=True)
        rps, whole, answers, target = accord_audit(config, args.n)
        accord_runs.append(rps)
        print(f"  Accord run_audit probe phase, round {r + 1} ({target.instances} instance(s) x "
              f"{target.n_threads} thread(s), concurrency {target.concurrency}): {rps:.3f} requests/s "
              f"(whole run_audit {whole:.1f} s)", flush=True)
    ratio = statistics.median(accord_runs) / statistics.median(loop_runs)
    same = sum(answers[pid] == text for pid, text in plain[best][1].items())
    print(f"medians over {args.rounds} round(s): plain {best} {statistics.median(loop_runs):.3f}, Accord "
          f"{statistics.median(accord_runs):.3f} requests/s; ratio {ratio:.3f} (goal >= {THRESHOLD}); answers "
          f"identical to the plain loop's: {same}/{args.n}; load average after: {load()}")
    return 0 if ratio >= THRESHOLD or args.no_fail else 1


if __name__ == "__main__":
    sys.exit(main())
