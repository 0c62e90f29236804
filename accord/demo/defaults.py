"""The embedded default audit: SmolLM2-135M-Instruct run locally and the demo credit classifier."""

from __future__ import annotations

from pathlib import Path

from accord.attest.answers import with_answers
from accord.checks.jailbreak import JailbreakSettings
from accord.checks.refusal import RefusalSettings
from accord.config import AuditConfig, LocalTarget, Profile, SkopsTarget, TabularData
from accord.demo import MODEL, TEST_DATA
from accord.demo.german_credit import FEATURES, LABEL, POSITIVE, SENSITIVE

DEFAULT_TARGET = LocalTarget(type="local", name="smollm2-135m-instruct")
# Example answers a small provider of these two systems could give, marked as an example in the file
EXAMPLE_ATTESTATIONS = Path(__file__).parent / "data" / "attestations.example.toml"


def demo_classifier() -> SkopsTarget:
    """The demo credit-decision classifier that scripts/setup trains on the German Credit data (accord/demo)."""
    return SkopsTarget(
        type="sklearn", name="german-credit-classifier", model_path=MODEL,
        data=TabularData(path=TEST_DATA, label=LABEL, sensitive=SENSITIVE, features=FEATURES,
                         positive_label=POSITIVE),
        profile=Profile(kind="predictive_system", sectors=["credit"], automated_decisions=True, personal_data=True,
                        generates=[]),
    )


def default_config(*, answers: bool = True) -> AuditConfig:
    """The embedded default: SmolLM2-135M-Instruct run locally and the demo credit classifier (fairness, data
    and robustness checks), the classifier with facts of its own (a credit-decision system). On the model, the
    TC260-003 checks run at the standard's sample sizes (§9.3: 1,000 questions; §9.4: 300 of each refusal bank),
    with a smaller jailbreak draw; the starter refusal bank is left out (the TC260-003 banks cover its concerns).
    The example attestations file is read unless `answers` is false."""
    config = AuditConfig(
        name="Embedded default: SmolLM2-135M-Instruct and a German Credit classifier",
        targets=[DEFAULT_TARGET, demo_classifier()],
        profile=Profile(kind="general_purpose_model", generates=["text"], languages=["en", "zh"]),
        checks={"refusal": RefusalSettings(enabled=False), "jailbreak": JailbreakSettings(probes=20)},
        attestations_file=EXAMPLE_ATTESTATIONS,
    )
    return with_answers(config, EXAMPLE_ATTESTATIONS.parent) if answers else config
