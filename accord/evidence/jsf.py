"""Signatures on a CycloneDX 1.6 document's `declarations` in its own format: JSON Signature Format (JSF 0.82,
the `signature` property CycloneDX defines for declarations) with Ed25519. The signed bytes are the RFC 8785
canonical form of the declarations object holding its `signature` without `value`, as JSF specifies."""

from __future__ import annotations

import base64
import copy

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from accord.evidence.plan import canonical


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _jwk(key: Ed25519PublicKey) -> dict:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "x": _b64url(raw)}


def sign_declarations(document: dict, key: Ed25519PrivateKey) -> dict:
    """A copy of the CycloneDX document whose declarations carry a JSF Ed25519 signature."""
    signed = copy.deepcopy(document)
    decl = signed["declarations"]
    decl["signature"] = {"algorithm": "Ed25519", "publicKey": _jwk(key.public_key())}
    decl["signature"]["value"] = _b64url(key.sign(canonical(decl)))
    return signed


def unsigned(declarations: dict) -> dict:
    return {k: v for k, v in declarations.items() if k != "signature"}


def declarations_signed_by(document: dict, key: Ed25519PublicKey) -> str | None:
    """None when the declarations carry a valid signature by `key`; else why not."""
    decl = copy.deepcopy(document.get("declarations") or {})
    sig = decl.get("signature")
    if not isinstance(sig, dict) or "value" not in sig:
        return "the declarations are not signed"
    if sig.get("algorithm") != "Ed25519" or sig.get("publicKey") != _jwk(key):
        return "the declarations are signed with another key or algorithm"
    value = sig.pop("value")
    try:
        key.verify(_unb64url(value), canonical(decl))
    except (InvalidSignature, ValueError):
        return "the declarations' signature does not verify: they were altered after signing"
    return None
