"""Choosing a subset of probes for quick runs: the first N, or a seeded stratified sample."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence

from accord.probes.bank import Probe


def limit_probes(probes: Sequence[Probe], n: int) -> list[Probe]:
    return list(probes[:n])


def stratified_sample(probes: Sequence[Probe], n: int, seed: int) -> list[Probe]:
    """About n probes, proportional over (concern, language, expected) strata, at least one from each
    stratum while n allows; the same seed gives the same sample. Order follows the input."""
    if n >= len(probes):
        return list(probes)
    strata: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, p in enumerate(probes):
        strata[(p.concern, p.language, p.expected)].append(i)
    rng = random.Random(seed)
    keys = sorted(strata)
    quota = {k: len(strata[k]) * n / len(probes) for k in keys}
    take = {k: int(quota[k]) for k in keys}
    # hand out what rounding down left over: first to empty strata, then by largest remainder
    order = sorted(keys, key=lambda k: (take[k] > 0, -(quota[k] - take[k]), rng.random()))
    for k in order[: n - sum(take.values())]:
        take[k] += 1
    chosen: set[int] = set()
    for k in keys:
        chosen.update(rng.sample(strata[k], take[k]))
    return [probes[i] for i in sorted(chosen)]
