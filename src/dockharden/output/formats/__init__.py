"""Report formats: pure functions from a Report to text, one module each, kept in dicts by
format name.

Each entry imports its module when called, so a run pays only for the format it prints
(junit's XML and sarif's rule docs are the costly ones). This is the package's one lazy
mechanism: an import inside the function that needs it. Each hands its reporter the report
with every byte that is not UTF-8 shown as an escape (encodable_report), so every format
can be written and read back.
"""
from __future__ import annotations

from collections.abc import Callable

from dockharden.core.vocabulary import Report
from dockharden.output.encodable import encodable_report

Reporter = Callable[[Report], str]


def text(report: Report) -> str:
    from dockharden.output.formats.text import render

    return render(encodable_report(report))


def colored_text(report: Report) -> str:
    from dockharden.output.formats.text import render_text

    return render_text(encodable_report(report), color=True)


def json(report: Report) -> str:
    from dockharden.output.formats.json_format import render

    return render(encodable_report(report))


def sarif(report: Report) -> str:
    from dockharden.output.formats.sarif import render

    return render(encodable_report(report))


def junit(report: Report) -> str:
    from dockharden.output.formats.junit import render

    return render(encodable_report(report))


def markdown(report: Report) -> str:
    from dockharden.output.formats.markdown import render

    return render(encodable_report(report))


def codequality(report: Report) -> str:
    from dockharden.output.formats.codequality import render

    return render(encodable_report(report))


def matrix_markdown(report: Report) -> str:
    from dockharden.output.formats.matrix import render_markdown

    return render_markdown(encodable_report(report))


FORMATS: dict[str, Reporter] = {
    "text": text, "json": json, "sarif": sarif, "junit": junit, "markdown": markdown, "codequality": codequality,
}
# The verification matrix; its JSON is the same contract as `lint --format json`.
MATRIX_FORMATS: dict[str, Reporter] = {"markdown": matrix_markdown, "json": json}
