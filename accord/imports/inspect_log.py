"""Inspect AI eval logs (`.eval` or `.json`), read through inspect_ai's own reader: its format is not frozen, so
Accord never parses the file itself. One item per sample and epoch; the tool's scores are kept as its verdict.

inspect_ai is an optional dependency (`pip install 'accord[imports]'`), imported here only when a log is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accord.errors import ConfigError
from accord.imports.model import ImportedItem, Transcript, not_format, read_bytes

KNOWN_FORMATS = ("2",)  # the log's own `version` field


def read_inspect(path: Path) -> Transcript:
    try:
        from inspect_ai.log import read_eval_log
    except ImportError:
        raise ConfigError("reading Inspect logs needs inspect_ai: pip install 'accord[imports]'") from None
    _, digest = read_bytes(path, "Inspect log")
    try:
        log = read_eval_log(str(path))
    except Exception as exc:  # the reader's own errors differ by file kind and version: one line whatever they are
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise not_format(path, "an Inspect log inspect_ai can read", first[:200]) from None
    if str(log.version) not in KNOWN_FORMATS:
        raise ConfigError(f"{path}: Inspect log format {log.version} is not one Accord reads "
                          f"(known: {', '.join(KNOWN_FORMATS)})")
    if log.samples is None:
        raise not_format(path, "an Inspect log with samples", "it holds no samples (written with no samples?)")
    epochs = max((s.epoch for s in log.samples), default=1)
    items = tuple(_item(s, log.eval.task, epochs > 1) for s in log.samples)
    return Transcript(tool="inspect", tool_version=str(log.eval.packages.get("inspect_ai", "unknown")),
                      format_version=str(log.version), source=path.name, sha256=digest, system=str(log.eval.model),
                      items=items)


def _item(s: Any, task: str, many_epochs: bool) -> ImportedItem:
    messages = list(s.messages or [])
    last_answer = max((i for i, m in enumerate(messages) if m.role == "assistant"), default=None)
    sent = messages[:last_answer] if last_answer is not None else messages
    if not sent:
        sent_pairs = ((("user", s.input),) if isinstance(s.input, str)
                      else tuple((m.role, m.text) for m in s.input))
    else:
        sent_pairs = tuple((m.role, m.text) for m in sent)
    answer = s.output.completion if s.output is not None and s.output.choices else None
    problem = None
    if s.error is not None:
        problem = f"Inspect recorded an error for this sample: {s.error.message.splitlines()[0][:200]}"
        answer = None
    elif answer is None:
        problem = "the Inspect log holds no answer for this sample"
    scores = {name: {"value": sc.value, "answer": sc.answer, "explanation": sc.explanation}
              for name, sc in (s.scores or {}).items()}
    metadata = s.metadata or {}
    language = metadata.get("language") if isinstance(metadata.get("language"), str) else None
    item_id = f"{s.id}" + (f"#e{s.epoch}" if many_epochs else "")
    return ImportedItem(item_id=item_id, probe=task, messages=sent_pairs, answer=answer, language=language,
                        tool_verdict={"scores": scores, "target": s.target}, problem=problem)
