"""CycloneDX 1.6 attestation documents: the catalog as standards, a run's verdicts as declarations. Pure functions.

- `catalog_document(frameworks)`: `definitions.standards`, one standard per framework with its requirements
  (citation as `identifier`, our summary as `text`, Accord's id, confidence, rule and dates as `properties`).
- `report_document(report)`: the standards behind the run's verdicts, and `declarations`: the targets, Accord as a
  self-assessor, one claim per (target, requirement), the measured or attested evidence behind it, and one
  attestation per target mapping each requirement to its claim with a conformance.

Only `met` (score 1) and `not met` or `contradicted` (score 0) carry a conformance score; an attested `partly met`
carries a conformance without a score. `inconclusive`, `needs attestation` and `not tested` carry no conformance at all
and a confidence of 0, so no reader can take them for conformant.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence

from accord import __version__
from accord.catalog import Framework, Requirement, Verdict
from accord.report.cyclonedx_declarations import declarations, props, ref
from accord.report.schema import FrameworkInfo, Report

SCHEMA = "http://cyclonedx.org/schema/bom-1.6.schema.json"


def catalog_document(frameworks: Sequence[Framework], *, serial: uuid.UUID | None = None,
                     timestamp: dt.datetime | None = None) -> dict:
    """The whole catalog (or the frameworks given) as a CycloneDX 1.6 document with `definitions.standards`."""
    standards = [_standard(f.id, f.title, f.document, f.jurisdiction, f.status, f.url, f.published,
                           [_catalog_requirement(r, f) for r in f.requirements], _parents(f.requirements))
                 for f in frameworks]
    return _document(standards, None, serial, timestamp, [("accord:document", "catalog")])


def report_document(report: Report, *, serial: uuid.UUID | None = None,
                    timestamp: dt.datetime | None = None) -> dict:
    """A run's verdicts as a CycloneDX 1.6 attestation document (standards, targets, claims, evidence).

    `metadata.timestamp` is when the document is made (default now); the evidence is dated by the run."""
    known = {f.id: f for f in report.frameworks}
    by_framework: dict[str, dict[str, Verdict]] = {}
    for v in report.verdicts:
        by_framework.setdefault(v.framework, {}).setdefault(v.requirement, v)
    standards = []
    for fid, reqs in by_framework.items():
        info = known.get(fid) or FrameworkInfo(id=fid, title=fid, jurisdiction="", document=fid, status="")
        standards.append(_standard(fid, info.title, info.document, info.jurisdiction, info.status, None, None,
                                   [_verdict_requirement(v) for v in reqs.values()],
                                   {p: v.requirement for v in reqs.values() for p in v.parts if p in reqs}))
    when = _timestamp(report.run.finished_at or report.run.created_at)
    run_props = [("accord:document", "run"), ("accord:run-id", report.run.id),
                 ("accord:run-name", report.run.name), ("accord:run-status", report.run.status),
                 ("accord:run-created-at", report.run.created_at), ("accord:run-finished-at", report.run.finished_at)]
    return _document(standards, declarations(report, when), serial, timestamp, run_props)


# ------------------------------------------------------------------------------------------------ the document
def _document(standards: list[dict], decl: dict | None, serial: uuid.UUID | None,
              timestamp: dt.datetime | None, meta: list[tuple[str, str | None]]) -> dict:
    stamp = (timestamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    doc: dict = {
        "$schema": SCHEMA, "bomFormat": "CycloneDX", "specVersion": "1.6",
        "serialNumber": (serial or uuid.uuid4()).urn, "version": 1,
        "metadata": {
            "timestamp": stamp.isoformat().replace("+00:00", "Z"),
            "tools": {"components": [{"type": "application", "name": "accord", "version": __version__}]},
            "properties": props(meta),
        },
        "definitions": {"standards": standards},
    }
    if decl is not None:
        doc["declarations"] = decl
    return doc


def _standard(fid: str, title: str, document: str, jurisdiction: str, status: str, url: str | None,
              published: dt.date | None, requirements: list[dict], parent_of: dict[str, str]) -> dict:
    for r in requirements:
        parent = parent_of.get(r["bom-ref"].removeprefix(ref("req") + ":"))
        if parent:
            r["parent"] = ref("req", parent)
    where = ", ".join(x for x in (jurisdiction, status) if x)
    std: dict = {"bom-ref": ref("std", fid), "name": title,
                 "description": f"{document} ({where})" if where else document, "requirements": requirements}
    if published:
        std["version"] = published.isoformat()
    if url:
        std["externalReferences"] = [{"type": "documentation", "url": url, "comment": "primary source"}]
    return std


def _parents(reqs: Iterable[Requirement]) -> dict[str, str]:
    """part id -> the first requirement that lists it among its parts (CycloneDX allows one parent)."""
    out: dict[str, str] = {}
    for r in reqs:
        for p in r.parts:
            out.setdefault(p, r.id)
    return out


def _catalog_requirement(r: Requirement, f: Framework) -> dict:
    rule = None
    if r.evidence:
        rule = f"{r.evidence.metric} {r.evidence.op} {r.evidence.threshold:g} with n >= {r.evidence.min_n}"
    pairs = [("accord:requirement-id", r.id), ("accord:confidence", r.confidence),
             ("accord:concerns", ", ".join(r.concerns)), ("accord:evidence-rule", rule),
             ("accord:attestation-question", r.attestation), ("accord:parts", ", ".join(r.parts)),
             ("accord:applies-when", _conditions(r, f)),
             ("accord:applies-from", r.applies_from.isoformat() if r.applies_from else None),
             ("accord:applies-from-basis", r.applies_from_basis)]
    pairs += [(f"accord:date-change:{c.status}", f"{c.applies_from.isoformat()} ({c.basis})") for c in r.date_changes]
    out = {"bom-ref": ref("req", r.id), "identifier": r.citation, "text": r.summary, "properties": props(pairs)}
    if r.note:
        out["descriptions"] = [r.note]
    return out


def _conditions(r: Requirement, f: Framework) -> str | None:
    """The framework's and the requirement's conditions together, as `assess` combines them."""
    words = [f"{c.field} {c.op} {c.value}" for c in f.applies_when.all + r.applies_when.all]
    anys = r.applies_when.any or f.applies_when.any
    if anys:
        words.append("any of (" + "; ".join(f"{c.field} {c.op} {c.value}" for c in anys) + ")")
    return " and ".join(words) or None


def _verdict_requirement(v: Verdict) -> dict:
    pairs = [("accord:requirement-id", v.requirement), ("accord:confidence", v.confidence),
             ("accord:concerns", ", ".join(v.concerns)), ("accord:parts", ", ".join(v.parts))]
    return {"bom-ref": ref("req", v.requirement), "identifier": v.citation, "text": v.summary,
            "properties": props(pairs)}


def _timestamp(text: str) -> dt.datetime:
    stamp = dt.datetime.fromisoformat(text)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)

