"""Findings: what the scanner reports for a document, one JSON line each, in a fixed order
(doc, field, start, type) whatever the engine, batch size or parallelism."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from accord.scan.documents import Document
from accord.scan.engine import Scanner

BATCH_CHARS = 1 << 20  # about 1 MB of text per batch (and per unit of parallel work)


@dataclass(frozen=True, slots=True)
class Finding:
    doc: int
    field: str | None
    start: int
    end: int
    type: str
    text: str
    score: float

    def sort_key(self) -> tuple[int, str, int, str]:
        return (self.doc, self.field or "", self.start, self.type)

    def to_json(self) -> str:
        return json.dumps({"doc": self.doc, "field": self.field, "start": self.start, "end": self.end,
                           "type": self.type, "text": self.text, "score": self.score}, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Finding:
        d = json.loads(line)
        return cls(d["doc"], d["field"], d["start"], d["end"], d["type"], d["text"], d["score"])


def batches(docs: Iterable[Document], max_chars: int = BATCH_CHARS) -> Iterator[list[Document]]:
    """Consecutive documents, about `max_chars` of text each; a row's cells never straddle two batches."""
    batch: list[Document] = []
    size = 0
    for d in docs:
        if size >= max_chars and batch and d.doc != batch[-1].doc:
            yield batch
            batch, size = [], 0
        batch.append(d)
        size += len(d.text) + 1
    if batch:
        yield batch


def scan_batch(scanner: Scanner, batch: list[Document]) -> list[Finding]:
    """The findings of one batch, in the fixed order."""
    out = [Finding(d.doc, d.field, s.start, s.end, s.type, d.text[s.start:s.end], s.score)
           for d, spans in zip(batch, scanner.scan_many([d.text for d in batch]), strict=True) for s in spans]
    out.sort(key=Finding.sort_key)
    return out
