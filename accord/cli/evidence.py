"""Evidence that travels: `accord plan` (freeze a test plan), `accord sign` (sign a result bundle),
`accord verify` (check one), and the audit's `--plan`, `--junit` and `--sarif` (accord/cli/audit.py calls the
helpers at the end of this module).

`accord verify` exits 0 when everything holds (the signature checked with --key), 1 otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from accord.errors import ConfigError

if TYPE_CHECKING:
    from accord.config import AuditConfig
    from accord.evidence.plan import TestPlan
    from accord.report.schema import Report
    from accord.run.store import Store


def plan(
    config: Annotated[Path | None, typer.Argument(help="accord.toml; omit for the embedded default model")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="where to write the plan")] = Path("plan.json"),
    limit: Annotated[int | None, typer.Option(min=1, help="plan only the first N probes")] = None,
    sample: Annotated[int | None, typer.Option(min=1, help="plan N probes, stratified by concern and language")]
    = None,
    seed: Annotated[int, typer.Option(help="seed for --sample")] = 0,
) -> None:
    """Freeze what an audit of CONFIG will measure, before any probe is sent: the requirements that apply and
    their rules, the checks, each probe bank's digest, the seed and sizes, every planned item's digest, the
    judges and their labelled sets, the catalog, Accord's version and the targets. `accord audit CONFIG --plan
    plan.json` then runs exactly this plan, or refuses to start."""
    from accord.evidence.plan import Selection, make_plan, write_plan

    cfg = _config(config)
    frozen = make_plan(cfg, Selection(limit=limit, sample=sample, seed=seed))
    write_plan(frozen, output)
    items = sum(c.items for c in frozen.checks)
    typer.echo(f"Plan: {output}  ({len(frozen.requirements)} requirements, {len(frozen.checks)} checks on "
               f"{len(frozen.targets)} targets, {items} items, {len(frozen.banks)} banks, "
               f"{len(frozen.judges)} judge measurements)")


def sign(
    bundle: Annotated[Path, typer.Argument(help="the audit's output folder (report.json, records.json, plan.json)")],
    key: Annotated[Path, typer.Option(help="Ed25519 private key, PEM (openssl genpkey -algorithm ed25519)")],
) -> None:
    """Sign a result bundle offline: an in-toto Statement (Test Result predicate) over the report, the records
    and the plan, in a DSSE envelope (bundle.dsse.json)."""
    from accord.evidence.bundle import REPORT, key_id, load_private_key, sign_bundle
    from accord.report.schema import load_report

    private = load_private_key(key)
    path = sign_bundle(bundle, load_report(bundle / REPORT), private)
    typer.echo(f"Signed: {path}  (key id {key_id(private.public_key())})")


def verify(
    bundle: Annotated[Path, typer.Argument(help="a signed result bundle folder")],
    key: Annotated[Path | None, typer.Option(help="the signer's Ed25519 public key, PEM")] = None,
) -> None:
    """Check a result bundle: every file's hash against the signed statement, the signature (with --key), that
    the run is the plan's, and each verdict re-derived from the item records. Exit 0 only if all of it holds."""
    from accord.evidence.bundle import load_public_key
    from accord.evidence.verify import verify_bundle

    if not bundle.is_dir():
        raise ConfigError(f"{bundle} is not a folder: give the audit's output folder")
    findings = verify_bundle(bundle, load_public_key(key) if key else None)
    mark = {"holds": "ok  ", "fails": "FAIL", "not checked": "--  "}
    for f in findings:
        typer.echo(f"{mark[f.state]} {f.part}: {f.text}")
    failed = [f.part for f in findings if f.state == "fails"]
    unchecked = [f.part for f in findings if f.state == "not checked"]
    if failed:
        typer.echo(f"Does not hold: {', '.join(dict.fromkeys(failed))}.")
    elif unchecked:
        typer.echo(f"Not established: {', '.join(dict.fromkeys(unchecked))}; everything else holds.")
    else:
        typer.echo("Everything holds: signed with the given key, unaltered, run as planned, verdicts re-derived.")
    raise typer.Exit(1 if failed or unchecked else 0)


# ------------------------------------------------------------------------------------ used by `accord audit`
def _config(config: Path | None) -> AuditConfig:
    from accord.demo.defaults import default_config
    from accord.plugins import load_config

    return load_config(config) if config else default_config()


def check_plan(cfg: AuditConfig, plan_path: Path, limit: int | None, sample: int | None, seed: int) -> TestPlan:
    """The plan, if the audit would use exactly what it froze; else a one-line error naming what differs."""
    from accord.evidence.plan import differences, make_plan, read_plan

    frozen = read_plan(plan_path)
    if limit is not None or sample is not None or seed != 0:
        raise ConfigError("--plan fixes the sample (its limit, sample and seed): drop --limit, --sample, --seed")
    diff = differences(frozen, make_plan(cfg, frozen.selection))
    if diff:
        raise ConfigError(f"the audit would not run the plan {plan_path}, refusing to start: " + " | ".join(diff))
    return frozen


def write_bundle(store: Store, run_id: str, out: Path, frozen: TestPlan, plan_path: Path) -> None:
    """records.json and plan.json beside the report; the run is checked against the plan once more."""
    from accord.evidence.bundle import records_of, write_records
    from accord.evidence.verify import plan_matches_run

    records = records_of(store, run_id)
    off = [f"{f.part}: {f.text}" for f in plan_matches_run(frozen, records) if f.state != "holds"]
    if off:
        raise ConfigError(f"run {run_id} departed from the plan {plan_path}: " + " | ".join(off))
    write_records(records, out, plan_path.read_bytes())


def write_ci_outputs(report: Report, junit: Path | None, sarif: Path | None, location: str) -> None:
    from accord.evidence.ci import junit_xml
    from accord.evidence.ci import sarif as sarif_log

    try:
        if junit:
            junit.parent.mkdir(parents=True, exist_ok=True)
            junit.write_text(junit_xml(report), encoding="utf-8")
        if sarif:
            sarif.parent.mkdir(parents=True, exist_ok=True)
            sarif.write_text(json.dumps(sarif_log(report, location), indent=1, ensure_ascii=False),
                             encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write the CI output: {exc}") from None
