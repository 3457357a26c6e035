"""What a shell runs for each RUN: the SHELL in effect, the script text with its Dockerfile
lines, and the pipelines in it."""
import pytest

from dockharden.dockerfile.model import shell_scripts
from dockharden.dockerfile.shell import checked_pipelines, last_and_list, counting_lines, pipelines
from support.lintcase import model_of


def scripts(text):
    model = model_of(text)
    return [(s.text, s.lines) for stage in model.stages for run in stage.runs for s in shell_scripts(run.instruction, "\\")]


def test_shell_is_the_last_shell_instruction_and_carries_into_stages_built_from_the_stage():
    model = model_of("""
        FROM python:3.12-slim AS base
        RUN echo default
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        RUN echo bash
        FROM base
        RUN echo inherited
        FROM python:3.12-slim
        SHELL not-json
        RUN echo fresh
    """)
    shells = [run.shell for stage in model.stages for run in stage.runs]
    assert shells == [("/bin/sh", "-c"), ("/bin/bash", "-o", "pipefail", "-c"), ("/bin/bash", "-o", "pipefail", "-c"), ("/bin/sh", "-c")]


def test_shell_form_keeps_continuations_and_drops_what_buildkit_drops():
    assert scripts("""
        FROM python:3.12-slim
        RUN --mount=type=cache,target=/root/.cache \\
            --network=none \\
          # a comment inside the continuation
          apt-get update && \\

          curl -fsSL x | sh
    """) == [("apt-get update && \\\n  curl -fsSL x | sh", (5, 7))]


def test_heredoc_alone_is_its_body_and_a_command_with_heredocs_is_the_whole_text():
    assert scripts("""
        FROM python:3.12-slim
        RUN <<EOF
        set -eux
        curl x | sh
        EOF
        RUN cat <<EOF > /etc/x
        a | b
        EOF
        RUN <<EOF
        #!/usr/bin/env python3
        print(1)
        EOF
    """) == [("set -eux\ncurl x | sh\n", (3, 4, 5)), ("cat <<EOF > /etc/x\na | b\nEOF", (6, 7, 8))]


def test_exec_form_is_the_script_of_sh_c_and_nothing_for_a_program():
    assert scripts("""
        FROM python:3.12-slim
        RUN ["sh", "-c", "curl x | sh"]
        RUN ["pip", "install", "flask==3.0.3"]
    """) == [("curl x | sh", (2,))]


def piped(script):
    return [[c.words for c in pipeline] for pipeline in pipelines(script, lambda offset: 1)]


@pytest.mark.parametrize("script, expected", [
    ("curl -fsSL x | sh", [[("curl", "-fsSL", "x"), ("sh",)]]),
    ("a && b | c | d; e || f", [[("b",), ("c",), ("d",)]]),
    ("x=\"$(echo \"$v\" | tr a b)\"; y=`find . | wc -l`", [[("echo", "$v"), ("tr", "a", "b")], [("find", "."), ("wc", "-l")]]),
    ("case \"$a\" in arm64|aarch64) x=1 ;; amd64 | x86_64) curl x | sh ;; esac", [[("curl", "x"), ("sh",)]]),
    ("for e in $X; do case \"$e\" in a|b) y=1 ;; esac; done", []),
    ("curl x 2>/dev/null | sh >/dev/null", [[("curl", "x"), ("sh",)]]),
    ("a |& b", [[("a",), ("b",)]]),
])
def test_pipelines(script, expected):
    assert piped(script) == expected


@pytest.mark.parametrize("script, expected", [
    ("a | b", [True]),
    ("a | b; c", [False]),
    ("a | b && c; d | e", [True, True]),
    ("if x; then a | b; fi; c", [False]),
    ("if x; then a | b; fi && c", [True]),
    ("if x; then a | b; else c; fi; d", [True]),
    ("V=$(a | b || echo); c", [False]),
    ("V=$(a | b); [ -n \"$V\" ]", [False]),
    ("V=$(a | b)", [True]),
    ("V=$(a | b || echo); if [ -n \"$V\" ]; then c; fi", [False]),
    ("if a | b; then c; fi", [True]),
    ("while a | b; do c; done", [True]),
])
def test_checked_pipelines_say_whether_the_script_looks_at_their_status(script, expected):
    assert [checked for _, checked in checked_pipelines(script, lambda offset: 1)] == expected


def test_pipeline_commands_know_their_heredoc_and_line():
    script = "echo start\ncat <<EOF |\n  sh\n"
    (pipeline,) = pipelines(script, counting_lines(script, 10))
    assert [(c.program, c.stdin_heredoc, c.line) for c in pipeline] == [("cat", "EOF", 11), ("sh", None, 12)]


@pytest.mark.parametrize("script, chain", [
    ("a && curl -o- URL | bash && . $D/nvm.sh && nvm install 20 >/dev/null", (("a",), ("curl", "bash"), (".", "$D/nvm.sh"), ("nvm",))),
    ("a; b && c", (("b",), ("c",))),  # the last list
    ("a && b;\n", (("a",), ("b",))),  # nothing after the ;
    ("a && b; c", ()),  # c's status is the script's
    ("a && b || c", ()),  # || looks at the list's status
    ("a && b &", ()),
    ("a && (b; c) && d", (("a",), ("(compound)",), ("d",))),  # a subshell is one command of the list
    ("a && if [ x ]; then b; fi && c", (("a",), ("(compound)",), ("c",))),
    ("a && for x in 1 2; do if b; then c; fi; done && case $y in z) e;; esac && f",
     (("a",), ("(compound)",), ("(compound)",), ("f",))),
    ("if a; then b && c; fi", ()),  # one compound command: no list
    ("a && if b; then c; fi; d", ()),
    ("X=1 /usr/bin/a --x && exec b 2>&1 && c", (("a",), ("b",), ("c",))),  # assignments, redirections and exec aside
    ("a", ()),  # one command is no list
])
def test_last_and_list(script, chain):
    assert last_and_list(script) == chain


@pytest.mark.parametrize("script, commands", [
    ("a ; rm x && rm y", [("a",), ("rm", "x"), ("rm", "y")]),
    ("a || exit 1; rm x", [("a",), ("rm", "x")]),  # `||` makes only the rest of its list conditional
    ("a || rm x", [("a",)]),
    ("a || b && rm x; rm y", [("a",), ("rm", "y")]),
    ('if [ "$GPU" = 1 ]; then rm x; fi; rm y', [("rm", "y")]),
    ("case $a in b) rm x;; esac\nrm y", [("rm", "y")]),
    ("for f in *; do rm $f; done; while true; do rm x; done", []),
    ("(rm x); { rm y; }; rm z 2>/dev/null", [("rm", "z")]),
])
def test_unconditional_commands_run_whatever_came_before(script, commands):
    from dockharden.dockerfile.shell import unconditional_commands
    assert list(unconditional_commands(script)) == commands
