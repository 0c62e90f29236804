"""Real headless Chromium for the report tests: a module-scoped browser and a recorded page visit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
HANDLER_ATTRIBUTES = """[...document.querySelectorAll('*')]
    .filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length"""


def require_chromium() -> None:
    """The browser tests are part of the suite: a missing browser is a broken setup, not a reason to skip."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup to install Chromium for the HTML report tests",
                    pytrace=False)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Visit:
    """One page load with everything it did recorded: requests, dialogs, console messages, errors."""

    def __init__(self, browser: object, path: Path) -> None:
        self.url = path.as_uri()
        self.requests: list[str] = []
        self.failed: dict[str, str | None] = {}
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.__setitem__(r.url, r.failure))
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(self.url, wait_until="load")

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def assert_inert(self) -> None:
        """Nothing ran, nothing popped up, nothing was fetched but the page itself."""
        assert not self.page.title().startswith("pwned")
        assert self.dialogs == []
        assert self.page.evaluate("document.scripts.length") == 0
        assert self.page.evaluate("document.images.length") == 0
        assert self.page.evaluate(HANDLER_ATTRIBUTES) == 0
        assert self.requests == [self.url]
        assert self.errors == []
