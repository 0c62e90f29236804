"""C2PA manifests through the `c2pa-python` library (optional: `pip install 'accord[c2pa]'`), offline.

Reading verifies the manifest's signature and hash bindings and says whose certificate signed it; no trust list is
configured, so a signer is reported as untrusted unless the user's trust settings say otherwise (that is the
library's `signingCredential.untrusted` status, not a broken signature). Remote manifests, OCSP and every
network host are turned off. Writing signs a manifest with a `c2pa.created` action whose digital source type
is IPTC's `trainedAlgorithmicMedia`, with the certificate chain and private key the user gives, and no timestamp
authority (it would need the network).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from accord.errors import AccordError
from accord.labels.model import C2paInfo

OFFLINE = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False},
           "core": {"allowed_network_hosts": []}}
MIME = {"png": "image/png", "jpeg": "image/jpeg", "mp3": "audio/mpeg", "wav": "audio/wav", "mp4": "video/mp4"}
AI_SOURCE = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"


def _context() -> Any:
    import c2pa

    return c2pa.Context(c2pa.Settings.from_dict(OFFLINE))


def read(path: Path, fmt: str) -> C2paInfo:
    if fmt not in MIME:
        return C2paInfo(state="not read", note=f"C2PA is not read from {fmt} files")
    try:
        import c2pa
    except ImportError:
        return C2paInfo(state="not read", note="c2pa-python is not installed (pip install 'accord[c2pa]')")
    try:
        reader = c2pa.Reader(str(path), context=_context())
        data = json.loads(reader.json())
        state = str(reader.get_validation_state())
    except c2pa.C2paError as exc:
        text = str(exc)
        if "ManifestNotFound" in type(exc).__name__ or "not found" in text.lower():
            return C2paInfo(state="absent")
        return C2paInfo(state="Invalid", failures=[text[:200]], note="the manifest could not be verified")
    manifest = data.get("manifests", {}).get(data.get("active_manifest") or "", {})
    sig = manifest.get("signature_info") or {}
    actions = [a for asr in manifest.get("assertions", []) if str(asr.get("label", "")).startswith("c2pa.actions")
               for a in (asr.get("data") or {}).get("actions", [])]
    ai = any(a.get("digitalSourceType") == AI_SOURCE for a in actions) if actions else None
    failures = [f"{s.get('code')}: {s.get('explanation', '')}"[:200] for s in data.get("validation_status") or []]
    return C2paInfo(state=state, signer=str(sig.get("common_name") or ""), issuer=str(sig.get("issuer") or ""),
                    alg=str(sig.get("alg") or ""), ai_generated=ai, failures=failures)


def sign(path: Path, fmt: str, cert_chain: Path, key: Path, alg: str = "es256", producer: str = "") -> str:
    """Embed a signed C2PA manifest into `path` in place."""
    if fmt not in MIME:
        raise AccordError(f"{path}: C2PA cannot be embedded in {fmt} files")
    try:
        import c2pa
    except ImportError:
        raise AccordError("signing a C2PA manifest needs c2pa-python: pip install 'accord[c2pa]'") from None
    manifest = {
        "claim_generator_info": [{"name": "accord", "version": "1"}], "title": path.name,
        "assertions": [{"label": "c2pa.actions", "data": {"actions": [
            {"action": "c2pa.created", "digitalSourceType": AI_SOURCE,
             **({"softwareAgent": {"name": producer}} if producer else {})}]}}],
    }
    try:
        info = c2pa.C2paSignerInfo(alg.encode(), cert_chain.read_bytes(), key.read_bytes(), None)
        signer = c2pa.Signer.from_info(info)
        builder = c2pa.Builder(manifest, context=_context())
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / ("signed" + path.suffix)
            with path.open("rb") as src, out.open("w+b") as dst:
                builder.sign(signer, MIME[fmt], src, dst)
            path.write_bytes(out.read_bytes())
    except OSError as exc:
        raise AccordError(f"cannot read the signing files: {exc.strerror}: {exc.filename}") from None
    except c2pa.C2paError as exc:
        raise AccordError(f"C2PA signing failed: {str(exc)[:200]}") from None
    return f"C2PA manifest signed with {alg}"
