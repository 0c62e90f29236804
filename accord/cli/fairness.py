"""`accord fairness DATA ...`: a quick look at a predictions file's group metrics and disparities.

The same engine as the audit's fairness check (accord.fairness), on a CSV or Parquet file with the label,
the decision, an optional score and the sensitive columns. Text for people, `--format json` for machines.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from accord.errors import ConfigError

COLUMNS = ("feature", "group", "count", "selection_rate", "tpr", "fpr", "accuracy", "impact_ratio")
DISPARITIES = ("demographic_parity_difference", "demographic_parity_ratio", "equalized_odds_difference",
               "equal_opportunity_difference", "min_impact_ratio", "min_scoring_impact_ratio")


def fairness(
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file with one row per decision")],
    label: Annotated[str, typer.Option(help="column with the true outcome")],
    prediction: Annotated[str, typer.Option(help="column with the system's decision")],
    sensitive: Annotated[str, typer.Option(help="sensitive column(s), comma-separated: COL[,COL...]")],
    score: Annotated[str | None, typer.Option(help="column with the system's score (higher = more favourable)")] = None,
    positive_label: Annotated[str | None, typer.Option(help="the favourable outcome (default 1 or true)")] = None,
    min_group_size: Annotated[int, typer.Option(min=0, help="smaller groups are shown but not compared")] = 30,
    bootstrap: Annotated[int, typer.Option(min=0, help="bootstrap resamples for the intervals")] = 1000,
    seed: Annotated[int, typer.Option(help="seed of the bootstrap")] = 0,
    format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Group metrics (per group of each sensitive column and of their intersection) and disparities."""
    if format not in ("text", "json"):
        raise ConfigError(f"--format must be text or json, not {format!r}")
    result, positive = _measure(data, label, prediction, sensitive, score, positive_label,
                                min_group_size, bootstrap, seed)
    payload = as_json(result, positive)
    typer.echo(json.dumps(payload, indent=2, ensure_ascii=False) if format == "json" else as_text(payload))


def _measure(data: Path, label: str, prediction: str, sensitive: str, score: str | None, positive: str | None,
             min_group_size: int, bootstrap: int, seed: int) -> tuple[Any, str]:
    from pydantic import ValidationError

    from accord.config import TabularData
    from accord.fairness import Settings, group_fairness
    from accord.targets.tabular import load_columns

    columns = [c.strip() for c in sensitive.split(",") if c.strip()]
    try:
        spec = TabularData(path=data, label=label, prediction=prediction, score=score, sensitive=columns,
                           positive_label=positive)
    except ValidationError as exc:
        raise ConfigError(f"--sensitive: {exc.errors()[0]['msg']}") from None
    table = load_columns(spec, uses=tuple(c for c in (prediction, score) if c))
    y_pred = table.decisions(table.values(prediction), f"prediction column {prediction!r}")
    scores = table.numbers(score) if score else None
    result = group_fairness(y_true=table.y_true, y_pred=y_pred, sensitive={c: table.columns[c] for c in columns},
                            score=scores, settings=Settings(min_group_size=min_group_size, bootstrap=bootstrap,
                                                            seed=seed))
    return result, table.positive


def as_json(result: Any, positive: str) -> dict[str, Any]:
    groups = []
    for g in result.groups:
        row: dict[str, Any] = {"feature": g.feature, "group": g.group, "count": g.count, "share": g.share}
        for name, r in g.rates.items():
            row[name] = r.value
        row["impact_ratio"] = g.impact_ratio.value
        if g.scoring_rate is not None and g.scoring_impact_ratio is not None:
            row["scoring_rate"] = g.scoring_rate.value
            row["scoring_impact_ratio"] = g.scoring_impact_ratio.value
        row.update(compared=g.compared, small=g.left_out_because, four_fifths_flag=g.four_fifths_flag,
                   p_value=g.p_value,
                   intervals={name: [r.low, r.high] for name, r in g.rates.items()} | {
                       "impact_ratio": [g.impact_ratio.low, g.impact_ratio.high]},
                   n={name: r.n for name, r in g.rates.items()})
        groups.append(row)
    disparities = []
    for d in result.disparities:
        entry: dict[str, Any] = {"feature": d.feature, "compared": list(d.compared), "left_out": list(d.left_out),
                                 "reference_group": d.reference_group}
        for name, e in d.metrics.items():
            entry[name] = {"value": e.value, "low": e.low, "high": e.high}
        entry["impact_ratio"] = {g.group: g.impact_ratio.value for g in result.groups if g.feature == d.feature}
        entry.update(four_fifths_flagged=list(d.flagged), significant=list(d.significant),
                     selection_rate_p_value=d.selection_homogeneity_p)
        disparities.append(entry)
    return {"rows": result.n, "positive_label": positive, "median_score": result.median_score,
            "settings": result.as_dict()["settings"], "groups": groups, "disparities": disparities,
            "notes": list(result.notes)}


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def as_text(payload: dict[str, Any]) -> str:
    rows = [[_cell(g[c]) + ("*" if c == "group" and not g["compared"] else "") for c in COLUMNS]
            for g in payload["groups"]]
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(COLUMNS)]
    lines = [f"{payload['rows']:,} rows; favourable decision = {payload['positive_label']!r}", "",
             "  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in rows]
    if any(not g["compared"] for g in payload["groups"]):
        lines.append("* small group: shown, but left out of the disparities")
    for d in payload["disparities"]:
        lines += ["", f"{d['feature']}: compared {', '.join(d['compared']) or 'none'}"]
        for name in DISPARITIES:
            if name in d:
                e = d[name]
                ci = f"  (95% CI {_cell(e['low'])}–{_cell(e['high'])})" if e["low"] is not None else ""
                lines.append(f"  {name} = {_cell(e['value'])}{ci}")
        lines.append("  impact_ratio: " + ", ".join(f"{g} = {_cell(v)}" for g, v in d["impact_ratio"].items()))
        if d["four_fifths_flagged"]:
            lines.append("  under the four-fifths line: " + ", ".join(
                f"{g} ({'significant' if g in d['significant'] else 'not significant'})"
                for g in d["four_fifths_flagged"]))
    lines += [f"note: {n}" for n in payload["notes"]]
    return "\n".join(lines)
