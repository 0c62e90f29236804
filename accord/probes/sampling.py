"""Choosing the probes a check sends: by language, then for quick runs the first N or a seeded stratified sample."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from accord.errors import ProbeBankError
from accord.probes.bank import Bank, Probe


def limit_probes(probes: Sequence[Probe], n: int) -> list[Probe]:
    return list(probes[:n])


def _default_stratum(p: Probe) -> tuple[str, str, str]:
    return (p.concern, p.language, p.expected)


def stratified_sample(probes: Sequence[Probe], n: int, seed: int,
                      stratum: Callable[[Probe], tuple[str, ...]] = _default_stratum) -> list[Probe]:
    """About n probes, proportional over strata (default: concern, language, expected), at least one from each
    stratum while n allows; the same seed gives the same sample. Order follows the input."""
    if n >= len(probes):
        return list(probes)
    strata: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, p in enumerate(probes):
        strata[stratum(p)].append(i)
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


def select_probes(banks: Iterable[Bank], *, languages: Sequence[str] | None, limit: int | None,
                  sample: int | None, seed: int) -> list[Probe]:
    """The banks' probes in the chosen languages (all when None), then `sample` of them stratified by concern,
    language and expectation (seeded), then the first `limit`. Probe ids must be unique across banks."""
    probes: list[Probe] = []
    seen: set[str] = set()
    for bank in banks:
        for p in bank.probes:
            if languages is not None and p.language not in languages:
                continue
            if p.id in seen:
                raise ProbeBankError(f"probe id {p.id!r} appears in more than one bank")
            seen.add(p.id)
            probes.append(p)
    if not probes:
        raise ProbeBankError(f"no probes left after choosing languages {list(languages or [])}")
    if sample is not None:
        probes = stratified_sample(probes, sample, seed)
    if limit is not None:
        probes = limit_probes(probes, limit)
    return probes
