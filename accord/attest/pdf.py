"""The text of a PDF, read with pypdf, for `accord docs check`; a PDF whose text cannot be had is one finding.

A PDF carries no headings a reader can trust, so its lines are read the way a person skims a form: a short line
that does not end like a sentence and starts with a capital, a digit or a CJK character is a heading (filled when
running text, or a numbered sub-heading of it, follows); a short `Label: value` line is a labelled field. Presence
only, as for Markdown.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


class UnreadableDocument(Exception):
    """This file's text could not be read (encrypted, image-only, broken): a finding about the file, not an error
    of the whole check."""


@dataclass(frozen=True)
class PdfLine:
    page: int
    line: int
    text: str


def pdf_lines(path: Path) -> list[PdfLine]:
    """Every non-empty line of text, with its page and line on the page."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    with _quiet():
        try:
            reader = PdfReader(path)
            if reader.is_encrypted and not reader.decrypt(""):
                raise UnreadableDocument("the PDF is encrypted with a password; give an unencrypted copy or its text")
            pages = [p.extract_text() or "" for p in reader.pages]
        except UnreadableDocument:
            raise
        except (FileNotDecryptedError, DependencyError) as exc:
            raise UnreadableDocument(f"the PDF is encrypted and could not be opened ({exc})") from None
        except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
            raise UnreadableDocument(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not pages:
        raise UnreadableDocument("the PDF has no pages")
    out = [PdfLine(n, i, ln.strip()) for n, text in enumerate(pages, 1)
           for i, ln in enumerate((x for x in text.splitlines() if x.strip()), 1)]
    if not out:
        raise UnreadableDocument(f"no text in its {len(pages)} page(s): image-only (scanned?); run OCR on it or "
                                 "export the text, and check that")
    return out


@contextmanager
def _quiet() -> Iterator[None]:
    """pypdf logs what it repairs ("EOF marker not found") to stderr; the finding says what matters, once."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        log.setLevel(level)


_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?\s")
_LABEL = re.compile(r"^([^:：]{2,60})[:：]\s*(.*)$")


def looks_like_heading(text: str) -> bool:
    """Short, not ending like a sentence, and not starting lower-case (a wrapped line of running text usually does)."""
    first = text[:1]
    return 0 < len(text) <= 90 and len(text.split()) <= 10 \
        and not text.endswith((".", ",", ";", "?", "!", "。", "；", "？", "，")) \
        and (first.isdigit() or first.isupper() or (first.isalpha() and not first.isascii()))


def label(text: str) -> tuple[str, str] | None:
    """`Label: value` with a short label, as forms print their fields."""
    m = _LABEL.match(text)
    if m is None or len(m.group(1).split()) > 8 or "http" in m.group(1).lower():
        return None
    return m.group(1).strip(), m.group(2).strip()


def is_sub_heading(heading: str, following: str) -> bool:
    """`2.1 Publicly available datasets` under `2. List of data sources`."""
    a, b = _NUMBER.match(heading), _NUMBER.match(following)
    return a is not None and b is not None and b.group(1).startswith(a.group(1) + ".")
