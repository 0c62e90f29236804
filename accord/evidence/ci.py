"""A report's verdicts as CI tools read them: JUnit XML (one test case per requirement and target) and SARIF
2.1.0 (one result per requirement and target). Pure functions of a Report.

JUnit, per verdict state:
  met, partly met                    passed (`partly met` is the operator's own answer; it is named in the case's
                                     properties and output, and it does not fail the audit's exit code either)
  not met, contradicted              <failure>
  inconclusive                       <error type="inconclusive">: the measurement could not decide either way;
                                     the pipeline goes red as the audit's exit code 4 does, apart from failures
  not tested, needs attestation      <skipped>

SARIF `kind`/`level`, per state: not met, contradicted: fail/error; inconclusive: fail/warning; partly met:
fail/note; met: pass; needs attestation: review; not tested: open.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from accord import __version__
from accord.catalog import Verdict
from accord.report.schema import Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _text(v: Verdict) -> str:
    parts = [f"{v.requirement} ({v.citation}) for {v.target}: {v.verdict}.", v.reason]
    if v.metric and v.value is not None:
        measured = f"{v.metric} = {v.value:.4g}"
        if v.low is not None and v.high is not None:
            measured += f" (95% CI {v.low:.4g}-{v.high:.4g}, n={v.n})"
        if v.op and v.threshold is not None:
            measured += f"; rule {v.op} {v.threshold:g}"
        parts.append(measured)
    return " ".join(p for p in parts if p)


def junit_xml(report: Report) -> str:
    """One <testsuite> per target and framework, one <testcase> per requirement."""
    suites: dict[tuple[str, str], list[Verdict]] = defaultdict(list)
    for v in report.verdicts:
        suites[(v.target, v.framework)].append(v)
    root = ET.Element("testsuites", name=f"accord audit {report.run.name}")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for (target, framework), verdicts in suites.items():
        suite = ET.SubElement(root, "testsuite", name=f"{target} / {framework}", timestamp=report.run.created_at)
        counts = {"tests": len(verdicts), "failures": 0, "errors": 0, "skipped": 0}
        for v in verdicts:
            case = ET.SubElement(suite, "testcase", classname=f"{target}.{framework}",
                                 name=f"{v.requirement}: {v.summary}")
            props = ET.SubElement(case, "properties")
            for name, value in (("verdict", v.verdict), ("citation", v.citation), ("metric", v.metric)):
                if value:
                    ET.SubElement(props, "property", name=name, value=value)
            text = _text(v)
            if v.verdict in ("not met", "contradicted"):
                ET.SubElement(case, "failure", type=v.verdict, message=v.reason).text = text
                counts["failures"] += 1
            elif v.verdict == "inconclusive":
                ET.SubElement(case, "error", type="inconclusive", message=v.reason).text = text
                counts["errors"] += 1
            elif v.verdict in ("not tested", "needs attestation"):
                ET.SubElement(case, "skipped", message=f"{v.verdict}: {v.reason}")
                counts["skipped"] += 1
            ET.SubElement(case, "system-out").text = text
        for k, n in counts.items():
            suite.set(k, str(n))
            totals[k] += n
    for k, n in totals.items():
        root.set(k, str(n))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_KIND_LEVEL = {"not met": ("fail", "error"), "contradicted": ("fail", "error"), "inconclusive": ("fail", "warning"),
               "partly met": ("fail", "note"), "met": ("pass", "none"), "needs attestation": ("review", "none"),
               "not tested": ("open", "none")}


def sarif(report: Report, location: str = "accord.toml") -> dict:
    """A SARIF 2.1.0 log: one rule per requirement, one result per (target, requirement). `location` is the
    file the results point at (the audit's config, relative to the repository root)."""
    rules: dict[str, dict] = {}
    for v in report.verdicts:
        rules.setdefault(v.requirement, {
            "id": v.requirement, "name": v.requirement.replace(":", "_"),
            "shortDescription": {"text": v.summary}, "fullDescription": {"text": f"{v.summary} ({v.citation})"},
            "properties": {"framework": v.framework, "citation": v.citation, "confidence": v.confidence},
        })
    index = {rid: i for i, rid in enumerate(rules)}
    results = []
    for v in report.verdicts:
        kind, level = _KIND_LEVEL[v.verdict]
        props: dict[str, object] = {"target": v.target, "verdict": v.verdict}
        for name in ("metric", "value", "low", "high", "n", "op", "threshold"):
            if getattr(v, name) is not None:
                props[name] = getattr(v, name)
        results.append({
            "ruleId": v.requirement, "ruleIndex": index[v.requirement], "kind": kind, "level": level,
            "message": {"text": _text(v)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": location}}}],
            "partialFingerprints": {"accordRequirementTarget/v1": f"{v.requirement}|{v.target}"},
            "properties": props,
        })
    return {
        "$schema": SARIF_SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "Accord", "version": __version__, "rules": list(rules.values())}},
            "automationDetails": {"id": f"accord/{report.run.name}/{report.run.id}"},
            "results": results,
            "properties": {"run": report.run.id, "reportSchema": report.schema_version},
        }],
    }
