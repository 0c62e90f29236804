"""A rule judged group by group (`each_group`), as 29 CFR 1607.4(D) reads: the selection rate of every group is
compared with that of the group with the highest rate; none is dropped for being small.

A group with fewer rows than the rule's `min_n` is too small to judge: it is shown as such, and while its ratio
is on the failing side the verdict cannot read `met` (it reads `inconclusive`, naming the group): 1607.4(D)
says greater differences "may not constitute adverse impact where the differences are based on small numbers
and are not statistically significant", not that they are no evidence. Every other group is judged on its own
interval (accord.catalog.measure). Excluding groups under 2% of the data is NYC Local Law 144's rule (6 RCNY
§ 5-301), not this one, and plays no part here.
"""

from __future__ import annotations

from collections.abc import Sequence

from accord.catalog.measure import OPS, judge_metric
from accord.catalog.model import EvidenceRule
from accord.catalog.verdicts import Line, VerdictLabel, worst
from accord.results import Metric


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


def judge_groups(rule: EvidenceRule, groups: Sequence[Metric]) -> tuple[VerdictLabel, str, tuple[Line, ...]]:
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
    return label, (f"{len(lines)} groups compared, {small} too small to judge; {said} (each group's line below)"), lines
