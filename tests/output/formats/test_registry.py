from __future__ import annotations

import pytest

from dockharden.cli.options import FORMAT_NAMES
from dockharden.core.vocabulary import Report
from dockharden.output.formats import FORMATS, MATRIX_FORMATS, json_format, matrix

ALL_REPORTERS = [*FORMATS.items(), *(("matrix-" + name, render) for name, render in MATRIX_FORMATS.items())]


def test_format_names_are_exactly_the_cli_choices():
    assert list(FORMATS) == ["text", "json", "sarif", "junit", "markdown", "codequality"]
    assert FORMAT_NAMES == tuple(FORMATS)
    assert list(MATRIX_FORMATS) == ["markdown", "json"]


def test_each_format_renders_what_its_module_renders(sample_report):
    assert MATRIX_FORMATS["json"] is FORMATS["json"], "the matrix JSON is the lint JSON contract"
    assert FORMATS["json"](sample_report) == json_format.render(sample_report)
    assert MATRIX_FORMATS["markdown"](sample_report) == matrix.render_markdown(sample_report)


@pytest.mark.parametrize(("name", "render"), ALL_REPORTERS, ids=[name for name, _ in ALL_REPORTERS])
def test_reporters_are_deterministic_and_end_with_a_newline(name, render, sample_report):
    first = render(sample_report)
    assert first == render(sample_report)
    assert first.endswith("\n") and not first.endswith("\n\n")


@pytest.mark.parametrize(("name", "render"), ALL_REPORTERS, ids=[name for name, _ in ALL_REPORTERS])
def test_reporters_accept_an_empty_report(name, render):
    assert render(Report(files=(), rules=())).endswith("\n")
