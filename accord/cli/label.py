"""`accord label check PATH...` and `accord label add FILE`: GB 45438 implicit labels on generated files.

Exit codes: `check` exits 0 when every file meets every rule, 1 when some rule is missing or malformed.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Annotated

import typer

from accord.errors import ConfigError

label_app = typer.Typer(no_args_is_help=True, help="Read, judge and write implicit labels on AI-generated files.")


@label_app.command("check")
def check_cmd(
    paths: Annotated[list[Path], typer.Argument(help="files to read (PNG, JPEG, MP3, WAV, MP4, UTF-8 text)")],
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Say per file which GB 45438 implicit-label rule is met, missing or malformed, with the clause."""
    from accord.labels.read import check_file

    if fmt not in ("text", "json"):
        raise ConfigError("--format must be text or json")
    results = [check_file(p) for p in paths]
    if fmt == "json":
        typer.echo("[" + ",\n".join(r.model_dump_json(indent=2) for r in results) + "]")
    else:
        for r in results:
            typer.echo(f"{r.path} ({r.format}): {'labelled' if r.ok else 'NOT conforming'}")
            if r.note:
                typer.echo(f"  note: {r.note}")
            for f in r.findings:
                detail = f" — {f.detail}" if f.detail else ""
                typer.echo(f"  [{f.status}] {f.rule}{detail}")
                typer.echo(f"      {f.clause}")
            if r.c2pa is not None and r.c2pa.state in ("absent", "not read"):
                typer.echo(f"  C2PA: {r.c2pa.state}" + (f" ({r.c2pa.note})" if r.c2pa.note else ""))
    raise typer.Exit(0 if all(r.ok for r in results) else 1)


@label_app.command("add")
def add_cmd(
    path: Annotated[Path, typer.Argument(help="the generated file to label in place")],
    producer: Annotated[str, typer.Option(help="ContentProducer: the provider's name or code")],
    produce_id: Annotated[str | None, typer.Option(help="ProduceID: the content's number (default: a new UUID)")
                          ] = None,
    label: Annotated[str, typer.Option(help="Label: 1 generated, 2 possibly, 3 suspected (meanings unverified)")
                     ] = "1",
    propagator: Annotated[str, typer.Option(help="ContentPropagator (a distribution platform)")] = "",
    propagate_id: Annotated[str, typer.Option(help="PropagateID")] = "",
    c2pa_cert: Annotated[Path | None, typer.Option(help="also sign a C2PA manifest: PEM certificate chain "
                                                      "(signer first)")] = None,
    c2pa_key: Annotated[Path | None, typer.Option(help="the signer's PEM private key")] = None,
    c2pa_alg: Annotated[str, typer.Option(help="es256, es384, es512, ps256, ps384, ps512 or ed25519")] = "es256",
) -> None:
    """Write a GB 45438 implicit label (the AIGC metadata) into PATH."""
    from accord.labels.write import add_label, make_label

    if not path.is_file():
        raise ConfigError(f"{path}: no such file")
    fields = make_label(producer, produce_id or uuid.uuid4().hex, label, propagator, propagate_id)
    if (c2pa_cert is None) != (c2pa_key is None):
        raise ConfigError("give both --c2pa-cert and --c2pa-key to sign a C2PA manifest")
    with tempfile.TemporaryDirectory() as tmp:  # label (and sign) a copy: the file changes only if all succeeds
        work = Path(tmp) / path.name
        shutil.copyfile(path, work)
        where = add_label(work, fields)
        signed = ""
        if c2pa_cert is not None and c2pa_key is not None:
            from accord.labels import c2pa_io
            from accord.labels.read import carriers

            signed = c2pa_io.sign(work, carriers(work)[0], c2pa_cert, c2pa_key, c2pa_alg, producer)
        shutil.copyfile(work, path)
    typer.echo(f"{path}: labelled ({where}), ProduceID {fields['ProduceID']}")
    if signed:
        typer.echo(f"{path}: {signed}")
