"""`accord transfer assess FLOW.toml`: which cross-border transfer mechanism a data flow needs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord.errors import ConfigError

transfer_app = typer.Typer(no_args_is_help=True, help="Assess cross-border transfers of personal data.")

_WORDS = {"security_assessment": "security assessment by the CAC",
          "standard_contract_or_certification": "standard contract (filed) or personal information protection "
                                                "certification",
          "exempt": "exempt from security assessment, standard contract and certification",
          "adequacy": "adequacy decision covers it", "appropriate_safeguards": "appropriate safeguards needed",
          "no_transfer": "no transfer rule applies"}


@transfer_app.command("assess")
def assess_cmd(
    flow_file: Annotated[Path, typer.Argument(help="TOML describing the flow (see docs/privacy.md)")],
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    scan: Annotated[Path | None, typer.Option("--scan", help="a scan summary (accord scan PATH --summary FILE) of "
                                                             "the data exported: its people counts stand beside "
                                                             "the declared ones")] = None,
) -> None:
    """Say which mechanism China's 2024 Provisions / PIPL and GDPR Chapter V require for the flow."""
    from accord.transfer import assess, load_flow, load_measured

    if fmt not in ("text", "json"):
        raise ConfigError("--format must be text or json")
    result = assess(load_flow(flow_file), measured=load_measured(scan) if scan else None)
    if fmt == "json":
        typer.echo(result.model_dump_json(indent=2))
        return
    f = result.flow
    typer.echo(f"{f.name}: {f.exporter} -> {f.importer}")
    if not result.outcomes:
        typer.echo("  no assessed regime covers an exporter in " + f.exporter + " (assessed: CN, EU/EEA)")
    for o in result.outcomes:
        typer.echo(f"  [{o.regime}] {_WORDS[o.mechanism]} — {'; '.join(o.legal_basis)} (confidence: {o.confidence})")
        for r in o.reasons:
            typer.echo(f"      because {r}")
        for a in o.also_required:
            typer.echo(f"      also: {a}")
        for line in o.measured:
            typer.echo(f"      {line}")
        if o.measured_mechanism is not None and o.measured_mechanism != o.mechanism:
            typer.echo(f"      with the measured figures: {_WORDS[o.measured_mechanism]}")
    typer.echo(f"  {result.note}")
