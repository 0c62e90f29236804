"""Train the offline harm judge's classifier and write accord/scorers/data/harm_model.json.

    .venv/bin/python scripts/judges/train_harm.py [--out PATH] [--check]

Reads scripts/judges/data/harm_train_{en,zh}.jsonl (written by make_harm_train.py) and the `train` and `dev`
records of the fluent-answer sets (accord/scorers/data/fluent_labelled_{en,zh}.jsonl, never their `test`
records), turns each record the judge's rules leave to the classifier into hashed features
(accord.scorers.harm_model, the same code the judge runs), picks the regularisation strength C and the decision
threshold by 5-fold cross-validation grouped by prompt (the mean Cohen's kappa over three parts of the training
data on held-out prompts: fluent English, fluent Chinese, real model outputs), fits scikit-learn's
LogisticRegression (lbfgs, deterministic) and writes the weights as float32. Version 4 chooses the threshold per
probe language (the mean kappa of that language's fluent and real records on held-out prompts) and trains on one
BLAS thread, so that `--check` gives the same bytes on any number of cores.
Never reads the evaluation sets' test records. `--check` retrains and fails if the committed model differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from accord.scorers.harm import JUDGE_VERSION, ClassifierInput, rule_verdict  # noqa: E402
from accord.scorers.harm_model import MODEL_PATH, encode_weights  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
FLUENT = ROOT / "accord" / "scorers" / "data"
BUCKETS = 2**16
C_GRID = (1.0, 4.0, 16.0)


def load() -> tuple[list[dict], str]:
    rows, digest = [], hashlib.sha256()
    for path in [DATA / f"harm_train_{lang}.jsonl" for lang in ("en", "zh")] + [
            FLUENT / f"fluent_labelled_{lang}.jsonl" for lang in ("en", "zh")]:
        raw = path.read_bytes()
        digest.update(raw)
        found = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
        rows += [r for r in found if r.get("split", "train") in ("train", "dev") and r["harmful"] is not None]
    return rows, digest.hexdigest()[:16]


REAL_WEIGHT = 3.0  # a hand-labelled real output counts as this many written records
FLUENT_WEIGHT = 3.0  # so does a fluent answer written and labelled for the purpose (scripts/judges/fluent/)


def weight(row: dict) -> float:
    if row["kind"] == "model_output":
        return REAL_WEIGHT
    return FLUENT_WEIGHT if row["kind"].startswith("fluent_") else 1.0


def group(row: dict) -> str:
    """All answers to one prompt fall in one cross-validation fold."""
    if row["kind"].startswith("fluent_"):
        return f"fluent-{row['language']}-{row['prompt']}"
    return "-".join(row["id"].split("-")[:3])  # train-en-007


def matrix(rows: list[dict]) -> tuple[csr_matrix, np.ndarray, list[str], np.ndarray, list[str]]:
    data, indices, indptr, labels, groups, weights, parts = [], [], [0], [], [], [], []
    for r in rows:
        decided = rule_verdict(r["response"], prompt=r["prompt"], concern=r["concern"], language=r["language"])
        if not isinstance(decided, ClassifierInput):
            continue  # the rules decide these at run time; the classifier never sees them
        for b, v in sorted(decided.features(BUCKETS).items()):
            indices.append(b)
            data.append(v)
        indptr.append(len(indices))
        labels.append(int(r["harmful"]))
        groups.append(group(r))
        weights.append(weight(r))
        parts.append(f"fluent-{r['language']}" if r["kind"].startswith("fluent_") else
                     f"real-{r['language']}" if r["kind"] == "model_output" else "written")
    x = csr_matrix((np.array(data), np.array(indices), np.array(indptr)), shape=(len(labels), BUCKETS))
    return x, np.array(labels), groups, np.array(weights), parts


def fit(x: csr_matrix, y: np.ndarray, w: np.ndarray, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, solver="lbfgs", max_iter=5000, tol=1e-6).fit(x, y, sample_weight=w)


THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
LANGUAGES = ("en", "zh")


def kappa(y: np.ndarray, said: np.ndarray) -> float:
    n = len(y)
    observed = float((y == said).mean())
    expected = (float(said.mean()) * float(y.mean()) + (1 - float(said.mean())) * (1 - float(y.mean()))) if n else 1.0
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def score(p: np.ndarray, y: np.ndarray, parts: list[str], threshold: float, language: str) -> float:
    """Mean Cohen's kappa, at `threshold`, over one language's fluent and real-output records."""
    where = np.array(parts)
    return float(np.mean([kappa(y[where == part], (p[where == part] >= threshold).astype(int))
                          for part in (f"fluent-{language}", f"real-{language}")]))


def out_of_fold(x: csr_matrix, y: np.ndarray, w: np.ndarray, folds: list, c: float) -> np.ndarray:
    """Each record's probability of harm from the model fitted on the folds that leave its prompt out."""
    p = np.zeros(len(y))
    for tr, te in folds:
        p[te] = fit(x[tr], y[tr], w[tr], c).predict_proba(x[te])[:, 1]
    return p


def train() -> dict:
    with threadpool_limits(limits=1):  # one BLAS thread: the same weights on any machine's core count
        return _train()


def _train() -> dict:
    rows, digest = load()
    x, y, groups, w, parts = matrix(rows)
    folds = list(GroupKFold(n_splits=5).split(x, y, groups))
    held_out = {c: out_of_fold(x, y, w, folds, c) for c in C_GRID}
    scores = {(c, lang, t): score(p, y, parts, t, lang) for c, p in held_out.items() for lang in LANGUAGES
              for t in THRESHOLDS}

    def best_threshold(c: float, lang: str) -> float:  # ties: the higher threshold
        return max(THRESHOLDS, key=lambda t: (round(scores[(c, lang, t)], 4), t))

    def c_score(c: float) -> float:
        return float(np.mean([scores[(c, lang, best_threshold(c, lang))] for lang in LANGUAGES]))

    best_c = max(C_GRID, key=lambda c: (round(c_score(c), 4), -c))  # ties: stronger regularisation
    thresholds = {lang: best_threshold(best_c, lang) for lang in LANGUAGES}
    model = fit(x, y, w, best_c)
    weights = [float(v) for v in model.coef_[0]]
    counts = {part: int(sum(p == part for p in parts))
              for part in ("written", "real-en", "real-zh", "fluent-en", "fluent-zh")}
    return {
        "name": "accord.harm-offline classifier", "version": JUDGE_VERSION, "buckets": BUCKETS,
        "intercept": round(float(model.intercept_[0]), 6), "C": best_c, "threshold": 0.5, "thresholds": thresholds,
        "cv_mean_kappa": {f"C={c} {lang} t={t}": round(s, 4) for (c, lang, t), s in sorted(scores.items())},
        "trained_on": {"records": int(len(y)), "harmful": int(y.sum()), "parts": counts,
                       "data_sha256_16": digest},
        "weights_f32_b64": encode_weights(weights),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--check", action="store_true", help="fail if the committed model differs")
    args = parser.parse_args()
    model = train()
    text = json.dumps(model, indent=1) + "\n"
    if args.check:
        if args.out.read_text(encoding="utf-8") != text:
            sys.exit(f"{args.out} differs from a fresh training run: retrain and commit it")
        print("model matches a fresh training run")
        return
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: C={model['C']} thresholds={model['thresholds']} "
          f"records={model['trained_on']}")


if __name__ == "__main__":
    main()
