"""`accord scan PATH`: find personal data in a corpus file; findings as JSON lines, a summary on stderr."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Annotated, TextIO

import typer

PROGRESS_EVERY_S = 10.0
NOTICES_SHOWN = 20


def _split(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def scan(
    path: Annotated[Path, typer.Argument(help=".txt (one document per line), .jsonl, .csv or .parquet")],
    address: Annotated[str | None, typer.Argument(help="with --ray: the Ray cluster's address", show_default=False,
                                                  metavar="[RAY_ADDRESS]")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="write findings here, not stdout")] = None,
    field: Annotated[str, typer.Option(help=".jsonl: the string field to scan")] = "text",
    columns: Annotated[str | None, typer.Option(help=".csv/.parquet: comma-separated columns (default: all string "
                                                     "columns)")] = None,
    types: Annotated[str | None, typer.Option(help="comma-separated entity types (default: all)")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="txt, jsonl, csv or parquet (default: from the suffix)")
                   ] = None,
    summary: Annotated[Path | None, typer.Option(help="also write the summary as JSON to this file")] = None,
    redact: Annotated[bool, typer.Option("--redact", help="write a copy with findings masked as [TYPE]")] = False,
    redact_to: Annotated[Path | None, typer.Option(help="where --redact writes (default: NAME.redacted.EXT)")] = None,
    hash_key_env: Annotated[str | None, typer.Option(help="the environment variable holding the key that counts "
                                                          "distinct identifiers (keyed hash; default: a random key "
                                                          "for this scan, so counts of two scans cannot be joined)")
                            ] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="local processes (default: every core)")] = None,
    ray: Annotated[bool, typer.Option("--ray", help="scan on a Ray cluster (ADDRESS, or RAY_ADDRESS, or a new "
                                                    "local one); needs accord[ray]")] = False,
) -> None:
    """Find personal data (EMAIL, PHONE_NUMBER, CREDIT_CARD, CN_BANK_CARD, IBAN, IP_ADDRESS, US_SSN,
    CN_RESIDENT_ID, PASSPORT, UK_NINO, ADDRESS, and national identity, tax and social-security numbers of 55
    countries such as PL_PESEL: docs/privacy.md) in PATH. Usage: accord scan PATH [--ray [RAY_ADDRESS]] [options]."""
    from accord.scan import ENTITY_TYPES, Finding, SummaryBuilder, detect_format, scan_path
    from accord.scan.documents import FORMATS, ScanInputError
    from accord.scan.redact import write_redacted

    if address is not None and not ray:
        raise ScanInputError(f"unexpected argument {address!r} (a Ray address goes after --ray)")
    if fmt is not None and fmt not in FORMATS:
        raise ScanInputError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    chosen = _split(types)
    bad = sorted(set(chosen or ()) - set(ENTITY_TYPES))
    if bad:
        raise ScanInputError(f"unknown type(s) {', '.join(bad)}; known: {', '.join(ENTITY_TYPES)}")
    kind = detect_format(path) if fmt is None else fmt
    sink: TextIO = output.open("w", encoding="utf-8") if output else sys.stdout
    key = None
    if hash_key_env is not None:
        secret = os.environ.get(hash_key_env)
        if not secret:
            raise ScanInputError(f"--hash-key-env {hash_key_env}: the variable is not set or empty")
        key = secret.encode("utf-8")
    counts = SummaryBuilder(key)
    kept: list[Finding] = []
    last_report = time.monotonic()
    shown = 0
    try:
        for batch, found in scan_path(path, fmt=kind, field=field, columns=_split(columns), types=chosen,  # type: ignore[arg-type]
                                      workers=workers, ray=ray, ray_address=address):
            counts.add(batch, found)
            for line in counts.new_notices:  # every line with a problem is said, none is dropped quietly
                if shown < NOTICES_SHOWN:
                    typer.echo(f"accord: notice: {path}: {line}", err=True)
                shown += 1
            if time.monotonic() - last_report >= PROGRESS_EVERY_S:  # a long scan says how far it has got
                typer.echo(f"{path}: {counts.progress()}", err=True)
                last_report = time.monotonic()
            sink.write("".join(f.to_json() + "\n" for f in found))
            if redact:
                kept += found
    finally:
        if output:
            sink.close()
    result = counts.build()
    if shown > NOTICES_SHOWN:
        typer.echo(f"accord: notice: {path}: {shown - NOTICES_SHOWN} more notices (all counted in the summary; "
                   "the first ones are in --summary FILE)", err=True)
    if redact:
        target = redact_to or path.with_name(f"{path.stem}.redacted{path.suffix}")
        write_redacted(path, target, kind, kept)  # type: ignore[arg-type]
        typer.echo(f"redacted copy: {target}", err=True)
    if summary:
        summary.write_text(result.model_dump_json(indent=2) + "\n", encoding="utf-8")
    typer.echo(result.text(), err=True)
