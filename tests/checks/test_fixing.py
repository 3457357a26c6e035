"""The fix engine: edits applied bottom-up, overlaps left to the next pass, bounded passes,
bytes outside the edits kept, and never a text that does not parse."""
from __future__ import annotations

import pytest

from dockharden.checks import fixing
from dockharden.checks.fixing import Choice, apply_edits, fix_text, non_overlapping, overlap
from dockharden.core.vocabulary import Edit, Finding, Fix, Rule, Safety, Severity

RULE = Rule("DH999", "test-rule", None, Severity.WARNING, "a test rule", "")
SIMPLE = "FROM python:3.12-slim\nRUN pip install flask\n"


def finding(*edits: Edit, code: str = "DH999", safety: Safety = Safety.SAFE) -> Finding:
    rule = Rule(code, "test-rule", None, Severity.WARNING, "a test rule", "")
    return Finding(rule, 1, "m", fix=Fix(tuple(edits), safety, f"fix {code}"))


@pytest.mark.parametrize(("edits", "expected"), [
    ([Edit(0, 1, "x")], "xbcdef"),
    ([Edit(1, 1, "+")], "a+bcdef"),
    ([Edit(4, 6, ""), Edit(0, 2, "AB")], "ABcd"),
    ([Edit(2, 2, "1"), Edit(2, 2, "2")], "ab12cdef"),  # one fix's insertions at one place keep their order
    ([Edit(6, 6, "!")], "abcdef!"),
])
def test_apply_edits_copies_the_text_between_edits(edits, expected):
    assert apply_edits("abcdef", edits) == expected


@pytest.mark.parametrize(("a", "b", "expected"), [
    (Edit(0, 2, ""), Edit(2, 4, ""), False),  # adjacent
    (Edit(0, 3, ""), Edit(2, 4, ""), True),
    (Edit(2, 2, "x"), Edit(2, 2, "y"), True),  # two insertions at one place
    (Edit(1, 4, ""), Edit(2, 2, "x"), True),  # an insertion inside a replaced span
    (Edit(1, 4, ""), Edit(4, 4, "x"), False),  # an insertion right after it
    (Edit(1, 4, ""), Edit(1, 1, "x"), True),
    (Edit(3, 3, "\nUSER 1"), Edit(3, 3, "\nHEALTHCHECK NONE"), False),  # new lines at one place: in fix order
    (Edit(3, 3, "ENV A=1\n"), Edit(3, 3, "--chown=1 "), True),
])
def test_overlap(a, b, expected):
    assert overlap(a, b) is expected
    assert overlap(b, a) is expected


def test_non_overlapping_takes_the_first_of_two_overlapping_fixes_and_one_copy_of_a_duplicate():
    first, second, third = finding(Edit(0, 3, "x"), code="DH001"), finding(Edit(2, 5, "y"), code="DH002"), finding(Edit(6, 6, "z"))
    duplicate = finding(Edit(6, 6, "z"), code="DH998")
    assert non_overlapping([second, third, first, duplicate]) == [first, duplicate]  # by place, then code


def test_a_fix_whose_result_does_not_parse_is_refused_and_the_others_applied(monkeypatch):
    text = SIMPLE
    breaks = finding(Edit(0, 4, "FORM"), code="DH001")  # no FROM: the file would not parse
    good = finding(Edit(len(text), len(text), "USER 1000\n"), code="DH002")

    def lint(changed, *args, **kwargs):
        from dockharden.core.vocabulary import FileReport

        if not fixing.parses(changed, "Dockerfile"):
            return FileReport("Dockerfile", error="line 1: no FROM instruction"), None
        return _report(changed, breaks, good) if changed == text else _report(changed, breaks), None

    monkeypatch.setattr(fixing, "check_text", lint)
    result = fix_text(text, "Dockerfile")
    assert result.fixed == text + "USER 1000\n"
    assert [a.code for a in result.applied] == ["DH002"]
    assert result.error is None


def test_passes_are_bounded(monkeypatch):
    """A rule that always finds something to add stops after MAX_PASSES passes."""
    calls = []

    def lint(text, *args, **kwargs):
        calls.append(text)
        return _report(text, finding(Edit(len(text), len(text), "# more\n"))), None

    monkeypatch.setattr(fixing, "check_text", lint)
    result = fix_text(SIMPLE, "Dockerfile")
    assert len(result.applied) == fixing.MAX_PASSES
    assert result.fixed == SIMPLE + "# more\n" * fixing.MAX_PASSES
    assert len(calls) == fixing.MAX_PASSES + 1


def _report(path_text, *findings):
    from dockharden.core.vocabulary import FileReport

    return FileReport("Dockerfile", tuple(findings))


def test_overlapping_fixes_are_applied_over_two_passes():
    text = "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc\n"
    result = fix_text(text, "Dockerfile", Choice(select=frozenset({"dh904", "dh909"})))
    assert result.fixed == ("FROM python:3.12-slim\n"
                            "RUN apt-get update && apt-get install --no-install-recommends -y gcc && rm -rf /var/lib/apt/lists/*\n")
    assert sorted(a.code for a in result.applied) == ["DH904", "DH909"]


def test_unsafe_fixes_wait_for_unsafe():
    text = "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nCOPY app.py .\n"
    safe = fix_text(text, "Dockerfile")
    assert safe.fixed == text
    assert [f.rule.code for f in safe.unsafe_only] == ["DH102", "DH201"]
    unsafe = fix_text(text, "Dockerfile", Choice(unsafe=True))
    assert "USER 1000:1000" in unsafe.fixed
    assert unsafe.unsafe_only == ()


def test_select_and_ignore_choose_the_rules_whose_fixes_apply():
    text = "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc\n"
    only = fix_text(text, "Dockerfile", Choice(select=frozenset({"apt-lists-kept"})))
    assert [a.code for a in only.applied] == ["DH904"]
    assert {f.rule.code for f in only.unfixable} >= {"DH909", "DH301"}
    ignored = fix_text(text, "Dockerfile", Choice(ignore=frozenset({"dh904", "dh301"})))
    assert [a.code for a in ignored.applied] == ["DH909"]


def test_a_text_that_does_not_parse_is_not_changed():
    result = fix_text("RUN pip install flask\n", "Dockerfile")
    assert result.error == "line 1: no FROM instruction"
    assert result.fixed == result.original == "RUN pip install flask\n"
    assert result.applied == ()


def test_comments_continuations_and_crlf_outside_the_edits_are_kept():
    text = ("# syntax=docker/dockerfile:1\r\n# escape=\\\r\nFROM python:3.12-slim\r\n\r\n# install\r\n"
            "RUN pip install \\\r\n    # the web framework\r\n    flask\r\n")
    result = fix_text(text, "Dockerfile", Choice(select=frozenset({"dh903", "dh301"})))
    assert result.fixed == ("# syntax=docker/dockerfile:1\r\n# escape=\\\r\nFROM python:3.12-slim\r\n"
                            "ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\r\n\r\n# install\r\n"
                            "RUN pip install --no-cache-dir \\\r\n    # the web framework\r\n    flask\r\n")


def test_a_byte_order_mark_is_kept():
    result = fix_text("\ufeffFROM python:3.12-slim\nRUN pip install flask\n", "Dockerfile", Choice(select=frozenset({"dh903"})))
    assert result.written_text() == "\ufeffFROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n"
    assert result.applied[0].line == 2


def _counting_lints(monkeypatch):
    """Every lint fix makes: (the earlier model it was given, the model it gave)."""
    calls = []
    check_text = fixing.check_text

    def counted(*args, **kwargs):
        report, model = check_text(*args, **kwargs)
        calls.append((args[6] if len(args) > 6 else kwargs.get("previous"), model))
        return report, model

    monkeypatch.setattr(fixing, "check_text", counted)
    return calls


def test_a_file_without_a_fix_to_apply_is_linted_once(monkeypatch):
    calls = _counting_lints(monkeypatch)
    result = fix_text("FROM python:3.12-slim\nRUN pip install flask\n", "Dockerfile", Choice(select=frozenset({"dh904"})))
    assert not result.changed and result.report.findings
    assert [previous for previous, _ in calls] == [None]


def test_a_fixed_file_is_linted_again_once_with_the_model_before(monkeypatch):
    calls = _counting_lints(monkeypatch)
    result = fix_text("FROM python:3.12-slim\nRUN pip install flask\nCMD python app.py\n", "Dockerfile", Choice(select=frozenset({"dh301"})))
    assert [a.code for a in result.applied] == ["DH301"]
    (first_previous, first), (second_previous, _) = calls
    assert first_previous is None and second_previous is first and first.dockerfile.text == result.original


def test_the_build_context_is_found_once_when_the_fixes_leave_what_it_reads(monkeypatch, tmp_path):
    from dockharden.checks.lint import lint_text
    from dockharden.core.settings import Settings
    from dockharden.dockerfile.context import ContextFinder

    found = []
    original = ContextFinder.context
    monkeypatch.setattr(ContextFinder, "context", lambda self, *args: found.append(args[0]) or original(self, *args))
    (tmp_path / "app.py").write_text("")
    text = "FROM python:3.12-slim\nCOPY app.py .\nRUN pip install flask\nCMD python app.py\n"
    result = fix_text(text, "Dockerfile", Choice(unsafe=True), tmp_path)
    assert result.changed and len(found) == 1
    assert result.report == lint_text(result.fixed, "Dockerfile", tmp_path, Settings(fixes=True))


def test_the_build_context_is_found_again_when_the_fixes_change_what_it_reads(tmp_path):
    from dockharden.checks.lint import check_text
    from dockharden.core.settings import Settings

    (tmp_path / "app").mkdir()
    _, before = check_text("FROM python:3.12-slim\nCOPY app.py .\n", "Dockerfile", tmp_path)
    after = check_text("FROM python:3.12-slim\nCOPY app /app\n", "Dockerfile", tmp_path, Settings(), previous=before)
    assert after[1].context.directories == frozenset({"app"}) != before.context.directories
    assert after == check_text("FROM python:3.12-slim\nCOPY app /app\n", "Dockerfile", tmp_path)


def test_without_the_matrix_the_report_has_the_same_findings_and_no_patterns():
    text = "FROM python:3.12-slim\nRUN pip install flask\n"
    with_matrix, without = fix_text(text, "Dockerfile"), fix_text(text, "Dockerfile", matrix=False)
    assert with_matrix.report.patterns and without.report.patterns == ()
    assert without.report.findings == with_matrix.report.findings and without.fixed == with_matrix.fixed


def test_the_first_pass_runs_the_rules_whose_documented_example_they_fix():
    from dockharden.checks.catalog import LINT_RULES
    from dockharden.checks.fixability import fix_safety

    fixers, others = fixing._rule_split()
    assert {m.RULE.code for m in fixers} == {r.code for r in LINT_RULES if fix_safety(r) is not None}
    assert set(fixers).isdisjoint(others) and len(fixers) + len(others) == len(fixing.RULES)


def test_no_other_rule_offers_a_fix():
    """What lets the first pass leave the other rules out: on the corpus, the services and the
    examples, their findings never carry a fix."""
    from pathlib import Path

    from dockharden.checks.lint import lint_text
    from dockharden.core.settings import Settings
    from support.dockerfile_corpus import generate
    from support.fix_services import SERVICES

    root = Path(__file__).resolve().parents[2]
    texts = generate(300, 3) + list(SERVICES.values()) + [p.read_text() for p in sorted((root / "examples").rglob("Dockerfile*"))]
    fixers = {m.RULE.code for m in fixing._rule_split()[0]}
    offered = {f.rule.code for t in texts for f in lint_text(t, "Dockerfile", settings=Settings(fixes=True)).findings if f.fix is not None}
    assert offered and offered <= fixers


@pytest.mark.parametrize("text", [
    "FROM python:3.12-slim\n# dockharden ignore=DH903 -- cached on purpose\nRUN pip install flask\nUSER 1000\n",
    "FROM python:3.12-slim\n# dockharden ignore=DH906 -- nothing to suppress\nRUN pip install --no-cache-dir flask\n",
    "FROM python:3.12-slim\nRUN pip install flask\n",
])
def test_a_file_left_as_it_was_gets_the_whole_lint_report(text):
    from dockharden.checks.lint import lint_text
    from dockharden.core.settings import Settings

    result = fix_text(text, "Dockerfile", Choice(select=frozenset({"dh904"})), matrix=False)
    assert not result.changed
    assert result.report.findings == lint_text(text, "Dockerfile", settings=Settings(fixes=True)).findings
