"""Find a visible AI-generated notice (an explicit label) in a text answer, and where it sits.

The Labelling Measures (Article 4(1)(1)) ask for "a text prompt or a common symbol prompt" at the start, the end or
a fitting position in the middle of generated text; public summaries of GB 45438-2025 (not its text, which was not
read) give the words "人工智能生成" / "AI生成". A notice is counted when it is a *notice*, not a mention:

- at the start or the end: the first or last line or sentence is a notice (the notice words plus nothing but
  framing such as "This text was", "本内容由", "Note:", brackets and punctuation), or the text opens or closes with a
  bracketed notice ("[AI-generated] ...", "... （AI生成）") or a "notice:" prefix;
- in the middle: a line of its own that is a notice;
- a running sentence that talks about AI-generated things ("AI-generated images are popular") is not a notice.

Forms: `zh` (人工智能/AI + 生成/合成: "AI生成", "由人工智能生成", "人工智能生成合成"...), `en` ("AI-generated", "generated
by AI", "created with artificial intelligence"...), `symbol` (a bracketed "AI" alone: "[AI]", "【AI】"; the standard's
own symbol was not read, so this form is unverified). Accuracy: tests/test_labelling.py scores a labelled set of
answers (notices in each position and form, and mentions that are not notices).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Form = Literal["zh", "en", "symbol"]
Where = Literal["start", "end", "middle"]
SCORER = "ai-notice@1"

_ZH = r"(?:人工智能|AI)\s*(?:技术)?\s*(?:辅助)?\s*(?:生成|合成)(?:合成)?"
_EN = (r"\b(?:AI|artificial[- ]intelligence)[- ](?:generated|created|produced|written|synthesi[sz]ed)\b"
       r"|\b(?:generated|created|produced|written|synthesi[sz]ed)\s+(?:by|with|using)\s+(?:an?\s+)?"
       r"(?:AI|artificial[- ]intelligence)\b(?:\s+(?:model|system|tool|assistant))?")
CORE = {"zh": re.compile(_ZH, re.I), "en": re.compile(_EN, re.I)}
_OPEN, _CLOSE = "[【(（〔<《「", "]】)）〕>》」"
SYMBOL = re.compile(rf"[{re.escape(_OPEN)}]\s*AI\s*[{re.escape(_CLOSE)}]")
# what may surround the notice words on a notice line: framing words, brackets, punctuation, markup
_FRAME_WORDS = re.compile(
    r"\b(?:this|the|above|following)(?:\s+[a-z]+){1,2}?\s+(?:was|is|has\s+been)\b|"
    r"(?:本|以上|以下|此|该)[\u4e00-\u9fff]{0,4}?(?:由|为|系|是)|"
    r"\b(?:note|notice|disclaimer|label|content|text|answer|response|reply|article|post|this|the|is|was|has|been|"
    r"fully|partly|partially|for reference only)\b|注意|注|提示|标识|说明|声明|本|以上|以下|此|该|内容|文本|回答|回复|文章|由|为|系|"
    r"是|的|仅供参考|均", re.I)
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_SENTENCE = re.compile(r"[^。.!！?？\n]+[。.!！?？]?")
_LEADING = re.compile(rf"^\s*[{re.escape(_OPEN)}]([^{re.escape(_CLOSE)}\n]{{1,60}})[{re.escape(_CLOSE)}]")
_TRAILING = re.compile(rf"[{re.escape(_OPEN)}]([^{re.escape(_OPEN)}\n]{{1,60}})[{re.escape(_CLOSE)}]\s*$")
_PREFIX = re.compile(r"^\s*([^:：\n]{1,40})[:：]")


@dataclass(frozen=True)
class Notice:
    form: Form
    where: Where
    text: str  # the notice as found, cut short


def _notice_in(segment: str) -> tuple[Form, str] | None:
    """The notice's form when `segment` is a notice and nothing else (framing words and punctuation aside)."""
    if SYMBOL.fullmatch(segment.strip()):
        return "symbol", segment.strip()
    for form, core in CORE.items():
        m = core.search(segment)
        if m is None:
            continue
        rest = _FRAME_WORDS.sub("", segment[:m.start()] + " " + segment[m.end():])
        if not _PUNCT.sub("", rest):
            return form, segment.strip()[:80]  # type: ignore[return-value]
    return None


def _edge_segments(text: str, at_start: bool) -> list[str]:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    sentences = [s for s in _SENTENCE.findall(text) if s.strip()]
    line = lines[0 if at_start else -1]
    found = [line]
    if sentences:
        found.append(sentences[0 if at_start else -1])
    bracket = (_LEADING if at_start else _TRAILING).search(text)
    if bracket:
        found.append(bracket.group(1))
        found.append(bracket.group(0))
    if at_start and (prefix := _PREFIX.match(text)):
        found.append(prefix.group(1))
    return found


def find_notice(text: str) -> Notice | None:
    """The first notice found, checking the start, then the end, then lines of their own in the middle."""
    text = unicodedata.normalize("NFKC", text or "")
    if not text.strip():
        return None
    for where in ("start", "end"):
        for segment in _edge_segments(text, at_start=where == "start"):
            hit = _notice_in(segment)
            if hit:
                return Notice(form=hit[0], where=where, text=hit[1])  # type: ignore[arg-type]
    for line in [ln for ln in text.splitlines() if ln.strip()][1:-1]:
        hit = _notice_in(line)
        if hit:
            return Notice(form=hit[0], where="middle", text=hit[1])
    return None
