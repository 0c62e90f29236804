"""The summary of a scan: documents scanned and affected, findings per type and per field."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel

from accord.scan.documents import Document
from accord.scan.findings import Finding
from accord.scan.people import IdentifierCount, IdentifierCounter, people_by_country

NOTICES_KEPT = 100


class ScanSummary(BaseModel):
    documents: int = 0  # rows or lines that held at least one scanned text
    cells: int = 0  # (row, field) texts scanned
    characters: int = 0
    documents_with_findings: int = 0
    findings: int = 0
    by_type: dict[str, int] = {}
    by_field: dict[str, dict[str, int]] = {}  # field ("" for txt) -> type -> count
    # identifiers with a country: distinct values by keyed hash, documents holding them, masked examples
    identifiers: list[IdentifierCount] = []
    people_by_country: dict[str, int] = {}  # distinct identifiers of people per country (an upper bound)
    notices: int = 0  # lines or cells with a problem of their own (encoding, binary content, other scripts)
    notice_lines: list[str] = []  # the first NOTICES_KEPT of them, "doc N[, field F]: what and what was done"

    @property
    def share_affected(self) -> float | None:
        return self.documents_with_findings / self.documents if self.documents else None

    def text(self) -> str:
        share = self.share_affected
        lines = [f"scanned {self.documents} documents ({self.cells} texts, {self.characters} characters): "
                 f"{self.findings} findings in {self.documents_with_findings} documents"
                 + (f" ({share:.2%} of documents)" if share is not None else "")]
        lines += [f"  {t}: {n}" for t, n in sorted(self.by_type.items())]
        if any(self.by_field):
            for field, counts in sorted(self.by_field.items()):
                listed = ", ".join(f"{t} {n}" for t, n in sorted(counts.items()))
                lines.append(f"  field {field or '(none)'}: {listed}")
        if self.notices:
            lines.append(f"  {self.notices} lines or cells with a notice (first ones above; all counted here)")
        if self.identifiers:
            lines.append("  identifiers by country (distinct, by keyed hash; documents):")
            lines += [f"    {c.country} {c.type}: {c.distinct} distinct in {c.documents} documents "
                      f"(e.g. {', '.join(c.masked_examples)})" + ("" if c.person else " [not a person's]")
                      for c in self.identifiers]
        return "\n".join(lines)


class SummaryBuilder:
    """Counts as batches stream past, in document order (documents and their findings)."""

    def __init__(self, key: bytes | None = None) -> None:
        """`key`: the HMAC key for counting distinct identifiers (default: a random one for this scan)."""
        self._ids = IdentifierCounter(key)
        self._docs = self._hit = 0
        self._last_doc = self._last_hit = -1
        self._cells = self._chars = 0
        self._types: Counter[str] = Counter()
        self._fields: dict[str, Counter[str]] = {}
        self._notices = 0
        self._notice_lines: list[str] = []
        self.new_notices: list[str] = []  # the notices of the last `add`, for the caller to show

    def add(self, batch: Iterable[Document], findings: Iterable[Finding]) -> None:
        self.new_notices = []
        for d in batch:
            if d.notice is not None:
                self._notices += 1
                line = f"doc {d.doc}" + (f", field {d.field}" if d.field else "") + f": {d.notice}"
                self.new_notices.append(line)
                if len(self._notice_lines) < NOTICES_KEPT:
                    self._notice_lines.append(line)
            if d.doc != self._last_doc:
                self._docs += 1
                self._last_doc = d.doc
            self._cells += 1
            self._chars += len(d.text)
        for f in findings:
            if f.doc != self._last_hit:
                self._hit += 1
                self._last_hit = f.doc
            self._types[f.type] += 1
            self._ids.add(f.type, f.text, f.doc)
            self._fields.setdefault(f.field or "", Counter())[f.type] += 1

    def progress(self) -> str:
        """A one-line account of the work so far, for long scans."""
        findings = sum(self._types.values())
        return f"{self._docs:,} documents ({self._chars / 1e6:,.1f} M characters) scanned, {findings:,} findings so far"

    def build(self) -> ScanSummary:
        return ScanSummary(
            documents=self._docs, cells=self._cells, characters=self._chars,
            documents_with_findings=self._hit, findings=sum(self._types.values()),
            by_type=dict(sorted(self._types.items())),
            by_field={k: dict(sorted(v.items())) for k, v in sorted(self._fields.items())},
            identifiers=(ids := self._ids.counts()), people_by_country=people_by_country(ids),
            notices=self._notices, notice_lines=self._notice_lines,
        )
