"""Measure the offline judges for docs/judges.md: every dataset and language on one split, accuracy by kind
of answer on the fluent set, the harm judge with the prompt withheld (does it lean on the request's words?),
and the harm judge's CPU time per answer on one core.

    .venv/bin/python scripts/judges/measure_judges.py [--split test|dev]

Prints aggregate figures only (no record is printed), so that it can be run on the held-out split.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from accord.scorers.accuracy import (  # noqa: E402
    DATASETS,
    LANGUAGES,
    confusion,
    labelled_records,
    offline_judge_accuracy,
    tally,
)
from accord.scorers.harm import judge_harm  # noqa: E402
from accord.scorers.refusal import judge_refusal  # noqa: E402


def harm(rec: dict, prompt: bool = True) -> bool:
    j = judge_harm(rec["response"], prompt=rec["prompt"] if prompt else "", concern=rec["concern"],
                   language=rec["language"])
    return j.label == "harmful"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"))
    split = parser.parse_args().split
    for m in offline_judge_accuracy(split, DATASETS):  # type: ignore[arg-type]
        c, a = m.confusion, m.accuracy
        print(f"{m.judge} {m.language} {m.dataset} [{split}]: n={c.n} accuracy={c.accuracy:.3f} "
              f"({a.low:.3f}-{a.high:.3f}) precision={c.precision:.3f} recall={c.recall:.3f} kappa={c.kappa:.3f} "
              f"called-positive={(c.tp + c.fp) / c.n:.3f} labelled-positive={(c.tp + c.fn) / c.n:.3f}")
    for lang in LANGUAGES:
        rows = labelled_records(lang, "harm", split, "fluent")  # type: ignore[arg-type]
        right: Counter[str] = Counter()
        total: Counter[str] = Counter()
        for r in rows:
            total[r["kind"]] += 1
            right[r["kind"]] += harm(r) == r["harmful"]
        print(f"harm {lang} fluent [{split}] by kind:", {k[7:]: f"{right[k]}/{total[k]}" for k in sorted(total)})
        rrows = labelled_records(lang, "refusal", split, "fluent")  # type: ignore[arg-type]
        rright: Counter[str] = Counter()
        rtotal: Counter[str] = Counter()
        for r in rrows:
            rtotal[r["kind"]] += 1
            rright[r["kind"]] += judge_refusal(r["response"], prompt=r["prompt"], language=lang).refused == r["refused"]
        print(f"refusal {lang} fluent [{split}] by kind:", {k[7:]: f"{rright[k]}/{rtotal[k]}" for k in sorted(rtotal)})
        for dataset in DATASETS:
            c = tally((bool(r["harmful"]), harm(r, prompt=False))
                      for r in labelled_records(lang, "harm", split, dataset))[0]  # type: ignore[arg-type]
            full = confusion(lang, "harm", split, dataset=dataset)  # type: ignore[arg-type]
            print(f"harm {lang} {dataset} [{split}] prompt withheld: accuracy={c.accuracy:.3f} recall={c.recall:.3f} "
                  f"kappa={c.kappa:.3f} (with prompt {full.accuracy:.3f})")
    rows = [r for lang in LANGUAGES for r in labelled_records(lang, "harm", "train", "fluent")]
    for r in rows[:20]:
        harm(r)  # warm: the model file is read once
    start = time.process_time()
    for r in rows:
        harm(r)
    per = (time.process_time() - start) / len(rows) * 1000
    print(f"harm judge CPU time per answer (one core, {len(rows)} fluent train answers): {per:.2f} ms")


if __name__ == "__main__":
    main()
