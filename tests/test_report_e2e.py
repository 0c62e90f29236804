"""A target that answers with markup: the audit's report shows it as text and runs nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.helpers import accord, python_target, write_config
from tests.support.browser import Visit
from tests.support.scripted import XSS


def test_hostile_model_output_is_inert_in_the_report(project: Path, browser: object) -> None:
    cfg = write_config(project / "accord.toml", python_target("hostile", "hostile_html"))
    result = accord("audit", cfg, cwd=project)
    assert result.returncode in (0, 1, 4), result.stderr
    html_path = project / "accord-report" / "report.html"
    html = html_path.read_text(encoding="utf-8")
    assert "<script" not in html
    assert not re.search(r"<[^<>]*\sonerror\s*=", html)  # as text (&lt;img ... onerror=) only, never in a tag
    visit = Visit(browser, html_path)
    try:
        visit.assert_inert()
        shown = visit.page.locator(".transcript pre").all_inner_texts()
        assert XSS in shown  # the model's markup appears as the text it is
        assert visit.page.locator("table").count() >= 2  # verdicts, concern × language
    finally:
        visit.page.close()
    data = json.loads((project / "accord-report" / "report.json").read_text(encoding="utf-8"))
    assert data["targets"][0]["checks"][0]["transcripts"][0]["response"] == XSS
