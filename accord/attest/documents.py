"""`accord docs check`: which elements a rule asks documentation to contain are present in the user's documents.

Reads Markdown (with YAML front matter, as Hugging Face model cards are written), plain text, and CycloneDX
ML-BOM JSON (`components[].modelCard`). For each element (accord/catalog/documentation.toml): `found` where a
heading, a front-matter key or a model-card field matches the element's patterns and has content under it;
`unclear` where the words occur only in running text; `missing` otherwise. Presence, never truth: a section
headed "Training data" that says nothing useful still reads `found` if it has any text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from accord.catalog.documentation import Element, documentation_rules
from accord.errors import ConfigError

State = Literal["found", "unclear", "missing"]


@dataclass(frozen=True)
class Place:
    kind: Literal["heading", "key", "text"]
    name: str  # the heading's text, the key's path, or the line itself
    file: str
    line: int | None
    filled: bool  # content under the heading, or a non-empty value


@dataclass(frozen=True)
class Presence:
    requirement: str
    element: str
    asks: str
    source: str
    state: State
    where: str


def read_places(path: Path) -> list[Place]:
    """Headings, keys and lines of one document; a file that cannot be read is a one-line error."""
    if path.suffix.lower() == ".pdf":
        raise ConfigError(f"{path}: PDF is not read yet; export its text (Markdown or plain text) and check that")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"document not found: {path}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text (Markdown, plain text or CycloneDX JSON are read)") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    if path.suffix.lower() == ".json":
        try:
            return list(_model_card_places(json.loads(text), path.name))
        except ValueError as exc:
            raise ConfigError(f"{path}: not valid JSON: {exc}") from None
    return _markdown_places(text, path.name)


def _markdown_places(text: str, file: str) -> list[Place]:
    lines = text.splitlines()
    places: list[Place] = []
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            for i in range(1, end):
                m = re.match(r"^\s*-?\s*([A-Za-z0-9_.-]+)\s*:\s*(.*)$", lines[i])
                if m:
                    nested = i + 1 < end and lines[i + 1].startswith((" ", "\t", "-"))
                    places.append(Place("key", m.group(1), file, i + 1, bool(m.group(2).strip()) or nested))
            start = end + 1
    headings = [(i, m) for i in range(start, len(lines)) if (m := re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", lines[i]))]
    for n, (i, m) in enumerate(headings):
        level = len(m.group(1))
        stop = next((j for j, h in headings[n + 1:] if len(h.group(1)) <= level), len(lines))
        body = [ln for ln in lines[i + 1:stop] if ln.strip() and not ln.lstrip().startswith("#")]
        text_under = [ln for ln in body if not re.fullmatch(r"\s*(\[?more information needed\]?|-|n/?a|tbd)\s*",
                                                              ln, re.IGNORECASE)]
        places.append(Place("heading", m.group(2), file, i + 1, bool(text_under)))
    places += [Place("text", ln.strip(), file, i + 1, True) for i, ln in enumerate(lines[start:], start + 1)
               if ln.strip() and not ln.lstrip().startswith("#")]
    return places


def _model_card_places(doc: Any, file: str) -> Iterator[Place]:
    comps = doc.get("components", []) if isinstance(doc, dict) else []
    cards = [c["modelCard"] for c in comps if isinstance(c, dict) and isinstance(c.get("modelCard"), dict)]
    if not cards:
        raise ConfigError(f"{file}: no CycloneDX component with a `modelCard`")

    def walk(value: Any, path: str) -> Iterator[Place]:
        if isinstance(value, dict):
            if "name" in value and "value" in value:  # a CycloneDX property
                yield Place("key", f"{path}.{value['name']}", file, None, _filled(value["value"]))
            for k, v in value.items():
                yield Place("key", f"{path}.{k}", file, None, _filled(v))
                yield from walk(v, f"{path}.{k}")
        elif isinstance(value, list):
            for v in value:
                yield from walk(v, path)
        elif isinstance(value, str) and value.strip():
            yield Place("text", value.strip(), file, None, True)

    for card in cards:
        yield from walk(card, "modelCard")


def _filled(value: Any) -> bool:
    """Some non-empty value somewhere under it."""
    if isinstance(value, dict):
        return any(_filled(v) for v in value.values())
    if isinstance(value, list):
        return any(_filled(v) for v in value)
    return value is not None and str(value).strip() != ""


def _hit(patterns: Sequence[str], name: str, *, whole: bool = False) -> bool:
    match = re.fullmatch if whole else re.search
    return any(match(p, name.strip(), re.IGNORECASE) for p in patterns)


def presence(element: Element, places: Sequence[Place]) -> tuple[State, str]:
    def at(p: Place) -> str:
        return f"{p.file}" + (f" line {p.line}" if p.line else "")

    for p in places:
        last = p.name.split(".")[-1]
        if p.filled and ((p.kind == "heading" and _hit(element.headings, p.name))
                         or (p.kind == "key" and _hit(element.keys, last, whole=True))):
            what = "heading" if p.kind == "heading" else "field"
            return "found", f"{what} “{p.name}” ({at(p)})"
    for p in places:
        if (p.kind == "heading" and _hit(element.headings, p.name)) or \
                (p.kind == "key" and _hit(element.keys, p.name.split(".")[-1], whole=True)):
            return "unclear", f"“{p.name}” ({at(p)}) has nothing under it"
    words = [re.sub(r"[\^$]", "", h) for h in element.headings]
    for p in places:
        if p.kind == "text" and _hit(words, p.name):
            return "unclear", f"mentioned in running text ({at(p)}), with no section or field of its own"
    return "missing", "no heading, field or mention found"


def check_documents(paths: Sequence[Path], requirements: Sequence[str] | None = None) -> list[Presence]:
    """Every element of the chosen rules (all when `requirements` is None) against the documents together."""
    places = [p for path in paths for p in read_places(path)]
    rules = documentation_rules()
    known = {r.requirement for r in rules}
    unknown = sorted(set(requirements or ()) - known)
    if unknown:
        raise ConfigError(f"no documentation elements for {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    out = []
    for rule in rules:
        if requirements is not None and rule.requirement not in requirements:
            continue
        for e in rule.elements:
            state, where = presence(e, places)
            out.append(Presence(rule.requirement, e.id, e.asks, e.source, state, where))
    return out
