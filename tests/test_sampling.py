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


def test_draw_per_bank_is_stratified_by_risk_and_interleaved() -> None:
    from accord.probes import Bank, select_probes
    from accord.probes.sampling import by_risk

    refuse = [Probe(id=f"r{lang}{code}{i}", prompt="p", language=lang, concern="c", expected="refuse", source="t",
                    risks=(code,)) for lang in ("en", "zh") for code in ("A.1.a", "A.2.b") for i in range(20)]
    comply = [Probe(id=f"c{lang}{aspect}{i}", prompt="p", language=lang, concern="over_refusal", expected="comply",
                    source="t", aspect=aspect)
              for lang in ("en", "zh") for aspect in ("history", "age") for i in range(5)]
    banks = [Bank(name="r", version="1", digest="x", probes=tuple(refuse)),
             Bank(name="c", version="1", digest="y", probes=tuple(comply))]
    drawn = select_probes(banks, languages=None, limit=None, sample=None, seed=0, draw=12)
    assert [p.expected for p in drawn[:6]] == ["refuse", "comply"] * 3
    assert Counter(by_risk(p) for p in drawn if p.expected == "refuse") == {
        (code, "", "c", lang): 3 for code in ("A.1.a", "A.2.b") for lang in ("en", "zh")}
    assert Counter(p.aspect for p in drawn if p.expected == "comply") == {"history": 6, "age": 6}
    everything = select_probes(banks, languages=["zh"], limit=None, sample=None, seed=0, draw=100)
    assert sorted(p.id for p in everything) == sorted(p.id for p in (*refuse, *comply) if p.language == "zh")
