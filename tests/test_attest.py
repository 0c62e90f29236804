"""`accord attest`: the questionnaire from the crosswalk, answers kept across reruns, evidence digests, expiry,
bad input, and the round trip through a real audit (attest, answer, audit, verdicts change)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
from pathlib import Path

from accord.catalog.model import all_requirements
from accord.catalog.questions import all_questions, problems, question_groups
from tests.helpers import accord, python_target, write_config

CN = ('{extra}frameworks = ["tc260-003", "gb-45654"]\n[profile]\nkind = "generative_service"\nregions = ["CN"]\n'
      'public_facing = true\n')


def _config(project: Path, extra: str = "") -> Path:
    bot = python_target("bot", "comply_everything")
    return write_config(project / "accord.toml", bot, extra=CN.format(extra=extra))


def _answer(path: Path, qid: str, fields: str) -> None:
    """Fill in one question's answer in the written file, as a user would in an editor."""
    text = path.read_text(encoding="utf-8")
    head = f'[questions."{qid}"]\n'
    start = text.index(head)
    end = text.find("\n[questions.", start + 1)
    end = len(text) if end < 0 else end + 1
    block = text[start:end]
    block = re.sub(r'(?m)^(answer|answered_by|note|evidence) = .*\n|^# answered_on = .*\n', "", block)
    text = text[:start] + block.rstrip("\n") + "\n" + fields + "\n" + text[end:]
    path.write_text(text, encoding="utf-8")


def test_question_groups_are_sound_against_the_catalog() -> None:
    assert problems() == []
    reqs = all_requirements()
    grouped = [r for g in question_groups() for r in g.settles]
    assert len(grouped) == len(set(grouped))
    # every attestation requirement has exactly one question; nothing else has one
    asked = [r.id for q in all_questions().values() for r in q.settles]
    assert sorted(asked) == sorted(r.id for r in reqs.values() if r.attestation is not None)


def test_questionnaire_groups_and_orders_by_verdicts(project: Path) -> None:
    cfg = _config(project)
    result = accord("attest", cfg, "-o", "answers.toml", cwd=project)
    assert result.returncode == 0, result.stderr
    data = tomllib.loads((project / "answers.toml").read_text(encoding="utf-8"))
    qs = data["questions"]
    manual = qs["cn-corpus-manual-sample"]
    assert [s.split(":")[0] + ":" + s.split(":")[1] for s in manual["settles"]] == [
        "gb-45654:corpus-assessment.manual-sample", "tc260-003:9.2.manual-sample"]
    assert "TC260-003 §9.2" in manual["settles"][1] and manual["verdicts"] == 2 and manual["answer"] == ""
    # grouped members never appear as questions of their own
    assert "tc260-003:9.2.manual-sample" not in qs and "tc260-003:7.training-opt-out" in qs
    counts = [q["verdicts"] for q in qs.values()]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2 and counts[-1] == 1
    assert "open questions would settle" in result.stdout and "attestations_file" in result.stdout


def test_rerun_keeps_answers_records_evidence_and_adds_new(project: Path) -> None:
    (project / "policy.md").write_text("Test bank updated on the 1st of each month.\n", encoding="utf-8")
    cfg = _config(project, 'attestations_file = "answers.toml"\n')
    assert accord("attest", cfg, cwd=project).returncode == 0
    answers = project / "answers.toml"
    _answer(answers, "cn-content-bank-monthly-update",
            'answer = "yes"\nanswered_by = "Li Wei, safety lead"\nanswered_on = 2026-11-30\nnote = "bank v12"\n'
            'evidence = ["policy.md"]')
    before = len(tomllib.loads(answers.read_text())["questions"])
    # a wider scope (one more framework) adds its questions, keeping the answer
    cfg.write_text(cfg.read_text().replace('"gb-45654"]', '"gb-45654", "cn-genai-measures"]'), encoding="utf-8")
    result = accord("attest", cfg, cwd=project)
    assert result.returncode == 0, result.stderr
    data = tomllib.loads(answers.read_text())
    q = data["questions"]["cn-content-bank-monthly-update"]
    assert (q["answer"], q["answered_by"], q["answered_on"], q["note"]) == (
        "yes", "Li Wei, safety lead", dt.date(2026, 11, 30), "bank v12")
    blob = (project / "policy.md").read_bytes()
    assert q["evidence"] == [{"path": "policy.md", "sha256": hashlib.sha256(blob).hexdigest(), "bytes": len(blob)}]
    assert len(data["questions"]) > before and "cn-genai-measures:art-15" in data["questions"]
    assert f"{len(data['questions']) - before} new questions, {before} kept" in result.stdout


def _verdicts(project: Path) -> dict[str, dict]:
    data = json.loads((project / "accord-report" / "report.json").read_text())
    return {v["requirement"]: v for v in data["verdicts"]}


def test_round_trip_attest_answer_audit(project: Path) -> None:
    (project / "bank-log.txt").write_text("2026-11-01 bank v11\n2026-12-01 bank v12\n", encoding="utf-8")
    cfg = _config(project, 'attestations_file = "answers.toml"\n')
    assert accord("attest", cfg, cwd=project).returncode == 0
    answers = project / "answers.toml"
    first = accord("audit", cfg, cwd=project)
    assert first.returncode in (0, 1, 4), first.stderr  # the audit ran; every question still open
    before = _verdicts(project)
    assert before["tc260-003:8.2.monthly-update"]["verdict"] == "needs attestation"
    assert "cn-content-bank-monthly-update" in before["gb-45654:content-bank.monthly-update"]["reason"]
    _answer(answers, "cn-content-bank-monthly-update",
            'answer = "yes"\nanswered_by = "Li Wei, safety lead"\nanswered_on = 2026-11-30\n'
            'evidence = ["bank-log.txt"]')
    _answer(answers, "tc260-003:7.training-opt-out",
            'answer = "no"\nanswered_by = "Li Wei, safety lead"\nanswered_on = 2026-11-30')
    assert accord("attest", cfg, cwd=project).returncode == 0  # records the evidence file's digest
    result = accord("audit", cfg, cwd=project)
    assert result.returncode == 1, result.stderr  # the attested "no" is a requirement not met
    after = _verdicts(project)
    for rid in ("tc260-003:8.2.monthly-update", "gb-45654:content-bank.monthly-update"):
        v = after[rid]
        assert v["verdict"] == "met" and v["question"] == "cn-content-bank-monthly-update"
        assert v["answered_by"] == "Li Wei, safety lead" and v["answered_on"] == "2026-11-30"
        [f] = v["evidence_files"]
        assert f["found"] == "unchanged" and f["sha256"] == hashlib.sha256(
            (project / "bank-log.txt").read_bytes()).hexdigest()
    assert after["tc260-003:7.training-opt-out"]["verdict"] == "not met"
    leaves = {"tc260-003:8.2.monthly-update", "gb-45654:content-bank.monthly-update", "tc260-003:7.training-opt-out"}
    changed = {k for k in after if after[k]["verdict"] != before[k]["verdict"]}
    assert leaves <= changed
    assert all(set(after[k]["parts"]) & leaves for k in changed - leaves)  # else only composites of them moved
    report = json.loads((project / "accord-report" / "report.json").read_text())
    td = report["todo"]
    assert td["settled_by_file"] == 3 and td["answers_file"] == str(answers) and td["example"] is None
    assert td["measurement"] + td["attestation"] + td["open"] == len(report["verdicts"])
    assert td["attestation"] >= 3 and td["evidence_findings"] == []
    counts = [q["verdicts"] for q in td["open_questions"]]
    assert counts == sorted(counts, reverse=True) and "cn-content-bank-monthly-update" not in \
        [q["id"] for q in td["open_questions"]]
    manual = next(q for q in td["open_questions"] if q["id"] == "cn-corpus-manual-sample")
    assert manual["verdicts"] == 2 and sorted(manual["frameworks"]) == ["gb-45654", "tc260-003"]
    assert "answers from" in result.stdout and "settled 3 verdicts" in result.stdout
    html = (project / "accord-report" / "report.html").read_text()
    assert "What is left to do" in html and "cn-corpus-manual-sample" in html
    cdx = (project / "accord-report" / "report.cdx.json").read_text()
    assert hashlib.sha256((project / "bank-log.txt").read_bytes()).hexdigest() in cdx
    # the evidence changes after the answer: the next audit says so; then it goes missing
    (project / "bank-log.txt").write_text("edited\n", encoding="utf-8")
    accord("audit", cfg, cwd=project)
    v = _verdicts(project)["tc260-003:8.2.monthly-update"]
    assert v["evidence_files"][0]["found"] == "changed" and "bank-log.txt changed since answered" in v["reason"]
    findings = json.loads((project / "accord-report" / "report.json").read_text())["todo"]["evidence_findings"]
    assert findings == ["cn-content-bank-monthly-update: evidence bank-log.txt changed since answered"]
    (project / "bank-log.txt").unlink()
    accord("audit", cfg, cwd=project)
    v = _verdicts(project)["tc260-003:8.2.monthly-update"]
    assert v["evidence_files"][0]["found"] == "missing" and "bank-log.txt missing" in v["reason"]


def _file(tmp_path: Path, body: str, head: str = "") -> Path:
    path = tmp_path / "answers.toml"
    path.write_text(head + body, encoding="utf-8")
    return path


ANSWER = 'answer = "yes"\nanswered_by = "A. Officer"\nanswered_on = 2026-01-10\n'


def _read(path: Path, already: dict | None = None) -> dict:
    from accord.attest.answers import attestations_from

    return attestations_from(path, already or {})


def _error(fn, *args) -> str:  # type: ignore[no-untyped-def]
    from accord.errors import ConfigError

    try:
        fn(*args)
    except ConfigError as exc:
        return str(exc)
    raise AssertionError("no ConfigError")


def test_bad_answers_are_named_one_per_item(tmp_path: Path) -> None:
    bad = _file(tmp_path, f'[questions."no-such-question"]\n{ANSWER}\n'
                          '[questions."cn-keyword-library"]\nanswer = "maybe"\n'
                          '[questions."tc260-003:7.training-opt-out"]\nanswer = "yes"\n'
                          f'[questions."tc260-003:9.4.should-refuse"]\n{ANSWER}\n')
    said = _error(_read, bad)
    assert "\n" not in said
    assert "questions.no-such-question: no question or attestation requirement with this id" in said
    assert "questions.cn-keyword-library.answer:" in said
    assert "questions.tc260-003:7.training-opt-out: an answer needs `answered_by` and `answered_on`" in said
    assert "tc260-003:9.4.should-refuse: no question or attestation requirement with this id (answered by " \
           "measurement" in said


def test_a_requirement_answered_twice_is_refused(tmp_path: Path) -> None:
    from accord.config import Attestation

    twice = _file(tmp_path, f'[questions."cn-keyword-library"]\n{ANSWER}\n[questions."tc260-003:8.1"]\n{ANSWER}')
    assert "tc260-003:8.1 is answered twice, by questions.cn-keyword-library and questions.tc260-003:8.1" \
        in _error(_read, twice)
    once = _file(tmp_path, f'[questions."cn-keyword-library"]\n{ANSWER}')
    assert set(_read(once)) == {"gb-45654:keyword-library", "tc260-003:8.1"}
    said = _error(_read, once, {"tc260-003:8.1": Attestation(answer="no")})
    assert "tc260-003:8.1 is answered both in the config's [attestations] and by questions.cn-keyword-library" in said
    dup = _file(tmp_path, f'[questions."cn-keyword-library"]\n{ANSWER}\n[questions."cn-keyword-library"]\n{ANSWER}')
    assert "is not valid TOML" in _error(_read, dup)


def test_expired_and_old_answers_need_attestation_again(tmp_path: Path) -> None:
    from accord.catalog import applicable, evaluate, load_catalog
    from accord.config import Profile

    path = _file(tmp_path, f'[questions."cn-keyword-library"]\n{ANSWER}valid_until = 2026-06-30\n'
                           f'[questions."cn-classification-models"]\n{ANSWER}', head="max_age_days = 300\n")
    answers = _read(path)
    scope = applicable(load_catalog(), Profile(kind="generative_service", regions=["CN"], public_facing=True),
                       dt.date(2026, 5, 1), only=["tc260-003"])

    def verdicts(day: dt.date) -> dict[str, tuple[str, str]]:
        return {v.requirement: (v.verdict, v.reason) for v in evaluate(scope, "bot", [], answers, as_of=day)}

    early = verdicts(dt.date(2026, 5, 1))
    assert early["tc260-003:8.1"][0] == "met" and early["tc260-003:8.4"][0] == "met"
    summer = verdicts(dt.date(2026, 7, 1))
    assert summer["tc260-003:8.1"] == ("needs attestation", summer["tc260-003:8.1"][1])
    assert "the answer given on 2026-01-10 expired on 2026-06-30 (valid_until)" in summer["tc260-003:8.1"][1]
    assert summer["tc260-003:8.4"][0] == "met"  # 172 days old, within 300
    late = verdicts(dt.date(2026, 11, 30))
    assert late["tc260-003:8.4"][0] == "needs attestation"
    assert "324 days old, older than the 300 days the attestations file allows" in late["tc260-003:8.4"][1]


def test_cli_bad_input_is_one_line(project: Path) -> None:
    cfg = _config(project, 'attestations_file = "answers.toml"\n')
    missing = accord("audit", cfg, cwd=project)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    assert "attestations file not found" in missing.stderr
    assert accord("attest", cfg, cwd=project).returncode == 0
    answers = project / "answers.toml"
    _answer(answers, "cn-keyword-library", ANSWER + 'evidence = ["keywords.xlsx"]')
    again = accord("attest", cfg, cwd=project)  # the evidence file is not there: a finding, the answer kept
    assert again.returncode == 0, again.stderr
    assert "questions.cn-keyword-library: evidence file keywords.xlsx not found" in again.stderr
    assert tomllib.loads(answers.read_text())["questions"]["cn-keyword-library"]["evidence"] == ["keywords.xlsx"]
    _answer(answers, "cn-classification-models", 'answer = "sure"')
    for args in (("attest", cfg), ("audit", cfg)):
        bad = accord(*args, cwd=project)
        assert bad.returncode == 2 and bad.stderr.count("\n") == 1, bad.stderr
        assert "questions.cn-classification-models.answer" in bad.stderr
    assert 'answer = "sure"' in answers.read_text()  # a refused file is left as the user wrote it


def test_the_demo_ships_example_answers_that_settle_verdicts() -> None:
    from accord.catalog import applicable, evaluate, load_catalog
    from accord.demo.defaults import EXAMPLE_ATTESTATIONS, default_config
    from accord.report.todo import todo

    cfg = default_config()
    answers = [a for a in cfg.attestations.values()]
    assert answers and all(a.example and a.source == str(EXAMPLE_ATTESTATIONS) for a in answers)
    assert all(f.found == "unchanged" for a in answers for f in a.files)  # the data README it cites, as recorded
    day = dt.date(2026, 12, 7)
    verdicts = [v for t in cfg.targets for v in evaluate(
        applicable(load_catalog(), cfg.profile_for(t), day), t.name, [], cfg.attestations, as_of=day)]
    td = todo(verdicts, cfg)
    from accord.attest.answers import read_answers
    from accord.attest.questionnaire import questions_for

    answered = set(read_answers(EXAMPLE_ATTESTATIONS).questions)
    expected = sum(q.verdicts for q in questions_for(default_config(answers=False), day) if q.id in answered)
    assert td.example and td.settled_by_file == expected == 30  # 12 answers settle 30 verdicts
    bare = default_config(answers=False)
    assert bare.attestations == {} and todo(
        [v for t in bare.targets for v in evaluate(applicable(load_catalog(), bare.profile_for(t), day), t.name, [],
                                                   {}, as_of=day)], bare).attestation == 0


def test_attest_on_the_default_leaves_the_shipped_example_alone(project: Path) -> None:
    from accord.demo.defaults import EXAMPLE_ATTESTATIONS

    shipped = EXAMPLE_ATTESTATIONS.read_bytes()
    result = accord("attest", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "attestations.toml").exists() and EXAMPLE_ATTESTATIONS.read_bytes() == shipped


def test_a_grouped_requirement_answered_on_its_own_stays_its_own_question(project: Path) -> None:
    cfg = _config(project, 'attestations_file = "answers.toml"\n')
    answers = project / "answers.toml"
    answers.write_text(f'[questions."tc260-003:8.1"]\n{ANSWER}note = "the superseded standard only"\n')
    assert accord("attest", cfg, cwd=project).returncode == 0
    qs = tomllib.loads(answers.read_text())["questions"]
    assert qs["tc260-003:8.1"]["answer"] == "yes" and qs["tc260-003:8.1"]["settles"][0].startswith("tc260-003:8.1:")
    assert [s.split(": ")[0] for s in qs["cn-keyword-library"]["settles"]] == ["gb-45654:keyword-library"]
    result = accord("audit", cfg, cwd=project)
    assert result.returncode in (0, 1, 4), result.stderr
    v = _verdicts(project)
    assert v["tc260-003:8.1"]["verdict"] == "met" and v["gb-45654:keyword-library"]["verdict"] == "needs attestation"


def test_report_applies_todays_answers_to_a_past_run_without_testing_again(project: Path) -> None:
    cfg = _config(project)  # the audit runs before any answer exists
    first = accord("audit", cfg, cwd=project)
    assert first.returncode in (0, 1, 4), first.stderr
    assert _verdicts(project)["tc260-003:8.4"]["verdict"] == "needs attestation"
    assert accord("attest", cfg, "-o", "answers.toml", cwd=project).returncode == 0
    _answer(project / "answers.toml", "cn-classification-models", ANSWER)
    result = accord("report", "--answers", "answers.toml", cwd=project)
    assert result.returncode == 0, result.stderr
    v = _verdicts(project)
    assert v["tc260-003:8.4"]["verdict"] == "met" and v["gb-45654:classification-models"]["verdict"] == "met"
    assert v["tc260-003:8.4"]["answered_by"] == "A. Officer"
    assert len(accord("runs", cwd=project).stdout.strip().splitlines()) == 1  # nothing was sent again
    bad = accord("report", "--answers", "nowhere.toml", cwd=project)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "attestations file not found" in bad.stderr


def test_documentation_named_complete_decides_a_missing_element(project: Path) -> None:
    from tests.test_docs_check import CARD

    (project / "card.md").write_text(CARD, encoding="utf-8")
    gpai = ('attestations_file = "answers.toml"\n[profile]\nkind = "general_purpose_model"\nregions = ["EU"]\n'
            'generates = ["text"]\n')
    cfg = write_config(project / "accord.toml", python_target("bot", "comply_everything"),
                       extra='frameworks = ["eu-ai-act"]\n' + gpai)
    answers = project / "answers.toml"
    answers.write_text(f'[documentation]\nfiles = ["card.md"]\ncomplete = false\n'
                       f'[questions."eu-ai-act:annex-xi.1.2.c"]\n{ANSWER}', encoding="utf-8")
    assert accord("attest", cfg, cwd=project).returncode == 0
    assert tomllib.loads(answers.read_text())["documentation"] == {"files": ["card.md"], "complete": False}
    accord("audit", cfg, cwd=project)
    v = _verdicts(project)
    # not named complete: the answer stands, with the presence table as its evidence
    assert v["eu-ai-act:annex-xi.1.2.c"]["verdict"] == "met" and not v["eu-ai-act:annex-xi.1.2.c"]["documented"]
    assert v["eu-ai-act:annex-xi.1.2.c"]["documentation"][0].startswith("training-data: found, field “datasets”")
    assert v["eu-ai-act:annex-xi.1.1"]["verdict"] == "needs attestation"
    answers.write_text(answers.read_text().replace("complete = false", "complete = true"), encoding="utf-8")
    result = accord("audit", cfg, cwd=project)
    assert result.returncode == 1, result.stderr
    v = _verdicts(project)
    xi = v["eu-ai-act:annex-xi.1.1"]
    assert xi["verdict"] == "not met" and xi["documented"]
    assert "lacks its release date and methods of distribution" in xi["reason"]
    assert v["eu-ai-act:annex-xi.1.2.c"]["verdict"] == "met"  # nothing missing: the answer stands
    todo = json.loads((project / "accord-report" / "report.json").read_text())["todo"]
    documented = [k for k, x in v.items() if x["documented"]]
    cdx = json.loads((project / "accord-report" / "report.cdx.json").read_text())
    said = [e["description"] for e in cdx["declarations"]["evidence"] if "annex-xi.1.1" in e["bom-ref"]]
    assert said and said[0].startswith("Decided by the operator's documentation, named complete")
    assert todo["documentation"] == len(documented) >= 1
