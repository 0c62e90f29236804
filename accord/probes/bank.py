"""Loading probe banks (their shapes are in `model`).

A bank is `NAME.jsonl` (one probe per line) with a sidecar `NAME.meta.json` giving its name and
version. Banks that ship with Accord live in this package's `banks/` folder and are named by NAME;
any other bank is named by its path.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import ValidationError

from accord.config import BankFile, BankRef
from accord.errors import ProbeBankError
from accord.probes.model import Bank, Probe, bank_from_probes, read_meta
from accord.probes.sources import load_file

BUILTIN_DIR = Path(__file__).parent / "banks"


def load_bank(ref: BankRef) -> Bank:
    """A built-in bank by name, a bank in Accord's JSONL format by path, or a file of yours (a `.csv` path, or a
    `BankFile` mapping its columns onto probe fields: see `accord.probes.sources`)."""
    if isinstance(ref, BankFile) or ref.lower().endswith(".csv"):
        return load_file(ref if isinstance(ref, BankFile) else BankFile(path=Path(ref)))
    path = BUILTIN_DIR / f"{ref}.jsonl" if "/" not in ref and not ref.endswith(".jsonl") else Path(ref)
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in BUILTIN_DIR.glob("*.jsonl")))
        raise ProbeBankError(f"probe bank {ref!r} not found (built-in banks: {known})")
    raw = path.read_bytes()
    meta = read_meta(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProbeBankError(f"{path} is not UTF-8 text (byte {exc.start}): save the bank as UTF-8") from None
    probes: list[Probe] = []
    seen: set[str] = set()
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            probe = Probe.model_validate_json(line)
        except ValidationError as exc:
            raise ProbeBankError(f"{path}:{lineno}: {exc.errors()[0]['msg']}") from None
        if probe.id in seen:
            raise ProbeBankError(f"{path}:{lineno}: duplicate probe id {probe.id!r}")
        seen.add(probe.id)
        probes.append(probe)
    return bank_from_probes(str(meta.get("name", path.stem)), str(meta.get("version", "unversioned")),
                            hashlib.sha256(raw).hexdigest()[:16], probes, where=str(path))
