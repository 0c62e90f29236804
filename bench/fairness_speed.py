"""Speed and memory of Accord's fairness metric step against fairlearn, in the same run.

    .venv/bin/python bench/fairness_speed.py [--rows-compare 1000000] [--rows-big 10000000] [--repeats 3]

Data (seeded): one sensitive feature A of 4 groups and B of 3, so the intersection A & B has 12; binary labels
and decisions; a score for the runs "with score". Each measurement runs in a fresh subprocess with one thread
for NumPy's helpers (OMP/OPENBLAS/MKL_NUM_THREADS=1), reports CPU seconds (time.process_time) and wall seconds of
the metric step alone (the arrays are made first; a warm-up call on 1,000 rows loads scipy first), and the
subprocess's peak resident memory (ru_maxrss, which includes the data).

Accord: `group_fairness` on A and B (A, B and A & B: counts, 7 rates with Wilson intervals per group, the
disparities with 1,000 bootstrap resamples, impact ratios, Fisher tests for flagged groups).
fairlearn: MetricFrame (count, selection rate, TPR, FPR, FNR, precision, accuracy) by A and by A & B, with
by_group, difference() and ratio(), plus demographic_parity_difference and equalized_odds_difference for each.
Exit 0 when both targets hold: ≥ 100× faster than fairlearn at the comparison size (CPU time), and at the big size
under 1 CPU-second with peak memory under 1 GB.

    .venv/bin/python bench/fairness_speed.py --whole-process [--rows-compare 1000000] [--repeats 3]

Whole processes, start-up included (issue 18 item 4): the same seeded data written once to a Parquet file (A and
B as text columns, integer label and decision, a float score), then each side timed as a user times it, from this
process: wall time around the subprocess and its CPU time (user + system, from `getrusage(RUSAGE_CHILDREN)`).
Accord: `python -m accord fairness FILE --label label --prediction pred --sensitive A,B` (intervals: Wilson per
rate and 1,000 bootstrap resamples per disparity; significance: Fisher's exact test per flagged group and a
chi-square test per feature). fairlearn: a fresh `python -c` that reads the same file with pandas and computes
MetricFrame (count, selection rate, TPR, FPR, FNR, precision, accuracy) by A, by B and by A & B with by_group,
difference() and ratio(), demographic_parity_difference/ratio and equalized_odds_difference for each, and the same
significance tests with scipy (fisher_exact per group under 0.8 of the top selection rate, chi2_contingency per
feature); intervals by fairlearn's own bootstrap (`MetricFrame(n_boot=...)`) only with `--fairlearn-boot N`
(default 0: no intervals, so fairlearn's time is a lower bound of its time with intervals on, and the ratio a
lower bound too). Exit 0 when the wall-time ratio (medians) is at least 50.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import textwrap
import time

CHILD = textwrap.dedent("""
    import json, resource, sys, time
    import numpy as np
    kind, n, groups, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3], 0
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 4, n).astype(np.int8)
    b = rng.integers(0, 3, n).astype(np.int8)
    score = rng.random(n)
    y = (rng.random(n) < 0.3 + 0.1 * a / 3).astype(np.int8)
    p = (score < 0.45 + 0.05 * b).astype(np.int8)
    if groups == "str":
        a = np.array(["group-a", "group-b", "group-c", "group-d"], dtype=object)[a]
        b = np.array(["x", "y", "z"], dtype=object)[b]
    elif groups == "arrow":  # pandas' default string columns from CSV or Parquet (with pyarrow installed)
        import pandas as pd
        a = pd.Series(np.array(["group-a", "group-b", "group-c", "group-d"], dtype=object)[a],
                      dtype=pd.StringDtype("pyarrow"))
        b = pd.Series(np.array(["x", "y", "z"], dtype=object)[b], dtype=pd.StringDtype("pyarrow"))
    elif groups == "categorical":
        import pandas as pd
        a = pd.Series(pd.Categorical.from_codes(a, ["group-a", "group-b", "group-c", "group-d"]))
        b = pd.Series(pd.Categorical.from_codes(b, ["x", "y", "z"]))
    if kind.startswith("accord"):
        from accord.fairness import group_fairness
        with_score = kind == "accord-score"
        group_fairness(y_true=y[:1000], y_pred=p[:1000], sensitive={"A": a[:1000], "B": b[:1000]},
                       score=score[:1000] if with_score else None)
        def step():
            return group_fairness(y_true=y, y_pred=p, sensitive={"A": a, "B": b},
                                  score=score if with_score else None)
    else:
        import pandas as pd
        import warnings
        warnings.simplefilter("ignore")
        from fairlearn.metrics import (MetricFrame, count, demographic_parity_difference,
            equalized_odds_difference, false_negative_rate, false_positive_rate, selection_rate,
            true_positive_rate)
        from sklearn.metrics import accuracy_score, precision_score
        frame = pd.DataFrame({"A": a, "B": b})
        metrics = {"count": count, "selection_rate": selection_rate, "tpr": true_positive_rate,
                   "fpr": false_positive_rate, "fnr": false_negative_rate,
                   "precision": lambda t, q: precision_score(t, q, zero_division=0), "accuracy": accuracy_score}
        def step():
            out = []
            for cols in (["A"], ["A", "B"]):
                mf = MetricFrame(metrics=metrics, y_true=y, y_pred=p, sensitive_features=frame[cols])
                out += [mf.by_group, mf.difference(), mf.ratio(),
                        demographic_parity_difference(y, p, sensitive_features=frame[cols]),
                        equalized_odds_difference(y, p, sensitive_features=frame[cols])]
            return out
    cpu, wall = time.process_time(), time.perf_counter()
    step()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"cpu_s": cpu, "wall_s": wall, "peak_mb": peak_mb}))
""")


WHOLE_DATA = textwrap.dedent("""
    import sys
    import numpy as np
    import pandas as pd
    n, path = int(sys.argv[1]), sys.argv[2]
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 4, n), rng.integers(0, 3, n)
    score = rng.random(n)
    pd.DataFrame({"A": np.array(["group-a", "group-b", "group-c", "group-d"], dtype=object)[a],
                  "B": np.array(["x", "y", "z"], dtype=object)[b],
                  "label": (rng.random(n) < 0.3 + 0.1 * a / 3).astype(np.int64),
                  "pred": (score < 0.35 + 0.1 * b + 0.03 * a).astype(np.int64), "score": score}).to_parquet(path)
""")

FAIRLEARN_WHOLE = textwrap.dedent("""
    import sys, warnings
    import pandas as pd
    from fairlearn.metrics import (MetricFrame, count, demographic_parity_difference, demographic_parity_ratio,
        equalized_odds_difference, false_negative_rate, false_positive_rate, selection_rate, true_positive_rate)
    from scipy.stats import chi2_contingency, fisher_exact
    from sklearn.metrics import accuracy_score, precision_score
    warnings.simplefilter("ignore")
    path, n_boot = sys.argv[1], int(sys.argv[2])
    frame = pd.read_parquet(path)
    y, p = frame["label"], frame["pred"]
    metrics = {"count": count, "selection_rate": selection_rate, "tpr": true_positive_rate,
               "fpr": false_positive_rate, "fnr": false_negative_rate,
               "precision": lambda t, q: precision_score(t, q, zero_division=0), "accuracy": accuracy_score}
    boot = {"n_boot": n_boot, "ci_quantiles": [0.025, 0.975], "random_state": 0} if n_boot else {}
    for cols in (["A"], ["B"], ["A", "B"]):
        mf = MetricFrame(metrics=metrics, y_true=y, y_pred=p, sensitive_features=frame[cols], **boot)
        out = [mf.by_group, mf.difference(), mf.ratio(),
               demographic_parity_difference(y, p, sensitive_features=frame[cols]),
               demographic_parity_ratio(y, p, sensitive_features=frame[cols]),
               equalized_odds_difference(y, p, sensitive_features=frame[cols])]
        if n_boot:
            out += [mf.by_group_ci, mf.difference_ci(), mf.ratio_ci()]
        groups = mf.by_group
        k = (groups["selection_rate"] * groups["count"]).round().astype(int)
        top = groups["selection_rate"].idxmax()
        for g in groups.index[groups["selection_rate"] < 0.8 * groups["selection_rate"].max()]:
            fisher_exact([[k[g], groups["count"][g] - k[g]], [k[top], groups["count"][top] - k[top]]])
        chi2_contingency([[k[g], groups["count"][g] - k[g]] for g in groups.index], correction=False)
    print(len(out))
""")


def whole(command: list[str]) -> dict[str, float]:
    """Wall and CPU seconds (user + system) of one whole process, start-up included."""
    env = {**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(os.path.abspath(__file__)))}
    before, wall = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    wall, after = time.perf_counter() - wall, resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall_s": wall, "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)}


def whole_process(rows: int, repeats: int, fairlearn_repeats: int, fairlearn_boot: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "decisions.parquet")
        subprocess.run([sys.executable, "-c", WHOLE_DATA, str(rows), path], check=True)
        print(f"load before: {os.getloadavg()[0]:.2f} (1-minute average; {os.cpu_count()} cores)", flush=True)
        accord = [sys.executable, "-m", "accord", "fairness", path, "--label", "label", "--prediction", "pred",
                  "--sensitive", "A,B"]
        fairlearn = [sys.executable, "-c", FAIRLEARN_WHOLE, path, str(fairlearn_boot)]
        results = {}
        for name, command, times in (("accord", accord, repeats), ("fairlearn", fairlearn, fairlearn_repeats)):
            runs = [whole(command) for _ in range(times)]
            results[name] = {k: median(runs, k) for k in ("wall_s", "cpu_s")}
            walls = ", ".join(f"{r['wall_s']:.2f}" for r in runs)
            cpus = ", ".join(f"{r['cpu_s']:.2f}" for r in runs)
            print(f"{name:10} {rows:>11,} rows  whole process: wall {walls} s  CPU {cpus} s", flush=True)
        print(f"load after: {os.getloadavg()[0]:.2f}")
    wall = results["fairlearn"]["wall_s"] / results["accord"]["wall_s"]
    cpu = results["fairlearn"]["cpu_s"] / results["accord"]["cpu_s"]
    print(f"whole-process ratio (medians): {wall:.0f}x wall, {cpu:.0f}x CPU; target >= 50x: "
          + ("met" if wall >= 50 else "NOT met"))
    return 0 if wall >= 50 else 1


def measure(kind: str, rows: int, groups: str = "int") -> dict[str, float]:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "PYTHONPATH": os.path.dirname(os.path.dirname(os.path.abspath(__file__)))}
    done = subprocess.run([sys.executable, "-c", CHILD, kind, str(rows), groups], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def median(runs: list[dict[str, float]], key: str) -> float:
    values = sorted(r[key] for r in runs)
    return values[len(values) // 2]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows-compare", type=int, default=1_000_000)
    parser.add_argument("--rows-big", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--fairlearn-repeats", type=int, default=1)
    parser.add_argument("--whole-process", action="store_true", help="time both whole processes on a Parquet file")
    parser.add_argument("--fairlearn-boot", type=int, default=0, help="fairlearn's bootstrap resamples (whole process)")
    args = parser.parse_args()
    if args.whole_process:
        return whole_process(args.rows_compare, args.repeats, args.fairlearn_repeats, args.fairlearn_boot)
    print(f"python {platform.python_version()}, {platform.machine()}, cores {os.cpu_count()}")
    rows = []

    def run(label: str, kind: str, n: int, groups: str, repeats: int) -> dict[str, float]:
        runs = [measure(kind, n, groups) for _ in range(repeats)]
        got = {k: median(runs, k) for k in ("cpu_s", "wall_s", "peak_mb")}
        got["max_cpu_s"] = max(r["cpu_s"] for r in runs)
        rows.append((label, n, groups, got))
        print(f"{label:24} {n:>11,} rows  groups={groups:11}  CPU {got['cpu_s']:8.3f} s (max {got['max_cpu_s']:.3f})"
              f"  wall {got['wall_s']:8.3f} s  peak {got['peak_mb']:7.0f} MB", flush=True)
        return got

    ours = run("accord", "accord", args.rows_compare, "int", args.repeats)
    theirs = run("fairlearn", "fairlearn", args.rows_compare, "int", args.fairlearn_repeats)
    ratio_cpu, ratio_wall = theirs["cpu_s"] / ours["cpu_s"], theirs["wall_s"] / ours["wall_s"]
    print(f"ratio at {args.rows_compare:,} rows: {ratio_cpu:.0f}x (CPU), {ratio_wall:.0f}x (wall)")
    big = run("accord", "accord", args.rows_big, "int", args.repeats)
    run("accord with score", "accord-score", args.rows_big, "int", args.repeats)
    run("accord", "accord", args.rows_big, "categorical", args.repeats)
    run("accord", "accord", args.rows_big, "arrow", args.repeats)
    run("accord", "accord", args.rows_big, "str", 1)
    ok = ratio_cpu >= 100 and big["max_cpu_s"] < 1.0 and big["peak_mb"] < 1024
    print("targets " + ("met" if ok else "NOT met") + f": ratio {ratio_cpu:.0f}x >= 100; big CPU max "
          f"{big['max_cpu_s']:.3f} s < 1; peak {big['peak_mb']:.0f} MB < 1024")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
