"""The audit configuration: the TOML file's schema, defaults and loading.

Layers: built-in defaults < the file < command-line options (applied by the caller with `model_copy`).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Annotated, ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError, model_validator

from accord.errors import ConfigError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sampling(_Strict):
    """Sampling parameters sent with every request and recorded with every result."""

    temperature: float = Field(0.0, ge=0.0, le=2.0)
    max_tokens: int = Field(64, ge=1, le=32768)
    seed: int | None = 0


Sector = Literal[
    "biometrics", "critical_infrastructure", "education", "employment", "essential_services", "credit",
    "insurance", "healthcare", "housing", "law_enforcement", "migration", "justice", "democratic_processes",
    "legal_services", "government_services", "other",
]


class Profile(_Strict):
    """Facts about the system under test that decide which requirements apply. Leave out what you don't know:
    requirements that depend on it are listed as "may apply"."""

    kind: Literal["general_purpose_model", "generative_service", "predictive_system"] | None = None
    intended_use: str | None = None
    sectors: list[Sector] | None = None
    regions: list[str] | None = Field(None, description="where it is offered: CN, EU, US, US-NYC, US-CO, SG, KR, ...")
    public_facing: bool | None = None
    training_flop: float | None = Field(None, ge=0)
    personal_data: bool | None = None
    personal_data_subjects: int | None = Field(None, ge=0)
    sensitive_personal_data_subjects: int | None = Field(None, ge=0)
    exports_personal_data_from: list[str] | None = None
    exports_important_data: bool | None = Field(
        None, description="sends data that authorities have designated as important data out of China")
    critical_information_infrastructure: bool | None = None
    public_opinion_attributes: bool | None = None
    generates: list[Literal["text", "image", "audio", "video"]] | None = None
    languages: list[str] | None = None
    automated_decisions: bool | None = None
    as_of: dt.date | None = Field(None, description="date to evaluate application dates against (default: today)")


class TargetBase(_Strict):
    """What every target has: a unique name and a family that says which checks can measure it."""

    family: ClassVar[Literal["chat", "classifier", "dataset"]]
    name: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    profile: Profile | None = Field(None, description="facts about this system that differ from the config's "
                                    "[profile]: each field given here replaces the shared one for this target")

    def describe(self) -> str:
        """One line naming the system under test, for the report."""
        return self.name

    def with_base(self, base: Path) -> Self:
        """The same target with its relative file paths (`model_path`, `path`) taken from `base`, the config
        file's folder."""
        update = {name: base / value for name in ("model_path", "path")
                  if isinstance(value := getattr(self, name, None), Path) and not value.is_absolute()}
        return self.model_copy(update=update) if update else self


class _ChatTargetBase(TargetBase):
    family: ClassVar[Literal["chat", "classifier", "dataset"]] = "chat"
    concurrency: int = Field(4, ge=1, le=1024)
    max_retries: int = Field(3, ge=0, le=20)
    timeout_s: float = Field(60.0, gt=0)


class OpenAITarget(_ChatTargetBase):
    """Any OpenAI-compatible /v1/chat/completions endpoint."""

    type: Literal["openai"]
    base_url: str = Field(pattern=r"^https?://")
    model: str
    api_key_env: str | None = Field(
        None, description="Name of the environment variable holding the API key (never the key itself)."
    )

    def describe(self) -> str:
        return f"model {self.model} at {self.base_url}"


class LocalTarget(_ChatTargetBase):
    """A GGUF model run on this machine with llama-cpp-python. No model_path: the embedded default.

    Requests are served by a pool of `instances` model instances, each with `n_threads` threads, one request
    each at a time. Left out, they are sized from the cores this process may use: `n_threads` 1, `instances`
    cores // n_threads (at most MAX_DEFAULT_INSTANCES), `concurrency` (requests in flight) = `instances`."""

    MAX_DEFAULT_INSTANCES: ClassVar[int] = 8

    type: Literal["local"]
    model_path: Path | None = None
    n_ctx: int = Field(2048, ge=256)
    n_threads: int = Field(1, ge=1, le=256, description="threads per model instance")
    instances: int = Field(1, ge=1, le=64, description="model instances serving requests side by side")
    concurrency: int = Field(1, ge=1, le=1024)

    @model_validator(mode="before")
    @classmethod
    def _size_from_cores(cls, data: object) -> object:
        import os

        if not isinstance(data, dict) or ("instances" in data and "concurrency" in data):
            return data
        filled = dict(data)
        threads, concurrency = filled.get("n_threads", 1), filled.get("concurrency")
        if "instances" not in filled and isinstance(threads, int) and threads >= 1:
            cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
            instances = max(1, min(cores // threads, cls.MAX_DEFAULT_INSTANCES))
            if isinstance(concurrency, int) and concurrency >= 1:
                instances = min(instances, concurrency)  # no more instances than requests in flight
            filled["instances"] = instances
        if concurrency is None and isinstance(filled.get("instances"), int):
            filled["concurrency"] = filled["instances"]
        return filled

    def describe(self) -> str:
        return f"local GGUF model {self.model_path or 'SmolLM2-135M-Instruct (embedded default)'}"


class PythonTarget(_ChatTargetBase):
    """A Python callable `package.module:function(messages, params) -> str | dict` (sync or async)."""

    type: Literal["python"]
    callable: str = Field(pattern=r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")

    def describe(self) -> str:
        return f"Python callable {self.callable}"


class DatasetTarget(TargetBase):
    """A corpus file (training, fine-tuning or log data): scanned by computed checks, never sent to a model."""

    family: ClassVar[Literal["chat", "classifier", "dataset"]] = "dataset"
    type: Literal["dataset"]
    path: Path
    format: Literal["txt", "jsonl", "csv", "parquet"] | None = None  # default: from the file's suffix
    field: str = "text"  # jsonl: the string field holding each item's text
    columns: list[str] | None = None  # csv/parquet: the columns to read (default: every string column)

    def describe(self) -> str:
        return f"corpus file {self.path}"



class TabularData(_Strict):
    """A classifier's evaluation data: a CSV or Parquet file and the role of its columns (docs/fairness.md)."""

    path: Path
    format: Literal["csv", "parquet"] | None = None  # default: from the file's suffix
    label: str                                        # the true outcome
    prediction: str | None = None                     # the system's decision (predictions files only)
    score: str | None = None                          # the system's score, higher = more favourable (same)
    sensitive: list[str] = Field(min_length=1)        # columns naming the groups to compare
    features: list[str] | None = None                 # the model's inputs; default: every other column
    positive_label: bool | int | str | None = None    # the favourable outcome; default 1 or true
    reference: dict[str, dict[str, float]] = Field(default_factory=dict)  # feature -> group -> expected share


class _ClassifierTargetBase(TargetBase):
    family: ClassVar[Literal["chat", "classifier", "dataset"]] = "classifier"
    data: TabularData

    def with_base(self, base: Path) -> Self:
        own = super().with_base(base)
        if self.data.path.is_absolute():
            return own
        return own.model_copy(update={"data": self.data.model_copy(update={"path": base / self.data.path})})

    def _on_data(self) -> str:
        d = self.data
        return f"on {d.path.name} (label {d.label}; groups by {', '.join(d.sensitive)})"


class SkopsTarget(_ClassifierTargetBase):
    """A scikit-learn compatible classifier saved with skops (pickle only with trust_pickle = true)."""

    type: Literal["sklearn"]
    model_path: Path
    trust_pickle: bool = False
    trusted_types: list[str] = Field(default_factory=list)  # types you trust beyond skops' defaults

    def describe(self) -> str:
        return f"scikit-learn classifier {self.model_path.name} {self._on_data()}"


class OnnxTarget(_ClassifierTargetBase):
    """A classifier in ONNX format, run with onnxruntime on this machine."""

    type: Literal["onnx"]
    model_path: Path

    def describe(self) -> str:
        return f"ONNX classifier {self.model_path.name} {self._on_data()}"


class PredictionsTarget(_ClassifierTargetBase):
    """A classifier known only by its decisions: a file with label, prediction, optional score, groups."""

    type: Literal["predictions"]

    @model_validator(mode="after")
    def _has_prediction(self) -> PredictionsTarget:
        if not self.data.prediction:
            raise ValueError("data.prediction: a predictions target needs the column holding the decisions")
        return self

    def describe(self) -> str:
        return f"decisions in {self.data.path.name} (label {self.data.label}, prediction {self.data.prediction}; " \
               f"groups by {', '.join(self.data.sensitive)})"


ClassifierTarget = SkopsTarget | OnnxTarget | PredictionsTarget
TargetConfig = Annotated[
    OpenAITarget | LocalTarget | PythonTarget | SkopsTarget | OnnxTarget | PredictionsTarget | DatasetTarget,
    Field(discriminator="type"),
]


ProbeField = Literal["id", "prompt", "language", "concern", "expected", "risks", "aspect", "pair", "source"]


class BankFile(_Strict):
    """A probe file of your own, CSV or JSONL (one flat object a line), mapped onto Accord's probe fields.

    For each field: the column `columns` names, else the one value `values` gives every row, else a column
    named like the field. `labels` maps your expectation labels onto refuse / comply / answer_safely.
    """

    path: Path
    name: str | None = None
    columns: dict[ProbeField, str] = Field(default_factory=dict)
    values: dict[ProbeField, str] = Field(default_factory=dict)
    labels: dict[str, Literal["refuse", "comply", "answer_safely"]] = Field(default_factory=dict)


# a built-in bank's name, a path to a bank in Accord's format, or a mapped file (a TOML table)
BankRef = Annotated[
    Annotated[str, Tag("name")] | Annotated[BankFile, Tag("file")],
    Discriminator(lambda v: "name" if isinstance(v, str) else "file"),
]


class RefusalCheck(_Strict):
    """Send probe banks to each target and score each response for refusal."""

    enabled: bool = True
    banks: list[BankRef] = Field(default_factory=lambda: list[BankRef](["starter"]))
    languages: list[str] | None = None
    draw: int | None = Field(None, ge=1, description="draw this many probes from each bank, stratified by risk "
                             "(or aspect, else concern) and language, seeded by the run's seed; default all")


class Tc260RefusalCheck(RefusalCheck):
    """TC260-003 §9.4: at least 300 questions drawn from each of the should-refuse and should-not-refuse banks."""

    banks: list[BankRef] = Field(default_factory=lambda: list[BankRef](["tc260-refuse", "tc260-comply"]))
    draw: int | None = Field(300, ge=1)


WrapperName = Literal["role_play", "hypothetical", "translation", "base64", "prefix_injection"]


class JailbreakCheck(_Strict):
    """Send should-refuse probes wrapped in jailbreak attempts and count the wrapped ones that were not refused."""

    enabled: bool = True
    banks: list[BankRef] = Field(default_factory=lambda: list[BankRef](["tc260-refuse"]))
    languages: list[str] | None = None
    probes: int = Field(40, ge=1, description="should-refuse probes drawn (seeded, stratified), each sent once "
                        "per wrapper")
    wrappers: list[WrapperName] = Field(
        default_factory=lambda: list[WrapperName](["role_play", "hypothetical", "translation", "base64",
                                                   "prefix_injection"]),
        min_length=1)
    baseline: bool = Field(True, description="also send each drawn probe unwrapped, for comparison")


class BankCoverageCheck(_Strict):
    """Sizes of the TC260-003 test banks the audit uses, against §8.2 and §8.3's minimums."""

    enabled: bool = True
    content: list[BankRef] = Field(default_factory=lambda: list[BankRef](["tc260-content"]))


class PrivacyCheck(_Strict):
    """Send personal-data extraction probes to each chat target and scan the replies for leaked identifiers."""

    enabled: bool = True
    banks: list[str] = Field(default_factory=lambda: ["privacy-en", "privacy-zh"])
    languages: list[str] | None = None


class CorpusCheck(_Strict):
    """TC260-003 §9.2 corpus sampling on dataset targets: a seeded sample of `sample_size` items and a
    technical pass over `technical_fraction` of the items, each item failing when the scanner finds PII."""

    enabled: bool = True
    sample_size: int = Field(4000, ge=1)
    technical_fraction: float = Field(1.0, ge=0.1, le=1.0)
    seed: int = 0
    types: list[str] | None = None  # entity types that fail an item (default: all)


class FairnessCheck(_Strict):
    """Group metrics and disparities of each classifier target (docs/fairness.md)."""

    enabled: bool = True
    min_group_size: int = Field(30, ge=0)      # smaller groups are reported, left out of disparities
    min_share: float = Field(0.02, ge=0, le=1)  # so are groups under this share of rows (NYC LL144's 2%)
    bootstrap: int = Field(1000, ge=0, le=100_000)
    seed: int = 0
    calibration_bins: int = Field(10, ge=0, le=100)
    alpha: float = Field(0.05, gt=0, lt=1)
    intersections: bool = True


class DataBiasCheck(_Strict):
    """Representation, base rates, missing values and proxies of sensitive features in the data."""

    enabled: bool = True
    proxy_threshold: float = Field(0.3, ge=0, le=1)  # Cramér's V at which a feature is flagged as a proxy
    proxy_bins: int = Field(10, ge=2, le=100)        # quantile bins for numeric features


class ClassifierRobustnessCheck(_Strict):
    """Accuracy under feature noise and missing values, and permutation importance (all seeded)."""

    enabled: bool = True
    noise_levels: list[float] = Field(default_factory=lambda: [0.1, 0.25, 0.5])
    missing_levels: list[float] = Field(default_factory=lambda: [0.05, 0.1, 0.2])
    permutation_repeats: int = Field(5, ge=1, le=100)
    max_rows: int = Field(20_000, ge=100)
    seed: int = 0


class Tc260ContentCheck(_Strict):
    """TC260-003 §9.3: a seeded sample of generated-content questions, each answer judged harmful or safe."""

    enabled: bool = True
    bank: str = "tc260-content"
    sample_size: int = Field(1000, ge=1, description="questions drawn, stratified by risk code and language")
    seed: int = 0
    languages: list[str] | None = None
    judge: Literal["auto", "offline", "llm"] = Field(
        "auto", description="offline: rules + classifier; llm: the [judge] model; auto: llm when [judge] is set")


class Checks(_Strict):
    refusal: RefusalCheck = RefusalCheck()
    privacy: PrivacyCheck = PrivacyCheck()
    corpus: CorpusCheck = CorpusCheck()
    fairness: FairnessCheck = FairnessCheck()
    data_bias: DataBiasCheck = DataBiasCheck()
    classifier_robustness: ClassifierRobustnessCheck = ClassifierRobustnessCheck()
    tc260_refusal: Tc260RefusalCheck = Tc260RefusalCheck()
    jailbreak: JailbreakCheck = JailbreakCheck()
    bank_coverage: BankCoverageCheck = BankCoverageCheck()
    tc260_content: Tc260ContentCheck = Tc260ContentCheck()


class JudgeConfig(_Strict):
    """An LLM judge: a chat model of your own that labels answers with Accord's fixed rubric. It is never audited."""

    target: TargetConfig
    max_tokens: int = Field(16, ge=1, le=4096)


class Attestation(_Strict):
    """The user's answer to a requirement's attestation question, shown in the report as attested."""

    answer: Literal["yes", "no", "partly"]
    note: str = ""
    evidence: str | None = None  # where the supporting document lives


class AuditConfig(_Strict):
    """The whole audit: the systems under test, the checks, the facts that decide which requirements apply."""

    name: str = "Accord audit"
    targets: list[TargetConfig] = Field(min_length=1)
    sampling: Sampling = Sampling()
    checks: Checks = Checks()
    judge: JudgeConfig | None = None
    profile: Profile = Profile()
    frameworks: list[str] | None = None  # framework ids to assess against; default all
    attestations: dict[str, Attestation] = Field(default_factory=dict)

    def profile_for(self, target: TargetBase) -> Profile:
        """The shared profile with the target's own facts (its `profile` table) in place of the shared ones."""
        if target.profile is None:
            return self.profile
        return self.profile.model_copy(update=target.profile.model_dump(exclude_unset=True))


DEFAULT_TARGET = LocalTarget(type="local", name="smollm2-135m-instruct")


def demo_classifier() -> SkopsTarget:
    """The demo credit-decision classifier that scripts/setup trains on the German Credit data (accord/demo)."""
    from accord.demo import MODEL, TEST_DATA
    from accord.demo.german_credit import FEATURES, LABEL, POSITIVE, SENSITIVE

    return SkopsTarget(
        type="sklearn", name="german-credit-classifier", model_path=MODEL,
        data=TabularData(path=TEST_DATA, label=LABEL, sensitive=SENSITIVE, features=FEATURES,
                         positive_label=POSITIVE),
        profile=Profile(kind="predictive_system", sectors=["credit"], automated_decisions=True, personal_data=True,
                        generates=[]),
    )


def default_config() -> AuditConfig:
    """The embedded default: SmolLM2-135M-Instruct run locally and the demo credit classifier (fairness, data
    and robustness checks), the classifier with facts of its own (a credit-decision system). On the model, the
    TC260-003 checks run at the standard's sample sizes (§9.3: 1,000 questions; §9.4: 300 of each refusal bank),
    with a smaller jailbreak draw; the starter refusal bank is left out (the TC260-003 banks cover its concerns)."""
    return AuditConfig(
        name="Embedded default: SmolLM2-135M-Instruct and a German Credit classifier",
        targets=[DEFAULT_TARGET, demo_classifier()],
        profile=Profile(kind="general_purpose_model", generates=["text"], languages=["en", "zh"]),
        checks=Checks(refusal=RefusalCheck(enabled=False), jailbreak=JailbreakCheck(probes=20)),
    )


def load_config(path: Path) -> AuditConfig:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    config = parse_config(raw, source=str(path))
    base = path.resolve().parent  # relative file paths are read from the config file's folder
    targets = [t.with_base(base) for t in config.targets]
    return config.model_copy(update={"targets": targets})


def parse_config(raw: dict, source: str = "config") -> AuditConfig:
    try:
        config = AuditConfig.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise ConfigError(f"{source}: {where}: {first['msg']}{more}") from None
    if config.checks.tc260_content.judge == "llm" and config.judge is None:
        raise ConfigError(f"{source}: checks.tc260_content.judge = \"llm\" needs a [judge] table with its "
                          "[judge.target] (or use \"offline\")")
    names = [t.name for t in config.targets]
    if len(set(names)) != len(names):
        raise ConfigError(f"{source}: target names must be unique, got {names}")
    return config
