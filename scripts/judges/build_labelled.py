"""Build the judges' labelled sets in accord/scorers/data/ from the committed parts.

    .venv/bin/python scripts/judges/build_labelled.py

refusal_labelled_{en,zh}.jsonl: the earlier records (split `dev`: rules v1-v2 were written while reading them),
then the new ones: real SmolLM2 outputs (data/smollm2_outputs_eval.jsonl, labels/*.txt, labelled by hand) and
hand-written hard cases (eval_written_{en,zh}.py, refusal_written.py), and the cases written to develop
refusal rules v4 (refusal_dev_v4.py, always `dev`). harm_labelled_{en,zh}.jsonl: the same new records with
their harm label. Records labelled '?' (genuinely ambiguous) are left out of that set and counted.

New records get their split by prompt: all answers to one prompt share a split, `dev` for about 15% of
prompts (a hash of language and prompt id), `test` for the rest. Judges are tuned on `dev` only; `test` is
what `accord judge accuracy` and the report show.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import eval_written_en  # noqa: E402
import eval_written_zh  # noqa: E402
import refusal_dev_v4  # noqa: E402
import refusal_written  # noqa: E402
from eval_prompts import probes  # noqa: E402

DATA = ROOT / "accord" / "scorers" / "data"
DEV_PERCENT = 15
COLLECTED = "2026-12-02"
SOURCE = ("smollm2-135m-instruct via llama-cpp-python 0.3.36 (temperature 0, seed 0, 64 new tokens{system}), "
          f"collected {COLLECTED}, hand-labelled")
WRITTEN = "written by the Accord project as a held-out hard case (not used to write rules or train)"
DEV_WRITTEN = "written by the Accord project to develop refusal rules v4 (dev: the rules were written reading it)"


def split_of(language: str, group: str) -> str:
    h = int(hashlib.sha256(f"{language}:{group}".encode()).hexdigest(), 16)
    return "dev" if h % 100 < DEV_PERCENT else "test"


def read_labels(name: str) -> dict[str, tuple[str, str]]:
    out = {}
    for line in (HERE / "labels" / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, refused, harmful = line.split()
            out[key] = (refused, harmful)
    return out


def read_starter_labels() -> dict[tuple[str, str | None], tuple[str, str]]:
    out = {}
    for line in (HERE / "labels" / "starter.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            probe, system, refused, harmful = line.split()
            out[(probe, None if system == "-" else system)] = (refused, harmful)
    return out


def new_records() -> list[dict]:
    prompts = {p["id"]: p for p in probes()}
    content_labels = {(lang, sys_): read_labels(f"{lang}_{'safety' if sys_ else 'plain'}.txt")
                      for lang in ("en", "zh") for sys_ in (None, "safety")}
    starter_labels = read_starter_labels()
    out = []
    collected = (HERE / "data" / "smollm2_outputs_eval.jsonl").read_text(encoding="utf-8")
    raw = [json.loads(x) for x in collected.splitlines()]
    for r in raw:
        lang, system = r["language"], r["system"]
        run = "safety" if system else "plain"
        common = {"prompt": r["prompt"], "response": r["response"], "language": lang, "concern": r["concern"],
                  "kind": "model_output", "probe": r["probe"], "system_prompt": bool(system),
                  "source": SOURCE.format(system=", after a safety system prompt" if system else "")}
        if r["probe"].startswith(f"{lang}-content-"):
            suffix = r["probe"][len(f"{lang}-content-"):]
            refused, harmful = content_labels[(lang, system)][suffix]
            out.append({"id": f"{lang}-real2-{suffix}-{run}", **common, "risks": r["risks"], "group": suffix,
                        "refused": refused, "harmful": harmful})
        else:
            refused, harmful = starter_labels[(r["probe"], system)]
            out.append({"id": f"{lang}-real2-{r['probe'][3:]}-{run}", **common, "risks": [], "group": r["probe"],
                        "refused": refused, "harmful": harmful})
    for lang, cases in (("en", eval_written_en.CASES), ("zh", eval_written_zh.CASES)):
        for i, (pid, kind, response, refused, harmful) in enumerate(cases, 1):
            p = prompts[f"{lang}-content-{pid}"]
            out.append({"id": f"{lang}-hard-{i:03d}", "prompt": p["prompt"], "response": response, "language": lang,
                        "concern": p["concern"], "risks": p["risks"], "kind": kind, "group": pid, "source": WRITTEN,
                        "refused": "r" if refused else "c", "harmful": "h" if harmful else "s"})
    for lang, rows in (("en", refusal_written.EN), ("zh", refusal_written.ZH)):
        for i, (prompt, kind, response, refused) in enumerate(rows, 1):  # refusal-only records
            out.append({"id": f"{lang}-hardr-{i:03d}", "prompt": prompt, "response": response, "language": lang,
                        "kind": kind, "group": prompt, "source": WRITTEN, "refused": "r" if refused else "c",
                        "harmful": "-"})
    for rec in out:
        rec["split"] = split_of(rec["language"], rec.pop("group"))
    for lang, rows in (("en", refusal_dev_v4.EN), ("zh", refusal_dev_v4.ZH)):
        for i, (prompt, kind, response, refused) in enumerate(rows, 1):  # written to develop rules v4: dev only
            out.append({"id": f"{lang}-devr-{i:03d}", "prompt": prompt, "response": response, "language": lang,
                        "kind": kind, "source": DEV_WRITTEN, "refused": "r" if refused else "c", "harmful": "-",
                        "split": "dev"})
    return out


def write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def main() -> None:
    new = new_records()
    for lang in ("en", "zh"):
        old_path = DATA / f"refusal_labelled_{lang}.jsonl"
        old = [json.loads(x) for x in old_path.read_text(encoding="utf-8").splitlines() if x.strip()]
        old = [{**r, "split": "dev"} for r in old if not r["id"].startswith(f"{lang}-real2-")
               and not r["id"].startswith((f"{lang}-hard-", f"{lang}-hardr-", f"{lang}-devr-"))]
        mine = [r for r in new if r["language"] == lang]
        refusal = [{k: v for k, v in r.items() if k not in ("harmful", "risks")} | {"refused": r["refused"] == "r"}
                   for r in mine if r["refused"] != "?"]
        harm = [{k: v for k, v in r.items() if k != "refused"} | {"harmful": r["harmful"] == "h"}
                for r in mine if r["harmful"] in ("h", "s")]
        write(old_path, old + refusal)
        write(DATA / f"harm_labelled_{lang}.jsonl", harm)
        left_out = Counter(("refusal" if r["refused"] == "?" else "") + ("harm" if r["harmful"] == "?" else "")
                           for r in mine)
        for name, rows in (("refusal", old + refusal), ("harm", harm)):
            splits = Counter(r["split"] for r in rows)
            positive = sum(bool(r["refused" if name == "refusal" else "harmful"]) for r in rows if r["split"] == "test")
            print(f"{name} {lang}: {len(rows)} records, {dict(splits)}, test positives {positive}")
        print(f"  left out as ambiguous ({lang}): {dict(left_out)}")


if __name__ == "__main__":
    main()
