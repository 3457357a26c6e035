from __future__ import annotations

import re

from dockharden.output.formats import FORMATS
from dockharden.output.formats.text import render_text
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


def test_summary_names_what_was_checked_by_kind():
    image, container = FileReport("app.tar", kind="image"), FileReport("app:1", kind="verify")
    assert FORMATS["text"](Report((image,), ())) == "1 image, 0 errors, 0 warnings\n"
    assert FORMATS["text"](Report((container, container), ())) == "2 containers, 0 errors, 0 warnings\n"
    unreadable = FileReport("gone.tar", error="not a tar", kind="image")
    assert FORMATS["text"](Report((FileReport("Dockerfile"), image, unreadable), ())).splitlines()[-1] == (
        "1 file, 2 images, 0 errors, 0 warnings, 1 image not checked")
    assert FORMATS["text"](Report((), ())) == "0 files, 0 errors, 0 warnings\n"


VERIFY_EXPECTED = """\
app:1: step 1 Start the container [pass] started; kept running
    $ docker run -d --name c1 --network none --label io.dockharden.verify=true app:1
app:1: step 2 File ownership in the working directory [not checked] not checked: the image sets no WORKDIR
app:1: step 3 Graceful stop [fail] exit 137 after 10.0 s (stop timeout 10 s)
    $ docker stop --time 10 c1
app:1:3 VF701 ungraceful-stop [error] exit 137 after 10.0 s: killed | not stopped
1 container, 1 error, 0 warnings
"""


def test_verify_steps_are_shown_with_what_ran_and_what_was_seen(verify_report):
    report = verify_report
    assert FORMATS["text"](report) == VERIFY_EXPECTED
    coloured = render_text(report, color=True)
    assert "\x1b[32m[pass]\x1b[0m" in coloured and "\x1b[1;31m[fail]\x1b[0m" in coloured
    assert strip_ansi(coloured) == VERIFY_EXPECTED


def test_text_goldens(sample_report, golden):
    golden("report.txt", FORMATS["text"](sample_report))
    golden("report.color.txt", render_text(sample_report, color=True))


def strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_control_characters_cannot_reach_the_terminal():
    report = Report((FileReport("a\nb", error="x\x1b[31mred\x07\x00"),), ())
    assert render_text(report, color=False).splitlines()[0] == "a\\nb: error: x\\x1b[31mred\\x07\\x00"
