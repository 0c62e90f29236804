"""Dataset descriptions read as licence manifests: a Hugging Face dataset card and a Croissant file.

- **Hugging Face dataset card** (`README.md`, or any `.md`): the YAML front matter between the `---` lines at
  the top. `license` (one id or a list), `license_name` and `license_link` (for `license: other`),
  `dataset_info` (each config's splits with `num_examples`: the records), `configs` (`config_name`,
  `data_files`) and `source_datasets` (`original`, or `extended|NAME` for a dataset this one extends).
  One row per config; without `num_examples` a config counts as one record, and the report says so.
- **Croissant 1.0** (`.json`, `.jsonld`; MLCommons, "Croissant Format Specification Version 1.0", 2024-03-01,
  http://mlcommons.org/croissant/1.0, dataset-level properties): `license` (sc:license: text, URL or
  CreativeWork, one or many; the specification recommends the URL of an SPDX licence), `distribution` (the
  FileObjects and FileSets, with `contentUrl` or `name`), `isBasedOn` (sc:isBasedOn: a dataset or URL this one
  derives from), `citeAs` (cr:citeAs) and `conformsTo`. Croissant 1.0 gives no record counts, so each
  distribution entry counts as one record (a file or a file set; a `license` of its own wins over the
  dataset's), and the report says so.

Several licences named for one dataset become one expression joined with AND: the card does not say which
records each covers, so every term of every licence is counted (the cautious reading), and the report says so.
What cannot be parsed (no front matter, YAML or JSON that does not parse, not a mapping, not a Croissant
dataset) is a ManifestError: one line naming the file and the fault.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from accord.scan.licence_tally import Columns, ManifestError, normalise

Kind = Literal["dataset-card", "croissant"]
_COLUMNS = Columns(licence="licence", source="source", count="records", opt_out=None)


@dataclass(frozen=True)
class Card:
    frame: Any  # pandas frame with the columns of _COLUMNS
    columns: Columns
    based_on: list[str]
    findings: list[str]
    cite_as: str | None = None


def card_kind(path: Path) -> Kind | None:
    suffix = path.suffix.lower()
    if suffix == ".md":
        return "dataset-card"
    if suffix in (".json", ".jsonld"):
        return "croissant"
    return None


def read_card(path: Path, kind: Kind) -> Card:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read: {exc}") from None
    return _hf_card(path, text) if kind == "dataset-card" else _croissant(path, text)


def _frame(rows: list[tuple[str, str, int]]) -> Any:
    import pandas as pd

    return pd.DataFrame(rows, columns=["licence", "source", "records"])


def _as_list(value: Any) -> list[Any]:
    return [] if value is None else list(value) if isinstance(value, list | tuple) else [value]


def _joined(values: Iterable[str], findings: list[str], where: str) -> str:
    """Several licences as one AND expression (each normalised alone first), with a finding saying so."""
    vals = [v for v in dict.fromkeys(v.strip() for v in values) if v]
    if len(vals) <= 1:
        return vals[0] if vals else ""
    findings.append(f"{where} names {len(vals)} licences ({', '.join(vals)}) without saying which records each "
                    "covers: counted as all of them at once (AND)")
    parts = [normalise(v).spdx or v for v in vals]
    return " AND ".join(f"({p})" if " " in p else p for p in parts)


# ------------------------------------------------------------------------------------------ Hugging Face card

def _front_matter(path: Path, text: str) -> dict[str, Any]:
    import yaml

    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        raise ManifestError(f"{path}: no dataset-card metadata (a YAML block between '---' lines at the top)")
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
    if end is None:
        raise ManifestError(f"{path}: the dataset-card metadata has no closing '---' line")
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 2}" if where is not None else ""
        raise ManifestError(f"{path}: the dataset-card metadata is not valid YAML{at}: "
                            f"{getattr(exc, 'problem', None) or exc}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ManifestError(f"{path}: the dataset-card metadata is a {type(meta).__name__}, not a mapping of fields")
    return meta


def _hf_card(path: Path, text: str) -> Card:
    meta = _front_matter(path, text)
    findings: list[str] = []
    licences = [str(v) for v in _as_list(meta.get("license"))]
    if not licences:
        findings.append("the card has no `license` field")
    link = str(meta.get("license_link") or "")
    name = str(meta.get("license_name") or "")
    if "other" in (v.strip().lower() for v in licences):
        better = link if normalise(link).spdx else name or "other"
        licences = [better if v.strip().lower() == "other" else v for v in licences]
        findings.append(f"license: other ({name or 'no license_name'}; {link or 'no license_link'})")
    licence = _joined(licences, findings, "the card")
    records = _config_records(meta)
    configs = [str(c.get("config_name")) for c in _as_list(meta.get("configs")) if isinstance(c, dict)
               and c.get("config_name")]
    names = list(dict.fromkeys(configs + list(records))) or ["default"]
    if not records:
        findings.append("the card gives no `dataset_info` split sizes (`num_examples`): each config counts as one "
                        "record")
    rows = [(licence, name, records.get(name, 1 if not records else 0)) for name in names]
    based_on = []
    for src in _as_list(meta.get("source_datasets")):
        s = str(src).strip()
        if s.lower() != "original":
            based_on.append(s.split("|", 1)[1] if s.lower().startswith("extended|") else s)
    if based_on:
        findings.append(f"the card names {len(based_on)} source dataset(s) whose licences it does not give: "
                        "check each one's own card")
    return Card(_frame(rows), _COLUMNS, based_on, findings)


def _config_records(meta: dict[str, Any]) -> dict[str, int]:
    """Records per config from `dataset_info` (one mapping, or a list with `config_name`)."""
    out: dict[str, int] = {}
    for info in _as_list(meta.get("dataset_info")):
        if not isinstance(info, dict):
            continue
        splits = [s for s in _as_list(info.get("splits")) if isinstance(s, dict)]
        sizes = [n for s in splits if isinstance(n := s.get("num_examples"), int) and n >= 0]
        if sizes and len(sizes) == len(splits):
            out[str(info.get("config_name") or "default")] = sum(sizes)
    return out


# ------------------------------------------------------------------------------------------ Croissant

def _get(node: dict[str, Any], name: str) -> Any:
    """A property under its plain name or its `sc:`/`cr:` prefixed name."""
    for key in (name, f"sc:{name}", f"cr:{name}", f"https://schema.org/{name}", f"http://schema.org/{name}"):
        if key in node:
            return node[key]
    return None


def _text(value: Any) -> str:
    """A licence or reference as text: a string, or a node's @id, url or name."""
    if isinstance(value, dict):
        return str(value.get("@id") or _get(value, "url") or _get(value, "name") or "")
    return "" if value is None else str(value)


def _croissant(path: Path, text: str) -> Card:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"{path}: not valid JSON-LD (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(doc, dict) or "@context" not in doc:
        raise ManifestError(f"{path}: not a Croissant file (a JSON-LD object with @context and @type sc:Dataset)")
    types = [str(t) for t in _as_list(doc.get("@type"))]
    if not any(t.rsplit(":", 1)[-1].rsplit("/", 1)[-1] == "Dataset" for t in types):
        raise ManifestError(f"{path}: not a Croissant dataset (@type is {', '.join(types) or 'missing'}, not "
                            "sc:Dataset)")
    findings: list[str] = []
    conforms = [_text(c) for c in _as_list(_get(doc, "conformsTo"))]
    if not any("mlcommons.org/croissant" in c for c in conforms):
        findings.append("conformsTo does not name a Croissant version")
    own = [_text(v) for v in _as_list(_get(doc, "license"))]
    if not own:
        findings.append("the dataset has no `license`")
    licence = _joined(own, findings, "the dataset")
    rows = []
    for item in _as_list(_get(doc, "distribution")):
        if not isinstance(item, dict):
            findings.append(f"a distribution entry is not an object: {str(item)[:60]!r}")
            continue
        theirs = [_text(v) for v in _as_list(_get(item, "license"))]
        where = _text(_get(item, "contentUrl")) or _text(_get(item, "name")) or _text(item.get("@id"))
        rows.append((_joined(theirs, findings, f"distribution {where!r}") if theirs else licence, where, 1))
    if rows:
        findings.append("Croissant 1.0 gives no record counts: each distribution entry (file or file set) counts "
                        "as one record")
    else:
        rows = [(licence, _text(_get(doc, "url")) or _text(_get(doc, "name")) or str(path), 1)]
    based_on = [t for t in (_text(v) for v in _as_list(_get(doc, "isBasedOn"))) if t]
    if based_on:
        findings.append(f"the dataset is based on {len(based_on)} other(s) (isBasedOn) whose licences it does not "
                        "give: check each one")
    cite = _get(doc, "citeAs")
    return Card(_frame(rows), _COLUMNS, based_on, findings, str(cite) if cite else None)
