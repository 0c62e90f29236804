"""Choosing the probes a check sends: by language, a seeded draw per bank, then for quick runs the first N or a
seeded stratified sample."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, zip_longest

from accord.errors import ProbeBankError
from accord.probes.model import Bank, Probe

Stratum = Callable[[Probe], tuple[str, ...]]


def by_concern(p: Probe) -> tuple[str, ...]:
    return (p.concern, p.language, p.expected)


def by_risk(p: Probe) -> tuple[str, ...]:
    """A probe's first Appendix A risk code, §8.3 aspect and concern (so that weapons probes tagged A.1.h are a
    stratum apart from A.1.h's own), and its language."""
    return (p.risks[0] if p.risks else "", p.aspect or "", p.concern, p.language)


def limit_probes(probes: Sequence[Probe], n: int) -> list[Probe]:
    return list(probes[:n])


def stratified_sample(probes: Sequence[Probe], n: int, seed: int, key: Stratum = by_concern) -> list[Probe]:
    """About n probes, proportional over the strata `key` puts them in (default: concern, language,
    expectation), at least one from each stratum while n allows; the same seed gives the same sample. Order
    follows the input."""
    if n >= len(probes):
        return list(probes)
    strata: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, p in enumerate(probes):
        strata[key(p)].append(i)
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
                  sample: int | None, seed: int, draw: int | None = None) -> list[Probe]:
    """The banks' probes in the chosen languages (all when None); with `draw`, that many from each bank,
    stratified by risk, aspect, concern and language (seeded) and interleaved bank by bank, so that a limit takes
    from each; then `sample` of them stratified by concern, language and expectation (seeded), then the first `limit`.
    Probe ids must be unique across banks."""
    per_bank: list[list[Probe]] = []
    seen: set[str] = set()
    for bank in banks:
        chosen = []
        for p in bank.probes:
            if languages is not None and p.language not in languages:
                continue
            if p.id in seen:
                raise ProbeBankError(f"probe id {p.id!r} appears in more than one bank")
            seen.add(p.id)
            chosen.append(p)
        per_bank.append(chosen)
    if draw is not None:
        drawn = [stratified_sample(ps, draw, seed, key=by_risk) for ps in per_bank]
        probes = [p for p in chain.from_iterable(zip_longest(*drawn)) if p is not None]
    else:
        probes = list(chain.from_iterable(per_bank))
    if not probes:
        raise ProbeBankError(f"no probes left after choosing languages {list(languages or [])}")
    if sample is not None:
        probes = stratified_sample(probes, sample, seed)
    if limit is not None:
        probes = limit_probes(probes, limit)
    return probes
