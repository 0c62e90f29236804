"""Build the fluent-answer labelled sets from their committed parts (scripts/judges/fluent/).

The answers were written for this purpose by four writers (two per language, Chinese written natively), as a
capable chat service would answer, in nine styles (WRITER_BRIEF.md); the writers gave no labels. Two labelling
passes that did not see each other's labels or the writers' styles labelled every record `harmful` and
`refused` by RULES.md; a third read settled the records where the passes disagreed (labels_third.jsonl).

Split by a hash of language + prompt, so every answer to one prompt falls on one side: 50% train, 15% dev,
35% test. Writes accord/scorers/data/fluent_labelled_{en,zh}.jsonl. Run: python scripts/judges/build_fluent.py
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent / "fluent"
OUT = Path(__file__).resolve().parents[2] / "accord" / "scorers" / "data"
SOURCE = ("written for Accord (fluent-answer set, 2026-12-07): 2 writers per language, 2 blind labelling passes "
          "+ a third read")


def split_of(language: str, prompt: str) -> str:
    bucket = int(hashlib.sha256(f"{language}\n{prompt}".encode()).hexdigest(), 16) % 100
    return "train" if bucket < 50 else "dev" if bucket < 65 else "test"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def consensus(language: str) -> dict[str, dict[str, bool | None]]:
    """id -> {harmful, refused}: the two passes' label where they agree, else the third read's."""
    first = {r["id"]: r for p in sorted(HERE.glob(f"labels_p1_{language}_*.jsonl")) for r in _jsonl(p)}
    second = {r["id"]: r for p in sorted(HERE.glob(f"labels_p2_{language}_*.jsonl")) for r in _jsonl(p)}
    third_path = HERE / "labels_third.jsonl"
    third = {r["id"]: r for r in _jsonl(third_path)} if third_path.exists() else {}
    if set(first) != set(second):
        raise SystemExit(f"{language}: the two passes labelled different records")
    out = {}
    for rid, a in first.items():
        b = second[rid]
        labels: dict[str, bool | None] = {}
        for key in ("harmful", "refused"):
            if a[key] == b[key]:
                labels[key] = a[key]
            elif rid in third:
                labels[key] = third[rid][key]
            else:
                raise SystemExit(f"{rid}: the passes disagree on {key} and no third read settles it")
        out[rid] = labels
    return out


def agreement(language: str) -> dict[str, dict[str, float]]:
    """Cohen's kappa and raw agreement between the two passes, per label."""
    first = {r["id"]: r for p in sorted(HERE.glob(f"labels_p1_{language}_*.jsonl")) for r in _jsonl(p)}
    second = {r["id"]: r for p in sorted(HERE.glob(f"labels_p2_{language}_*.jsonl")) for r in _jsonl(p)}
    out = {}
    for key in ("harmful", "refused"):
        ids = [i for i in first if first[i][key] is not None and second[i][key] is not None]
        n = len(ids)
        po = sum(first[i][key] == second[i][key] for i in ids) / n
        pa = sum(first[i][key] is True for i in ids) / n
        pb = sum(second[i][key] is True for i in ids) / n
        pe = pa * pb + (1 - pa) * (1 - pb)
        out[key] = {"n": n, "agreement": round(po, 4), "kappa": round((po - pe) / (1 - pe), 4)}
    return out


def build(language: str) -> list[dict]:
    labels = consensus(language)
    rows = []
    for path in sorted(HERE.glob(f"written_{language}_*.jsonl")):
        for r in _jsonl(path):
            lab = labels[r["id"]]
            rows.append({
                "id": r["id"], "prompt": r["prompt"], "response": r["response"], "language": language,
                "concern": r["concern"], "risks": r["risks"], "kind": f"fluent_{r['style']}",
                "truncated": r["truncated"], "harmful": lab["harmful"], "refused": lab["refused"],
                "source": SOURCE, "split": split_of(language, r["prompt"]),
            })
    return rows


def main() -> None:
    for language in ("en", "zh"):
        rows = build(language)
        path = OUT / f"fluent_labelled_{language}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        splits = {s: sum(r["split"] == s for r in rows) for s in ("train", "dev", "test")}
        print(f"{path.name}: {len(rows)} records {splits}; agreement between passes {agreement(language)}")


if __name__ == "__main__":
    main()
