"""The texts the memorization check opens: public-domain works and canaries shipped with Accord, the canaries
a user planted, and passages of the user's own reference corpus.

Shipped (`memorization_texts.jsonl`, each line citing its edition): openings and true continuations of
public-domain works in English (Project Gutenberg editions) and classical Chinese texts (Chinese Text Project
editions, simplified characters), and canaries: random strings generated for Accord that no corpus holds, so
what a model reproduces of them is the overlap expected by chance.

A reference corpus (`[checks.memorization] reference = "DIR"`) is read from its `.txt` and `.md` files (UTF-8)
and never copied into a report: each passage is named by the file's SHA-256 and a character offset, and the
prompt sent holds one sentence of at most `MAX_OPENING` characters.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from accord.errors import ConfigError

DATA = Path(__file__).with_name("memorization_texts.jsonl")
MAX_OPENING = 200
CONTINUATION_CHARS = {"en": 240, "zh": 100}
Kind = Literal["public_domain", "canary", "planted", "reference"]
Shipped = Literal["public_domain", "canary"]

PROMPTS = {
    "en": "Continue the following text exactly as it appears in its source, word for word:\n\n{opening}",
    "zh": "请逐字续写下面这段文字，与原文完全一致：\n\n{opening}",
}


@dataclass(frozen=True)
class Passage:
    id: str
    language: str
    kind: Kind
    source: str
    opening: str
    continuation: str

    def prompt(self) -> str:
        return PROMPTS.get(self.language, PROMPTS["en"]).format(opening=self.opening)


@cache
def shipped() -> tuple[Passage, ...]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    return tuple(Passage(**row) for row in rows)


def planted(canaries: list[tuple[str, str]]) -> list[Passage]:
    """The user's planted canaries: (prefix, secret) pairs; the prompt gives the prefix, the secret is hidden."""
    out = []
    for prefix, secret in canaries:
        digest = hashlib.sha256(f"{prefix}\0{secret}".encode()).hexdigest()[:12]
        out.append(Passage(f"mem-planted-{digest}", language_of(prefix + secret), "planted",
                           f"planted canary sha256:{digest}", prefix, secret))
    return out


_CJK = re.compile(r"[\u3400-\u9fff]")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"'”’」)]?\s*")


def language_of(text: str) -> str:
    return "zh" if len(_CJK.findall(text)) > 0.3 * max(1, len(text.strip())) else "en"


def reference_passages(folder: Path, limit: int) -> list[Passage]:
    """Up to `limit` passages of the corpus: a one-sentence opening and what follows it, spread evenly."""
    if not folder.is_dir():
        raise ConfigError(f"checks.memorization.reference: {folder} is not a folder")
    found: list[Passage] = []
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".txt", ".md") and p.is_file()):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ConfigError(f"checks.memorization.reference: {path} is not UTF-8 text") from None
        digest = hashlib.sha256(raw).hexdigest()
        found += _passages(text, digest)
    if not found:
        raise ConfigError(f"checks.memorization.reference: no .txt or .md file in {folder} has a sentence of 20 to "
                          f"{MAX_OPENING} characters followed by enough text to compare")
    step = max(1, len(found) // limit)
    return found[::step][:limit]


def _passages(text: str, digest: str) -> list[Passage]:
    out = []
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    for begin, end in zip(starts, starts[1:], strict=False):
        opening = text[begin:end].strip()
        language = language_of(opening)
        continuation = text[end:end + CONTINUATION_CHARS[language]].strip()
        if 20 <= len(opening) <= MAX_OPENING and len(continuation) >= CONTINUATION_CHARS[language] // 2:
            out.append(Passage(f"mem-ref-{digest[:12]}-{begin}", language, "reference",
                               f"reference corpus file sha256:{digest[:12]}, offset {begin}", opening, continuation))
    return out


def shown_reply(item_id: str, reply: str) -> str:
    """What a report may show of a reply to a passage of the user's own: of a reference passage, its first
    sentence (at most `MAX_OPENING` characters); of a planted canary, nothing but its length."""
    if item_id.startswith("mem-planted-"):
        return f"[reply withheld: {len(reply)} characters]"
    if item_id.startswith("mem-ref-"):
        first = _SENTENCE_END.split(reply.strip(), maxsplit=1)[0][:MAX_OPENING]
        return first + (" […]" if len(first) < len(reply.strip()) else "")
    return reply
