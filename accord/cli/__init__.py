"""The command line: a thin translation onto accord's Python API, one module per command group.

Exit codes: 0 every check ran and no requirement is `not met`; 1 some requirement is `not met`;
2 usage or configuration error; 3 the run failed (a target could not be reached, or some items got
no answer after retries: see the report, and rerun or `--resume` to retry them), or Accord itself failed.
Every command runs inside one error exit (accord/cli/_errors.py): `accord: error: ...` on one line, no
traceback unless ACCORD_DEBUG=1.
"""

from __future__ import annotations

import typer

from accord.cli import attest, audit, catalog, data, docs, evidence, fairness, judge, label, probes, scan, transfer
from accord.cli._errors import AccordGroup
from accord.cli.imports import import_app

app = typer.Typer(cls=AccordGroup, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Accord: test an AI system once, assess it against many jurisdictions' AI rules.")
app.add_typer(judge.judge_app, name="judge")
app.add_typer(catalog.catalog_app, name="catalog")
app.command("scan")(scan.scan)
app.add_typer(transfer.transfer_app, name="transfer")
app.add_typer(label.label_app, name="label")
app.command("fairness")(fairness.fairness)
app.add_typer(probes.probes_app, name="probes")
app.command("audit")(audit.audit)
app.command("report")(audit.report)
app.command("runs")(audit.runs)
app.command("plan")(evidence.plan)
app.command("sign")(evidence.sign)
app.command("verify")(evidence.verify)
app.command("attest")(attest.attest)
app.add_typer(docs.docs_app, name="docs")
app.add_typer(data.data_app, name="data")
app.add_typer(import_app, name="import")


def main() -> None:
    app()
