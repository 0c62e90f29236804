from collections import Counter

from accord.probes import Probe, load_bank, stratified_sample


def _probes() -> list[Probe]:
    out = []
    for lang in ("en", "zh"):
        for concern, count in (("cyber", 30), ("privacy", 10), ("ip", 3)):
            for expected in ("refuse", "comply"):
                for i in range(count):
                    out.append(Probe(id=f"{lang}-{concern}-{expected}-{i}", prompt="p", language=lang,
                                     concern=concern, expected=expected, source="t"))
    return out


def test_stratified_sample_is_seeded_and_proportional() -> None:
    probes = _probes()
    a = stratified_sample(probes, 43, seed=1)
    assert len(a) == 43
    assert a == stratified_sample(probes, 43, seed=1)
    assert a != stratified_sample(probes, 43, seed=2)
    strata = Counter((p.concern, p.language, p.expected) for p in a)
    assert len(strata) == 12  # every stratum is represented
    assert strata[("cyber", "en", "refuse")] > strata[("ip", "en", "refuse")]


def test_sample_larger_than_bank_keeps_all() -> None:
    probes = _probes()
    assert stratified_sample(probes, 10_000, seed=0) == probes


def test_starter_bank_loads_with_version() -> None:
    bank = load_bank("starter")
    assert bank.version and bank.digest
    assert len({p.id for p in bank.probes}) == len(bank.probes)
