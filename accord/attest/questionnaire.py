"""The questionnaire: the open attestation questions of the requirements that apply to a config's systems,
grouped (accord.catalog.questions), ordered by how many verdicts one answer settles, written as an answers
file that keeps every answer already in it and records its evidence files' SHA-256 and size."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from accord.attest.answers import AnswersFile, digest, read_answers, refuse_unknown_targets
from accord.catalog import applicable, load_catalog
from accord.catalog.questions import Question, all_questions, question_of
from accord.config import AuditConfig, EvidenceFile


@dataclass(frozen=True)
class Settled:
    requirement: str
    citation: str
    framework: str
    targets: tuple[str, ...]
    may_apply: bool  # for some target the profile leaves out a fact its applicability needs


@dataclass(frozen=True)
class OpenQuestion:
    id: str
    text: str
    settles: tuple[Settled, ...]
    verdicts: int  # (target, requirement) verdicts that one answer settles

    @property
    def frameworks(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.framework for s in self.settles))


def questions_for(config: AuditConfig, as_of: dt.date | None = None,
                  alone: frozenset[str] = frozenset()) -> list[OpenQuestion]:
    """Every question some requirement applying (or maybe applying) to a target asks, with the verdicts it would
    settle that the config's [attestations] leave open; most verdicts first. A requirement in `alone` (answered on
    its own in the answers file, apart from its group) is its own question."""
    where: dict[str, dict[str, list[str]]] = {}
    maybe: set[str] = set()
    reqs = {}
    for t in config.targets:
        profile = config.profile_for(t)
        for a in applicable(load_catalog(), profile, as_of or profile.as_of, only=config.frameworks):
            r = a.requirement
            own = config.attestations.get(r.id)
            if r.attestation is None or a.status == "does not apply" or (
                    own is not None and (not own.targets or t.name in own.targets)):
                continue
            reqs[r.id] = r
            qid = r.id if r.id in alone else question_of()[r.id]
            where.setdefault(qid, {}).setdefault(r.id, []).append(t.name)
            if a.status == "may apply":
                maybe.add(r.id)
    out = []
    questions = all_questions()
    for qid, found in where.items():
        q: Question = questions[qid] if qid in questions and qid not in alone else \
            Question(qid, reqs[qid].attestation or "", (reqs[qid],))
        settles = tuple(Settled(r.id, r.citation, r.framework, tuple(found[r.id]), r.id in maybe)
                        for r in q.settles if r.id in found)
        out.append(OpenQuestion(qid, q.text, settles, sum(len(s.targets) for s in settles)))
    return sorted(out, key=lambda q: (-q.verdicts, q.id))


@dataclass(frozen=True)
class Written:
    path: Path
    new: int  # questions added
    kept: int  # entries already in the file
    open_verdicts: int  # verdicts the open questions would settle
    findings: tuple[str, ...]  # evidence files that could not be recorded


def write_questionnaire(config: AuditConfig, out: Path, as_of: dt.date | None = None) -> Written:
    """Write (or update) the answers file at `out`: existing entries kept as they are, their evidence files'
    digests recorded where missing; each open question not yet in it added."""
    existing = read_answers(out) if out.exists() else AnswersFile()
    refuse_unknown_targets(config, {f"questions.{qid}": e.targets for qid, e in existing.questions.items()}, str(out))
    base = out.resolve().parent
    alone = frozenset(qid for qid in existing.questions if question_of().get(qid, qid) != qid)
    asked = {q.id: q for q in questions_for(config, as_of, alone)}
    findings: list[str] = []
    blocks = []
    for qid, e in existing.questions.items():
        files = []
        for f in e.evidence:
            where = base / f.path
            if f.sha256 is None and where.is_file():
                sha, size = digest(where)
                f = EvidenceFile(path=f.path, sha256=sha, bytes=size)
            elif f.sha256 is None:
                findings.append(f"questions.{qid}: evidence file {f.path} not found (looked in {base}); not recorded")
            files.append(f)
        q = asked.get(qid)
        blocks.append((bool(e.answer), -(q.verdicts if q else 0), qid, _block(
            qid, q, e.question, e.answer, e.answered_by, e.answered_on, e.valid_until, e.note, files, e.targets)))
    new = [q for q in asked.values() if q.id not in existing.questions]
    blocks += [(False, -q.verdicts, q.id, _block(q.id, q, q.text)) for q in new]
    text = _header(config, existing, as_of) + "\n".join(b for *_, b in sorted(blocks))
    out.write_text(text, encoding="utf-8")
    answered = {qid: entry.targets for qid, entry in existing.questions.items() if entry.answer}
    open_verdicts = sum(_open(q, answered[q.id]) if q.id in answered else q.verdicts for q in asked.values())
    return Written(out, len(new), len(existing.questions), open_verdicts, tuple(findings))


def _open(q: OpenQuestion, covered: Sequence[str]) -> int:
    """The verdicts an answer covering only `covered` systems (all when empty) leaves open."""
    return 0 if not covered else sum(1 for s in q.settles for t in s.targets if t not in covered)


def _s(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _header(config: AuditConfig, existing: AnswersFile, as_of: dt.date | None) -> str:
    lines = [
        f"# Attestations for {config.name!r}: written by `accord attest` ({(as_of or dt.date.today()).isoformat()}).",
        "# One answer per question settles every requirement it lists, for every system it applies to.",
        '# Answer: answer = "yes" | "no" | "partly", answered_by = "name, role", answered_on = 2026-12-07 (a date);',
        "# optional: note, valid_until = <date>, evidence = [\"path/relative/to/this/file.pdf\"],",
        "# targets = [\"<system>\"] (the answer then covers only those systems; the others stay open).",
        "# Run `accord attest` again to record the evidence files' SHA-256 and size and to add new questions;",
        "# answers are kept.",
        "# Name this file in accord.toml: attestations_file = \"<this file>\".",
    ]
    if existing.example:
        lines.append(f"example = {_s(existing.example)}")
    if existing.max_age_days:
        lines.append(f"max_age_days = {existing.max_age_days}")
    else:
        lines.append("# max_age_days = 365   # an answer older than this reads `needs attestation` again")
    docs = existing.documentation
    if docs is not None:
        lines += ["", "[documentation]   # read against what each rule asks it to contain (`accord docs check`)",
                  "files = [" + ", ".join(_s(f) for f in docs.files) + "]", f"complete = {str(docs.complete).lower()}"]
    return "\n".join(lines) + "\n\n"


def _block(qid: str, q: OpenQuestion | None, text: str, answer: str = "", by: str = "",
           on: dt.date | None = None, until: dt.date | None = None, note: str = "",
           files: Sequence[EvidenceFile] = (), targets: Sequence[str] = ()) -> str:
    lines = [f"[questions.{_s(qid)}]", f"question = {_s(q.text if q else text)}"]
    if q is None:
        lines.append('applies = "no requirement it settles applies to these systems now (kept for the record)"')
    else:
        lines.append("settles = [")
        for s in q.settles:
            who = ", ".join(s.targets) + ("; may apply" if s.may_apply else "")
            lines.append(f"  {_s(f'{s.requirement}: {s.citation} ({who})')},")
        lines += ["]", f"verdicts = {q.verdicts}"]
    lines += [f"answer = {_s(answer)}", f"answered_by = {_s(by)}"]
    lines.append(f"answered_on = {on.isoformat()}" if on else "# answered_on = YYYY-MM-DD")
    if until:
        lines.append(f"valid_until = {until.isoformat()}")
    if targets:
        lines.append("targets = [" + ", ".join(_s(t) for t in targets) + "]   # the systems this answer covers")
    lines.append(f"note = {_s(note)}")
    ev = ", ".join(_s(f.path) if f.sha256 is None else
                   f"{{ path = {_s(f.path)}, sha256 = {_s(f.sha256)}, bytes = {f.bytes} }}" for f in files)
    lines.append(f"evidence = [{ev}]")
    return "\n".join(lines) + "\n"
