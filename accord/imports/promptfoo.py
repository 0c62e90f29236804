"""promptfoo results files (`promptfoo eval -o results.json`), keyed on the file's results `version`.

One item per result (test × prompt × provider): the prompt as rendered (a chat prompt's messages when the rendered
prompt is a JSON list of them), the answer (`response.output`) and promptfoo's own grading (pass, score, reason)
kept as its verdict. The probe name the mapping reads is the red-team metadata promptfoo gives generated tests:
`strategyId/pluginId`, or `pluginId`; a plain eval's tests carry neither and read as "plain test". The results
file does not record promptfoo's version, so the import says so.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from accord.errors import ConfigError
from accord.imports.model import ImportedItem, Transcript, not_format, read_bytes

KNOWN_FORMATS = ("3",)
WHAT = "a promptfoo results file (promptfoo eval -o results.json)"
PLAIN = "plain test"


def read_promptfoo(path: Path) -> Transcript:
    data, digest = read_bytes(path, "promptfoo results file")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise not_format(path, WHAT, f"it is not JSON ({str(exc).splitlines()[0][:120]})") from None
    results = doc.get("results") if isinstance(doc, dict) else None
    if not isinstance(results, dict) or not isinstance(results.get("results"), list) or "version" not in results:
        raise not_format(path, WHAT, "it has no `results.version` and `results.results`")
    version = str(results["version"])
    if version not in KNOWN_FORMATS:
        raise ConfigError(f"{path}: promptfoo results version {version!r} is not one Accord reads "
                          f"(known: {', '.join(KNOWN_FORMATS)})")
    items = tuple(_item(path, n, r) for n, r in enumerate(results["results"]))
    systems = sorted({str((r.get("provider") or {}).get("id", "?")) for r in results["results"] if isinstance(r, dict)})
    return Transcript(tool="promptfoo", tool_version="(version not recorded in the file)", format_version=version,
                      source=path.name, sha256=digest, system=", ".join(systems) or "?", items=items)


def _item(path: Path, n: int, r: Any) -> ImportedItem:
    if not isinstance(r, dict) or not isinstance(r.get("prompt"), dict):
        raise not_format(path, WHAT, f"result {n} has no prompt")
    raw = str(r["prompt"].get("raw", ""))
    metadata = {**((r.get("testCase") or {}).get("metadata") or {}), **(r.get("metadata") or {})}
    plugin, strategy = metadata.get("pluginId"), metadata.get("strategyId")
    probe = f"{strategy}/{plugin}" if plugin and strategy else str(plugin or PLAIN)
    response = r.get("response") or {}
    output = response.get("output") if isinstance(response, dict) else None
    answer = output if isinstance(output, str) else (json.dumps(output, ensure_ascii=False) if output else None)
    problem = None
    if answer is None:
        said = r.get("error") or (response.get("error") if isinstance(response, dict) else None)
        problem = "promptfoo recorded no answer for this test" + (f": {str(said).splitlines()[0][:200]}" if said
                                                                  else "")
    grading = r.get("gradingResult") or {}
    verdict = {"success": r.get("success"), "score": r.get("score"), "reason": grading.get("reason"),
               "named_scores": r.get("namedScores") or {}, "failure_reason": r.get("failureReason")}
    language = metadata.get("language")
    return ImportedItem(item_id=str(r.get("id") or f"test{r.get('testIdx')}-prompt{r.get('promptIdx')}"),
                        probe=probe, messages=_messages(raw), answer=answer,
                        language=language if isinstance(language, str) else None, tool_verdict=verdict,
                        problem=problem)


def _messages(raw: str) -> tuple[tuple[str, str], ...]:
    """A chat prompt renders as a JSON list of {role, content}; anything else is one user message."""
    try:
        parsed = json.loads(raw)
    except ValueError:
        parsed = None
    if isinstance(parsed, list) and parsed and all(isinstance(m, dict) and isinstance(m.get("content"), str)
                                                   for m in parsed):
        return tuple((str(m.get("role", "user")), m["content"]) for m in parsed)
    return (("user", raw),)
