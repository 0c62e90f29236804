"""Verdicts: each applicable requirement judged for one target. Pure functions. States: accord.catalog.verdicts.

- an evidence rule is applied to the target's metrics (accord.catalog.measure: `met`/`not met` only when the
  whole interval is on one side, else `inconclusive`); judged on fewer items than its `min_n` it is
  `not tested`. Where the metric has per-language slices each language is judged and the worst decides,
  unless the rule cites that the pool decides; an `each_group` rule is judged group by group (groups.py);
- an attestation question takes the answer given in the config (`needs attestation` until then); an answer
  `yes` that a measurement clearly fails, against a threshold the catalog states for it, is `contradicted`;
- a requirement made of parts is `met` only when every part is; any part failing (`not met`, `contradicted`,
  or attested `partly`) makes it `not met`; otherwise its worst part's state (`inconclusive`, `needs
  attestation`, `not tested`). No framework in the catalog grades partial fulfilment of a requirement, so
  `partly met` is never computed from parts: it is only ever the operator's own answer.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from accord.catalog.applicability import Applicable
from accord.catalog.groups import RATE_OF, judge_groups
from accord.catalog.measure import judge_metric
from accord.catalog.model import EvidenceRule, Requirement, all_requirements
from accord.catalog.questions import question_of
from accord.catalog.verdicts import FAILING, Observation, Verdict, VerdictLabel, worst
from accord.config import Attestation, EvidenceFile
from accord.results import Metric

_ATTESTED: dict[str, VerdictLabel] = {"yes": "met", "no": "not met", "partly": "partly met"}


class _Measured:
    """One target's metrics: overall ones by name, sliced ones by name."""

    def __init__(self, metrics: Iterable[Metric]) -> None:
        self.overall: dict[str, Metric] = {}
        self.sliced: dict[str, list[Metric]] = defaultdict(list)
        for m in metrics:
            if m.slice:
                self.sliced[m.name].append(m)
            else:
                self.overall[m.name] = m

    def languages(self, name: str) -> list[Metric]:
        return sorted((m for m in self.sliced.get(name, ()) if set(m.slice) == {"language"} and m.value is not None),
                      key=lambda m: m.slice["language"])

    def groups(self, name: str) -> list[Metric]:
        return [m for m in self.sliced.get(name, ()) if set(m.slice) == {"feature", "group"}]


def evaluate(items: Sequence[Applicable], target: str, metrics: Iterable[Metric],
             attestations: Mapping[str, Attestation] | None = None, as_of: dt.date | None = None) -> list[Verdict]:
    """Verdicts for the requirements that apply or may apply (those that do not apply get none). An answer past
    its `valid_until`, or older than its `max_age_days` on `as_of`, no longer counts."""
    measured = _Measured(m for m in metrics if m.target == target)
    answers, stale = _current(attestations or {}, as_of)
    answers, stale = _covering(answers, stale, target)
    live = [a for a in items if a.status != "does not apply"]
    leaves = {a.requirement.id: _judge(a.requirement, target, measured, answers.get(a.requirement.id),
                                       stale.get(a.requirement.id))
              for a in live if not a.requirement.parts}
    out = []
    for a in live:
        v = leaves.get(a.requirement.id) or _combine_parts(a.requirement, target, measured, answers, leaves, items)
        out.append(v.model_copy(update={"applicability": a.status, "applicability_reasons": a.reasons}))
    return out


def _current(answers: Mapping[str, Attestation], as_of: dt.date | None
             ) -> tuple[dict[str, Attestation], dict[str, str]]:
    """The answers that still hold on `as_of`, and why each other one no longer does."""
    held: dict[str, Attestation] = {}
    stale: dict[str, str] = {}
    for rid, a in answers.items():
        if as_of is not None and a.valid_until is not None and as_of > a.valid_until:
            stale[rid] = f"the answer given on {a.answered_on} expired on {a.valid_until} (valid_until)"
        elif as_of is not None and a.max_age_days and a.answered_on is not None \
                and (as_of - a.answered_on).days > a.max_age_days:
            stale[rid] = (f"the answer given on {a.answered_on} is {(as_of - a.answered_on).days} days old, older "
                          f"than the {a.max_age_days} days the attestations file allows (max_age_days)")
        else:
            held[rid] = a
    return held, stale


def _covering(answers: dict[str, Attestation], stale: dict[str, str], target: str
              ) -> tuple[dict[str, Attestation], dict[str, str]]:
    """The answers that cover `target` (an answer naming `targets` covers only those systems), and why each other
    one does not."""
    held = {rid: a for rid, a in answers.items() if not a.targets or target in a.targets}
    left = {rid: f"the answer{f' to {a.question!r}' if a.question else ''} covers only {', '.join(a.targets)}, "
                 f"not {target}" for rid, a in answers.items() if rid not in held}
    return held, {**stale, **left}


def _base(req: Requirement, target: str) -> dict:
    return dict(requirement=req.id, framework=req.framework, citation=req.citation, summary=req.summary,
                confidence=req.confidence, target=target, concerns=req.concerns)


def combine(parts: Sequence[VerdictLabel]) -> VerdictLabel:
    """A requirement's state from its parts' states (see the module docstring)."""
    if all(p == "met" for p in parts):
        return "met"
    if any(p in FAILING or p == "partly met" for p in parts):
        return "not met"
    return worst(list(parts))


def _combine_parts(req: Requirement, target: str, measured: _Measured, answers: Mapping[str, Attestation],
                   leaves: dict[str, Verdict], items: Sequence[Applicable]) -> Verdict:
    known = {a.requirement.id: a.requirement for a in items}
    parts = [leaves.get(p) or _judge(known.get(p) or all_requirements()[p], target, measured, answers.get(p))
             for p in req.parts]
    label = combine([p.verdict for p in parts])
    reason = "; ".join(f"{p.requirement}: {p.verdict}" for p in parts)
    if label == "not met" and any(p.verdict == "partly met" for p in parts):
        reason += " (a part attested only partly met leaves the requirement not met)"
    return Verdict(verdict=label, reason=reason, parts=req.parts, **_base(req, target))


def _judge(req: Requirement, target: str, measured: _Measured, answer: Attestation | None,
           stale: str | None = None) -> Verdict:
    if req.evidence is None:
        return _attested(req, target, measured, answer, stale)
    base = _base(req, target)
    rule = req.evidence
    rule_fields = dict(metric=rule.metric, op=rule.op, threshold=rule.threshold, min_n=rule.min_n)
    m = measured.overall.get(rule.metric)
    groups = measured.groups(rule.each_group) if rule.each_group else []
    if groups:
        label, reason, lines = judge_groups(rule, groups, measured.groups(RATE_OF.get(rule.each_group or "", "")))
        shown = dict(value=m.value, low=m.low, high=m.high, n=m.n) if m is not None else {}
        return Verdict(verdict=label, reason=reason, lines=lines, decided_by="every group", **shown, **rule_fields,
                       **base)
    if m is None or m.value is None:
        return Verdict(verdict="not tested", reason="no check produced this metric", **rule_fields, **base)
    fields = dict(value=m.value, low=m.low, high=m.high, n=m.n, **_judge_fields(m), **rule_fields, **base)
    if m.n < rule.min_n:
        return Verdict(verdict="not tested", reason=f"only {m.n} items measured; the rule needs {rule.min_n}",
                       **fields)
    pool = judge_metric(m, rule.op, rule.threshold)
    languages = measured.languages(rule.metric)
    if len(languages) < 2:
        return Verdict(verdict=pool.verdict, reason=pool.reason, **fields)
    lines = tuple(judge_metric(x, rule.op, rule.threshold, name=x.slice["language"]) for x in languages)
    if rule.pooled:
        said = f"{pool.reason.rstrip('.')}. The pooled sample decides: {rule.pooled}"
        return Verdict(verdict=pool.verdict, reason=said, lines=lines, decided_by="pool", **fields)
    return _worst_language(pool.reason, lines, rule, fields)


def _worst_language(pool_reason: str, lines: tuple, rule: EvidenceRule, fields: dict) -> Verdict:
    label = worst([ln.verdict for ln in lines])
    deciding = [ln for ln in lines if ln.verdict == label]
    said = "; ".join(f"{ln.name}: {ln.reason.rstrip('.')}" for ln in deciding)
    reason = f"each language judged, the worst decides ({label}): {said}. All languages pooled: {pool_reason}"
    return Verdict(verdict=label, reason=reason, lines=lines, decided_by="worst language", **fields)


def _judge_fields(m: Metric) -> dict:
    if m.judge is None:
        return {}
    return dict(judge=m.judge.judge, corrected=m.judge.corrected, corrected_low=m.judge.low,
                corrected_high=m.judge.high)


def _attested(req: Requirement, target: str, measured: _Measured, answer: Attestation | None,
              stale: str | None = None) -> Verdict:
    base = _base(req, target)
    base["question"] = question_of().get(req.id)
    against = {r.metric: r for r in req.measured_against}
    observations = []
    for name in req.informed_by:
        m = measured.overall.get(name)
        if m is None:
            continue
        o = Observation(name=m.name, value=m.value, low=m.low, high=m.high, n=m.n)
        rule = against.get(name)
        if rule is not None and m.value is not None:
            state = judge_metric(m, rule.op, rule.threshold).verdict if m.n >= rule.min_n else "not tested"
            o = o.model_copy(update=dict(op=rule.op, threshold=rule.threshold, verdict=state))
        observations.append(o)
    base["observations"] = tuple(observations)
    if answer is None:
        ask = f"answer question {base['question']!r} (`accord attest`)" if base["question"] else "answer in the config"
        why = f"{stale}; " if stale else ""
        return Verdict(verdict="needs attestation", reason=f"{why}{ask}: {req.attestation or ''}", **base)
    base.update(answered_by=answer.answered_by, evidence_files=answer.files, documentation=answer.documentation,
                answered_on=answer.answered_on.isoformat() if answer.answered_on else None)
    if answer.by_documentation:
        return Verdict(verdict="not met", reason=f"decided by documentation: {answer.note}", documented=True, **base)
    said = f"attested {answer.answer!r}" + (f" by {answer.answered_by}" if answer.answered_by else "") \
        + (f" on {answer.answered_on}" if answer.answered_on else "") + (f": {answer.note}" if answer.note else "")
    if answer.evidence:
        said += f" (evidence: {answer.evidence})"
    findings = evidence_findings(answer.files)
    if findings:
        said += f" ({findings})"
    failing = [o for o in observations if o.verdict == "not met"]
    if answer.answer == "yes" and failing:
        clash = "; ".join(f"{o.name} = {o.value:.3f} (95% interval {o.low:.3f}-{o.high:.3f}, n={o.n}) does not meet "
                          f"{o.op} {o.threshold:g}" if o.low is not None and o.high is not None and o.value is not None
                          else f"{o.name} = {o.value} (n={o.n}) does not meet {o.op} {o.threshold:g}" for o in failing)
        return Verdict(verdict="contradicted", attested=answer.answer, **base,
                       reason=f"{said}; but the measurement says otherwise: {clash}. Reconcile the two before "
                              "relying on the answer")
    return Verdict(verdict=_ATTESTED[answer.answer], reason=said, attested=answer.answer, **base)


def evidence_findings(files: Sequence[EvidenceFile]) -> str:
    """What changed in an answer's evidence since it was answered, in words ("" when nothing did)."""
    said = {"changed": "changed since answered", "missing": "missing", "not recorded": "not yet recorded (run "
            "`accord attest` to record its SHA-256)"}
    return "; ".join(f"evidence {f.path} {said[f.found]}" for f in files if f.found in said)
