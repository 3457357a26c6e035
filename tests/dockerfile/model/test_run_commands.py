"""RUN split into simple commands, each on the line where it starts."""
import dataclasses

import pytest

from dockharden.dockerfile.shell import counting_lines, split_script
from support.lintcase import model_of


def commands_of(text):
    return [(c.line, c.words) for run in model_of(text).final.runs for c in run.commands]


def words(script):
    return [c.words for c in split_script(script, counting_lines(script, 1))]


@pytest.mark.parametrize("script, expected", [
    ("apt-get update && apt-get install -y curl", [("apt-get", "update"), ("apt-get", "install", "-y", "curl")]),
    ("a; b || c | d & e", [("a",), ("b",), ("c",), ("d",), ("e",)]),
    ("cmd >/dev/null 2>&1 && next", [("cmd",), ("next",)]),
    ("chown -R app /app > /dev/null", [("chown", "-R", "app", "/app")]),
    ("cat <<EOF > /etc/x", [("cat",)]),
    ("if [ -f x ]; then useradd -u 1000 app; fi", [("[", "-f", "x", "]"), ("useradd", "-u", "1000", "app")]),
    ("for p in a b; do pip install $p; done", [("for", "p", "in", "a", "b"), ("pip", "install", "$p")]),
    ("! grep -q x f", [("grep", "-q", "x", "f")]),
    ("{ echo a; echo b; }", [("echo", "a"), ("echo", "b")]),
    ("(cd /app && make)", [("cd", "/app"), ("make",)]),
    ("DEBIAN_FRONTEND=noninteractive apt-get install -y x", [("apt-get", "install", "-y", "x")]),
    ("env -u X time nohup command pip list", [("-u", "X", "time", "nohup", "command", "pip", "list")]),
    ("echo 'a && b' \"c $d\" e\\ f", [("echo", "a && b", "c $d", "e f")]),
    ("echo $(id -u) ${HOME:-/} `date`", [("echo", "$(id -u)", "${HOME:-/}", "`date`")]),
    ("pip install git+https://x/y.git#egg=y --no-cache-dir # trailing", [("pip", "install", "git+https://x/y.git#egg=y", "--no-cache-dir")]),
    ("useradd --gecos '' app", [("useradd", "--gecos", "", "app")]),
])
def test_split(script, expected):
    assert words(script) == expected


def test_exec_is_remembered():
    (plain, execd) = split_script("set -e; exec gunicorn app", lambda offset: 1)
    assert (plain.execs, execd.execs, execd.words) == (False, True, ("gunicorn", "app"))


def test_commands_carry_their_physical_lines_through_continuations():
    assert commands_of("""
        FROM python:3.12-slim
        RUN --mount=type=cache,target=/root/.cache/pip \\
            apt-get update && \\
        # a comment inside the continuation is dropped

            apt-get install -y gcc \\
            && pip install x
    """) == [
        (3, ("apt-get", "update")),
        (6, ("apt-get", "install", "-y", "gcc")),
        (7, ("pip", "install", "x")),
    ]


def test_escape_directive_backtick():
    assert commands_of("""
        # escape=`
        FROM python:3.12-slim
        RUN echo one && `
            echo two
    """) == [(3, ("echo", "one")), (4, ("echo", "two"))]


def test_exec_form_run_is_one_command():
    assert commands_of('FROM python:3.12-slim\nRUN ["pip", "install", "x"]\n') == [(2, ("pip", "install", "x"))]


def test_exec_form_shell_c_run_is_split():
    assert commands_of('FROM python:3.12-slim\nRUN ["/bin/sh", "-c", "useradd -u 1000 app && echo ok"]\n') == [
        (2, ("useradd", "-u", "1000", "app")),
        (2, ("echo", "ok")),
    ]


def test_heredoc_script_lines():
    assert commands_of("""
        FROM python:3.12-slim
        RUN <<EOF
        #!/bin/sh
        set -eux
        apt-get update \\
          && apt-get install -y curl
        useradd -u 1000 app
        EOF
    """) == [
        (4, ("set", "-eux")),
        (5, ("apt-get", "update")),
        (6, ("apt-get", "install", "-y", "curl")),
        (7, ("useradd", "-u", "1000", "app")),
    ]


def test_heredoc_fed_to_a_shell_and_one_written_to_a_file():
    assert commands_of("""
        FROM python:3.12-slim
        RUN cat <<CONF > /etc/app.conf && bash <<'SCRIPT'
        useradd -u 1 nobody-in-conf
        CONF
        useradd -u 1000 app
        SCRIPT
    """) == [(2, ("cat",)), (2, ("bash",)), (5, ("useradd", "-u", "1000", "app"))]


def test_python_heredoc_is_not_split():
    assert commands_of("""
        FROM python:3.12-slim
        RUN <<EOF
        #!/usr/bin/env python3
        import os
        EOF
    """) == []


def test_commands_are_expanded_with_args_and_env():
    assert commands_of("""
        FROM python:3.12-slim
        ARG UID=1000
        ENV VENV=/opt/venv
        RUN useradd -u ${UID} app && $VENV/bin/pip install x && echo $UNKNOWN
    """) == [
        (4, ("useradd", "-u", "1000", "app")),
        (4, ("/opt/venv/bin/pip", "install", "x")),
        (4, ("echo", "$UNKNOWN")),
    ]


def test_a_run_knows_the_programs_its_commands_run_even_after_replacing_them():
    run = model_of("FROM python:3.12-slim\nRUN /usr/bin/apt-get update && sudo rm -rf /x; X=1 exec gunicorn app\n").final.runs[0]
    assert run.programs == frozenset({"apt-get", "sudo", "gunicorn"})
    assert dataclasses.replace(run, commands=run.commands[:1]).programs == frozenset({"apt-get"})
    assert dataclasses.replace(run, commands=()).programs == frozenset()


def test_an_unquoted_variable_is_split_into_words_as_the_shell_splits_it():
    assert commands_of("""
        FROM python:3.12-slim
        ARG RUNTIME_PACKAGES="curl ca-certificates"
        ARG EMPTY=""
        RUN apt-get install -y ${RUNTIME_PACKAGES} $EMPTY && echo "$RUNTIME_PACKAGES"
    """) == [
        (4, ("apt-get", "install", "-y", "curl", "ca-certificates")),
        (4, ("echo", "curl ca-certificates")),
    ]


def test_the_script_of_a_shell_started_with_c_is_read_too():
    assert commands_of("""
        FROM python:3.12-slim
        RUN bash -c "if [ $DEV == 'true' ] ; then poetry install ; fi"
    """) == [
        (2, ("bash", "-c", "if [ $DEV == 'true' ] ; then poetry install ; fi")),
        (2, ("[", "$DEV", "==", "true", "]")),
        (2, ("poetry", "install")),
    ]


@pytest.mark.parametrize("run, program", [
    # a variable whose value is made of the stage's ENV and the script's own variables
    ('RUN PY="${VENV}/bin/python3" && ${PY} -m pip install -r /tmp/req.txt', "/srv/env/bin/python3"),
    ('RUN BIN=/srv/env/bin && PY="$BIN/python3" && $PY -m pip install -r /tmp/req.txt', "/srv/env/bin/python3"),
    ('RUN PY="${NOWHERE}/bin/python3" && ${PY} -m pip install -r /tmp/req.txt', "${PY}"),  # unknown: left as written
    ('RUN PY="$(command -v python3)" && ${PY} -m pip install -r /tmp/req.txt', "${PY}"),  # a command's output
])
def test_an_assigned_value_made_of_variables_is_filled_in(run, program):
    found = commands_of(f"FROM python:3.12-slim\nENV VENV=/srv/env\n{run}\n")
    assert found[-1] == (3, (program, "-m", "pip", "install", "-r", "/tmp/req.txt"))
