"""GB 45438 implicit labels on real files the tests make: round trips through `accord label add` and `check`,
and malformed or hostile metadata that must end as a per-file finding, never a crash."""

from __future__ import annotations

import json
import struct
import wave
import zlib
from pathlib import Path

import pytest

from accord.labels.read import check_file
from accord.labels.write import LabelWriteError, add_label, make_label
from tests.helpers import accord

GOOD = {"Label": "1", "ContentProducer": "示例科技有限公司", "ProduceID": "P-0001", "ReservedCode1": "",
        "ContentPropagator": "", "PropagateID": "", "ReservedCode2": ""}


# ---------------------------------------------------------------- real files

def png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (16, 16), (200, 30, 30)).save(path)
    return path


def jpeg(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (16, 16), (30, 30, 200)).save(path, quality=90)
    return path


def wav(path: Path) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"".join(struct.pack("<h", (i * 300) % 20000 - 10000) for i in range(8000)))
    return path


def mp3(path: Path) -> Path:
    import lameenc

    enc = lameenc.Encoder()
    enc.set_bit_rate(64)
    enc.set_in_sample_rate(16000)
    enc.set_channels(1)
    pcm = b"".join(struct.pack("<h", (i * 500) % 20000 - 10000) for i in range(16000))
    path.write_bytes(enc.encode(pcm) + enc.flush())
    return path


def mp4(path: Path) -> Path:
    import av
    import numpy as np

    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 32, 32, "yuv420p"
        for i in range(10):
            frame = av.VideoFrame.from_ndarray(np.full((32, 32, 3), i * 20, dtype=np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def text(path: Path) -> Path:
    path.write_text("这是一段由模型生成的文字。\nA second line.\n", encoding="utf-8")
    return path


MAKERS = {"png": png, "jpeg": jpeg, "wav": wav, "mp3": mp3, "mp4": mp4, "text": text}
SUFFIX = {"png": ".png", "jpeg": ".jpg", "wav": ".wav", "mp3": ".mp3", "mp4": ".mp4", "text": ".txt"}


def statuses(path: Path) -> dict[str, str]:
    return {f.rule: f.status for f in check_file(path).findings}


@pytest.mark.parametrize("fmt", list(MAKERS))
def test_round_trip_check_of_add_passes(tmp_path: Path, fmt: str) -> None:
    path = MAKERS[fmt](tmp_path / f"gen{SUFFIX[fmt]}")
    before = check_file(path)
    assert before.format == fmt
    assert {f.status for f in before.findings} == {"missing"}
    before_bytes = path.read_bytes()
    add_label(path, make_label("示例科技有限公司", "P-0001"))
    after = check_file(path)
    assert after.ok, after.findings
    assert after.carriers[0].fields == GOOD
    if fmt in ("png", "jpeg"):  # the picture itself is untouched and still decodes
        from PIL import Image

        with Image.open(path) as im:
            im.load()
        assert len(path.read_bytes()) > len(before_bytes)
    if fmt == "mp4":
        import av

        with av.open(str(path)) as c:
            assert sum(1 for _ in c.decode(video=0)) == 10


def test_add_refuses_a_labelled_file(tmp_path: Path) -> None:
    path = png(tmp_path / "a.png")
    add_label(path, make_label("A", "1"))
    with pytest.raises(LabelWriteError, match="already carries"):
        add_label(path, make_label("B", "2"))
    assert check_file(path).carriers[0].fields["ContentProducer"] == "A"  # type: ignore[index]


def test_cli_add_then_check(tmp_path: Path) -> None:
    path = jpeg(tmp_path / "a.jpg")
    plain = png(tmp_path / "b.png")
    r = accord("label", "add", path, "--producer", "ACME AI", "--produce-id", "x-1", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = accord("label", "check", path, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "[met] producer — ACME AI" in r.stdout and "Article 5" in r.stdout
    r = accord("label", "check", path, plain, "--format", "json", cwd=tmp_path)
    assert r.returncode == 1
    out = json.loads(r.stdout)
    assert [all(f["status"] == "met" for f in o["findings"]) for o in out] == [True, False]
    r = accord("label", "add", plain, "--producer", "A", "--label", "9", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.startswith("accord: error: Label must be one of")


# ---------------------------------------------------------------- malformed and hostile metadata

def png_with_chunk(path: Path, ctype: bytes, body: bytes, copies: int = 1) -> Path:
    data = png(path).read_bytes()
    chunk = struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body))
    end = data.rfind(b"IEND") - 4
    path.write_bytes(data[:end] + chunk * copies + data[end:])
    return path


def texty(value: str) -> bytes:
    return b"AIGC\x00" + value.encode("latin-1", "replace")


def test_wrong_json_is_malformed(tmp_path: Path) -> None:
    s = statuses(png_with_chunk(tmp_path / "a.png", b"tEXt", texty('{"Label": "1", ')))
    assert s["present"] == "met" and s["well-formed"] == "malformed" and s["producer"] == "malformed"


def test_wrong_types_are_named(tmp_path: Path) -> None:
    bad = {**GOOD, "ContentProducer": "ACME", "ProduceID": 12345, "Label": ["1"]}
    res = check_file(png_with_chunk(tmp_path / "a.png", b"tEXt", texty(json.dumps(bad))))
    by = {f.rule: f for f in res.findings}
    assert by["well-formed"].status == "malformed"
    assert "ProduceID is a int, not a string" in by["well-formed"].detail
    assert by["produce-id"].status == "missing" and by["label"].status == "missing"
    assert by["producer"].status == "met"


def test_not_an_object(tmp_path: Path) -> None:
    res = check_file(png_with_chunk(tmp_path / "a.png", b"tEXt", texty("[1, 2, 3]")))
    assert "JSON list, not an object" in {f.rule: f for f in res.findings}["well-formed"].detail


def test_unknown_label_value(tmp_path: Path) -> None:
    s = statuses(png_with_chunk(tmp_path / "a.png", b"tEXt", texty(json.dumps({**GOOD, "Label": "yes"}))))
    assert s["label"] == "malformed" and s["well-formed"] == "met"


def test_huge_label_is_refused_unparsed(tmp_path: Path) -> None:
    big = json.dumps({**GOOD, "ReservedCode2": "x" * 300_000})
    res = check_file(png_with_chunk(tmp_path / "a.png", b"tEXt", texty(big)))
    assert "over the limit" in {f.rule: f for f in res.findings}["well-formed"].detail


def test_compression_bomb_is_bounded(tmp_path: Path) -> None:
    bomb = zlib.compress(b"{" + b" " * 50_000_000, 9)  # 50 MB of text in ~50 KB
    res = check_file(png_with_chunk(tmp_path / "a.png", b"zTXt", b"AIGC\x00\x00" + bomb))
    assert {f.rule: f for f in res.findings}["well-formed"].status == "malformed"


def test_deep_nesting_does_not_crash(tmp_path: Path) -> None:
    res = check_file(png_with_chunk(tmp_path / "a.png", b"tEXt", texty("[" * 60_000 + "]" * 60_000)))
    assert {f.rule: f for f in res.findings}["well-formed"].status == "malformed"


def test_duplicate_labels_that_disagree(tmp_path: Path) -> None:
    path = png_with_chunk(tmp_path / "a.png", b"tEXt", texty(json.dumps(GOOD)))
    path.rename(tmp_path / "b.png")
    data = (tmp_path / "b.png").read_bytes()
    other = json.dumps({**GOOD, "ContentProducer": "Someone else"}).encode()
    body = b"AIGC\x00" + other
    chunk = struct.pack(">I", len(body)) + b"tEXt" + body + struct.pack(">I", zlib.crc32(b"tEXt" + body))
    end = data.rfind(b"IEND") - 4
    (tmp_path / "b.png").write_bytes(data[:end] + chunk + data[end:])
    s = statuses(tmp_path / "b.png")
    assert s["single"] == "malformed" and s["present"] == "met"


def test_identical_duplicates_agree_and_thousands_are_capped(tmp_path: Path) -> None:
    res = check_file(png_with_chunk(tmp_path / "a.png", b"tEXt", texty(json.dumps(GOOD)), copies=2000))
    assert res.ok and "2000 labels found" in res.note


def test_xmp_with_entities_is_not_expanded(tmp_path: Path) -> None:
    path = jpeg(tmp_path / "a.jpg")
    packet = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
              b'<x xmlns:T="http://www.tc260.org.cn/ns/AIGC/1.0/" T:AIGC="&b;"/>')
    payload = b"http://ns.adobe.com/xap/1.0/\x00" + packet
    data = path.read_bytes()
    path.write_bytes(data[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + data[2:])
    res = check_file(path)
    assert "entities" in {f.rule: f for f in res.findings}["well-formed"].detail


def test_broken_xmp_is_malformed(tmp_path: Path) -> None:
    path = jpeg(tmp_path / "a.jpg")
    payload = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta TC260:AIGC='{'"
    data = path.read_bytes()
    path.write_bytes(data[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + data[2:])
    assert statuses(path)["well-formed"] == "malformed"


def test_exif_user_comment_is_read(tmp_path: Path) -> None:
    from PIL import Image

    exif = Image.Exif()
    exif[0x010E] = json.dumps({"AIGC": GOOD}, ensure_ascii=True)
    Image.new("RGB", (8, 8)).save(tmp_path / "e.jpg", exif=exif.tobytes())
    res = check_file(tmp_path / "e.jpg")
    assert res.ok and res.carriers[0].where == "JPEG EXIF ImageDescription"


def test_truncated_and_random_files_are_findings(tmp_path: Path) -> None:
    path = png_with_chunk(tmp_path / "a.png", b"tEXt", texty(json.dumps(GOOD)))
    cut = tmp_path / "cut.png"
    cut.write_bytes(path.read_bytes()[:60])
    assert statuses(cut)["present"] == "missing"
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 40)
    res = check_file(junk)
    assert res.format == "unsupported" and not res.ok
    bad_mp3 = tmp_path / "bad.mp3"
    bad_mp3.write_bytes(b"ID3\x04\x00\x00\x7f\x7f\x7f\x7f" + b"\xff" * 100)
    assert not check_file(bad_mp3).ok
    assert check_file(tmp_path / "absent.png").format == "unreadable"


def test_id3_label_with_wrong_json(tmp_path: Path) -> None:
    from mutagen.id3 import ID3, TXXX

    path = mp3(tmp_path / "a.mp3")
    tags = ID3()
    tags.add(TXXX(encoding=3, desc="AIGC", text=["not json"]))
    tags.save(path)
    s = statuses(path)
    assert s["present"] == "met" and s["well-formed"] == "malformed"


# ---------------------------------------------------------------- C2PA (c2pa-python, offline)

def signing_files(tmp_path: Path, cn: str = "ACME AI") -> tuple[Path, Path]:
    """A test CA and an ES256 signing certificate under it, as the user would bring them."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    def name(common: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"{common} Org")])

    now = dt.datetime.now(dt.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())

    def usage(sign: bool) -> x509.KeyUsage:
        return x509.KeyUsage(digital_signature=sign, content_commitment=False, key_encipherment=False,
                             data_encipherment=False, key_agreement=False, key_cert_sign=not sign,
                             crl_sign=not sign, encipher_only=False, decipher_only=False)

    def base(subject: str, public: ec.EllipticCurvePublicKey) -> x509.CertificateBuilder:
        return (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name("Test CA"))
                .public_key(public).serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30)))

    ca = (base("Test CA", ca_key.public_key()).add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
          .add_extension(usage(False), True).sign(ca_key, hashes.SHA256()))
    leaf = (base(cn, key.public_key()).add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
            .add_extension(usage(True), True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
            .sign(ca_key, hashes.SHA256()))
    chain, pem = tmp_path / "chain.pem", tmp_path / "key.pem"
    chain.write_bytes(leaf.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM))
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    return chain, pem


@pytest.mark.parametrize("fmt", ["png", "jpeg"])
def test_c2pa_round_trip_names_the_signer(tmp_path: Path, fmt: str) -> None:
    pytest.importorskip("c2pa")
    path = MAKERS[fmt](tmp_path / f"gen{SUFFIX[fmt]}")
    chain, key = signing_files(tmp_path)
    r = accord("label", "add", path, "--producer", "ACME AI", "--c2pa-cert", chain, "--c2pa-key", key, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    res = check_file(path)
    assert res.ok, res.findings
    assert res.c2pa is not None and res.c2pa.state == "Valid" and res.c2pa.signer == "ACME AI"
    assert res.c2pa.ai_generated is True
    detail = {f.rule: f for f in res.findings}["c2pa"].detail
    assert "signed by ACME AI (ACME AI Org)" in detail and "no configured trust list" in detail


def test_c2pa_tampered_file_fails_but_the_gb_label_is_still_read(tmp_path: Path) -> None:
    pytest.importorskip("c2pa")
    from PIL import Image

    path = png(tmp_path / "gen.png")
    chain, key = signing_files(tmp_path)
    assert accord("label", "add", path, "--producer", "ACME AI", "--c2pa-cert", chain, "--c2pa-key", key,
                  cwd=tmp_path).returncode == 0
    data = bytearray(path.read_bytes())
    idat = data.find(b"IDAT")
    data[idat + 8] ^= 0x01  # one bit of the compressed pixels
    path.write_bytes(bytes(data))
    with pytest.raises(Exception):  # noqa: B017 - the pixels no longer decode either; only the metadata is read
        Image.open(path).load()
    res = check_file(path)
    s = {f.rule: f.status for f in res.findings}
    assert s["c2pa"] == "malformed" and s["present"] == "met" and s["producer"] == "met"
    assert res.c2pa is not None and res.c2pa.failures


def test_c2pa_absent_and_bad_signing_files(tmp_path: Path) -> None:
    pytest.importorskip("c2pa")
    path = jpeg(tmp_path / "a.jpg")
    assert check_file(path).c2pa.state == "absent"  # type: ignore[union-attr]
    bad_key = tmp_path / "k.pem"
    bad_key.write_text("not a key")
    r = accord("label", "add", path, "--producer", "A", "--c2pa-cert", bad_key, "--c2pa-key", bad_key, cwd=tmp_path)
    assert r.returncode != 0 and r.stderr.startswith("accord: error: C2PA signing failed")
    assert check_file(path).findings[0].status == "missing"  # nothing was written: neither label nor manifest
    assert check_file(text(tmp_path / "t.txt")).c2pa.state == "not read"  # type: ignore[union-attr]
