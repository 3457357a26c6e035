"""HEALTHCHECK with Docker's defaults, Go durations and the probe's programs."""
import pytest

from dockharden.dockerfile.healthcheck import format_seconds, parse_duration
from support.lintcase import model_of


def check_of(line):
    return model_of(f"FROM python:3.12-slim\n{line}\n").final.healthcheck


@pytest.mark.parametrize("text, seconds", [
    ("30s", 30.0),
    ("1m30s", 90.0),
    ("1h", 3600.0),
    ("500ms", 0.5),
    ("1.5s", 1.5),
    ("2h45m", 9900.0),
    ("0", 0.0),
    ("30", None),
    ("", None),
    ("5 s", None),
    ("1d", None),
])
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("seconds, text", [(30.0, "30s"), (0.0, "0s"), (60.0, "1m"), (90.0, "90s"), (0.5, "0.5s")])
def test_format_seconds(seconds, text):
    assert format_seconds(seconds) == text


def test_defaults():
    check = check_of('HEALTHCHECK CMD ["python", "-c", "1"]')
    assert (check.interval, check.timeout, check.start_period, check.retries) == (30.0, 30.0, 0.0, 3)
    assert (check.timings, check.disabled, check.exec_form, check.command) == ("30s/30s/0s", False, True, ("python", "-c", "1"))


def test_flags_and_go_durations():
    check = check_of('HEALTHCHECK --interval=1m30s --timeout=10s --start-period=5s --retries=5 CMD ["python", "-c", "1"]')
    assert (check.interval, check.timeout, check.start_period, check.retries, check.timings) == (90.0, 10.0, 5.0, 5, "90s/10s/5s")


def test_zero_means_the_default():
    check = check_of("HEALTHCHECK --interval=0s --timeout=0 --retries=0 CMD true")
    assert (check.interval, check.timeout, check.retries) == (30.0, 30.0, 3)


def test_malformed_values_keep_defaults_and_are_reported():
    check = check_of("HEALTHCHECK --interval=30 --retries=many CMD true")
    assert (check.interval, check.retries) == (30.0, 3)
    assert check.errors == ("--interval=30 is not a duration", "--retries=many is not a number")


def test_none_any_case():
    check = check_of("HEALTHCHECK none")
    assert (check.disabled, check.line, check.command) == (True, 2, ())


def test_shell_form_runs_under_sh_c():
    check = check_of("HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1")
    assert check.command == ("/bin/sh", "-c", "curl -f http://localhost:8000/ || exit 1")
    assert (check.exec_form, check.programs) == (False, ("curl", "exit"))


def test_tab_after_cmd():
    assert check_of("HEALTHCHECK\tCMD\twget -q http://x").programs == ("wget",)


@pytest.mark.parametrize("line, programs", [
    ('HEALTHCHECK CMD ["/usr/bin/curl", "-f", "http://x"]', ("curl",)),
    ('HEALTHCHECK CMD ["sh", "-c", "wget -q http://x || exit 1"]', ("wget", "exit")),
    ('HEALTHCHECK CMD ["python", "-c", "import sys"]', ("python",)),
    ("HEALTHCHECK CMD test -f /ready && curl -f http://x", ("test", "curl")),
])
def test_programs(line, programs):
    assert check_of(line).programs == programs


def test_lines_of_a_multi_line_check():
    check = model_of("""
        FROM python:3.12-slim
        HEALTHCHECK --interval=30s \\
            CMD curl -f http://x
    """).final.healthcheck
    assert (check.line, check.end_line) == (2, 3)
