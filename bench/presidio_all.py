"""Presidio's AnalyzerEngine with every predefined recognizer that needs no NLP model, for every language it has
recognizers for, offline; as a module (`engine()`, `analyze(engine, text)`) and as a whole process:

    .venv/bin/python bench/presidio_all.py FILE.txt > findings.jsonl

reads FILE one document per line, runs every language's recognizers on each line (Presidio takes one language
per call, so a document of unknown language is analysed once per language and the results joined), and writes
one JSON line per result. Used by bench/national_ids.py, which times this whole process against `accord scan`.
"""

from __future__ import annotations

import json
import sys
from typing import Any

# the NLP-model recognizers (spaCy, Stanza, transformers) are left out: they need a model download
_MODEL_RECOGNIZERS = {"SpacyRecognizer", "StanzaRecognizer", "TransformersRecognizer", "GLiNERRecognizer"}


def engine() -> tuple[Any, list[str]]:
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer

    # offline: the bundled public-suffix snapshot, never a download
    email_recognizer.tldextract.extract = tldextract.TLDExtract(  # type: ignore[attr-defined]
        suffix_list_urls=(), cache_dir=None)
    import inspect

    import presidio_analyzer.predefined_recognizers as pr

    recognizers = []
    for name in dir(pr):
        cls = getattr(pr, name)
        if inspect.isclass(cls) and name.endswith("Recognizer") and name not in _MODEL_RECOGNIZERS:
            try:
                recognizers.append(cls())
            except Exception:  # noqa: BLE001, S112 - abstract bases and recognizers needing arguments
                continue
    languages = sorted({r.supported_language for r in recognizers})
    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "no_op", "models": [{"lang_code": lang, "model_name": "no_op"} for lang in languages],
    }).create_engine()
    registry = RecognizerRegistry(supported_languages=languages)
    for r in recognizers:
        registry.add_recognizer(r)
    return AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=languages), languages


def analyze(eng: Any, languages: list[str], text: str) -> list[tuple[int, int, str, float]]:
    out: set[tuple[int, int, str, float]] = set()
    for lang in languages:
        out.update((r.start, r.end, r.entity_type, r.score) for r in eng.analyze(text=text, language=lang))
    return sorted(out)


def main(path: str) -> int:
    eng, languages = engine()
    n = len(eng.registry.recognizers)
    print(f"presidio: {n} recognizers, languages {', '.join(languages)}", file=sys.stderr)
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            for start, end, kind, score in analyze(eng, languages, line.rstrip("\n")):
                sys.stdout.write(json.dumps({"doc": i, "start": start, "end": end, "type": kind, "score": score})
                                 + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
