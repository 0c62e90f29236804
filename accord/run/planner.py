"""The planner: which probes each target gets from each check, fixed once per run and stored."""

from __future__ import annotations

from accord.config import AuditConfig
from accord.errors import ProbeBankError
from accord.probes import Bank, Probe, limit_probes, load_bank, stratified_sample


def load_banks(config: AuditConfig) -> list[Bank]:
    return [load_bank(ref) for ref in config.checks.refusal.banks] if config.checks.refusal.enabled else []


def refusal_probes(banks: list[Bank], config: AuditConfig, *, limit: int | None, sample: int | None,
                   seed: int) -> list[Probe]:
    probes: list[Probe] = []
    seen: set[str] = set()
    languages = config.checks.refusal.languages
    for bank in banks:
        for p in bank.probes:
            if languages is not None and p.language not in languages:
                continue
            if p.id in seen:
                raise ProbeBankError(f"probe id {p.id!r} appears in more than one bank")
            seen.add(p.id)
            probes.append(p)
    if not probes:
        raise ProbeBankError(f"no probes left after choosing languages {languages}")
    if sample is not None:
        probes = stratified_sample(probes, sample, seed)
    if limit is not None:
        probes = limit_probes(probes, limit)
    return probes
