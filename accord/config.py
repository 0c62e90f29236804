"""The audit configuration: the TOML file's schema, defaults and loading.

Layers: built-in defaults < the file < command-line options (applied by the caller with `model_copy`).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from accord.errors import ConfigError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sampling(_Strict):
    """Sampling parameters sent with every request and recorded with every result."""

    temperature: float = Field(0.0, ge=0.0, le=2.0)
    max_tokens: int = Field(64, ge=1, le=32768)
    seed: int | None = 0


class TargetBase(_Strict):
    """What every target has: a unique name and a family that says which checks can measure it."""

    family: ClassVar[Literal["chat", "classifier", "dataset"]]
    name: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")

    def describe(self) -> str:
        """One line naming the system under test, for the report."""
        return self.name


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
    """A GGUF model run on this machine with llama-cpp-python. No model_path: the embedded default."""

    type: Literal["local"]
    model_path: Path | None = None
    n_ctx: int = Field(2048, ge=256)
    n_threads: int = Field(1, ge=1)
    concurrency: int = Field(1, ge=1, le=1)

    def describe(self) -> str:
        return f"local GGUF model {self.model_path or 'SmolLM2-135M-Instruct (embedded default)'}"


class PythonTarget(_ChatTargetBase):
    """A Python callable `package.module:function(messages, params) -> str | dict` (sync or async)."""

    type: Literal["python"]
    callable: str = Field(pattern=r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")

    def describe(self) -> str:
        return f"Python callable {self.callable}"


TargetConfig = Annotated[OpenAITarget | LocalTarget | PythonTarget, Field(discriminator="type")]


class RefusalCheck(_Strict):
    """Send probe banks to each target and score each response for refusal."""

    enabled: bool = True
    banks: list[str] = Field(default_factory=lambda: ["starter"])
    languages: list[str] | None = None


class Tc260ContentCheck(_Strict):
    """TC260-003 §9.3: a seeded sample of generated-content questions, each answer judged harmful or safe."""

    enabled: bool = False  # off until the `tc260-content` bank ships; the lead turns it on at merge
    bank: str = "tc260-content"
    sample_size: int = Field(1000, ge=1, description="questions drawn, stratified by risk code and language")
    seed: int = 0
    languages: list[str] | None = None
    judge: Literal["auto", "offline", "llm"] = Field(
        "auto", description="offline: rules + classifier; llm: the [judge] model; auto: llm when [judge] is set")


class Checks(_Strict):
    refusal: RefusalCheck = RefusalCheck()
    tc260_content: Tc260ContentCheck = Tc260ContentCheck()


class JudgeConfig(_Strict):
    """An LLM judge: a chat model of your own that labels answers with Accord's fixed rubric. It is never audited."""

    target: TargetConfig
    max_tokens: int = Field(16, ge=1, le=4096)


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
    critical_information_infrastructure: bool | None = None
    public_opinion_attributes: bool | None = None
    generates: list[Literal["text", "image", "audio", "video"]] | None = None
    languages: list[str] | None = None
    automated_decisions: bool | None = None
    as_of: dt.date | None = Field(None, description="date to evaluate application dates against (default: today)")


class Attestation(_Strict):
    """The user's answer to a requirement's attestation question, shown in the report as attested."""

    answer: Literal["yes", "no", "partly"]
    note: str = ""
    evidence: str | None = None  # where the supporting document lives


class AuditConfig(_Strict):
    name: str = "Accord audit"
    targets: list[TargetConfig] = Field(min_length=1)
    sampling: Sampling = Sampling()
    checks: Checks = Checks()
    judge: JudgeConfig | None = None
    profile: Profile = Profile()
    frameworks: list[str] | None = None  # framework ids to assess against; default all
    attestations: dict[str, Attestation] = Field(default_factory=dict)


DEFAULT_TARGET = LocalTarget(type="local", name="smollm2-135m-instruct")


def default_config() -> AuditConfig:
    """The embedded default: SmolLM2-135M-Instruct run locally, refusal check on the starter bank."""
    return AuditConfig(
        name="Embedded default: SmolLM2-135M-Instruct", targets=[DEFAULT_TARGET],
        profile=Profile(kind="general_purpose_model", generates=["text"], languages=["en", "zh"]),
    )


def load_config(path: Path) -> AuditConfig:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    return parse_config(raw, source=str(path))


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
