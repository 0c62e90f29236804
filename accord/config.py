"""The audit configuration: the TOML file's schema, defaults and loading.

Layers: built-in defaults < the file < command-line options (applied by the caller with `model_copy`).

The schema is open: each check brings its own settings model (a `CheckSettings`) and each target type its
own (a `TargetBase`); a `[checks.<id>]` table and a `[[targets]]` table of `type = "<type>"` are validated
with the model that the installed check or target registers. The registry is passed in (`Plugins`), never
imported: this module sits at the bottom and imports no other layer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Protocol, Self, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    SerializeAsAny,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from accord.errors import ConfigError
from accord.tomlfile import load_toml


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
    training_tokens: float | None = Field(None, ge=0, description="tokens the model was trained on, for the 6·N·D "
                                          "training-compute estimate (check `compute`)")
    parameters: int | None = Field(None, ge=0, description="the model's parameter count, when no GGUF file gives it")
    grid_region: str | None = Field(None, description="where the system runs, for CO2e from grid intensity: ISO 3166 "
                                    "code (CN, US, DE...) or EU; default: the only entry of `regions`")
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
    systemic_risk_designated: bool | None = Field(
        None, description="the European Commission has designated this general-purpose AI model as having systemic "
        "risk (AI Act Article 51(1)(b), 52(4)); false: it has not")
    as_of: dt.date | None = Field(None, description="date to evaluate application dates against (default: today)")


class TargetBase(_Strict):
    """What every target has: a unique name and a family that says which checks can measure it."""

    family: ClassVar[Literal["chat", "classifier", "dataset"]]
    type: str  # the target type that reads these settings (each type narrows it to its own name)
    name: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    profile: Profile | None = Field(None, description="facts about this system that differ from the config's "
                                    "[profile]: each field given here replaces the shared one for this target")

    def describe(self) -> str:
        """One line naming the system under test, for the report."""
        return self.name

    def with_base(self, base: Path) -> Self:
        """The same target with its relative file paths (`model_path`, `path`, `licence_manifest`) taken from
        `base`, the config file's folder."""
        update = {name: base / value for name in ("model_path", "path", "licence_manifest")
                  if isinstance(value := getattr(self, name, None), Path) and not value.is_absolute()}
        return self.model_copy(update=update) if update else self


class ChatTargetSettings(TargetBase):
    family: ClassVar[Literal["chat", "classifier", "dataset"]] = "chat"
    concurrency: int = Field(4, ge=1, le=1024)
    max_retries: int = Field(3, ge=0, le=20)
    timeout_s: float = Field(60.0, gt=0)


class OpenAITarget(ChatTargetSettings):
    """Any OpenAI-compatible /v1/chat/completions endpoint."""

    type: Literal["openai"]
    base_url: str = Field(pattern=r"^https?://")
    model: str
    api_key_env: str | None = Field(
        None, description="Name of the environment variable holding the API key (never the key itself)."
    )

    def describe(self) -> str:
        return f"model {self.model} at {self.base_url}"


class LocalTarget(ChatTargetSettings):
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
    reuse_prefix: bool = Field(True, description="keep the prompt prefix an instance shares with its last request")

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


class PythonTarget(ChatTargetSettings):
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
    # the corpus's licence manifest (csv/jsonl/parquet, a Hugging Face dataset card or a Croissant file): read by
    # the training_licences check (docs/ip.md)
    licence_manifest: Path | None = None

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


class CheckSettings(_Strict):
    """What every check's `[checks.<id>]` table has; each check extends it with its own settings."""

    enabled: bool = True


class Plugins(Protocol):
    """The settings models of the installed checks (by id) and target types (by `type`)."""

    @property
    def check_settings(self) -> Mapping[str, type[CheckSettings]]: ...

    @property
    def target_settings(self) -> Mapping[str, type[TargetBase]]: ...


S = TypeVar("S", bound=CheckSettings)


def _plugins(info: ValidationInfo) -> Plugins | None:
    return (info.context or {}).get("plugins")


def _registered_target(raw: Any, info: ValidationInfo) -> Any:
    return _target(raw, _plugins(info))


RegisteredTarget = Annotated[SerializeAsAny[TargetBase], BeforeValidator(_registered_target)]
"""A `[[targets]]` table, validated with the settings model of the target type it names."""


def _target(raw: Any, plugins: Plugins | None) -> Any:
    """A target table validated with the model its `type` registers (a model instance passes as it is)."""
    if isinstance(raw, TargetBase) or plugins is None:
        return raw
    if not isinstance(raw, dict) or "type" not in raw:
        raise ValueError("each target needs a `type` (" + ", ".join(sorted(plugins.target_settings)) + ")")
    model = plugins.target_settings.get(raw["type"])
    if model is None:
        known = ", ".join(sorted(plugins.target_settings))
        raise ValueError(f"unknown target type {raw['type']!r}; installed: {known}")
    return model.model_validate(raw)




class JudgeConfig(_Strict):
    """A judge model of your own: any chat model with Accord's fixed rubric (`kind = "rubric"`), or a safety
    classifier asked in its native format (docs/judges.md, "Guard models as judges"). It is never audited, and an
    audit uses it only once it is measured (`accord judge accuracy --judge-config ... --save`)."""

    target: RegisteredTarget
    kind: str = Field("rubric", description="rubric, llama-guard-3, llama-guard-4, qwen3guard, shieldgemma, or a "
                      "judge kind another installed package adds (accord.judges)")
    max_tokens: int | None = Field(None, ge=1, le=4096, description="default: the kind's own (rubric 16)")
    request: Literal["chat", "completion"] | None = Field(
        None, description="chat: the conversation, the server applies the model's template; completion: Accord "
                          "writes the model card's prompt and sends it to /v1/completions. Default: the kind's own")
    controversial: Literal["unsafe", "unparsed"] = Field(
        "unsafe", description="qwen3guard's third label: counted as unsafe (default) or left unparsed")
    measurement: Path | None = Field(None, description="the file `accord judge accuracy --save` wrote")
    min_kappa: float = Field(0.6, ge=0.0, le=1.0, description="the audit refuses a judge measured below this")
    allow_unmeasured: bool = Field(False, description="use the judge without (or despite) its measurement")


class EvidenceFile(_Strict):
    """A file an answer names as its evidence: its SHA-256 and size as recorded when the answer was given
    (`accord attest`), and as the audit found it (`found`: unchanged, changed, missing, or not recorded yet)."""

    path: str
    sha256: str | None = None
    bytes: int | None = Field(None, ge=0)
    found: Literal["unchanged", "changed", "missing", "not recorded"] | None = None
    found_sha256: str | None = None
    found_bytes: int | None = None


class Attestation(_Strict):
    """The user's answer to a requirement's attestation question, shown in the report as attested. Answers from
    an attestations file (docs/attest.md) also say which question they answered, who answered and when, how long
    they hold, and the evidence files with their digests."""

    answer: Literal["yes", "no", "partly"]
    note: str = ""
    evidence: str | None = None  # where the supporting document lives
    question: str | None = None
    answered_by: str | None = None
    answered_on: dt.date | None = None
    valid_until: dt.date | None = None
    max_age_days: int | None = Field(None, ge=1)
    files: tuple[EvidenceFile, ...] = ()
    source: str | None = None  # the attestations file it came from
    example: str | None = None  # that file's `example`: these are example answers, not a real system's
    documentation: tuple[str, ...] = ()  # `accord docs check`'s presence table for the rule, one line per element
    by_documentation: bool = False  # decided by documentation named complete that lacks a required element
    targets: tuple[str, ...] = ()  # the systems (target names) the answer covers; empty: every system


class AuditConfig(_Strict):
    """The whole audit: the systems under test, the checks, the facts that decide which requirements apply."""

    name: str = "Accord audit"
    targets: list[RegisteredTarget] = Field(min_length=1)
    sampling: Sampling = Sampling()
    checks: dict[str, SerializeAsAny[CheckSettings]] = Field(
        default_factory=dict, description="[checks.<id>] tables; a check without one runs with its defaults")
    judge: JudgeConfig | None = None
    profile: Profile = Profile()
    frameworks: list[str] | None = None  # framework ids to assess against; default all
    attestations: dict[str, Attestation] = Field(default_factory=dict)
    attestations_file: Path | None = Field(None, description="answers to `accord attest`'s questionnaire")

    @field_validator("checks", mode="before")
    @classmethod
    def _registered_checks(cls, raw: Any, info: ValidationInfo) -> Any:
        plugins = _plugins(info)
        if plugins is None or not isinstance(raw, dict):
            return raw
        out = {}
        for check_id, table in raw.items():
            model = plugins.check_settings.get(check_id)
            if model is None:
                raise ValueError(f"no check named {check_id!r} is installed; installed: "
                                 f"{', '.join(sorted(plugins.check_settings))}")
            out[check_id] = table if isinstance(table, model) else model.model_validate(table)
        return out

    def settings_of(self, check_id: str, model: type[S]) -> S:
        """The check's settings: its `[checks.<id>]` table, else the model's defaults."""
        given = self.checks.get(check_id)
        if given is None:
            return model()
        if not isinstance(given, model):
            raise ConfigError(f"checks.{check_id}: settings of another type ({type(given).__name__})")
        return given

    def profile_for(self, target: TargetBase) -> Profile:
        """The shared profile with the target's own facts (its `profile` table) in place of the shared ones."""
        if target.profile is None:
            return self.profile
        return self.profile.model_copy(update=target.profile.model_dump(exclude_unset=True))


def load_config(path: Path, plugins: Plugins) -> AuditConfig:
    raw = load_toml(path, what="config file")
    config = parse_config(raw, plugins, source=str(path))
    base = path.resolve().parent  # relative file paths are read from the config file's folder
    targets = [t.with_base(base) for t in config.targets]
    judge = config.judge and config.judge.model_copy(update={
        "target": config.judge.target.with_base(base),
        "measurement": config.judge.measurement and base / config.judge.measurement})
    return config.model_copy(update={"targets": targets, "judge": judge})


def parse_config(raw: dict, plugins: Plugins, source: str = "config") -> AuditConfig:
    try:
        config = AuditConfig.model_validate(_tables(raw, plugins), context={"plugins": plugins})
    except ValidationError as exc:
        raise ConfigError(f"{source}: {_first_problem(exc)}") from None
    except _TableError as exc:
        raise ConfigError(f"{source}: {exc}") from None
    names = [t.name for t in config.targets]
    if len(set(names)) != len(names):
        raise ConfigError(f"{source}: target names must be unique, got {names}")
    return config


class _TableError(Exception):
    pass


def _first_problem(exc: ValidationError, prefix: tuple[str | int, ...] = ()) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in (*prefix, *first["loc"])) or "(top level)"
    more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
    return f"{where}: {first['msg'].removeprefix('Value error, ')}{more}"


def _tables(raw: dict, plugins: Plugins) -> dict:
    """`raw` with each [checks.<id>] and [[targets]] table validated by its own settings model, so that a
    problem is named by its whole path (`checks.shout.words`, `targets.0.colour`)."""
    out = dict(raw)

    def model_of(registry: Mapping[str, type[BaseModel]], name: str, what: str, where: str) -> type[BaseModel]:
        model = registry.get(name)
        if model is None:
            raise _TableError(f"{where}: no {what} named {name!r} is installed; installed: "
                              f"{', '.join(sorted(registry))}")
        return model

    def table(model: type[BaseModel], value: Any, path: tuple[str | int, ...]) -> Any:
        try:
            return value if isinstance(value, model) else model.model_validate(value)
        except ValidationError as exc:
            raise _TableError(_first_problem(exc, path)) from None

    def target(value: Any, path: tuple[str | int, ...]) -> Any:
        if not isinstance(value, dict):
            return value
        where = ".".join(map(str, path))
        if "type" not in value:
            raise _TableError(f"{where}: each target needs a `type` ({', '.join(sorted(plugins.target_settings))})")
        return table(model_of(plugins.target_settings, str(value["type"]), "target type", where), value, path)

    if isinstance(raw.get("checks"), dict):
        out["checks"] = {cid: table(model_of(plugins.check_settings, cid, "check", f"checks.{cid}"), t, ("checks", cid))
                         for cid, t in raw["checks"].items()}
    if isinstance(raw.get("targets"), list):
        out["targets"] = [target(t, ("targets", i)) for i, t in enumerate(raw["targets"])]
    if isinstance(raw.get("judge"), dict) and "target" in raw["judge"]:
        out["judge"] = {**raw["judge"], "target": target(raw["judge"]["target"], ("judge", "target"))}
    return out
