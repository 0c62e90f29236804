"""Reading an attestations file: each answered question becomes an answer for every requirement it settles.

The file (written and kept by `accord attest`):

    example = "..."          # optional: these answers are an example, not a real system's
    max_age_days = 365       # optional: an answer older than this reads `needs attestation` again
    [questions."<question id or requirement id>"]
    answer = "yes"           # yes | no | partly; "" while open
    answered_by = "..."      # required with an answer
    answered_on = 2026-12-01 # required with an answer (a TOML date)
    valid_until = 2027-12-01 # optional
    targets = ["bot"]        # optional: the systems the answer covers (default: every system in the config)
    note = "..."             # optional
    evidence = ["policy.pdf", { path = "card.md", sha256 = "...", bytes = 1234 }]   # relative to this file

`question`, `settles` and `verdicts` are written for the reader and ignored here. A bad entry is one line naming
it; nothing is dropped silently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from accord.attest.documents import check_documents
from accord.catalog.model import all_requirements
from accord.catalog.questions import all_questions, question_of
from accord.config import Attestation, AuditConfig, EvidenceFile
from accord.errors import ConfigError
from accord.tomlfile import load_toml


class _Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    question: str = ""
    settles: list[str] = []
    verdicts: int = 0
    applies: str = ""
    answer: Literal["", "yes", "no", "partly"] = ""
    answered_by: str = ""
    answered_on: dt.date | None = None
    valid_until: dt.date | None = None
    note: str = ""
    evidence: list[EvidenceFile] = []
    targets: list[str] = []  # the systems (target names in the config) this answer covers; empty: all of them

    @field_validator("evidence", mode="before")
    @classmethod
    def _paths(cls, raw: object) -> object:
        if isinstance(raw, str):
            raw = [raw]
        if isinstance(raw, list):
            return [{"path": e} if isinstance(e, str) else e for e in raw]
        return raw


class Documentation(BaseModel):
    """Documents read against what each rule asks documentation to contain (`accord docs check`); `complete`:
    they are the whole documentation, so an element missing from them is missing."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    files: list[str] = Field(min_length=1)
    complete: bool = False


class AnswersFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    example: str | None = None
    documentation: Documentation | None = None
    max_age_days: int | None = Field(None, ge=1)
    questions: dict[str, _Entry] = {}


def read_answers(path: Path) -> AnswersFile:
    """The file, each entry checked: a known question or attestation requirement id, well-formed, and answered
    with who and when. All problems are named in one line."""
    raw = load_toml(path, what="attestations file")
    entries = raw.get("questions", {})
    if not isinstance(entries, dict):
        raise ConfigError(f"{path}: `questions` must be tables, [questions.\"<id>\"]")
    problems = []
    good: dict[str, _Entry] = {}
    known = all_questions()
    reqs = all_requirements()
    for qid, table in entries.items():
        if qid not in known and qid not in question_of():
            hint = " (answered by measurement, not attestation)" if qid in reqs else ""
            problems.append(f"questions.{qid}: no question or attestation requirement with this id{hint}")
            continue
        try:
            entry = _Entry.model_validate(table)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            problems.append(f"questions.{qid}.{where}: {first['msg']}")
            continue
        if entry.answer and (not entry.answered_by.strip() or entry.answered_on is None):
            problems.append(f"questions.{qid}: an answer needs `answered_by` and `answered_on` (a date)")
            continue
        good[qid] = entry
    try:
        head = AnswersFile.model_validate({k: v for k, v in raw.items() if k != "questions"})
    except ValidationError as exc:
        first = exc.errors()[0]
        problems.append(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}")
        head = AnswersFile()
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    return head.model_copy(update={"questions": good})


def digest(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest(), path.stat().st_size


def inspect(e: EvidenceFile, base: Path) -> EvidenceFile:
    """The file as found now, against what was recorded when the answer was given."""
    where = base / e.path
    if not where.is_file():
        return e.model_copy(update=dict(found="missing", found_sha256=None, found_bytes=None))
    sha, size = digest(where)
    if e.sha256 is None:
        state = "not recorded"
    else:
        state = "unchanged" if (sha, size) == (e.sha256, e.bytes if e.bytes is not None else size) else "changed"
    return e.model_copy(update=dict(found=state, found_sha256=sha, found_bytes=size))


def attestations_from(path: Path, already: dict[str, Attestation]) -> dict[str, Attestation]:
    """Each answered entry as an answer for every requirement it settles, evidence files inspected now. A
    requirement answered twice (on its own and by its group, or also in the config's [attestations]) is an error."""
    answers = read_answers(path)
    base = path.resolve().parent
    source = str(path)
    out: dict[str, Attestation] = {}
    by: dict[str, str] = {}
    problems = []
    for qid, e in answers.questions.items():
        if not e.answer:
            continue
        q = all_questions().get(qid)
        ids = [r.id for r in q.settles] if q is not None else [qid]
        att = Attestation(answer=e.answer, note=e.note, question=qid, answered_by=e.answered_by,
                          answered_on=e.answered_on, valid_until=e.valid_until, max_age_days=answers.max_age_days,
                          files=tuple(inspect(f, base) for f in e.evidence), source=source,
                          example=answers.example, targets=tuple(dict.fromkeys(e.targets)))
        for rid in ids:
            if rid in already:
                problems.append(f"{rid} is answered both in the config's [attestations] and by questions.{qid}")
            elif rid in by:
                problems.append(f"{rid} is answered twice, by questions.{by[rid]} and questions.{qid}: keep one")
            else:
                out[rid], by[rid] = att, qid
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    if answers.documentation is not None:
        out = _documented(out, answers.documentation, base, source)
    return out


def _documented(out: dict[str, Attestation], docs: Documentation, base: Path, source: str) -> dict[str, Attestation]:
    """Each documentation rule's presence table attached to its answer; where the documents are named complete,
    were all read, and lack an element the rule asks for without condition (from a text we read), the rule is
    decided `not met` by them, whatever the answer."""
    checked = check_documents([base / f for f in docs.files])
    rows = checked.rows
    unread = tuple(f"not read: {u.file}: {u.reason}" for u in checked.unread)
    out = dict(out)
    for rid in dict.fromkeys(r.requirement for r in rows):
        mine = [r for r in rows if r.requirement == rid]
        table = unread + tuple(f"{r.element}: {r.state}, {r.where} ({r.source}"
                               + ("; where applicable" if r.where_applicable else "")
                               + (f"; source {r.confidence}" if r.confidence != "verified" else "") + ")" for r in mine)
        missing = [r.asks for r in mine if r.decides]
        if docs.complete and missing and not unread:
            out[rid] = Attestation(answer="no", question=question_of().get(rid), answered_by="accord docs check",
                                   note=f"the documentation named complete ({', '.join(docs.files)}) lacks "
                                        + "; ".join(missing),
                                   source=source, documentation=table, by_documentation=True)
        elif rid in out:
            out[rid] = out[rid].model_copy(update={"documentation": table})
    return out


def with_answers(config: AuditConfig, base: Path) -> AuditConfig:
    """The config with the answers of its `attestations_file` (read from `base`, the config's folder) added to
    its [attestations], the file's path made absolute."""
    if config.attestations_file is None:
        return config
    path = base / config.attestations_file
    found = attestations_from(path, dict(config.attestations))
    check_targets(config, found, str(path))
    return config.model_copy(update={"attestations": {**config.attestations, **found}, "attestations_file": path})


def with_answers_from(config: AuditConfig, path: Path) -> AuditConfig:
    """A stored run's config with the answers of `path` in place of those its own attestations file gave (the
    config's own [attestations] tables stay)."""
    own = {k: a for k, a in config.attestations.items() if a.source is None}
    found = attestations_from(path, own)
    check_targets(config, found, str(path))
    return config.model_copy(update={"attestations": {**own, **found}, "attestations_file": path.resolve()})


def check_targets(config: AuditConfig, answers: dict[str, Attestation], where: str = "config") -> None:
    """Every system an answer names is a target of the config: one line naming each answer that names another."""
    named = {(f"questions.{a.question}" if a.source and a.question else f"attestations.{rid}"): a.targets
             for rid, a in answers.items()}
    refuse_unknown_targets(config, named, where)


def refuse_unknown_targets(config: AuditConfig, named: Mapping[str, Sequence[str]], where: str) -> None:
    names = [t.name for t in config.targets]
    problems = [f"{item}.targets: no system named {', '.join(map(repr, unknown))} in the config"
                for item, targets in named.items() if (unknown := [t for t in targets if t not in names])]
    if problems:
        raise ConfigError(f"{where}: " + "; ".join(problems) + f" (its systems: {', '.join(names)})")
