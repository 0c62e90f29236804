"""garak reports (`*.report.jsonl`), keyed on the garak version the report records.

The report's `init` entry (`garak_version`) and its `start_run setup` entry (`_config.version`) name the version
that wrote it; Accord reads the versions whose report it has seen (`KNOWN_VERSIONS`) and refuses any other with a
one-line error, since garak's report format changes between versions. One item per attempt and generation: the
conversation garak sent (its prompt's turns), the answer (the generation's text) and the language garak gave it;
garak's detector scores for that generation (1.0: garak counts it a hit, the attack or failure found) are kept as
its verdict. A report that is cut off (a line that is not JSON, or no `completion` entry) is refused whole.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from accord.errors import ConfigError
from accord.imports.model import ImportedItem, Transcript, not_format, read_bytes

KNOWN_VERSIONS = ("0.17.1",)
WHAT = "a garak report (report.jsonl)"


def read_garak(path: Path) -> Transcript:
    data, digest = read_bytes(path, "garak report")
    entries = _entries(path, data)
    init = next((e for e in entries if e.get("entry_type") == "init"), None)
    setup = next((e for e in entries if e.get("entry_type") == "start_run setup"), None)
    if init is None or setup is None:
        raise not_format(path, WHAT, "it has no `init` and `start_run setup` entries")
    version, configured = init.get("garak_version"), setup.get("_config.version")
    if version != configured:
        raise ConfigError(f"{path}: its entries disagree on the garak version ({version!r}, {configured!r})")
    if version not in KNOWN_VERSIONS:
        raise ConfigError(f"{path}: garak report version {version!r} is not one Accord reads "
                          f"(known: {', '.join(KNOWN_VERSIONS)})")
    if not any(e.get("entry_type") == "completion" for e in entries):
        raise ConfigError(f"{path}: the report has no `completion` entry: garak did not finish writing it "
                          "(a run stopped early, or a file cut off); nothing imported")
    attempts: dict[str, dict[str, Any]] = {}
    for e in entries:  # an attempt is written when generated (status 1) and again when evaluated (status 2)
        if e.get("entry_type") == "attempt" and isinstance(e.get("uuid"), str):
            if e["uuid"] not in attempts or e.get("status") == 2:
                attempts[e["uuid"]] = e
    items = tuple(item for a in attempts.values() for item in _items(path, a))
    system = f"{setup.get('plugins.target_type', '?')} {setup.get('plugins.target_name', '?')}"
    return Transcript(tool="garak", tool_version=str(version), format_version=str(version), source=path.name,
                      sha256=digest, system=system, items=items)


def _entries(path: Path, data: bytes) -> list[dict[str, Any]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise not_format(path, WHAT, "it is not UTF-8 text") from None
    entries = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            raise not_format(path, WHAT, f"line {n} is not JSON (a file cut off?); nothing imported") from None
        if not isinstance(entry, dict) or "entry_type" not in entry:
            raise not_format(path, WHAT, f"line {n} is not a garak entry (no `entry_type`)")
        entries.append(entry)
    if not entries:
        raise not_format(path, WHAT, "it is empty")
    return entries


def _items(path: Path, attempt: dict[str, Any]) -> list[ImportedItem]:
    prompt = attempt.get("prompt")
    turns = prompt.get("turns") if isinstance(prompt, dict) else None
    if not isinstance(turns, list):
        raise not_format(path, WHAT, f"attempt {attempt.get('uuid')} has no prompt turns")
    messages = tuple((str(t.get("role", "user")), str((t.get("content") or {}).get("text") or "")) for t in turns)
    last_user: dict[str, Any] = next((t for t in reversed(turns) if t.get("role") == "user"), {})
    language = (last_user.get("content") or {}).get("lang")
    detectors = attempt.get("detector_results") or {}
    out = []
    for i, output in enumerate(attempt.get("outputs") or [None]):
        answer = output.get("text") if isinstance(output, dict) else None
        verdict = {"detector_results": {d: (s[i] if isinstance(s, list) and i < len(s) else None)
                                        for d, s in detectors.items()},
                   "goal": attempt.get("goal"), "intent": attempt.get("intent"),
                   "evaluated": attempt.get("status") == 2}
        out.append(ImportedItem(
            item_id=f"{attempt['uuid']}#{i}", probe=str(attempt.get("probe_classname", "?")), messages=messages,
            answer=answer, language=language if isinstance(language, str) and language != "*" else None,
            tool_verdict=verdict, problem=None if answer is not None else "garak recorded no answer for this "
            "generation (the request failed, or the system returned nothing)"))
    return out
