from __future__ import annotations

import re

from dockharden.output.formats import FORMATS, render_text
from dockharden.core.vocabulary import FileReport, Report

EXPECTED = """\
legacy/Dockerfile:3 DH001 root-user [error] the final stage runs as root (USER root)
legacy/Dockerfile:7-9 DH101 pip-cache-kept [info] pip install keeps its cache | add --no-cache-dir <flag> & "quote"
legacy/Dockerfile:12 DH010 missing-healthcheck [warning] no HEALTHCHECK in the final stage "runtime"
broken/Dockerfile.dev: error: line 4: unterminated heredoc <<EOF
3 files, 1 error, 1 warning, 1 info, 1 file not checked
"""


def test_plain_text_exact(sample_report):
    assert FORMATS["text"](sample_report) == EXPECTED


def test_plain_text_ignores_the_environment(sample_report, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "20")
    monkeypatch.setenv("TERM", "xterm-256color")
    assert FORMATS["text"](sample_report) == EXPECTED


def test_colour_text_differs_only_by_escape_codes(sample_report, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    coloured = render_text(sample_report, color=True)
    assert "\x1b[1;31mDH001\x1b[0m" in coloured
    assert strip_ansi(coloured) == EXPECTED


def test_long_messages_are_not_wrapped():
    long_message = "word " * 60
    report = Report((FileReport("a/Dockerfile", error=long_message.strip()),), ())
    assert render_text(report, color=False).splitlines()[0] == "a/Dockerfile: error: " + long_message.strip()


def test_markup_in_messages_is_literal():
    report = Report((FileReport("[bold]x[/bold]", error="[red]boom[/red]"),), ())
    assert render_text(report, color=True).count("[red]boom[/red]") == 1


def test_summary_counts_a_single_file_in_singular():
    assert FORMATS["text"](Report((FileReport("Dockerfile"),), ())) == "1 file, 0 errors, 0 warnings\n"


def test_text_goldens(sample_report, golden):
    golden("report.txt", FORMATS["text"](sample_report))
    golden("report.color.txt", render_text(sample_report, color=True))


def strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_control_characters_cannot_reach_the_terminal():
    report = Report((FileReport("a\nb", error="x\x1b[31mred\x07\x00"),), ())
    assert render_text(report, color=False).splitlines()[0] == "a\\nb: error: x\\x1b[31mred\\x07\\x00"
