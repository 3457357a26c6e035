"""A real browser for the document's tests: Debian's headless Chromium, driven through the
DevTools protocol by Playwright (PyPI; it brings no browser of its own here), and pdftotext
(poppler-utils) to read back what Chromium printed. Installed with apt-get when missing, the
way support/engine.py installs docker.io, saying so on the terminal."""
from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from support import engine

CHROMIUM = "/usr/bin/chromium"
PDFTOTEXT = "/usr/bin/pdftotext"
PACKAGES = {CHROMIUM: "chromium", PDFTOTEXT: "poppler-utils"}


class BrowserUnavailable(Exception):
    """No browser can be installed here; the message says why."""


def ensure_browser() -> str:
    """Chromium and pdftotext, installing Debian's packages if needed; returns Chromium's path."""
    missing = [package for program, package in PACKAGES.items() if not Path(program).exists()]
    if missing:
        engine.say(f"installing {' and '.join(missing)} with apt-get for the browser tests (a minute or two)")
        try:
            engine.apt_install(*missing)
        except engine.EngineUnavailable as error:
            raise BrowserUnavailable(str(error)) from None
        engine.say(f"{' and '.join(missing)} installed")
    return CHROMIUM


@contextmanager
def chromium(executable: str) -> Iterator:
    """A headless Chromium (root needs --no-sandbox), closed when done."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def pdf_text(pdf: bytes, scratch: Path) -> str:
    path = scratch / "printed.pdf"
    path.write_bytes(pdf)
    done = subprocess.run([shutil.which("pdftotext") or PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True,
                          timeout=120, check=True)
    return done.stdout
