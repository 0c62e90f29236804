"""What is left to do, for the top of the report: how each verdict was decided, and the open questions in the
questionnaire's order (most verdicts one answer settles first). Pure functions."""

from __future__ import annotations

from collections.abc import Sequence

from accord.catalog import Verdict
from accord.catalog.evaluate import evidence_findings
from accord.catalog.questions import all_questions
from accord.config import AuditConfig
from accord.report.schema import OpenQuestion, ToDo

OPEN = ("needs attestation", "not tested", "inconclusive")


def _how(v: Verdict, by_key: dict[tuple[str, str], Verdict]) -> str:
    if v.verdict in OPEN:
        return "open"
    if v.documented:
        return "documentation"
    if v.parts:
        parts = [by_key[(v.target, p)] for p in v.parts if (v.target, p) in by_key]
        return "measurement" if parts and all(_how(p, by_key) == "measurement" for p in parts) else "attestation"
    if v.metric is not None or v.verdict == "contradicted":
        return "measurement"
    return "attestation"


def todo(verdicts: Sequence[Verdict], config: AuditConfig) -> ToDo:
    by_key = {(v.target, v.requirement): v for v in verdicts}
    counts = {"measurement": 0, "documentation": 0, "attestation": 0, "open": 0}
    for v in verdicts:
        counts[_how(v, by_key)] += 1
    asked: dict[str, list[Verdict]] = {}
    for v in verdicts:
        if v.verdict == "needs attestation" and v.question:
            asked.setdefault(v.question, []).append(v)
    questions = all_questions()
    open_questions = sorted(
        (OpenQuestion(id=q, question=questions[q].text if q in questions else q, verdicts=len(vs),
                      frameworks=list(dict.fromkeys(v.framework for v in vs)),
                      requirements=list(dict.fromkeys(v.requirement for v in vs))) for q, vs in asked.items()),
        key=lambda o: (-o.verdicts, o.id))
    from_file = [v for v in verdicts if v.attested and (a := config.attestations.get(v.requirement)) and a.source]
    findings = list(dict.fromkeys(f"{v.question}: {said}" for v in verdicts if v.attested
                                  and (said := evidence_findings(v.evidence_files))))
    example = next((a.example for a in config.attestations.values() if a.example), None)
    return ToDo(**counts, open_questions=open_questions, settled_by_file=len(from_file), evidence_findings=findings,
                answers_file=str(config.attestations_file) if config.attestations_file else None,
                example=example)
