"""The guarantees of `fix` (issue 11), each a test, on the specification's templates, the
small services of support/fix_services.py, a generated corpus and mutations of it:

1. a fixed file parses with BuildKit's parser (the `dockerfile` package), and outside the
   edited lines its instructions are BuildKit's same instructions;
2. the rules whose fixes were applied report nothing on the fixed file;
3. a second fix changes nothing, with and without --unsafe;
4. on random and mutated Dockerfiles fix never raises and never writes what BuildKit rejects.
"""
from __future__ import annotations

import difflib
from pathlib import Path

import dockerfile
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockharden.checks.fixing import Choice, fix_text
from dockharden.checks.lint import lint_text
from support.dockerfile_corpus import generate
from support.fix_services import SERVICES

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = {path.name: path.read_text() for path in sorted((ROOT / "examples" / "spec").glob("Dockerfile.*"))}
CORPUS = generate(150, 11)
INPUTS = {**TEMPLATES, **{f"service {name}": text for name, text in SERVICES.items()}, **{f"corpus {n}": t for n, t in enumerate(CORPUS)}}
CHOICES = {"safe": Choice(), "unsafe": Choice(unsafe=True)}
FIXED_PATTERNS = ("non_root_user", "healthcheck", "env_config", "chown", "exec_form")


def buildkit(text: str) -> list[tuple]:
    """BuildKit's instructions: keyword, flags, value, heredocs and the lines they span."""
    return [(c.cmd, c.sub_cmd, c.flags, c.value, c.json, tuple((h.name, h.content) for h in c.heredocs), c.start_line, c.end_line)
            for c in dockerfile.parse_string(text)]


def untouched_instructions_kept(original: str, fixed: str) -> list[str]:
    """Each instruction of `original` whose lines the fix left alone, missing from `fixed` as
    BuildKit reads it at the lines it moved to (empty when none is)."""
    old_lines, new_lines = original.splitlines(), fixed.splitlines()
    moved = {}
    for block in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_matching_blocks():
        moved.update({block.a + k + 1: block.b + k + 1 for k in range(block.size)})
    after = {(c[-2], c[-1]): c[:-2] for c in buildkit(fixed)}
    missing = []
    for c in buildkit(original):
        start, end = c[-2], c[-1]
        lines = range(start, end + 1)
        if all(n in moved for n in lines) and moved[end] - moved[start] == end - start:
            if after.get((moved[start], moved[end])) != c[:-2]:
                missing.append(f"line {start}: {c[0]} {c[3]}")
    return missing


@pytest.mark.parametrize("choice", CHOICES)
@pytest.mark.parametrize("name", INPUTS)
def test_fixed_files_parse_keep_what_they_did_not_edit_clear_their_rules_and_are_idempotent(name, choice):
    text = INPUTS[name]
    result = fix_text(text, "Dockerfile", CHOICES[choice])
    assert result.error is None
    buildkit(result.fixed)  # 1: BuildKit's parser accepts it (GoParseError otherwise)
    assert untouched_instructions_kept(text, result.fixed) == []  # 1: the rest is BuildKit's same instructions
    applied = {a.code for a in result.applied}
    assert [f for f in result.report.findings if f.rule.code in applied] == []  # 2
    again = fix_text(result.fixed, "Dockerfile", CHOICES[choice])
    assert (again.fixed, again.applied) == (result.fixed, ())  # 3


def test_every_template_and_service_gets_fixes():
    """The inputs above exercise the fixes: each spec template and service changes with --unsafe."""
    unchanged = [name for name in (*TEMPLATES, *(f"service {s}" for s in SERVICES))
                 if not fix_text(INPUTS[name], "Dockerfile", Choice(unsafe=True)).changed]
    assert unchanged == []


@pytest.mark.parametrize("name", [*TEMPLATES, *(f"service {s}" for s in SERVICES)])
def test_after_unsafe_fixes_the_fixable_patterns_pass(name):
    before = {p.pattern: p.status.value for p in lint_text(INPUTS[name], "Dockerfile").patterns}
    result = fix_text(INPUTS[name], "Dockerfile", Choice(unsafe=True))
    after = {p.pattern: p.status.value for p in result.report.patterns}
    assert [after[p] for p in FIXED_PATTERNS] == ["pass"] * 5
    assert [before[p] for p in FIXED_PATTERNS] != ["pass"] * 5


def test_the_services_fail_before_fixing_exactly():
    before = {name: [p.status.value for p in lint_text(text, "Dockerfile").patterns if p.pattern in FIXED_PATTERNS]
              for name, text in SERVICES.items()}
    assert before == {
        "root-shell-form": ["fail", "fail", "warn", "pass", "fail"],
        "chown-after-copy": ["warn", "fail", "warn", "fail", "pass"],
        "user-without-uid": ["warn", "fail", "warn", "warn", "fail"],
        "curl-probe": ["fail", "fail", "warn", "pass", "pass"],
        "transformers-cache": ["fail", "fail", "warn", "pass", "pass"],
        "user-root-at-end": ["fail", "fail", "warn", "pass", "pass"],
        "other-port": ["fail", "fail", "warn", "pass", "fail"],
        "entrypoint-and-cmd": ["fail", "fail", "warn", "pass", "pass"],
        "gunicorn-shell-form": ["fail", "fail", "warn", "pass", "fail"],
        "gunicorn-cd-and-port": ["fail", "fail", "warn", "pass", "fail"],
    }


FRAGMENTS = [
    "RUN apt-get update && apt-get install -y curl", "RUN pip install flask  # web", "RUN pip install \\", "    # a comment",
    "    flask", "USER root", "USER app", "RUN useradd app", "RUN chown -R app /app", "COPY . /app", "CMD python app.py",
    "CMD cd /app && exec gunicorn app", "ENTRYPOINT gunicorn app:app", "ENV TRANSFORMERS_CACHE=/m", "ENV HF_HOME=/m",
    "HEALTHCHECK CMD curl -f http://localhost/", "RUN <<EOF", "apt-get install -y gcc", "EOF", "\\", "# escape=`",
    "RUN apt-get install -y x ;", "EXPOSE 8080", "FROM python:3.12-slim AS builder", "FROM scratch", "ONBUILD RUN pip install x",
]


@st.composite
def mutated(draw):
    """A corpus file with lines deleted, duplicated or swapped, fragments inserted, CRLF or a
    missing final newline."""
    lines = draw(st.sampled_from(CORPUS)).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(lines)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "swap", "text"]))
        if kind == "insert":
            lines.insert(at, draw(st.sampled_from(FRAGMENTS)))
        elif kind == "text":
            lines.insert(at, draw(st.text(max_size=20)))
        elif lines and at < len(lines):
            if kind == "delete":
                del lines[at]
            elif kind == "duplicate":
                lines.insert(at, lines[at])
            elif at + 1 < len(lines):
                lines[at], lines[at + 1] = lines[at + 1], lines[at]
    text = "\n".join(lines)
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.booleans())
def test_fix_never_raises_and_never_writes_what_buildkit_rejects(text, unsafe):
    result = fix_text(text, "Dockerfile", Choice(unsafe=unsafe))
    if result.error is not None or not result.changed:
        assert result.fixed == result.original
        return
    try:
        buildkit(text)
    except (dockerfile.GoParseError, UnicodeDecodeError):
        return  # BuildKit rejects the input already: nothing to hold the output to
    buildkit(result.fixed)
