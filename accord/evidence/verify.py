"""`accord verify`: what a second party can establish about a result bundle with nothing but the bundle, this
Accord and (for who signed it) the signer's public key.

Each finding names the part it is about: `signature`, each signed file (`report.json`, `records.json`,
`plan.json`, `report.cdx.json`), `declarations signature` (the CycloneDX declarations' own JSF signature),
`declarations ↔ report`, `plan ↔ run: <field>` for each thing the plan froze, `catalog`, `report ↔ records` and
`verdicts` (each verdict re-derived from the item records with this Accord's catalog, which must be the one the
plan names).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from accord.audit import evaluate_records
from accord.errors import AccordError
from accord.evidence.bundle import (
    CDX,
    ENVELOPE,
    PLAN,
    RECORDS,
    REPORT,
    SUBJECTS,
    TEST_RESULT,
    RunRecords,
    key_id,
    open_envelope,
    read_records,
    signed_by,
)
from accord.evidence.jsf import declarations_signed_by, unsigned
from accord.evidence.plan import (
    TestPlan,
    catalog_sha256,
    parse_plan,
    planned_checks,
    planned_judges,
    planned_requirements,
    sha256,
)
from accord.plugins import parse_config
from accord.report.cyclonedx import report_document
from accord.report.schema import Report, load_report

State = Literal["holds", "fails", "not checked"]


@dataclass(frozen=True)
class Finding:
    part: str
    state: State
    text: str


def verify_bundle(folder: Path, key: Ed25519PublicKey | None) -> list[Finding]:
    out: list[Finding] = []
    statement = _signature(folder, key, out)
    signed = {s["name"]: s["digest"].get("sha256") for s in statement.get("subject", [])} if statement else {}
    for name in SUBJECTS:
        path = folder / name
        if not path.exists():
            out.append(Finding(name, "fails", "missing from the bundle"))
        elif name not in signed:
            out.append(Finding(name, "not checked" if not statement else "fails",
                               "not covered by a signed statement"))
        else:
            digest = sha256(path.read_bytes())
            out.append(Finding(name, "holds", f"sha256 {digest[:16]}… as signed") if digest == signed[name]
                       else Finding(name, "fails", f"changed since it was signed (sha256 {digest[:16]}…, signed "
                                                   f"{str(signed[name])[:16]}…)"))
    parts = _read_parts(folder, out)
    if parts is None:
        return out
    plan, records, report = parts
    out += _declarations(folder, report, key)
    out += plan_matches_run(plan, records)
    if report.run.id != records.run.id:
        out.append(Finding("report ↔ records", "fails",
                           f"report.json is of run {report.run.id}, records.json of run {records.run.id}"))
    else:
        out.append(Finding("report ↔ records", "holds", f"both of run {records.run.id}"))
    here = catalog_sha256()
    if plan.catalog_sha256 != here:
        out.append(Finding("catalog", "fails", f"the plan names catalog {plan.catalog_sha256[:16]}…, this Accord "
                                               f"has {here[:16]}…: verdicts cannot be re-derived with the catalog "
                                               "the plan names (use the Accord version it names)"))
        out.append(Finding("verdicts", "not checked", "not re-derived: the catalog differs"))
        return out
    out.append(Finding("catalog", "holds", f"this Accord's catalog is the one the plan names ({here[:16]}…)"))
    out.append(_verdicts(records, report))
    return out


def _declarations(folder: Path, report: Report, key: Ed25519PublicKey | None) -> list[Finding]:
    """The CycloneDX declarations: their own JSF signature, and that they say what report.json says."""
    try:
        document = json.loads((folder / CDX).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [Finding("declarations", "fails", f"{CDX} cannot be read: {exc}")]
    out = []
    if key is None:
        out.append(Finding("declarations signature", "not checked", "no --key given"))
    else:
        why = declarations_signed_by(document, key)
        out.append(Finding("declarations signature", "fails", why) if why else
                   Finding("declarations signature", "holds", "JSF Ed25519 signature by the given key"))
    derived = report_document(report)["declarations"]
    if unsigned(document.get("declarations") or {}) == derived:
        out.append(Finding("declarations ↔ report", "holds", "the CycloneDX declarations are the report's verdicts"))
    else:
        out.append(Finding("declarations ↔ report", "fails", f"the declarations in {CDX} differ from those "
                                                             "report.json gives"))
    return out


def _signature(folder: Path, key: Ed25519PublicKey | None, out: list[Finding]) -> dict | None:
    try:
        data = (folder / ENVELOPE).read_bytes()
    except OSError:
        out.append(Finding("signature", "fails", f"no {ENVELOPE}: the bundle is not signed (`accord sign`)"))
        return None
    try:
        payload, sigs = open_envelope(data)
        statement = json.loads(payload)
    except (AccordError, ValueError) as exc:
        out.append(Finding("signature", "fails", str(exc)))
        return None
    if statement.get("predicateType") != TEST_RESULT:
        out.append(Finding("signature", "fails", f"the statement's predicate is not {TEST_RESULT}"))
    if key is None:
        out.append(Finding("signature", "not checked", "no --key given: who signed the bundle is not established "
                                                       f"(signed by key id {sigs[0][0][:16] if sigs else '?'}…)"))
    elif signed_by(payload, sigs, key):
        out.append(Finding("signature", "holds", f"signed with the given key (key id {key_id(key)[:16]}…)"))
    else:
        out.append(Finding("signature", "fails", "does not verify with the given key: the statement was altered "
                                                 "or signed with another key"))
        return None  # its digests vouch for nothing
    return statement


def _read_parts(folder: Path, out: list[Finding]) -> tuple[TestPlan, RunRecords, Report] | None:
    try:
        plan = parse_plan((folder / PLAN).read_bytes(), PLAN)
        records = read_records((folder / RECORDS).read_bytes())
        report = load_report(folder / REPORT)
    except (AccordError, OSError) as exc:
        out.append(Finding("bundle", "fails", f"cannot be read: {exc}"))
        return None
    return plan, records, report


def plan_matches_run(plan: TestPlan, records: RunRecords) -> list[Finding]:
    """Each field the plan froze, against what the run recorded it used."""
    run = records.run
    config = parse_config(json.loads(run.config_json), source=f"run {run.id}")
    started = dt.date.fromisoformat(run.created_at[:10])
    now = {
        "accord_version": run.accord_version, "name": run.name, "config_sha256": sha256(run.config_json.encode()),
        "selection": {"limit": run.options.limit, "sample": run.options.sample, "seed": run.options.seed},
        "banks": list(run.options.banks), "sampling": config.sampling.model_dump(),
        "targets": [{"name": t.name, "type": t.type, "description": t.describe()} for t in config.targets],
        "check_settings": {k: v.model_dump(mode="json") for k, v in sorted(config.checks.items())},
        "checks": [c.model_dump() for c in planned_checks([(p.target, p.check, p.items) for p in records.planned])],
        "judges": [j.model_dump() for j in planned_judges(records.judges)],
        "requirements": [r.model_dump() for r in planned_requirements(config, started)],
    }
    out = []
    for field, actual in now.items():
        frozen = getattr(plan, field)
        frozen = frozen.model_dump() if hasattr(frozen, "model_dump") else [
            x.model_dump() if hasattr(x, "model_dump") else x for x in frozen] if isinstance(frozen, list) else frozen
        if frozen == actual:
            out.append(Finding(f"plan ↔ run: {field}", "holds", "as planned"))
        else:
            out.append(Finding(f"plan ↔ run: {field}", "fails", _diff(frozen, actual)))
    return out


def _diff(planned: object, ran: object) -> str:
    if isinstance(planned, list) and isinstance(ran, list):
        gone = [x for x in planned if x not in ran]
        new = [x for x in ran if x not in planned]
        return f"planned but not run: {gone[:2]}; run but not planned: {new[:2]}"
    return f"planned {planned}, run {ran}"


def _verdicts(records: RunRecords, report: Report) -> Finding:
    derived = evaluate_records(records.run.row(), [(p.target, p.check) for p in records.planned], records.items,
                               records.outputs, records.judges).verdicts
    mine = {(v.target, v.requirement): v for v in derived}
    theirs = {(v.target, v.requirement): v for v in report.verdicts}
    wrong = []
    for k in sorted(set(mine) | set(theirs)):
        a, b = mine.get(k), theirs.get(k)
        if a is None or b is None:
            wrong.append(f"{k[1]} for {k[0]}: {'only in the report' if a is None else 'missing from the report'}")
        elif a != b:
            fields = [f for f in type(a).model_fields if getattr(a, f) != getattr(b, f)]
            wrong.append(f"{k[1]} for {k[0]}: the report says {b.verdict}, the records give {a.verdict} "
                         f"(differs in {', '.join(fields)})")
    if wrong:
        return Finding("verdicts", "fails", f"{len(wrong)} of {len(theirs)} differ from the records: "
                                            + "; ".join(wrong[:3]) + (" …" if len(wrong) > 3 else ""))
    return Finding("verdicts", "holds", f"all {len(mine)} re-derived from the item records agree with the report")
