"""The PII scanner: identifiers with checksums or structure (EMAIL, PHONE_NUMBER, CREDIT_CARD, CN_BANK_CARD,
IBAN, IP_ADDRESS, US_SSN, CN_RESIDENT_ID, PASSPORT, UK_NINO, ADDRESS, and the national identity, tax and
social-security numbers of accord.scan.schemes, e.g. PL_PESEL) in text, files and model outputs. Check digits
are python-stdnum's.

    scan_text(text)                    spans of one text
    scan_path(path, ...)               (batch, findings) pairs of a file, on local cores or a Ray cluster
PERSON (names) is not detected: no offline name model installs from PyPI without a hub download.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from accord.scan.documents import Document, Format, ScanInputError, detect_format, read_documents
from accord.scan.engine import Scanner, Span
from accord.scan.findings import Finding, batches, scan_batch
from accord.scan.recognizers import ENTITY_TYPES
from accord.scan.summary import ScanSummary, SummaryBuilder

_DEFAULT: Scanner | None = None


def scan_text(text: str) -> list[Span]:
    """Spans of every entity type in `text`."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Scanner()
    return _DEFAULT.scan(text)


def scan_path(path: Path, *, fmt: Format | None = None, field: str = "text", columns: Sequence[str] | None = None,
              types: Sequence[str] | None = None, workers: int | None = None, ray: bool = False,
              ray_address: str | None = None) -> Iterator[tuple[list[Document], list[Finding]]]:
    """Each batch of documents of `path` with its findings, in document order. The findings are the same
    whatever `workers` or `ray` say."""
    chosen = tuple(types) if types is not None else ENTITY_TYPES
    Scanner(chosen)  # fail early on an unknown type
    docs = batches(read_documents(path, fmt=fmt, field=field, columns=columns))
    if not ray:
        from accord.scan.parallel import scan_local

        yield from scan_local(docs, chosen, workers)
        return
    from accord.scan.ray_scan import scan_ray

    all_batches = list(docs)
    found = iter(scan_ray(all_batches, chosen, ray_address))
    pending = next(found, None)
    for batch in all_batches:
        last = batch[-1].doc
        mine = []
        while pending is not None and pending.doc <= last:
            mine.append(pending)
            pending = next(found, None)
        yield batch, mine


__all__ = ["ENTITY_TYPES", "Document", "Finding", "Format", "ScanInputError", "ScanSummary", "Scanner", "Span",
           "SummaryBuilder", "detect_format", "read_documents", "scan_batch", "scan_path", "scan_text"]
