"""What would settle an inconclusive verdict: how many items, or how accurate a judge.

Assumes the rate stays where it was measured: more items keep today's judged rate; a better judge would label
what the correction puts the true rate at. Without a
judge, a 95% interval narrows about as 1/√n, so the items needed are n·(half-width / distance to the line)².
With a judge the interval also carries the validation error, which more items do not shrink: the search
tries up to 64 times the items with today's judge, then judges of accuracy 0.90-0.99 on labelled sets as
large as today's.
"""

from __future__ import annotations

import math
import operator

from accord.results import Metric
from accord.stats_judged import Stratum, Validation, judged_rate

_OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}
ACCURACIES = (0.90, 0.95, 0.98, 0.99)
DRAWS = 2000


def _decides(op: str, threshold: float, low: float | None, high: float | None) -> bool:
    if low is None or high is None:
        return False
    ok = _OPS[op]
    return ok(low, threshold) == ok(high, threshold)


def _bounds(judged: float, n: int, v: Validation) -> tuple[float | None, float | None]:
    r = judged_rate([Stratum(round(judged * n), n, v)], draws=DRAWS)
    return r.low, r.high


def _judged_by(est: float, v: Validation) -> float:
    """The rate a judge with these figures would be expected to label, if the true rate is `est`."""
    se, sp = v.sensitivity or 0.0, v.specificity or 0.0
    return se * est + (1 - sp) * (1 - est)


def settle(m: Metric, op: str, threshold: float) -> str:
    j = m.judge
    if j is None or j.low is None:
        assert m.value is not None and m.low is not None and m.high is not None
        distance = abs(m.value - threshold)
        if distance < 1e-12:
            return "The measured value sits on the line: more items at this rate would not settle it."
        needed = math.ceil(m.n * ((m.high - m.low) / 2 / distance) ** 2)
        return f"Would settle it: about {max(needed, m.n + 1):,} items at this rate (now {m.n:,})."
    est = j.corrected
    if est is None:
        return "Would settle it: a judge measurably better than chance on these items (docs/judges.md)."
    if abs(est - threshold) < 1e-12:
        return "The corrected rate sits on the line: neither more items nor a better judge would settle it."
    sn = sum(f.sensitivity_n for f in j.figures)
    tn = sum(f.specificity_n for f in j.figures)
    today = Validation(sum(f.sensitivity_k for f in j.figures), sn, sum(f.specificity_k for f in j.figures), tn)
    said = []
    n = m.n
    while n < 64 * m.n:
        n = math.ceil(n * 1.25)
        if _decides(op, threshold, *_bounds(m.value or 0.0, n, today)):  # more items, the same judged rate
            said.append(f"about {n:,} items with this judge (now {m.n:,})")
            break
    else:
        said.append(f"not more items alone (even {64 * m.n:,} would leave the judge's own error across the line)")
    for a in ACCURACIES:
        better = Validation(round(a * sn), sn, round(a * tn), tn)
        if _decides(op, threshold, *_bounds(_judged_by(est, better), m.n, better)):
            said.append(f"a judge with measured sensitivity and specificity of at least {a:.2f} (on labelled sets "
                        f"as large as today's, {sn} and {tn} items) on these {m.n:,} items")
            break
    else:
        said.append(f"a judge measured on larger labelled sets (even {ACCURACIES[-1]:.2f} accuracy on {sn} and "
                    f"{tn} labelled items would not settle {m.n:,} items)")
    return "Would settle it: " + "; or ".join(said) + "."
