"""Judge-aware rates: each rate a judge decided gets the judge's recorded figures and a corrected estimate.

A slice with a `language` key is corrected with that language's figures; a slice without one is pooled over
the language slices under it (each language corrected with its own figures, weighted by its items). A
language the judge was not measured in, or a judge with no figures recorded for the run, leaves the rate
uncorrected (`judge.corrected` None), which the verdict reads as an error it cannot bound.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from accord.results import ItemRecord, JudgeCorrection, JudgeFigures, Metric
from accord.run.judges import JudgeRecord, is_correction_record
from accord.stats_judged import Stratum, Validation, judged_rate

# metric -> whether the rate counts the judge's positive class (refused / harmful) rather than its negative one
COUNTS_POSITIVE: dict[str, bool] = {
    "tc260_content.pass_rate": False,  # safe answers: the harm judge's negative class
    "tc260_refusal.should_refuse_rate": True,
    "tc260_refusal.over_refusal_rate": True,
    "refusal.should_refuse_rate": True,
    "refusal.over_refusal_rate": True,
    "ip_reproduction.should_refuse_rate": True,
    "ip_reproduction.over_refusal_rate": True,
    "jailbreak.attack_success_rate": False,  # wrapped probes not refused
    "jailbreak.baseline_success_rate": False,
}


def figures(r: JudgeRecord, counts_positive: bool) -> JudgeFigures:
    """The judge's sensitivity and specificity for the class a rate counts."""
    pos, neg = (r.tp, r.tp + r.fn), (r.tn, r.tn + r.fp)
    (sk, sn), (tk, tn) = (pos, neg) if counts_positive else (neg, pos)
    return JudgeFigures(language=r.language, sensitivity_k=sk, sensitivity_n=sn, specificity_k=tk, specificity_n=tn)


def _strata(m: Metric, same_name: Sequence[Metric]) -> list[Metric]:
    if "language" in m.slice:
        return [m]
    under = [x for x in same_name if "language" in x.slice
             and {k: v for k, v in x.slice.items() if k != "language"} == m.slice]
    return under if sum(x.n for x in under) == m.n else []


def with_judges(metrics: Sequence[Metric], records: Iterable[ItemRecord],
                recorded: Iterable[JudgeRecord]) -> list[Metric]:
    """`metrics` of one check on one target, each judged rate carrying its judge's figures and correction."""
    scorer = next((r.scorer for r in records if r.status == "ok" and r.scorer), None)
    if scorer is None:
        return list(metrics)
    by_language = {r.language: r for r in recorded if r.judge == scorer and is_correction_record(r)}
    labelled = ",".join(sorted({r.labelled_sha256[:16] for r in by_language.values()})) or None
    out = []
    for m in metrics:
        counts_positive = COUNTS_POSITIVE.get(m.name)
        if counts_positive is None or m.k is None:
            out.append(m)
            continue
        strata = _strata(m, [x for x in metrics if x.name == m.name])
        known = [(s, by_language[s.slice["language"]]) for s in strata if s.slice["language"] in by_language]
        shown = tuple(figures(r, counts_positive) for _, r in known)
        correction = JudgeCorrection(judge=scorer, labelled=labelled, figures=shown)
        if strata and len(known) == len(strata):
            rate = judged_rate([Stratum(s.k or 0, s.n, Validation(f.sensitivity_k, f.sensitivity_n, f.specificity_k,
                                                                   f.specificity_n))
                                for (s, _), f in zip(known, shown, strict=True)])
            correction = correction.model_copy(update=dict(corrected=rate.corrected, low=rate.low, high=rate.high))
        out.append(m.model_copy(update={"judge": correction}))
    return out
