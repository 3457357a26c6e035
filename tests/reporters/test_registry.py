from __future__ import annotations

import pytest

from dockharden.output.formats import FORMATS, MATRIX_FORMATS, json_format, matrix
from dockharden.core.vocabulary import Report

ALL_REPORTERS = [*FORMATS.items(), *(("matrix-" + name, render) for name, render in MATRIX_FORMATS.items())]


def test_format_names_are_exactly_the_cli_choices():
    assert list(FORMATS) == ["text", "json", "sarif", "junit", "markdown"]
    assert list(MATRIX_FORMATS) == ["markdown", "json"]


def test_matrix_json_is_the_lint_json_contract():
    # Each reporter is handed out wrapped by encodable_report; the function inside is the contract.
    assert MATRIX_FORMATS["json"].__wrapped__ is json_format.render
    assert MATRIX_FORMATS["markdown"].__wrapped__ is matrix.render_markdown


@pytest.mark.parametrize(("name", "render"), ALL_REPORTERS, ids=[name for name, _ in ALL_REPORTERS])
def test_reporters_are_deterministic_and_end_with_a_newline(name, render, sample_report):
    first = render(sample_report)
    assert first == render(sample_report)
    assert first.endswith("\n") and not first.endswith("\n\n")


@pytest.mark.parametrize(("name", "render"), ALL_REPORTERS, ids=[name for name, _ in ALL_REPORTERS])
def test_reporters_accept_an_empty_report(name, render):
    assert render(Report(files=(), rules=())).endswith("\n")
