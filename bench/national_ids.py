"""National identifiers and glued identifiers: Accord's scanner against Presidio with every predefined pattern
recognizer (bench/presidio_all.py), on the same generated corpora, and both whole processes on the same file.

    .venv/bin/pip install -e '.[bench]'     # presidio-analyzer, faker, phonenumbers (python-stdnum is a dependency)
    .venv/bin/python bench/national_ids.py [--per-scheme 20] [--seed 0] [--pii-docs 20000] [--skip-presidio]

1. Accuracy per scheme (tests/support/national_corpus.py): recall with a context word, glued to the next word,
   and bare (no word); precision over every national type against the same-shape decoys. Presidio's results
   count when their entity type maps to the scheme (PRESIDIO_TYPES); its other entity types are not counted
   against it.
2. Glued identifiers (tests/support/glued_corpus.py): recall and precision per type, Accord and Presidio.
3. Whole process, start-up included: `python -m accord scan FILE -o /dev/null` and
   `python bench/presidio_all.py FILE > /dev/null` on one multi-locale file (the PII corpus and the national
   corpus, one document per line); wall time and CPU time of each child process.
Exit status 0 when every scheme's context recall is >= 0.95, national precision >= 0.95, glued recall >= 0.95 and
precision >= 0.99 per type, and the whole-process CPU ratio is >= 50 (when Presidio ran), else 1.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accord.scan import Scanner  # noqa: E402
from accord.scan.schemes import NATIONAL_TYPES, SCHEMES  # noqa: E402
from tests.support.glued_corpus import GLUED_TYPES, generate_glued  # noqa: E402
from tests.support.national_corpus import generate_national, source_of  # noqa: E402
from tests.support.pii_corpus import LabelledDoc, evaluate, generate  # noqa: E402

PRESIDIO_TYPES = {
    "AU_TFN": "AU_TFN", "CA_SIN": "CA_SIN", "DE_TAX_ID": "DE_IDNR", "DE_VAT_ID": "DE_VAT", "ES_NIE": "ES_NIE",
    "ES_NIF": "ES_DNI", "FI_PERSONAL_IDENTITY_CODE": "FI_HETU", "IN_AADHAAR": "IN_AADHAAR", "IN_PAN": "IN_PAN",
    "IT_FISCAL_CODE": "IT_CF", "IT_VAT_CODE": "IT_VAT", "KR_RRN": "KR_RRN", "PL_PESEL": "PL_PESEL",
    "SE_PERSONNUMMER": "SE_PNR", "TH_TNIN": "TH_PIN", "TR_NATIONAL_ID": "TR_TCKN", "UK_NHS": "GB_NHS",
    "US_ITIN": "US_ITIN", "ZA_ID_NUMBER": "ZA_IDNR",
    # the glued benchmark's types
    "PHONE_NUMBER": "PHONE_NUMBER", "CREDIT_CARD": "CREDIT_CARD", "IBAN_CODE": "IBAN", "US_SSN": "US_SSN",
}
Pred = list[tuple[int, int, str]]


def accord_preds(docs: list[LabelledDoc]) -> list[Pred]:
    return [[(s.start, s.end, s.type) for s in f] for f in Scanner().scan_many([d.text for d in docs])]


def presidio_preds(docs: list[LabelledDoc]) -> tuple[list[Pred], float, int]:
    from presidio_all import analyze, engine

    eng, languages = engine()
    c0 = time.process_time()
    out = [[(s, e, PRESIDIO_TYPES[t]) for s, e, t, _ in analyze(eng, languages, d.text) if t in PRESIDIO_TYPES]
           for d in docs]
    return out, time.process_time() - c0, len(eng.registry.recognizers)


def per_scheme(docs: list[LabelledDoc], preds: list[Pred]) -> tuple[dict[tuple[str, str], list[int]], int, int]:
    per: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    tp = fp = 0
    national = set(NATIONAL_TYPES)
    for d, found in zip(docs, preds, strict=True):
        way, scheme = d.language.split(":")
        label = d.spans[0] if d.spans else None
        for s, e, t in found:
            if t not in national:
                continue
            if label and t == label[2] and s < label[1] and label[0] < e:
                tp += 1
            else:
                fp += 1
        if label:
            per[(scheme, way)][0] += any(t == label[2] and s < label[1] and label[0] < e for s, e, t in found)
            per[(scheme, way)][1] += 1
    return per, tp, fp


def whole_process(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - w0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:  # noqa: C901, PLR0915 - a report, top to bottom
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-scheme", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--glued-docs", type=int, default=4000)
    ap.add_argument("--pii-docs", type=int, default=20000)
    ap.add_argument("--skip-presidio", action="store_true")
    args = ap.parse_args()
    ok = True

    docs = generate_national(args.per_scheme, seed=args.seed)
    a_per, a_tp, a_fp = per_scheme(docs, accord_preds(docs))
    have_presidio = not args.skip_presidio
    p_per: dict[tuple[str, str], list[int]] = {}
    p_tp = p_fp = 0
    if have_presidio:
        try:
            p_preds, p_cpu, n_rec = presidio_preds(docs)
            p_per, p_tp, p_fp = per_scheme(docs, p_preds)
            print(f"Presidio: {n_rec} recognizers, {p_cpu:.1f} CPU-s on the national corpus", file=sys.stderr)
        except ImportError:
            print("presidio-analyzer is not installed: pip install -e '.[bench]'", file=sys.stderr)
            have_presidio = False
    print(f"## National identifiers: {len(SCHEMES)} schemes, {len(docs)} documents "
          f"({args.per_scheme} values per scheme in each way, as many decoys), seed {args.seed}\n")
    print("| scheme | values from | Accord context | glued | bare | Presidio context | glued | bare |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    mapped = set(PRESIDIO_TYPES.values())
    for s in SCHEMES:
        cells = []
        for per, is_p in ((a_per, False), (p_per, True)):
            for way in ("context", "glued", "bare"):
                hit, n = per.get((s.type, way), [0, 0])
                if is_p and (not have_presidio or (s.type not in mapped and s.type != "EU_VAT")):
                    cells.append("-")
                else:
                    cells.append(f"{hit / n:.2f}" if n else "-")
        print(f"| {s.type} | {source_of(s)} | {' | '.join(cells)} |")
        hit, n = a_per[(s.type, "context")]
        ok &= hit / n >= 0.95
    a_prec = a_tp / (a_tp + a_fp) if a_tp + a_fp else 1.0
    ok &= a_prec >= 0.95
    ctx = [a_per[(s.type, "context")] for s in SCHEMES]
    print(f"\nAccord: context recall {sum(h for h, _ in ctx) / sum(n for _, n in ctx):.3f} overall, lowest "
          f"{min(h / n for h, n in ctx):.3f}; precision over national types {a_prec:.3f} ({a_tp} true, {a_fp} false)")
    if have_presidio:
        p_ctx = [p_per.get((s.type, "context"), [0, 0]) for s in SCHEMES]
        p_prec = p_tp / (p_tp + p_fp) if p_tp + p_fp else 1.0
        found_any = sum(1 for h, _ in p_ctx if h)
        print(f"Presidio: schemes with any context value found {found_any} of {len(SCHEMES)}; context recall over "
              f"all schemes {sum(h for h, _ in p_ctx) / sum(n for _, n in p_ctx):.3f}; precision over its mapped "
              f"types {p_prec:.3f} ({p_tp} true, {p_fp} false)")

    glued = generate_glued(args.glued_docs, seed=args.seed)
    a_g = evaluate(glued, accord_preds(glued), GLUED_TYPES)
    p_g = evaluate(glued, presidio_preds(glued)[0], GLUED_TYPES) if have_presidio else {}
    print(f"\n## Glued identifiers: {len(glued)} documents (en, zh, de, fr), a quarter glued look-alikes\n")
    print("| type | Accord P | Accord R | Presidio P | Presidio R |")
    print("|---|---:|---:|---:|---:|")
    for t in GLUED_TYPES:
        p = p_g.get(t)
        pp = f"{p.precision:.3f} | {p.recall:.3f}" if p and t in mapped else "no recognizer | -"
        print(f"| {t} | {a_g[t].precision:.3f} | {a_g[t].recall:.3f} | {pp} |")
        ok &= a_g[t].recall >= 0.95 and a_g[t].precision >= 0.99

    if have_presidio:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "multi.txt"
            both = generate(args.pii_docs, seed=args.seed) + docs
            path.write_text("".join(d.text.replace("\n", " ") + "\n" for d in both), encoding="utf-8")
            size = path.stat().st_size / 1e6
            py = sys.executable
            runs = {"accord scan (every core)": [py, "-m", "accord", "scan", str(path), "-o", os.devnull],
                    "accord scan --workers 1": [py, "-m", "accord", "scan", str(path), "-o", os.devnull,
                                                "--workers", "1"],
                    "Presidio, every recognizer": [py, str(ROOT / "bench" / "presidio_all.py"), str(path)]}
            times = {name: whole_process(cmd) for name, cmd in runs.items()}
        p_wall, p_cpu = times["Presidio, every recognizer"]
        print(f"\n## Whole process on one file: {len(both)} documents, {size:.2f} MB, start-up included\n")
        print("| process | wall s | CPU s | Presidio wall / this wall | Presidio CPU / this CPU |")
        print("|---|---:|---:|---:|---:|")
        for name, (wall, cpu) in times.items():
            print(f"| {name} | {wall:.2f} | {cpu:.2f} | {p_wall / wall:.0f} | {p_cpu / cpu:.0f} |")
        best_cpu = min(cpu for name, (_, cpu) in times.items() if name.startswith("accord"))
        ok &= p_cpu / best_cpu >= 50
    print(f"\ntargets: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
