"""A rule judged group by group (`each_group`), as 29 CFR 1607.4(D) reads: the selection rate of every group is
compared with that of the group with the highest rate; none is dropped for being small.

A group with fewer rows than the rule's `min_n` is too small to judge: it is shown as such, and while its ratio
is on the failing side the verdict cannot read `met` (it reads `inconclusive`, naming the group): 1607.4(D)
says greater differences "may not constitute adverse impact where the differences are based on small numbers
and are not statistically significant", not that they are no evidence. Every other group is judged on its own
interval (accord.catalog.measure). Excluding groups under 2% of the data is NYC Local Law 144's rule (6 RCNY
§ 5-301), not this one, and plays no part here: where the check's ratios were taken against a reference chosen
under that rule and a group of `min_n` rows or more has a higher rate, each ratio of that feature is taken again
against that group, from the groups' selection rates, with a Katz log interval (Katz et al. 1978, Biometrics
34:469-474).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from accord.catalog.measure import OPS, judge_metric
from accord.catalog.model import EvidenceRule
from accord.catalog.verdicts import Line, VerdictLabel, worst
from accord.results import Metric
from accord.stats import Z95

RATE_OF = {"fairness.impact_ratio": "fairness.selection_rate",
           "fairness.scoring_impact_ratio": "fairness.scoring_rate"}


def katz(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float, float]:
    """(k1/n1) / (k2/n2) with its 95% log interval; ½ added to each count where a count is 0."""
    a, b, c, d = (k1, n1, k2, n2) if k1 and k2 else (k1 + 0.5, n1 + 0.5, k2 + 0.5, n2 + 0.5)
    rr = (a / b) / (c / d)
    se = math.sqrt(max(0.0, 1 / a - 1 / b + 1 / c - 1 / d))
    return (k1 / n1) / (k2 / n2), rr * math.exp(-Z95 * se), rr * math.exp(Z95 * se)


def rebased(ratios: Sequence[Metric], rates: Sequence[Metric], min_n: int) -> tuple[list[Metric], list[str]]:
    """The ratios, each feature's taken against its highest-rate group of `min_n` rows or more; and the
    features whose ratios had to be taken again for that (the check's reference was another group)."""
    by = {(m.slice.get("feature"), m.slice.get("group")): m for m in rates
          if m.k is not None and m.value is not None and set(m.slice) == {"feature", "group"}}
    out: list[Metric] = []
    moved = []
    for feature in sorted({str(m.slice.get("feature")) for m in ratios}):
        mine = [m for m in ratios if m.slice.get("feature") == feature]
        big = [r for m in mine if (r := by.get((feature, m.slice.get("group")))) is not None and r.n >= min_n]
        top = max(big, key=lambda r: r.value or 0.0, default=None)
        own = next((m for m in mine if top is not None and m.slice.get("group") == top.slice.get("group")), None)
        if top is None or not top.k or own is None or own.value is None or abs(own.value - 1.0) < 1e-9:
            out += mine
            continue
        moved.append(f"{feature} (against {top.slice.get('group')})")
        for m in mine:
            r = by.get((feature, m.slice.get("group")))
            if r is None or r.k is None:
                out.append(m)
                continue
            value, low, high = katz(r.k, r.n, top.k, top.n)
            out.append(m.model_copy(update=dict(value=value, low=low, high=high)))
    return out, moved


def _line(g: Metric, rule: EvidenceRule) -> Line:
    assert g.value is not None
    name = f"{g.slice.get('feature', '?')} = {g.slice.get('group', '?')}"
    if g.n >= rule.min_n:
        return judge_metric(g, rule.op, rule.threshold, name=name)
    fails = not OPS[rule.op](g.value, rule.threshold)
    small = f"{g.n} rows, too few to judge (fewer than {rule.min_n})"
    if fails:
        return Line(name=name, verdict="inconclusive", value=g.value, low=g.low, high=g.high, n=g.n,
                    reason=f"{small}, and its ratio {g.value:.3f} is not {rule.op} {rule.threshold:g}: it could be "
                           f"adverse impact. Would settle it: at least {rule.min_n} rows of this group")
    return Line(name=name, verdict="not tested", value=g.value, low=g.low, high=g.high, n=g.n,
                reason=f"{small}; its ratio {g.value:.3f} is {rule.op} {rule.threshold:g}")


def judge_groups(rule: EvidenceRule, groups: Sequence[Metric],
                 rates: Sequence[Metric] = ()) -> tuple[VerdictLabel, str, tuple[Line, ...]]:
    groups, moved = rebased(groups, rates, rule.min_n)
    lines = tuple(_line(g, rule) for g in sorted(groups, key=lambda g: (g.slice.get("feature", ""),
                                                                       g.slice.get("group", "")))
                  if g.value is not None)
    judged = [ln for ln in lines if ln.verdict != "not tested"]
    if not judged:
        return "not tested", f"no group has {rule.min_n} rows or more to judge", lines
    label = worst([ln.verdict for ln in judged])
    named = [ln.name for ln in judged if ln.verdict == label] if label != "met" else []
    small = sum(1 for ln in lines if ln.n is not None and ln.n < rule.min_n)
    said = {"met": f"every group judged meets {rule.op} {rule.threshold:g}",
            "not met": "below the line: " + ", ".join(named),
            "inconclusive": "could be on either side of the line: " + ", ".join(named)}[label]
    again = (f"; ratios taken again against the highest-rate group of {rule.min_n} rows or more, which the fairness "
             f"check's own comparison (LL144's 2% rule) had left out: {', '.join(moved)}") if moved else ""
    reason = f"{len(lines)} groups compared, {small} too small to judge; {said}{again} (each group's line below)"
    return label, reason, lines
