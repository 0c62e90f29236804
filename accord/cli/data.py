"""`accord data licences MANIFEST`: training-data licence evidence from a dataset manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

data_app = typer.Typer(no_args_is_help=True, help="Evidence about training data.")


@data_app.command("licences")
def licences(
    manifest: Annotated[Path, typer.Argument(help="the manifest: .csv, .jsonl or .parquet with a licence per record "
                                                  "or per source; a Hugging Face dataset card (README.md); or a "
                                                  "Croissant file (.json)")],
    address: Annotated[str | None, typer.Argument(help="with --ray: the Ray cluster's address", show_default=False,
                                                  metavar="[RAY_ADDRESS]")] = None,
    licence_column: Annotated[str | None, typer.Option(help="the licence column (default: found by name)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
    ray: Annotated[bool, typer.Option("--ray", help="tally on a Ray cluster (ADDRESS, or RAY_ADDRESS, or a new "
                                                    "local one); needs accord[ray]")] = False,
) -> None:
    """Licences of a training set normalised to SPDX, with unknown and missing ones, non-commercial, share-alike
    and copyleft terms, opt-outs where recorded, and the share of records each covers. Usage: accord data
    licences MANIFEST [--ray [RAY_ADDRESS]] [options]."""
    from accord.scan.licences import ManifestError, licence_report

    if address is not None and not ray:
        raise ManifestError(f"unexpected argument {address!r} (a Ray address goes after --ray)")
    report = licence_report(manifest, licence_column=licence_column, ray=ray, ray_address=address)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    total = report.records or 1
    read_as = {"table": "", "dataset-card": " (Hugging Face dataset card)", "croissant": " (Croissant)"}[report.format]
    typer.echo(f"{report.manifest}{read_as}: {report.rows:,} rows, {report.records:,} records")
    for line in report.licences[:30]:
        flags = f"  [{', '.join(line.terms)}]" if line.terms else ""
        typer.echo(f"  {line.share:7.2%}  {line.records:>12,}  {line.licence}{flags}")
    if len(report.licences) > 30:
        typer.echo(f"  … {len(report.licences) - 30} more licences (--json lists all)")
    for label, n in (("unknown licence", report.unknown_records), ("missing licence", report.missing_records),
                     ("non-commercial", report.non_commercial_records), ("share-alike", report.share_alike_records),
                     ("copyleft", report.copyleft_records)):
        typer.echo(f"{label:>16}: {n / total:7.2%} of records ({n:,})")
    if report.opt_out_records is None:
        typer.echo("         opt-out: not recorded in this manifest")
    else:
        typer.echo(f"{'opt-out':>16}: {report.opt_out_records / total:7.2%} of records ({report.opt_out_records:,})")
    for finding in report.findings:
        typer.echo(f"         finding: {finding}")
    if report.based_on:
        typer.echo(f"      based on: {', '.join(report.based_on)}")
