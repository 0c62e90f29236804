"""One measured metric against one threshold: `met` or `not met` only when its whole 95% interval lies on one
side, `inconclusive` when the threshold lies inside it.

The interval is the judge-aware one where a judge decided the rate (accord.stats_judged: sampling and the
judge's validation error), else the metric's own (Wilson for a rate, bootstrap for a disparity); a count or
other exact figure has none and is compared as it is. A judged rate whose judge has no figures recorded for the
run, or none for one of its languages, cannot be bounded and is `inconclusive`.
"""

from __future__ import annotations

import operator

from accord.catalog.settle import settle
from accord.catalog.verdicts import Line, VerdictLabel
from accord.results import Metric

OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}


def side(op: str, threshold: float, low: float, high: float) -> VerdictLabel:
    """Where an interval [low, high] sits against `op threshold`; a bound on the line counts as passing for
    `>=` and `<=` (as the rule reads) and failing for `>` and `<`."""
    ok = OPS[op]
    passes = ok(low, threshold), ok(high, threshold)
    return "met" if all(passes) else "not met" if not any(passes) else "inconclusive"


def shown(m: Metric) -> str:
    assert m.value is not None
    count = m.k is None and m.low is None and m.value.is_integer()
    return f"{m.value:.0f}" if count else f"{m.value:.3f}"  # a count, or a share or ratio


def judge_metric(m: Metric, op: str, threshold: float, name: str = "") -> Line:
    """`m` (with a value) against `op threshold`, as one line; `name` labels a language or group."""
    assert m.value is not None
    rule = f"{op} {threshold:g}"
    base = dict(name=name, value=m.value, low=m.low, high=m.high, n=m.n)
    j = m.judge
    if j is not None and (j.low is None or j.high is None):
        missing = "its accuracy was not recorded with this run" if not j.figures else \
            "its accuracy was not measured in every language of these items"
        return Line(verdict="inconclusive", **base, reason=(
            f"judged {shown(m)} against {rule} (n={m.n}), labelled by {j.judge}, but {missing}, so its error "
            f"cannot be bounded and the judged rate cannot decide. Would settle it: a run whose judge has measured "
            f"sensitivity and specificity on held-out labelled items in each language (docs/judges.md)"))
    if j is not None:
        assert j.low is not None and j.high is not None
        label = side(op, threshold, j.low, j.high)
        est = "undefined (the judge is no better than chance)" if j.corrected is None else f"{j.corrected:.3f}"
        said = (f"judged {shown(m)}, corrected for {j.judge}'s measured error {est} (95% interval "
                f"{j.low:.3f}-{j.high:.3f}, sampling and judge error, n={m.n})")
        line = Line(verdict=label, corrected=j.corrected, corrected_low=j.low, corrected_high=j.high, **base,
                    reason="")
        error = "the judge's error and the sample"
    elif m.low is not None and m.high is not None:
        label = side(op, threshold, m.low, m.high)
        said = f"{shown(m)} (95% interval {m.low:.3f}-{m.high:.3f}, n={m.n})"
        line = Line(verdict=label, **base, reason="")
        error = "the sample"
    else:
        label = "met" if OPS[op](m.value, threshold) else "not met"
        return Line(verdict=label, **base,
                    reason=f"{shown(m)} {'meets' if label == 'met' else 'does not meet'} {rule} (n={m.n})")
    if label == "met":
        reason = f"{said} meets {rule}: the whole interval is on the passing side"
    elif label == "not met":
        reason = f"{said} does not meet {rule}: the whole interval is on the failing side"
    else:
        reason = (f"{said}: {rule} lies inside the interval, so {error} could move it across the line. "
                  f"{settle(m, op, threshold)}")
    return line.model_copy(update={"reason": reason})
