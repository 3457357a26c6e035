"""The document as a reader sees it, in Debian's headless Chromium: at a desktop width (1280 px)
and a phone's (412 px) the page never scrolls sideways (wide tables and code scroll in their own
box), every link inside the page has its target, dark mode is dark, and printed to PDF every
line of evidence (excerpts and command output, folded or not) is in the PDF's text, and no table is
cut at the page's edge."""
from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support.browser import chromium, pdf_text
from support.document_evidence import sample_context, sample_evidence

from dockharden.output.document import html, markdown

ROOT = Path(__file__).resolve().parents[3]
WIDTHS = (1280, 412)


@pytest.fixture(scope="module")
def browser(chromium_path):
    """One headless Chromium for this module, closed (with Playwright's event loop) when it ends."""
    with chromium(chromium_path) as running:
        yield running


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The hand-made evidence's page, and the specification's four templates as `report --format html` writes them."""
    folder = tmp_path_factory.mktemp("pages")
    sample = folder / "sample.html"
    sample.write_text(html.render(markdown.render(sample_evidence(), sample_context())), encoding="utf-8")
    spec = folder / "spec.html"
    done = subprocess.run([sys.executable, "-m", "dockharden", "report", str(ROOT / "examples" / "spec"), "-o", str(spec)],
                          capture_output=True, text=True, cwd=folder, timeout=120)
    assert (done.returncode, done.stderr) == (1, "")
    return {"sample": sample, "spec": spec}


def _open(browser, page_file: Path, width: int, scheme: str = "light"):
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.goto(page_file.as_uri())
    return page


OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')].filter(e => e.closest('.table-wrap, pre') === null
      && e.getBoundingClientRect().right > root.clientWidth + 0.5).map(e => e.tagName + ' ' + e.textContent.slice(0, 60));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide};
}"""
BOXES = """() => [...document.querySelectorAll('.table-wrap, pre')].map(e => ({
  right: e.getBoundingClientRect().right, scrolls: e.scrollWidth > e.clientWidth, first: e.textContent.slice(0, 40)}))"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["sample", "spec"])
def test_the_page_never_scrolls_sideways(browser, pages, name, width):
    page = _open(browser, pages[name], width)
    seen = page.evaluate(OVERFLOW)
    assert (seen["scrollWidth"], seen["wide"]) == (width, [])
    boxes = page.evaluate(BOXES)
    assert boxes and all(box["right"] <= width for box in boxes)
    page.close()


def test_on_a_phone_the_matrix_scrolls_in_its_own_box(browser, pages):
    page = _open(browser, pages["spec"], 412)
    matrix = page.locator("#verification-matrix + .table-wrap")
    assert matrix.evaluate("e => [e.scrollWidth > e.clientWidth, e.clientWidth <= 412]") == [True, True]
    first_column = page.locator("#verification-matrix + .table-wrap td:first-child").first.bounding_box()
    assert first_column["width"] < 412 / 1.5  # the File column no longer fills the phone's screen
    wide = _open(browser, pages["spec"], 1280)
    assert wide.locator("#verification-matrix + .table-wrap").evaluate("e => e.getBoundingClientRect().right") <= 1280
    page.close()
    wide.close()


def test_links_checkboxes_and_dark_mode(browser, pages):
    page = _open(browser, pages["sample"], 1280, "dark")
    missing = page.evaluate("""() => [...document.querySelectorAll('a[href^="#"]')]
        .map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id))""")
    assert missing == []
    assert page.locator("a[href^='#']").count() > 20
    boxes = page.locator("li.task input[type=checkbox]")
    assert boxes.count() == 18
    assert page.locator("li.task input[type=checkbox]:checked").count() == 4
    assert page.locator("li.task input[type=checkbox]:not([disabled])").count() == 0
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(13, 17, 23)"
    light = _open(browser, pages["sample"], 1280)
    assert light.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    page.close()
    light.close()


class _Evidence(HTMLParser):
    """Every line of every <pre> block: the excerpts and the command output, as the page holds them.
    (Table cells wrap and interleave in pdftotext's layout; test_printed_tables_fit_the_page holds them.)"""

    HOLDERS = ("pre",)

    def __init__(self) -> None:
        super().__init__()
        self.open, self.text, self.lines = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.HOLDERS:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.HOLDERS and self.open:
            self.open.pop()
            if not self.open:
                self.lines += "".join(self.text).splitlines()
                self.text = []

    def handle_data(self, data):
        if self.open:
            self.text.append(data)


def evidence_lines(page_html: str) -> list[str]:
    parser = _Evidence()
    parser.feed(page_html)
    return [line for line in parser.lines if line.strip()]


def _squeezed(text: str) -> str:
    """Without whitespace: a line printed wrapped (or with its spaces laid out by pdftotext) still matches."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", ["sample", "spec"])
def test_printed_to_pdf_every_evidence_line_is_in_the_text(browser, pages, name, tmp_path):
    page = _open(browser, pages[name], 1280)
    printed = _squeezed(pdf_text(page.pdf(format="A4", print_background=True), tmp_path))
    page.close()
    lines = evidence_lines(pages[name].read_text(encoding="utf-8"))
    assert len(lines) > 20
    assert [line for line in lines if _squeezed(line) not in printed] == []
    if name == "sample":  # the 15 folded lines of history, each 170 characters, printed whole
        assert all(f"end-of-step-{n}" in printed for n in range(1, 16))
        assert printed.count("x" * 150) >= 15



PRINTED_OVERFLOW = """() => {
  const right = document.body.getBoundingClientRect().right;
  return [...document.querySelectorAll('table, td, th, pre')]
    .filter(e => e.getBoundingClientRect().right > right + 0.5 || e.scrollWidth > e.clientWidth + 1)
    .map(e => e.tagName + ' ' + e.textContent.slice(0, 50));
}"""


@pytest.mark.parametrize("name", ["sample", "spec"])
def test_printed_tables_fit_the_page(browser, pages, name):
    """As printed on A4 (about 718 px between the default margins), no table, cell or code block is wider than
    the page or hides text in a scroll box that paper does not have."""
    page = browser.new_page(viewport={"width": 718, "height": 1000})
    page.goto(pages[name].as_uri())
    page.emulate_media(media="print")
    assert page.evaluate(PRINTED_OVERFLOW) == []
    page.emulate_media(media="screen")
    assert page.evaluate(PRINTED_OVERFLOW) != []  # on screen at that width the matrix scrolls in its box instead
    page.close()
