"""The result bundle: a folder with report.json, records.json (the run's item records, computed outputs, planned
items and recorded judges: everything its verdicts are derived from), plan.json (the pre-registered plan),
report.cdx.json (the CycloneDX attestations, whose declarations `accord sign` signs in JSF) and, once signed,
bundle.dsse.json: an in-toto Statement v1 with the Test Result predicate, whose subjects are those four files by
SHA-256, in a DSSE envelope signed with Ed25519. Canonical JSON (RFC 8785) by the `rfc8785`
package; keys and signatures by `cryptography`. Everything here works offline.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, ValidationError

from accord.catalog.verdicts import FAILING
from accord.errors import ConfigError
from accord.evidence.jsf import sign_declarations
from accord.evidence.plan import canonical, sha256
from accord.report.schema import Report
from accord.results import CheckOutputRecord, ItemRecord, RunOptions, RunRow
from accord.run.judges import JudgeRecord, recorded_judges
from accord.run.store import Store

REPORT, RECORDS, PLAN, ENVELOPE = "report.json", "records.json", "plan.json", "bundle.dsse.json"
CDX = "report.cdx.json"  # the CycloneDX 1.6 attestations; its declarations carry their own JSF signature
SUBJECTS = (REPORT, RECORDS, PLAN, CDX)
PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
TEST_RESULT = "https://in-toto.io/attestation/test-result/v0.1"


class _M(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RunPart(_M):
    id: str
    key: str
    name: str
    status: str
    created_at: str
    finished_at: str | None
    config_json: str
    options: RunOptions
    accord_version: str

    def row(self) -> RunRow:
        return RunRow(**{k: getattr(self, k) for k in RunPart.model_fields})


class PlannedPart(_M):
    target: str
    check: str
    items: list[tuple[str, str]]  # (item id, payload json), in plan order


class RunRecords(_M):
    """Everything a run's verdicts are derived from, as the store holds it."""

    run: RunPart
    planned: list[PlannedPart]
    items: list[ItemRecord]
    outputs: list[CheckOutputRecord]
    judges: list[JudgeRecord]


def records_of(store: Store, run_id: str) -> RunRecords:
    row = store.get_run(run_id)
    return RunRecords(
        run=RunPart(**{k: getattr(row, k) for k in RunPart.model_fields}),
        planned=[PlannedPart(target=t, check=c, items=store.plan(run_id, t, c)) for t, c in store.planned(run_id)],
        items=list(store.items(run_id)), outputs=store.outputs(run_id), judges=recorded_judges(store, run_id))


def write_records(records: RunRecords, folder: Path, plan: bytes) -> None:
    """records.json and plan.json (the plan's own bytes) beside the report in `folder`."""
    try:
        (folder / RECORDS).write_bytes(canonical(records.model_dump(mode="json")))
        (folder / PLAN).write_bytes(plan)
    except OSError as exc:
        raise ConfigError(f"cannot write the result bundle in {folder}: {exc.strerror or exc}") from None


def read_records(data: bytes) -> RunRecords:
    try:
        return RunRecords.model_validate_json(data)
    except ValidationError as exc:
        raise ConfigError(f"{RECORDS} is not a run's records: {exc.errors()[0]['msg']}") from None


# ---------------------------------------------------------------------------------------------------- signing
def load_private_key(path: Path) -> Ed25519PrivateKey:
    key = _load(path, lambda data: serialization.load_pem_private_key(data, password=None))
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigError(f"{path} is not an Ed25519 private key (make one: openssl genpkey -algorithm ed25519)")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    key = _load(path, serialization.load_pem_public_key)
    if not isinstance(key, Ed25519PublicKey):
        raise ConfigError(f"{path} is not an Ed25519 public key")
    return key


def _load(path: Path, parse):  # type: ignore[no-untyped-def]
    try:
        return parse(path.read_bytes())
    except OSError as exc:
        raise ConfigError(f"cannot read the key {path}: {exc.strerror or exc}") from None
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"{path} is not a PEM key Accord can use: {exc}") from None


def key_id(public: Ed25519PublicKey) -> str:
    """SHA-256 of the raw 32-byte public key, hex: names the key in the envelope."""
    return sha256(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE v1 pre-authentication encoding: what the signature covers."""
    t = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


def statement(folder: Path, report: Report) -> dict:
    """The in-toto Statement: the bundle's files by digest, and the Test Result predicate (one test per
    target and requirement: passed when met, failed when not met or contradicted, warned otherwise)."""
    subjects = []
    for name in SUBJECTS:
        try:
            subjects.append({"name": name, "digest": {"sha256": sha256((folder / name).read_bytes())}})
        except OSError:
            raise ConfigError(f"{folder} is not a result bundle: {name} is missing (run `accord audit --plan`)"
                              ) from None
    tests: dict[str, list[str]] = {"passed": [], "failed": [], "warned": []}
    for v in report.verdicts:
        kind = "passed" if v.verdict == "met" else "failed" if v.verdict in FAILING else "warned"
        tests[kind].append(f"{v.target}/{v.requirement}: {v.verdict}")
    result = "FAILED" if tests["failed"] else "WARNED" if tests["warned"] else "PASSED"
    plan = next(s for s in subjects if s["name"] == PLAN)
    return {"_type": STATEMENT_TYPE, "subject": subjects, "predicateType": TEST_RESULT,
            "predicate": {"result": result, "configuration": [plan], "passedTests": tests["passed"],
                          "warnedTests": tests["warned"], "failedTests": tests["failed"]}}


def sign_bundle(folder: Path, report: Report, key: Ed25519PrivateKey) -> Path:
    """Sign the CycloneDX declarations (JSF), then the statement over every file (DSSE)."""
    cdx = folder / CDX
    try:
        document = json.loads(cdx.read_text(encoding="utf-8"))
        cdx.write_text(json.dumps(sign_declarations(document, key), ensure_ascii=False, indent=2), encoding="utf-8")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"cannot sign the declarations in {cdx}: {exc}") from None
    payload = canonical(statement(folder, report))
    envelope = {"payloadType": PAYLOAD_TYPE, "payload": base64.b64encode(payload).decode(),
                "signatures": [{"keyid": key_id(key.public_key()),
                                "sig": base64.b64encode(key.sign(pae(PAYLOAD_TYPE, payload))).decode()}]}
    path = folder / ENVELOPE
    try:
        path.write_bytes(canonical(envelope))
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def open_envelope(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(payload, [(keyid, signature), ...]) of a DSSE envelope whose payload is an in-toto Statement."""
    try:
        env = json.loads(data)
        if env["payloadType"] != PAYLOAD_TYPE:
            raise ValueError(f"payload type {env['payloadType']!r}, not {PAYLOAD_TYPE}")
        payload = base64.b64decode(env["payload"], validate=True)
        sigs = [(s.get("keyid", ""), base64.b64decode(s["sig"], validate=True)) for s in env["signatures"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{ENVELOPE} is not a DSSE envelope: {exc}") from None
    return payload, sigs


def signed_by(payload: bytes, sigs: list[tuple[str, bytes]], key: Ed25519PublicKey) -> bool:
    for _, sig in sigs:
        try:
            key.verify(sig, pae(PAYLOAD_TYPE, payload))
            return True
        except InvalidSignature:
            continue
    return False
