"""Find GB 45438 implicit labels in a file and judge them rule by rule; odd or hostile metadata is a finding.

Where each format carries the label (the carriers this reads and `accord.labels.write` writes):
- PNG: a text chunk (tEXt, zTXt or iTXt) with the keyword `AIGC`, or an XMP packet (iTXt `XML:com.adobe.xmp`);
- JPEG: an XMP packet (APP1) with the property `AIGC` in the TC260 namespace, or EXIF ImageDescription,
  UserComment or XPComment holding the JSON;
- MP3 and WAV: an ID3 `TXXX` frame described `AIGC`;
- MP4: the freeform item `----:com.apple.iTunes:AIGC`;
- text: a line holding the JSON object `{"AIGC": {...}}`.
The placements follow public implementations of GB 45438 (not the standard's annex itself): unverified.
"""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree import ElementTree

from accord.labels import c2pa_io
from accord.labels.model import (
    FIELDS,
    LABEL_VALUES,
    MAX_VALUE_BYTES,
    RULE_BY_ID,
    RULES,
    C2paInfo,
    Carrier,
    FileResult,
    Finding,
    Status,
)

XMP_NS_HINT = "tc260"
XMP_JPEG_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
MAX_CARRIERS = 50
MAX_TEXT_BYTES = 8 * 1024 * 1024
MP4_KEY = "----:com.apple.iTunes:AIGC"


@dataclass(frozen=True)
class Raw:
    where: str
    text: str | None  # the label's text; None when it could not be read (see problem)
    problem: str = ""


def sniff(head: bytes, path: Path) -> str:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return "text"
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 3:  # a character cut by the sniff window
                return "text"
    return "unsupported"


# ---------------------------------------------------------------- parsing one label's text

def parse_label(text: str) -> tuple[dict[str, str] | None, list[str]]:
    """The label's string fields and what is wrong with it (empty when well-formed)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_VALUE_BYTES:
        return None, [f"label is over {MAX_VALUE_BYTES // 1024} KiB; not parsed"]
    try:
        obj: Any = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return None, [f"label is not JSON ({str(exc)[:80]})"]
    if isinstance(obj, dict) and set(obj) == {"AIGC"}:
        obj = obj["AIGC"]
        if isinstance(obj, str):  # some writers store the inner object as a JSON string
            return parse_label(obj)
    if not isinstance(obj, dict):
        return None, [f"label is a JSON {type(obj).__name__}, not an object"]
    problems = []
    fields: dict[str, str] = {}
    for name in FIELDS:
        if name not in obj:
            problems.append(f"{name} is absent")
        elif not isinstance(obj[name], str):
            problems.append(f"{name} is a {type(obj[name]).__name__}, not a string")
        else:
            fields[name] = obj[name]
    extra = sorted(k for k in obj if k not in FIELDS)
    if extra:
        problems.append("unknown fields: " + ", ".join(str(k)[:40] for k in extra[:5]))
    return fields, problems


# ---------------------------------------------------------------- carriers per format

def _xmp(packet: bytes, where: str) -> list[Raw]:
    if b"AIGC" not in packet:
        return []
    if b"<!ENTITY" in packet or b"<!DOCTYPE" in packet:
        return [Raw(where, None, "XMP packet declares entities or a DOCTYPE; not parsed")]
    try:
        root = ElementTree.fromstring(packet.strip(b"\x00 \r\n\t"))
    except ElementTree.ParseError as exc:
        return [Raw(where, None, f"XMP packet is not well-formed XML ({exc})")]
    out = []
    for el in root.iter():
        if _is_aigc(el.tag):
            out.append(Raw(where, el.text or ""))
        out.extend(Raw(where, v) for k, v in el.attrib.items() if _is_aigc(k))
    return out


def _is_aigc(name: str) -> bool:
    return name.startswith("{") and name.endswith("}AIGC") and XMP_NS_HINT in name.lower()


def _bounded_inflate(data: bytes) -> bytes | None:
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, MAX_VALUE_BYTES + 1)
    except zlib.error:
        return None
    return out


def _png(f: BinaryIO) -> list[Raw]:
    f.seek(8)
    out: list[Raw] = []
    while True:
        head = f.read(8)
        if len(head) < 8:
            break
        length, ctype = struct.unpack(">I4s", head)
        if ctype == b"IEND":
            break
        start = f.tell()
        if ctype in (b"tEXt", b"zTXt", b"iTXt"):
            peek = f.read(min(length, 80))
            keyword = peek.split(b"\x00", 1)[0]
            where = f"PNG {ctype.decode()} chunk '{keyword.decode('latin-1')[:40]}'"
            if keyword in (b"AIGC", b"XML:com.adobe.xmp"):
                if length > MAX_VALUE_BYTES * 4:
                    out.append(Raw(where, None, f"chunk is {length} bytes, over the limit; not parsed"))
                else:
                    f.seek(start)
                    out.extend(_png_text(ctype, keyword, f.read(length), where))
        f.seek(start + length + 4)  # data and CRC
    return out


def _png_text(ctype: bytes, keyword: bytes, data: bytes, where: str) -> list[Raw]:
    body = data[len(keyword) + 1:]
    if ctype == b"tEXt":
        value: bytes | None = body
        encoding = "latin-1"
    elif ctype == b"zTXt":
        value, encoding = _bounded_inflate(body[1:]), "latin-1"
    else:
        compressed = body[:1] == b"\x01"
        rest = body[2:].split(b"\x00", 2)  # language tag, translated keyword, text
        raw = rest[2] if len(rest) == 3 else b""
        value, encoding = (_bounded_inflate(raw) if compressed else raw), "utf-8"
    if value is None:
        return [Raw(where, None, "compressed text does not inflate")]
    if keyword == b"XML:com.adobe.xmp":
        return _xmp(value, where.replace("chunk", "XMP"))
    try:
        return [Raw(where, value.decode(encoding))]
    except UnicodeDecodeError:
        return [Raw(where, None, "text is not valid UTF-8")]


def _jpeg(f: BinaryIO) -> list[Raw]:
    f.seek(2)
    out: list[Raw] = []
    while True:
        marker = f.read(2)
        if len(marker) < 2 or marker[0] != 0xFF or marker[1] in (0xDA, 0xD9):
            break
        size_bytes = f.read(2)
        if len(size_bytes) < 2:
            break
        size = struct.unpack(">H", size_bytes)[0] - 2
        data = f.read(size)
        if marker[1] == 0xE1 and data.startswith(XMP_JPEG_HEADER):
            out.extend(_xmp(data[len(XMP_JPEG_HEADER):], "JPEG XMP (APP1)"))
        elif marker[1] == 0xE1 and data.startswith(b"Exif\x00\x00") and b"AIGC" in data.replace(b"\x00", b""):
            out.extend(_exif(data))
    return out


def _exif(data: bytes) -> list[Raw]:
    from PIL import Image

    exif = Image.Exif()
    try:
        exif.load(data)
        values: list[tuple[str, Any]] = [("ImageDescription", exif.get(0x010E)), ("XPComment", exif.get(0x9C9C))]
        values.append(("UserComment", exif.get_ifd(0x8769).get(0x9286)))
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds on broken EXIF; each is a finding
        return [Raw("JPEG EXIF", None, f"EXIF block does not parse ({type(exc).__name__})")]
    out = []
    for name, value in values:
        text = _exif_text(name, value)
        if text is not None and "AIGC" in text:
            out.append(Raw(f"JPEG EXIF {name}", text.strip("\x00 ")))
    return out


def _exif_text(name: str, value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | tuple):
        raw = bytes(value)
        if name == "XPComment":
            return raw.decode("utf-16-le", "replace")
        if name == "UserComment" and raw[:8] == b"UNICODE\x00":
            return raw[8:].decode("utf-16-be" if raw[8:9] == b"\x00" else "utf-16-le", "replace")
        return raw[8:].decode("utf-8", "replace") if name == "UserComment" else raw.decode("utf-8", "replace")
    return None


def _id3(path: Path, fmt: str) -> list[Raw]:
    from mutagen import MutagenError
    from mutagen.id3 import ID3

    try:
        if fmt == "wav":
            from mutagen.wave import WAVE

            tags = WAVE(path).tags
        else:
            tags = ID3(path)
    except MutagenError as exc:
        if "doesn't start with an ID3 tag" in str(exc) or "No ID3" in str(exc):
            return []
        return [Raw("ID3 tag", None, f"ID3 tag does not parse ({str(exc)[:80]})")]
    if tags is None:
        return []
    return [Raw("ID3 TXXX frame 'AIGC'", "".join(str(t) for t in frame.text))
            for frame in tags.getall("TXXX") if frame.desc == "AIGC"]


def _mp4(path: Path) -> list[Raw]:
    from mutagen import MutagenError
    from mutagen.mp4 import MP4

    try:
        tags = MP4(path).tags
    except MutagenError as exc:
        return [Raw("MP4 metadata", None, f"MP4 metadata does not parse ({str(exc)[:80]})")]
    if tags is None or MP4_KEY not in tags:
        return []
    out = []
    for item in tags[MP4_KEY]:
        try:
            out.append(Raw(f"MP4 item '{MP4_KEY}'", bytes(item).decode("utf-8")))
        except UnicodeDecodeError:
            out.append(Raw(f"MP4 item '{MP4_KEY}'", None, "item is not valid UTF-8"))
    return out


def _text(f: BinaryIO) -> list[Raw]:
    data = f.read(MAX_TEXT_BYTES).decode("utf-8", "replace")
    out = []
    for n, line in enumerate(data.splitlines(), start=1):
        s = line.strip()
        if s.startswith("{") and '"AIGC"' in s:
            out.append(Raw(f"text line {n}", s))
    return out


def carriers(path: Path) -> tuple[str, list[Raw]]:
    """The file's format and every label found in it (a read failure of one carrier is a Raw with a problem)."""
    with path.open("rb") as f:
        fmt = sniff(f.read(64), path)
        if fmt == "png":
            raws = _png(f)
        elif fmt == "jpeg":
            raws = _jpeg(f)
        elif fmt == "text":
            f.seek(0)
            raws = _text(f)
        else:
            raws = []
    if fmt in ("mp3", "wav"):
        raws = _id3(path, fmt)
    elif fmt == "mp4":
        raws = _mp4(path)
    return fmt, raws


# ---------------------------------------------------------------- judging

def _finding(rule: str, status: Status, detail: str = "") -> Finding:
    return Finding(rule=rule, status=status, clause=RULE_BY_ID[rule].clause, detail=detail)


def judge(path: Path, fmt: str, raws: list[Raw]) -> FileResult:
    note = ""
    if len(raws) > MAX_CARRIERS:
        note = f"{len(raws)} labels found; the first {MAX_CARRIERS} are judged"
        raws = raws[:MAX_CARRIERS]
    found: list[Carrier] = []
    problems: list[str] = []
    for r in raws:
        if r.text is None:
            found.append(Carrier(where=r.where, problem=r.problem))
            problems.append(f"{r.where}: {r.problem}")
            continue
        fields, wrong = parse_label(r.text)
        found.append(Carrier(where=r.where, fields=fields, problem="; ".join(wrong)))
        problems.extend(f"{r.where}: {w}" for w in wrong)
    if fmt == "unsupported":
        note = "not a PNG, JPEG, MP3, WAV, MP4 or UTF-8 text file: no carrier to read"
    if not found:
        return FileResult(path=str(path), format=fmt, carriers=[], note=note,
                          findings=[_finding(r.id, "missing", "no AIGC label in the file's metadata") for r in RULES
                                    if r.id != "c2pa"])
    parsed = [c for c in found if c.fields is not None]
    findings = [_finding("present", "met", ", ".join(sorted({c.where for c in found})))]
    findings.append(_finding("well-formed", "malformed" if problems else "met", "; ".join(problems)[:600]))
    if not parsed:
        findings += [_finding(r, "malformed", "no label could be read") for r in ("label", "producer", "produce-id")]
    else:
        first = parsed[0].fields or {}
        label = first.get("Label", "")
        findings.append(_finding("label", "missing" if not label else "met" if label in LABEL_VALUES else "malformed",
                                 LABEL_VALUES.get(label, f"Label is {label[:40]!r}")))
        for rule, name in (("producer", "ContentProducer"), ("produce-id", "ProduceID")):
            value = first.get(name, "").strip()
            findings.append(_finding(rule, "met" if value else "missing", value[:80] or f"{name} is empty or absent"))
    distinct = {json.dumps(c.fields, sort_keys=True) if c.fields is not None else f"?{c.where}" for c in found}
    count = f"{len(found)} label" + ("s" if len(found) > 1 else "")
    agree = len(distinct) == 1
    findings.append(_finding("single", "met" if agree else "malformed",
                             count + ("" if agree else f", {len(distinct)} that disagree")))
    return FileResult(path=str(path), format=fmt, carriers=found, findings=findings, note=note)


def check_file(path: Path) -> FileResult:
    """One file's findings. A file that cannot be opened is a finding too, never an exception."""
    try:
        fmt, raws = carriers(path)
    except OSError as exc:
        return FileResult(path=str(path), format="unreadable", carriers=[], note=f"cannot read: {exc.strerror}",
                          findings=[_finding("present", "missing", "the file could not be read")])
    except Exception as exc:  # noqa: BLE001 - a parser's surprise on hostile bytes is this file's finding
        return FileResult(path=str(path), format="unknown", carriers=[], note="",
                          findings=[_finding("well-formed", "malformed",
                                             f"metadata could not be parsed ({type(exc).__name__})")])
    result = judge(path, fmt, raws)
    try:
        info = c2pa_io.read(path, fmt)
    except Exception as exc:  # noqa: BLE001 - the library's surprise on hostile bytes is this file's finding
        info = C2paInfo(state="Invalid", failures=[f"{type(exc).__name__}"], note="the C2PA reader failed")
    findings = list(result.findings)
    if info.state not in ("absent", "not read"):
        good = info.state in ("Valid", "Trusted")
        trust = " (signature verifies; the signer is on no configured trust list)" if info.state == "Valid" else ""
        who = f"signed by {info.signer or 'unnamed'} ({info.issuer or 'no issuer'}): {info.state}{trust}"
        findings.append(_finding("c2pa", "met" if good else "malformed",
                                 who + ("" if good else ": " + "; ".join(info.failures)[:300])))
    return result.model_copy(update={"c2pa": info, "findings": findings})
