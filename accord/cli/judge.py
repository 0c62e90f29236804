"""`accord judge ...`: run Accord's judges on your own files, and print their measured accuracy."""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from accord.errors import ConfigError

judge_app = typer.Typer(no_args_is_help=True, help="Run Accord's judges on your own files.")

JudgeConfigOption = Annotated[Path | None, typer.Option(
    "--judge-config", help="accord.toml with a [judge] table: use (or also measure) your LLM judge")]


def _open_input(path: Path) -> TextIO:
    try:
        return path.open(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None


def _rewrite(file: Path, output: Path | None, add: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]) -> None:
    """Read FILE's JSON lines (each with a string `response`), add fields to each, write them out."""
    source: TextIO = sys.stdin if str(file) == "-" else _open_input(file)
    rows: list[dict[str, Any]] = []
    with source:
        try:
            lines = list(source)
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{file}: not UTF-8 text ({exc.reason})") from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict) or not isinstance(rec["response"], str):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            raise ConfigError(f"{file}:{lineno}: need a JSON object with a string `response`") from None
        rows.append(rec)
    added = add(rows)
    sink: TextIO = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for rec, extra in zip(rows, added, strict=True):
            sink.write(json.dumps({**rec, **extra}, ensure_ascii=False) + "\n")
    finally:
        if output:
            sink.close()


@judge_app.command("refusal")
def judge_refusal_cmd(
    file: Annotated[Path, typer.Argument(help="JSONL with `prompt` and `response` on each line ('-' for stdin)")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="write here instead of stdout")] = None,
) -> None:
    """Add `refused` (true/false) and `score` to each line of FILE."""
    from accord.scorers.refusal import judge_refusal

    def add(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for rec in rows:
            j = judge_refusal(rec["response"], prompt=rec.get("prompt"), language=rec.get("language"))
            out.append({"refused": j.refused, "score": round(j.score, 4)})
        return out

    _rewrite(file, output, add)


@asynccontextmanager
async def _llm_judge(config_path: Path) -> AsyncIterator[Any]:
    from accord.plugins import load_config
    from accord.scorers.judges import open_judge

    config = load_config(config_path)
    if config.judge is None:
        raise ConfigError(f"{config_path} has no [judge] table: add one with a [judge.target] (see docs/judges.md)")
    async with open_judge(config.judge) as judge:
        yield judge


@judge_app.command("harm")
def judge_harm_cmd(
    file: Annotated[Path, typer.Argument(
        help="JSONL with `response` and, ideally, `prompt`, `concern` (a taxonomy id) and `language`")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="write here instead of stdout")] = None,
    judge_config: JudgeConfigOption = None,
) -> None:
    """Add `harmful` (true/false, or null when the judge's answer could not be parsed), `harm_label`, `score` and
    `judge` to each line of FILE. Offline judge by default; `--judge-config` uses your LLM judge instead."""
    import asyncio

    from accord.scorers.harm import judge_harm
    from accord.scorers.refusal import detect_language

    def fields(rec: dict[str, Any]) -> tuple[str, str, str]:
        language = rec.get("language") or detect_language(rec["response"] + (rec.get("prompt") or ""))
        return str(rec.get("prompt") or ""), str(rec.get("concern") or "other"), str(language)

    def row(label: str, score: float | None, judge: str) -> dict[str, Any]:
        return {"harmful": None if label == "unparsed" else label == "harmful", "harm_label": label,
                "score": score, "judge": judge}

    def add(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if judge_config is None:
            out = []
            for rec in rows:
                prompt, concern, language = fields(rec)
                j = judge_harm(rec["response"], prompt=prompt, concern=concern, language=language)
                out.append(row(j.label, j.score, j.judge))
            return out

        async def with_llm() -> list[dict[str, Any]]:
            async with _llm_judge(judge_config) as llm:
                found = await asyncio.gather(*(llm.judge(r["response"], prompt=p, concern=c, language=lang)
                                               for r in rows for (p, c, lang) in [fields(r)]))
            return [row(j.label, j.score, j.judge) for j in found]

        return asyncio.run(with_llm())

    _rewrite(file, output, add)


@judge_app.command("accuracy")
def judge_accuracy_cmd(
    split: Annotated[str, typer.Option(
        help="test (held out, the figures the report shows), dev, train (fluent set only) or all")] = "test",
    judge_config: JudgeConfigOption = None,
    limit: Annotated[int | None, typer.Option(min=1, help="LLM judge: first N records per language")] = None,
    save: Annotated[Path | None, typer.Option(
        help="with --judge-config: record the judge's measurement here, for [judge] measurement")] = None,
) -> None:
    """Print each judge's accuracy, precision, recall and Cohen's kappa per language on Accord's labelled sets
    (`--judge-config`: also your judge model's, on the harm and fluent-answer sets)."""
    import asyncio

    from accord.scorers.accuracy import DATASETS, JudgeMeasurement, offline_judge_accuracy

    if split not in ("test", "dev", "train", "all"):
        raise ConfigError(f"--split must be test, dev, train or all, not {split!r}")

    def show(m: JudgeMeasurement) -> None:
        c, a = m.confusion, m.accuracy
        ci = f" (95% CI {a.low:.3f}-{a.high:.3f})" if a.low is not None and a.high is not None else ""
        unparsed = f" unparsed={m.unparsed}" if m.unparsed else ""
        typer.echo(f"{m.judge} {m.language} [{m.split}]: n={c.n} accuracy={c.accuracy:.3f}{ci} "
                   f"precision={c.precision:.3f} recall={c.recall:.3f} kappa={c.kappa:.3f}{unparsed} on {m.dataset}")

    for m in offline_judge_accuracy(split, DATASETS):  # type: ignore[arg-type]
        show(m)
    if judge_config is None:
        if save is not None:
            raise ConfigError("--save records a judge model's measurement: give --judge-config too")
        return
    from accord.plugins import load_config
    from accord.scorers.judge_record import measure_judge, record_of, save_record

    async def measured() -> tuple[JudgeMeasurement, ...]:
        async with _llm_judge(judge_config) as llm:
            return await measure_judge(llm, split=split, limit=limit)  # type: ignore[arg-type]

    found = asyncio.run(measured())
    for m in found:
        show(m)
    if save is not None:
        judge = load_config(judge_config).judge
        assert judge is not None  # _llm_judge refused a config without one
        try:
            save_record(record_of(judge, found, split=split, limit=limit), save)
        except OSError as exc:
            raise ConfigError(f"cannot write {save}: {exc.strerror}") from None
        typer.echo(f"recorded in {save}: point [judge] measurement at it (a relative path is read from the "
                   "config file's folder)")
