"""`accord docs check`: which elements a rule asks documentation to contain are present in the user's documents.

Reads Markdown (with YAML front matter, as Hugging Face model cards are written), plain text, CycloneDX
ML-BOM JSON (`components[].modelCard`) and PDF text (accord.attest.pdf). For each element
(accord/catalog/documentation.toml): `found` where a
heading, a front-matter key or a model-card field matches the element's patterns and has content under it;
`unclear` where the words occur only in running text; `missing` otherwise. Presence, never truth: a section
headed "Training data" that says nothing useful still reads `found` if it has any text. A PDF whose text cannot be
had (encrypted, image-only, broken) is a finding about that file; the others are still read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from accord.attest.pdf import UnreadableDocument, is_sub_heading, label, looks_like_heading, pdf_lines
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
    page: int | None = None  # a PDF's page (`line` is then the line on that page)


@dataclass(frozen=True)
class Presence:
    requirement: str
    element: str
    asks: str
    source: str
    state: State
    where: str
    confidence: str = "verified"  # how the element's source text was read (accord.catalog.documentation)
    where_applicable: bool = False  # the text asks for it only where it applies

    @property
    def decides(self) -> bool:
        """Missing, and asked for without condition by a text we read: decides `not met` for complete docs."""
        return self.state == "missing" and not self.where_applicable and self.confidence != "unverified"


@dataclass(frozen=True)
class Unread:
    file: str
    reason: str


@dataclass(frozen=True)
class DocumentCheck:
    rows: tuple[Presence, ...]
    unread: tuple[Unread, ...]  # files whose text could not be had: what is `missing` may be in them


def read_places(path: Path) -> list[Place]:
    """Headings, keys and lines of one document; a file that cannot be read is a one-line error."""
    if path.suffix.lower() == ".pdf":
        if not path.is_file():
            raise ConfigError(f"document not found: {path}")
        return _pdf_places(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"document not found: {path}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text (Markdown, plain text, CycloneDX JSON or PDF are read)") from None
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


def _pdf_places(path: Path) -> list[Place]:
    """Headings, labelled fields and running text of a PDF's lines (accord.attest.pdf); raises UnreadableDocument."""
    lines = pdf_lines(path)
    places: list[Place] = []
    for i, ln in enumerate(lines):
        field = label(ln.text)
        if field is not None:
            places.append(Place("heading", field[0], path.name, ln.line, bool(field[1]) or (
                i + 1 < len(lines) and not looks_like_heading(lines[i + 1].text)), ln.page))
        elif looks_like_heading(ln.text):
            nxt = lines[i + 1].text if i + 1 < len(lines) else ""
            filled = bool(nxt) and (not looks_like_heading(nxt) or is_sub_heading(ln.text, nxt))
            places.append(Place("heading", ln.text, path.name, ln.line, filled, ln.page))
        else:
            places.append(Place("text", ln.text, path.name, ln.line, True, ln.page))
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
        return f"{p.file}" + (f" page {p.page}" if p.page else "") + (f" line {p.line}" if p.line else "")

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


def check_documents(paths: Sequence[Path], requirements: Sequence[str] | None = None) -> DocumentCheck:
    """Every element of the chosen rules (all when `requirements` is None) against the documents together. A PDF
    whose text cannot be had is a finding (`unread`); if no document could be read at all, that is an error."""
    places: list[Place] = []
    unread = []
    for path in paths:
        try:
            places += read_places(path)
        except UnreadableDocument as exc:
            unread.append(Unread(str(path), str(exc)))
    if unread and len(unread) == len(paths):
        raise ConfigError("no document could be read: " + "; ".join(f"{u.file}: {u.reason}" for u in unread))
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
            if state == "missing" and unread:
                where += f" in the documents read ({len(unread)} could not be read)"
            out.append(Presence(rule.requirement, e.id, e.asks, e.source, state, where, e.confidence or "verified",
                                e.where_applicable))
    return DocumentCheck(tuple(out), tuple(unread))
