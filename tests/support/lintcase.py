"""Lint a Dockerfile snippet and keep what one test asserts on."""
from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from dockharden.dockerfile.model import Model, build_model
from dockharden.dockerfile.parser import parse
from dockharden.checks.lint import lint_text
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import FileReport


def dockerfile(text: str) -> str:
    """Snippets are written indented inside triple quotes; line 1 is the first line after the quotes."""
    return dedent(text).lstrip("\n")


def report(text: str, settings: Settings = Settings(), context_dir: Path | None = None) -> FileReport:
    result = lint_text(dockerfile(text), "Dockerfile", context_dir, settings)
    assert result.error is None, result.error
    return result


def flagged(text: str, rule_module, context_dir: Path | None = None, **settings) -> list[tuple[str, int]]:
    """(code, line) of every finding of one rule, in line order."""
    code = rule_module.RULE.code
    findings = report(text, Settings(**settings), context_dir).findings
    return [(f.rule.code, f.line) for f in findings if f.rule.code == code]


def model_of(text: str, target: str | None = None) -> Model:
    return build_model(parse(dockerfile(text)), target)


def rule_tests(rule_module, passes: dict[str, str], flags: dict[str, tuple[str, list[int]]], **settings):
    """The two parametrized tests of a rule: snippets it must pass and snippets it must flag
    on exactly these lines, under these settings (an optional rule: `enabled=...`). Use as
    `test_passes, test_flagged = rule_tests(...)`."""
    code = rule_module.RULE.code

    @pytest.mark.parametrize("text", list(passes.values()), ids=list(passes))
    def test_passes(text):
        found = flagged(text, rule_module, **settings)
        assert found == [], f"unexpected {found}"

    @pytest.mark.parametrize("text, lines", list(flags.values()), ids=list(flags))
    def test_flagged(text, lines):
        found, wanted = flagged(text, rule_module, **settings), [(code, line) for line in lines]
        assert found == wanted, f"found {found}, wanted {wanted}"

    return test_passes, test_flagged


# The rules an ignore-pragma test looks at: the pragmas' own and a few they suppress.
PRAGMA_CASE_RULES = ("DH001", "DH002", "DH302", "DH401", "DH601")


def pragma_findings(text: str) -> list[tuple[str, int]]:
    """(code, line) of the findings of PRAGMA_CASE_RULES, in report order."""
    return [(f.rule.code, f.line) for f in report(text).findings if f.rule.code in PRAGMA_CASE_RULES]


def messages(text: str, code: str) -> list[str]:
    return [f.message for f in report(text).findings if f.rule.code == code]
