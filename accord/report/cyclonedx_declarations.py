"""The `declarations` of a run's CycloneDX 1.6 document (see accord.report.cyclonedx). Pure functions.

One claim per (target, requirement) verdict; one evidence item per measurement or attestation behind a verdict;
one attestation per target whose `map` ties each requirement to its claim with a conformance. A `not met`
verdict's evidence is listed as the claim's `counterEvidence`; a verdict built from parts cites its parts' evidence.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from accord import __version__
from accord.catalog import Verdict
from accord.catalog.verdicts import FAILING
from accord.report.schema import Report

ASSESSED = ("met", "not met", "contradicted", "partly met")  # `inconclusive`: no conformance, confidence 0


def _sentence(text: str) -> str:
    text = text.rstrip(". ")
    return text[:1].upper() + text[1:] + "." if text else ""


def ref(kind: str, *parts: str) -> str:
    """A bom-ref in Accord's namespace, e.g. `accord:req:tc260-003:9.4`."""
    return ":".join(("accord", kind, *parts))


def props(pairs: Iterable[tuple[str, str | None]]) -> list[dict]:
    return [{"name": k, "value": v} for k, v in pairs if v not in (None, "")]


ASSESSOR = ref("assessor", "self")


def declarations(report: Report, when: dt.datetime) -> dict:
    created = when.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    verdicts = list({(v.target, v.requirement): v for v in report.verdicts}.values())
    by_key = {(v.target, v.requirement): v for v in verdicts}
    evidence = {key: item for key, v in by_key.items() if (item := _evidence(v, created))}
    claims: list[dict] = []
    maps: dict[str, list[dict]] = {}
    for v in verdicts:
        keys = [(v.target, v.requirement)] + [(v.target, p) for p in v.parts]
        claims.append(_claim(v, [(evidence[k]["bom-ref"], by_key[k].verdict) for k in keys if k in evidence]))
        maps.setdefault(v.target, []).append(_map_item(v, by_key))
    summary = ("Accord {version} assessment of target {target!r} in run {run} ({name}): verdicts indicate, from "
               "measured evidence and the operator's attestations, whether each requirement appears met; they are "
               "not a certification.")
    return {
        "targets": _targets(report, [v.target for v in verdicts]),
        "assessors": [{"bom-ref": ASSESSOR, "thirdParty": False, "organization": {
            "name": "Self-assessment with Accord (automated checks and the operator's attestations)"}}],
        "attestations": [{"summary": summary.format(version=__version__, target=t, run=report.run.id,
                                                    name=report.run.name),
                          "assessor": ASSESSOR, "map": items} for t, items in maps.items()],
        "claims": claims,
        "evidence": list(evidence.values()),
    }


def _targets(report: Report, named: list[str]) -> dict:
    components, services = [], []
    described = {t.name: t for t in report.targets}
    for name in dict.fromkeys([*described, *named]):
        t = described.get(name)
        item = {"bom-ref": ref("target", name), "name": name}
        if t is not None:
            item["description"] = t.description
        if t is not None and t.type == "openai":
            services.append(item)
        else:
            kind = "machine-learning-model" if t is not None and t.type == "local" else "application"
            components.append({"type": kind, **item})
    out: dict = {}
    if components:
        out["components"] = components
    if services:
        out["services"] = services
    return out


def _evidence(v: Verdict, created: str) -> dict | None:
    author = {"name": f"Accord {__version__}"}
    base = {"bom-ref": ref("evidence", v.target, v.requirement), "created": created, "author": author}
    if v.value is not None and v.metric is not None:
        measured = {k: getattr(v, k) for k in ("metric", "value", "low", "high", "n", "op", "threshold", "min_n")}
        measured.update({k: getattr(v, k) for k in ("judge", "corrected", "corrected_low", "corrected_high",
                                                    "decided_by") if getattr(v, k) is not None})
        interval = f", 95% interval {v.low:.4f}-{v.high:.4f}" if v.low is not None and v.high is not None else ""
        rule = f"; rule {v.op} {v.threshold:g} with n >= {v.min_n}" if v.op and v.threshold is not None else ""
        said = f"Measured {v.metric} = {v.value:.4f} (n={v.n}{interval}){rule}. {_sentence(v.reason)}"
        lines = [ln.model_dump(exclude_none=True) for ln in v.lines]
        return {**base, "description": said,
                "data": [_data(v.metric, {**measured, "verdict": v.verdict, **({"lines": lines} if lines else {})})]}
    if v.documented:
        said = f"Decided by the operator's documentation, named complete: {_sentence(v.reason)}"
        return {**base, "description": said,
                "data": [_data("documentation", {"verdict": v.verdict, "statement": v.reason,
                                                 "presence": list(v.documentation)})]}
    if v.attested is not None:
        given = {k: getattr(v, k) for k in ("question", "answered_by", "answered_on") if getattr(v, k) is not None}
        files = [f.model_dump(exclude_none=True) for f in v.evidence_files]  # SHA-256 and size, recorded and found
        return {**base, "description": f"Attested {v.attested!r} by the operator in the audit configuration: "
                                       f"{_sentence(v.reason)}",
                "data": [_data("attestation", {"answer": v.attested, "statement": v.reason, "verdict": v.verdict,
                                               **given, **({"evidence_files": files} if files else {}),
                                               "measured": [o.model_dump(exclude_none=True) for o in v.observations]})]}
    if v.observations:  # measured beside a question not answered yet: the measurements, no verdict of their own
        said = "; ".join(f"{o.name} = {o.value:.4f} (n={o.n})" if o.value is not None else f"{o.name}: no value"
                         for o in v.observations)
        return {**base, "description": f"Measured beside the requirement's question, which is not answered yet: "
                                       f"{said}. Without an answer there is no verdict.",
                "data": [_data("measured", {"verdict": v.verdict, "question": v.question,
                                            "measured": [o.model_dump(exclude_none=True) for o in v.observations]})]}
    return None


def _data(name: str, content: dict) -> dict:
    return {"name": name, "contents": {"attachment": {"contentType": "application/json",
                                                      "content": json.dumps(content, ensure_ascii=False)}}}


def _claim(v: Verdict, cited: list[tuple[str, str]]) -> dict:
    claim: dict = {"bom-ref": ref("claim", v.target, v.requirement), "target": ref("target", v.target),
                   "predicate": f"{v.target} meets {v.citation}: {v.summary}", "reasoning": _reasoning(v)}
    supporting = [r for r, verdict in cited if verdict not in FAILING]
    against = [r for r, verdict in cited if verdict in FAILING]
    if supporting:
        claim["evidence"] = supporting
    if against:
        claim["counterEvidence"] = against
    return claim


def _reasoning(v: Verdict) -> str:
    why = "; ".join(v.applicability_reasons)
    return (f"Accord verdict: {v.verdict}. {_sentence(v.reason)} Requirement {v.requirement} ({v.confidence} source). "
            f"Applicability: {v.applicability}" + (f" ({why})." if why else "."))


def _map_item(v: Verdict, by_key: dict[tuple[str, str], Verdict]) -> dict:
    item: dict = {"requirement": ref("req", v.requirement), "claims": [ref("claim", v.target, v.requirement)]}
    rationale = f"Accord verdict: {v.verdict}. {_sentence(v.reason)}"
    if v.verdict not in ASSESSED:
        item["confidence"] = {"score": 0, "rationale": f"Not assessed ({v.verdict}): {_sentence(v.reason)}"}
        return item
    conformance: dict = {"rationale": rationale}
    parts = [by_key[(v.target, p)].verdict for p in v.parts if (v.target, p) in by_key]
    if v.verdict == "met":
        conformance["score"] = 1
    elif v.verdict in FAILING:
        conformance["score"] = 0
    elif parts:
        conformance["score"] = round(parts.count("met") / len(parts), 4)
    item["conformance"] = conformance
    item["confidence"] = {"rationale": f"Source confidence: {v.confidence}; applicability: {v.applicability}."}
    return item
