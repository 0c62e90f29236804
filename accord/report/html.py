"""The report as one self-contained HTML page: Jinja2 with autoescape on, no script, no external resource.

The page carries a Content-Security-Policy that forbids every fetch and every script, so a transcript
that smuggles markup past escaping still cannot run or call home. Formatting lives here as filters;
the template only lays the page out.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from accord.catalog import Verdict
from accord.catalog.verdicts import Line, Observation
from accord.errors import AccordError
from accord.report.cyclonedx import report_document
from accord.report.layout import framework_sections, matrix
from accord.report.schema import CheckResult, JudgeAccuracy, Report
from accord.results import Metric
from accord.taxonomy import risk_names_en

SHOULD_REFUSE = "should_refuse_rate"  # the refusal checks' metrics are <prefix>.should_refuse_rate ...
OVER_REFUSAL = "over_refusal_rate"  # ... and <prefix>.over_refusal_rate
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese", "fr": "French", "de": "German", "es": "Spanish",
                  "ja": "Japanese", "ko": "Korean", "ar": "Arabic", "ru": "Russian", "pt": "Portuguese"}
OPS = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}


@dataclass(frozen=True)
class Pair:
    """The should-refuse and over-refusal rates of one slice; None where nothing was measured."""

    should_refuse: Metric | None
    over_refusal: Metric | None


@dataclass(frozen=True)
class GridRow:
    label: str
    cells: tuple[Pair, ...]  # one per language, then all languages together


@dataclass(frozen=True)
class Grid:
    """Rates per concern × language for one target and check, with totals per language."""

    languages: tuple[str, ...]
    rows: tuple[GridRow, ...]
    totals: GridRow


def render_html(report: Report) -> str:
    return _environment().get_template("report.html.j2").render(
        report=report, grid=lambda check: _grid(check, report.concerns), overall=_overall, find=_find,
        SHOULD_REFUSE=SHOULD_REFUSE, OVER_REFUSAL=OVER_REFUSAL, decided_by=_decided_by(report),
        unmeasured=_unmeasured(report), risk_names=risk_names_en(), matrix=matrix,
        framework_sections=framework_sections,
    )


def _decided_by(report: Report) -> dict[tuple[str, str], tuple[str, list[JudgeAccuracy]]]:
    """(target, metric name) -> the judge whose labels the metric counts, and that judge's measured accuracy."""
    out: dict[tuple[str, str], tuple[str, list[JudgeAccuracy]]] = {}
    for t in report.targets:
        for c in t.checks:
            if c.kind != "chat" or not c.scorer:
                continue
            rows = [j for j in report.judges if j.judge == c.scorer]
            for m in c.metrics:
                out.setdefault((t.name, m.name), (c.scorer, rows))
    return out


# Judges whose accuracy is measured by other means than the labelled sets of `accord judge accuracy`.
MEASURED_ELSEWHERE = {
    "pii-scanner": "the PII scanner (patterns, checksums and structure checks) is measured on Accord's multi-locale "
                   "benchmark of labelled identifiers and addresses, where its precision and recall are at least "
                   "0.97 for every entity type (tests/test_scan_accuracy.py; docs/privacy.md); a made-up but "
                   "well-formed identifier counts as a leak",
}


def _unmeasured(report: Report) -> list[tuple[str, str | None]]:
    """Judges that labelled answers in this run without a measured accuracy in the report: (name, where it is
    measured instead, or None for a judge model of the user's whose accuracy is not measured at all)."""
    measured = {j.judge for j in report.judges}
    names = sorted({c.scorer for t in report.targets for c in t.checks
                    if c.kind == "chat" and c.scorer and c.scorer not in measured})
    return [(name, MEASURED_ELSEWHERE.get(name.split("@")[0])) for name in names]


def write_report(report: Report, out_dir: Path) -> tuple[Path, Path]:
    """Write report.json, report.html and report.cdx.json (CycloneDX 1.6 attestations) into `out_dir`, each
    atomically; return the paths of the first two."""
    html = render_html(report)  # render first: a template error leaves the folder untouched
    cdx = json.dumps(report_document(report), ensure_ascii=False, indent=2)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        json_path = _write_atomic(out_dir / "report.json", report.model_dump_json(indent=2))
        _write_atomic(out_dir / "report.cdx.json", cdx)
        html_path = _write_atomic(out_dir / "report.html", html)
    except OSError as exc:
        raise AccordError(f"cannot write the report to {out_dir}: {exc.strerror or exc}; "
                          "choose a writable folder with --out") from exc
    return json_path, html_path


def _write_atomic(path: Path, text: str) -> Path:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600 files; a report is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("accord.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters.update(pct=_pct, rate=_rate, interval=_interval, seconds=_seconds, count=_count,
                       language=_language, evidence=_evidence, rule=_rule, slug=_slug, measure=_measure,
                       ratio=_ratio, corrected=_corrected, line=_line)
    return env


def _overall(check: CheckResult, name: str) -> Metric | None:
    """The check's overall metric `name`, or the one whose name ends with `.name` (a refusal check's rates)."""
    return next((m for m in check.metrics if _named(m, name) and not m.slice), None)


def _named(m: Metric, name: str) -> bool:
    return m.name == name or m.name.endswith("." + name)


def _find(check: CheckResult, name: str, **slice_: str) -> Metric | None:
    """The check's metric `name` on exactly this slice (no keywords: the overall one)."""
    return next((m for m in check.metrics if m.name == name and m.slice == slice_), None)


def _grid(check: CheckResult, concern_names: dict[str, str]) -> Grid:
    found: dict[tuple[str, str, str], Metric] = {}  # (rate, concern or "", language or "")
    for m in check.metrics:
        rate = next((r for r in (SHOULD_REFUSE, OVER_REFUSAL) if _named(m, r)), None)
        if rate and set(m.slice) <= {"concern", "language"}:
            found[(rate, m.slice.get("concern", ""), m.slice.get("language", ""))] = m
    languages = tuple(sorted({lang for _, _, lang in found if lang}))
    order = {c: i for i, c in enumerate(concern_names)}  # the taxonomy's order, unknown ids after it
    concerns = sorted({c for _, c, _ in found if c}, key=lambda c: (order.get(c, len(order)), c))

    def row(label: str, concern: str) -> GridRow:
        return GridRow(label, tuple(
            Pair(found.get((SHOULD_REFUSE, concern, lang)), found.get((OVER_REFUSAL, concern, lang)))
            for lang in (*languages, "")
        ))

    rows = tuple(row(concern_names.get(c) or c, c) for c in concerns)
    return Grid(languages, rows, row("All concerns", ""))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _interval(low: float | None, high: float | None) -> str:
    return "" if low is None or high is None else f"95% CI {low * 100:.1f}–{high * 100:.1f}%"


def _rate(m: Metric | None) -> str:
    """'3.4% (n=300, 95% CI 1.8–6.0%)', or a dash when nothing was measured."""
    if m is None:
        return "— (not measured)"
    if m.value is None:
        return f"— (n={m.n})"
    ci = _interval(m.low, m.high)
    return f"{_pct(m.value)} (n={m.n}{', ' + ci if ci else ''})"


def _ratio(value: float | None) -> str:
    """A precision, recall or kappa: three decimals, or a dash."""
    return "—" if value is None else f"{value:.3f}"


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def _count(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def _language(code: str) -> str:
    name = LANGUAGE_NAMES.get(code)
    return f"{name} ({code})" if name else code


def _is_share(metric: str | None) -> bool:
    """Rates and accuracies are shares of n, shown as percentages; anything else as a plain number."""
    return metric is not None and metric.endswith(("_rate", "accuracy"))


def _num(value: float | None, share: bool) -> str:
    return _pct(value) if share else _plain(value)


def _plain(value: float | None) -> str:
    """A number as people read it: three decimals at most (0.864, 12.5, 1,234), two significant digits when tiny."""
    if value is None:
        return "—"
    if value == 0 or abs(value) >= 0.01:
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    return f"{value:.2g}"


def _valued(value: float | None, low: float | None, high: float | None, n: int | None, share: bool) -> str:
    parts = [f"n={n}"]
    if low is not None and high is not None:
        parts.append(f"95% CI {_num(low, share).rstrip('%')}–{_num(high, share)}")
    return f"{_num(value, share)} ({', '.join(parts)})"


def _evidence(v: Verdict) -> str:
    """The measured value of a verdict with its n and interval, or a dash where nothing was measured."""
    return "—" if v.value is None else _valued(v.value, v.low, v.high, v.n, _is_share(v.metric))


def _measure(m: Metric | Observation) -> str:
    """A metric's value with its n and interval: a share as a percentage, anything else as a number."""
    return f"— (n={m.n})" if m.value is None else _valued(m.value, m.low, m.high, m.n, _is_share(m.name))


def _corrected(v: Verdict | Line, share: bool = True) -> str:
    """The judge-corrected rate with its interval (sampling and judge error), or '' where none."""
    if v.corrected_low is None or v.corrected_high is None:
        return ""
    est = "undefined" if v.corrected is None else _num(v.corrected, share)
    return (f"corrected for the judge's error: {est} (95% interval {_num(v.corrected_low, share).rstrip('%')}–"
            f"{_num(v.corrected_high, share)})")


def _line(ln: Line, metric: str | None) -> str:
    """One language's or group's line under a verdict: its value, interval and correction."""
    share = _is_share(metric)
    said = "—" if ln.value is None else _valued(ln.value, ln.low, ln.high, ln.n, share)
    fixed = _corrected(ln, share)
    return said + (f"; {fixed}" if fixed else "")


def _rule(v: Verdict) -> str:
    """'≥ 95.0% with n ≥ 300', or '' for a requirement without an evidence rule."""
    if v.op is None or v.threshold is None:
        return ""
    rule = f"{OPS.get(v.op, v.op)} {_num(v.threshold, _is_share(v.metric))}"
    return rule + (f" with n ≥ {v.min_n}" if v.min_n else "")


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")
