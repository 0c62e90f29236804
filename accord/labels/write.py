"""Write a GB 45438 implicit label into a file, in the carrier `accord.labels.read` reads for its format.

The image and text bytes are never re-encoded: a PNG gets one more iTXt chunk before IEND, a JPEG one XMP APP1
segment after its header segments, a text file one more line. Audio and MP4 go through mutagen. A file that
already carries a label is refused: Accord does not alter existing labels (Labelling Measures, Article 10).
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path
from xml.sax.saxutils import quoteattr

from accord.errors import AccordError
from accord.labels.model import FIELDS, LABEL_VALUES
from accord.labels.read import MP4_KEY, XMP_JPEG_HEADER, carriers


class LabelWriteError(AccordError):
    exit_code = 2


TC260_NS = "http://www.tc260.org.cn/ns/AIGC/1.0/"  # as public implementations write it (unverified)


def make_label(producer: str, produce_id: str, label: str = "1", propagator: str = "", propagate_id: str = "",
               reserved1: str = "", reserved2: str = "") -> dict[str, str]:
    if label not in LABEL_VALUES:
        raise LabelWriteError(f"Label must be one of {', '.join(LABEL_VALUES)} (got {label!r})")
    if not producer.strip() or not produce_id.strip():
        raise LabelWriteError("a label needs the provider's name or code (--producer) and a content number")
    values = (label, producer, produce_id, reserved1, propagator, propagate_id, reserved2)
    return dict(zip(FIELDS, values, strict=True))


def add_label(path: Path, fields: dict[str, str]) -> str:
    """Write the label into `path` in place; returns where it went."""
    fmt, found = carriers(path)
    if found:
        raise LabelWriteError(f"{path} already carries an implicit label ({found[0].where}); Accord does not "
                              "alter existing labels")
    text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    if fmt == "png":
        return _png(path, text)
    if fmt == "jpeg":
        return _jpeg(path, text)
    if fmt in ("mp3", "wav"):
        return _id3(path, fmt, text)
    if fmt == "mp4":
        return _mp4(path, text)
    if fmt == "text":
        body = path.read_bytes()
        sep = b"" if body.endswith(b"\n") or not body else b"\n"
        path.write_bytes(body + sep + json.dumps({"AIGC": fields}, ensure_ascii=False).encode() + b"\n")
        return "text: last line"
    raise LabelWriteError(f"{path}: cannot label a file of this kind (PNG, JPEG, MP3, WAV, MP4 and UTF-8 text)")


def _png(path: Path, text: str) -> str:
    data = path.read_bytes()
    end = data.rfind(b"IEND")
    if end < 4:
        raise LabelWriteError(f"{path}: PNG has no IEND chunk")
    body = b"AIGC\x00\x00\x00\x00\x00" + text.encode("utf-8")  # iTXt: uncompressed, no language, no translation
    chunk = struct.pack(">I", len(body)) + b"iTXt" + body + struct.pack(">I", zlib.crc32(b"iTXt" + body))
    path.write_bytes(data[:end - 4] + chunk + data[end - 4:])
    return "PNG iTXt chunk 'AIGC'"


def _jpeg(path: Path, text: str) -> str:
    data = path.read_bytes()
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF and data[pos + 1] in (0xE0, 0xE1):
        if data[pos + 1] == 0xE1 and data[pos + 4:pos + 4 + len(XMP_JPEG_HEADER)] == XMP_JPEG_HEADER:
            raise LabelWriteError(f"{path} has an XMP packet already; merging into it is not supported")
        pos += 2 + struct.unpack(">H", data[pos + 2:pos + 4])[0]
    packet = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
              '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
              f'<rdf:Description rdf:about="" xmlns:TC260="{TC260_NS}" TC260:AIGC={quoteattr(text)}/>'
              '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode()
    payload = XMP_JPEG_HEADER + packet
    if len(payload) + 2 > 0xFFFF:
        raise LabelWriteError(f"{path}: the label is too long for one JPEG segment")
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    path.write_bytes(data[:pos] + segment + data[pos:])
    return "JPEG XMP (APP1), property TC260:AIGC"


def _id3(path: Path, fmt: str, text: str) -> str:
    from mutagen.id3 import ID3, TXXX, ID3NoHeaderError

    frame = TXXX(encoding=3, desc="AIGC", text=[text])
    if fmt == "wav":
        from mutagen.wave import WAVE

        wav = WAVE(path)
        if wav.tags is None:
            wav.add_tags()
        assert wav.tags is not None
        wav.tags.add(frame)
        wav.save()
    else:
        try:
            tags = ID3(path)
        except ID3NoHeaderError:
            tags = ID3()
        tags.add(frame)
        tags.save(path)
    return "ID3 TXXX frame 'AIGC'"


def _mp4(path: Path, text: str) -> str:
    from mutagen.mp4 import MP4, MP4FreeForm

    mp4 = MP4(path)
    if mp4.tags is None:
        mp4.add_tags()
    assert mp4.tags is not None
    mp4.tags[MP4_KEY] = [MP4FreeForm(text.encode("utf-8"))]
    mp4.save()
    return f"MP4 item '{MP4_KEY}'"
