"""PII scanning throughput and accuracy: Accord's scanner against Presidio's AnalyzerEngine (pattern
recognizers only, no NLP model, restricted to the entity types both have), in the same run, on the same
Faker corpus as the accuracy test (tests/support/pii_corpus.py).

    .venv/bin/pip install -e '.[bench]'      # presidio-analyzer (and faker, phonenumbers)
    .venv/bin/python bench/pii_scan.py [--docs 20000] [--presidio-docs 4000] [--repeats 3]

Prints a Markdown table (Accord: the median of the repeats; each repeat's CPU time on stderr) with Accord's
throughput with every type, without ADDRESS (Presidio has no address recognizer), and restricted to the seven
types Presidio has (the like-for-like comparison: both tools on the same entity types). Exit status 0 when that
like-for-like ratio is at least 50x and Accord with every type, ADDRESS included, scans at least 5 MB per
CPU-second, else 1; the ratios of Accord's larger type sets over Presidio are printed beside it. Presidio is
measured on the first --presidio-docs documents (it is slow);
throughput is bytes of UTF-8 text per CPU-second of this process (time.process_time), wall time beside it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from accord.scan import ENTITY_TYPES, Scanner  # noqa: E402
from tests.support.pii_corpus import TYPES, LabelledDoc, evaluate, generate  # noqa: E402

PRESIDIO_TYPES = {"EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE_NUMBER", "CREDIT_CARD": "CREDIT_CARD",
                  "IBAN_CODE": "IBAN", "IP_ADDRESS": "IP_ADDRESS", "US_SSN": "US_SSN", "US_PASSPORT": "PASSPORT"}


def mb(docs: list[LabelledDoc]) -> float:
    return sum(len(d.text.encode("utf-8")) for d in docs) / 1e6


def run_accord(docs: list[LabelledDoc], repeats: int, types: tuple[str, ...] = ENTITY_TYPES,
               ) -> tuple[list[list[tuple[int, int, str]]], float, float]:
    scanner = Scanner(types)
    texts = [d.text for d in docs]
    batch = 5000  # about 1 MB of text, as `accord scan` batches
    cpu, wall, found = [], [], []
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        found = [s for i in range(0, len(texts), batch) for s in scanner.scan_many(texts[i:i + batch])]
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    print(f"Accord ({len(types)} types) on {len(docs)} documents, CPU s per repeat: "
          f"{', '.join(f'{c:.3f}' for c in cpu)} "
          f"(best {mb(docs) / min(cpu):.2f} MB per CPU-s)", file=sys.stderr)
    return [[(s.start, s.end, s.type) for s in f] for f in found], statistics.median(cpu), statistics.median(wall)


def presidio_engine():  # type: ignore[no-untyped-def]
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer

    # offline: the bundled public-suffix snapshot, never a download
    email_recognizer.tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # type: ignore[attr-defined]
    nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "no_op",
                                               "models": [{"lang_code": "en", "model_name": "no_op"}]}).create_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
    return AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=["en"])


def run_presidio(docs: list[LabelledDoc]) -> tuple[list[list[tuple[int, int, str]]], float, float]:
    engine = presidio_engine()
    entities = list(PRESIDIO_TYPES)
    engine.analyze(text="warm up a@b.com 212-555-1234", language="en", entities=entities)
    c0, w0 = time.process_time(), time.perf_counter()
    found = [engine.analyze(text=d.text, language="en", entities=entities) for d in docs]
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    preds = [[(r.start, r.end, PRESIDIO_TYPES[r.entity_type]) for r in rs] for rs in found]
    return preds, cpu, wall


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--presidio-docs", type=int, default=4000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    docs = generate(args.docs, seed=args.seed)
    sub = docs[: args.presidio_docs]
    a_preds, a_cpu, a_wall = run_accord(docs, args.repeats)
    a_sub, a_sub_cpu, _ = run_accord(sub, args.repeats)
    sets = {"without ADDRESS": tuple(t for t in ENTITY_TYPES if t != "ADDRESS"),
            "on Presidio's types": tuple(t for t in ENTITY_TYPES if t in PRESIDIO_TYPES.values())}
    narrower = {name: (run_accord(docs, args.repeats, types)[1:], run_accord(sub, args.repeats, types)[1])
                for name, types in sets.items()}
    try:
        p_preds, p_cpu, p_wall = run_presidio(sub)
    except ImportError:
        print("presidio-analyzer is not installed: pip install -e '.[bench]'", file=sys.stderr)
        p_preds, p_cpu, p_wall = [], float("nan"), float("nan")
    a_rate, a_sub_rate, p_rate = mb(docs) / a_cpu, mb(sub) / a_sub_cpu, mb(sub) / p_cpu
    print(f"corpus: {len(docs)} documents, {mb(docs):.2f} MB, "
          f"{sum(len(d.spans) for d in docs)} labelled values ({sum(len(d.spans) for d in docs) / mb(docs) / 1000:.1f}"
          f" per KB); Presidio on the first {len(sub)} documents ({mb(sub):.2f} MB)\n")
    print("| scanner | documents | MB | CPU s | wall s | MB per CPU-s | × Presidio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| Accord, all {len(ENTITY_TYPES)} types | {len(docs)} | {mb(docs):.2f} | {a_cpu:.3f} | {a_wall:.3f} | "
          f"{a_rate:.2f} | |")
    for name, ((cpu, wall), _) in narrower.items():
        print(f"| Accord {name} ({len(sets[name])}) | {len(docs)} | {mb(docs):.2f} | {cpu:.3f} | {wall:.3f} | "
              f"{mb(docs) / cpu:.2f} | |")
    print(f"| Accord, all {len(ENTITY_TYPES)} types | {len(sub)} | {mb(sub):.2f} | {a_sub_cpu:.3f} | - | "
          f"{a_sub_rate:.2f} | {a_sub_rate / p_rate:.0f} |")
    ratios = {}
    for name, (_, sub_cpu) in narrower.items():
        ratios[name] = mb(sub) / sub_cpu / p_rate
        print(f"| Accord {name} ({len(sets[name])}) | {len(sub)} | {mb(sub):.2f} | {sub_cpu:.3f} | - | "
              f"{mb(sub) / sub_cpu:.2f} | {ratios[name]:.0f} |")
    print(f"| Presidio {presidio_version()} ({len(PRESIDIO_TYPES)}) | {len(sub)} | {mb(sub):.2f} | {p_cpu:.2f} | "
          f"{p_wall:.2f} | {p_rate:.3f} | 1 |")
    ratio = ratios["on Presidio's types"]
    print(f"\nthroughput ratio on the same documents and entity types (CPU): {ratio:.0f}x; Accord without ADDRESS "
          f"{ratios['without ADDRESS']:.0f}x, with every type {a_sub_rate / p_rate:.0f}x\n")
    acc = evaluate(docs, a_preds)
    acc_sub = evaluate(sub, a_sub)
    pre = evaluate(sub, p_preds) if p_preds else {}
    print(f"| type | Accord P | Accord R (all {len(docs)}) | Accord P | Accord R (first {len(sub)}) | Presidio P | "
          "Presidio R |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for t in TYPES:
        p = pre.get(t)
        has = t in PRESIDIO_TYPES.values()
        pp = f"{p.precision:.3f} | {p.recall:.3f}" if p and has else "no recognizer | -"
        print(f"| {t} | {acc[t].precision:.3f} | {acc[t].recall:.3f} | {acc_sub[t].precision:.3f} | "
              f"{acc_sub[t].recall:.3f} | {pp} |")
    ok = ratio >= 50 and a_rate >= 5
    print(f"\ntargets (>= 50x Presidio on the same types, >= 5 MB per CPU-s with every type): "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


def presidio_version() -> str:
    try:
        from importlib.metadata import version
        return version("presidio-analyzer")
    except Exception:  # noqa: BLE001
        return "(absent)"


if __name__ == "__main__":
    raise SystemExit(main())
