"""`accord attest`: write or update the questionnaire of open attestation questions (docs/attest.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def attest(
    config: Annotated[Path | None, typer.Argument(help="accord.toml; omit for the embedded default")] = None,
    out: Annotated[Path | None, typer.Option("-o", "--out", help="the answers file (default: the config's "
                                             "attestations_file, else attestations.toml)")] = None,
) -> None:
    """Write the open attestation questions for the systems in CONFIG, grouped so one answer settles every
    requirement that asks the same fact; rerunning keeps the answers and adds only new questions."""
    from accord.attest.questionnaire import write_questionnaire
    from accord.demo.defaults import default_config
    from accord.plugins import load_config

    cfg = load_config(config, answers=False) if config else default_config(answers=False)
    # the embedded default's example answers stay where they are shipped: its questionnaire goes elsewhere
    target = out or (cfg.attestations_file if config else None) or Path("attestations.toml")
    w = write_questionnaire(cfg, target)
    for f in w.findings:
        typer.echo(f"accord: {f}", err=True)
    typer.echo(f"{w.path}: {w.new} new questions, {w.kept} kept; open questions would settle {w.open_verdicts} "
               "verdicts")
    if cfg.attestations_file is None or Path(cfg.attestations_file).resolve() != target.resolve():
        typer.echo(f"to use these answers, add to the config: attestations_file = \"{target}\"")
