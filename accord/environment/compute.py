"""Training compute: C ~ 6 x N x D (N parameters, D training tokens) or the provider's declared figure, held
against the thresholds that make rules presume something of a model.

- 6·N·D: the forward and backward pass of a dense transformer cost about 6 FLOP per parameter per training
  token (Kaplan et al., "Scaling Laws for Neural Language Models", 2020, section 2.1). It leaves out attention's
  context-dependent share and any recomputation, so Accord shows the estimate with a band of x0.5 to x2: the band
  is Accord's convention for an order-of-magnitude method, not a figure from a source. For a mixture-of-experts
  model N is every expert's parameters; the active parameters (lower) would fit the method better, so the band's
  low end drops to x0.1 there.
- Thresholds: EU AI Act Article 51(2): systemic-risk capabilities presumed when training compute is *greater
  than* 10^25 FLOP (verified in the catalog, framework eu-ai-act). Korea's AI Basic Act Article 32 with its
  Enforcement Decree: 10^26 FLOP (*at least*), read from secondary sources only: `unverified`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from accord.errors import AccordError


class ModelFileError(AccordError):
    exit_code = 2


@dataclass(frozen=True)
class Threshold:
    id: str
    flop: float
    inclusive: bool  # "at least" (True) or "greater than" (False)
    rule: str
    what: str
    confidence: Literal["verified", "unverified"]


THRESHOLDS = (
    Threshold("eu_ai_act_art_51_2", 1e25, False, "Regulation (EU) 2024/1689, Article 51(2)",
              "high-impact capabilities (systemic risk) presumed", "verified"),
    Threshold("kr_ai_basic_act_art_32", 1e26, True, "AI Basic Act (Korea), Article 32; Enforcement Decree",
              "safety duties for large-compute AI apply", "unverified"),
)


@dataclass(frozen=True)
class ModelFacts:
    parameters: int
    experts: int | None
    source: str


def gguf_facts(path: Path) -> ModelFacts:
    """Parameter count (the elements of every tensor) and expert count read from a GGUF file's header."""
    from gguf import GGUFReader

    try:
        reader = GGUFReader(path)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelFileError(f"{path}: not a readable GGUF file ({str(exc)[:80]})") from None
    params = int(sum(int(t.n_elements) for t in reader.tensors))
    experts = None
    for name, field in reader.fields.items():
        if name.endswith(".expert_count") and field.types:
            experts = int(field.parts[field.data[0]][0])
    return ModelFacts(params, experts, f"GGUF header of {path.name}: {len(reader.tensors)} tensors")


@dataclass(frozen=True)
class ComputeEstimate:
    flop: float
    low: float
    high: float
    basis: Literal["declared", "6ND"]
    arithmetic: str


def estimate(parameters: int | None, tokens: float | None, declared: float | None,
             experts: int | None = None) -> ComputeEstimate | None:
    if declared is not None:
        return ComputeEstimate(declared, declared, declared, "declared",
                               f"{declared:.3e} FLOP as the profile declares (training_flop)")
    if parameters is None or tokens is None:
        return None
    flop = 6.0 * parameters * tokens
    low_factor = 0.1 if experts and experts > 1 else 0.5
    moe = f" (mixture of {experts} experts: total parameters)" if experts and experts > 1 else ""
    return ComputeEstimate(flop, flop * low_factor, flop * 2.0, "6ND",
                           f"6 x {parameters:,} parameters{moe} x {tokens:.3e} tokens = {flop:.3e} FLOP; "
                           f"band x{low_factor:g} to x2: {flop * low_factor:.3e} to {flop * 2:.3e}")


def applicability(est: ComputeEstimate | None, t: Threshold) -> tuple[str, str]:
    """("presumed" | "not presumed" | "unknown", the comparison in words)."""
    op = ">=" if t.inclusive else ">"
    if est is None:
        return "unknown", f"no parameter count and training tokens, nor a declared figure, to compare with {t.flop:.0e}"

    def above(x: float) -> bool:
        return x >= t.flop if t.inclusive else x > t.flop

    if above(est.low):
        return "presumed", f"{est.low:.3e} {op} {t.flop:.0e} even at the band's low end"
    if not above(est.high):
        return "not presumed", f"{est.high:.3e} is not {op} {t.flop:.0e} even at the band's high end"
    return "unknown", f"the band {est.low:.3e} to {est.high:.3e} straddles {t.flop:.0e}"
