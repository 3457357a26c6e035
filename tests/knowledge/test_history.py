"""knowledge/history.py: the instruction a history step's created_by records, in the forms the
classic builder and BuildKit write (as `docker history --no-trunc` shows them for images built
on Engine 20.10 both ways); its build arguments, its text as messages name it, and its secrets."""
from __future__ import annotations

import pytest

from dockharden.knowledge.history import build_args, is_run_step, reowns_files, shown_step, step_instruction, step_secrets, step_text

HEALTHCHECK = '&{["CMD" "python3" "-c" "print(1)"] "30s" "10s" "0s" \'\\x00\'}'

CLASSIC = [
    ("/bin/sh -c #(nop)  USER 1000", ("USER", "1000")),
    ("/bin/sh -c #(nop)  USER 1000:1000", ("USER", "1000:1000")),
    (f"/bin/sh -c #(nop)  HEALTHCHECK {HEALTHCHECK}", ("HEALTHCHECK", HEALTHCHECK)),
    ('/bin/sh -c #(nop)  CMD ["/bin/sh" "-c" "python3 app.py"]', ("CMD", '["/bin/sh" "-c" "python3 app.py"]')),
    ("/bin/sh -c #(nop)  ENV X=1 Y=two words", ("ENV", "X=1 Y=two words")),
    ("/bin/sh -c #(nop)  ARG C", ("ARG", "C")),
    ("/bin/sh -c #(nop) WORKDIR /app", ("WORKDIR", "/app")),
    ("/bin/sh -c #(nop)  EXPOSE 8000", ("EXPOSE", "8000")),
    ("/bin/sh -c #(nop) COPY file:3594 in /app/ ", ("COPY", "file:3594 in /app/")),
    ("/bin/sh -c #(nop) COPY --chown=1000:1000dir:83fc in /app ", ("COPY", "--chown=1000:1000dir:83fc in /app")),
    ("/bin/sh -c #(nop) ADD file:0123abcd in / ", ("ADD", "file:0123abcd in /")),
    ("/bin/sh -c chown -R 1000:1000 /app", ("RUN", "chown -R 1000:1000 /app")),
    ("|2 A=1 B=2 /bin/sh -c chown -R app /app &&     echo $A", ("RUN", "chown -R app /app &&     echo $A")),
    ("|1 TOKEN=ghp_x /bin/sh -c echo ${#TOKEN}", ("RUN", "echo ${#TOKEN}")),
    ("|2 B=2 C=3 echo exec", ("RUN", "echo exec")),  # exec form, with build arguments
    ("python3 -m pip install flask", ("RUN", "python3 -m pip install flask")),  # exec form, without
]
BUILDKIT = [
    ("USER 1000:1000", ("USER", "1000:1000")),
    (f"HEALTHCHECK {HEALTHCHECK}", ("HEALTHCHECK", HEALTHCHECK)),
    ('CMD ["/bin/sh" "-c" "python3 app.py"]', ("CMD", '["/bin/sh" "-c" "python3 app.py"]')),
    ('ENTRYPOINT ["python3"]', ("ENTRYPOINT", '["python3"]')),
    ("ENV X=1 Y=two words", ("ENV", "X=1 Y=two words")),
    ("ARG B=2", ("ARG", "B=2")),
    ("WORKDIR /app", ("WORKDIR", "/app")),
    ("EXPOSE map[8000/tcp:{}]", ("EXPOSE", "map[8000/tcp:{}]")),
    ("LABEL org.opencontainers.image.title=t", ("LABEL", "org.opencontainers.image.title=t")),
    ("STOPSIGNAL SIGINT", ("STOPSIGNAL", "SIGINT")),
    ("COPY . /app # buildkit", ("COPY", ". /app")),
    ("COPY /opt/venv /opt/venv # buildkit", ("COPY", "/opt/venv /opt/venv")),
    ("RUN /bin/sh -c chown -R 1000:1000 /app # buildkit", ("RUN", "chown -R 1000:1000 /app")),
    ("RUN |2 B=2 C=3 /bin/sh -c chown -R 1000 /app &&     echo $A $B # buildkit", ("RUN", "chown -R 1000 /app &&     echo $A $B")),
    ("RUN |2 B=2 C=3 echo exec # buildkit", ("RUN", "echo exec")),
    ("RUN echo exec # buildkit", ("RUN", "echo exec")),
]
NOT_AN_INSTRUCTION = [("", ("", "")), ("   ", ("", ""))]  # `docker import`: no created_by


@pytest.mark.parametrize(("created_by", "expected"), CLASSIC + BUILDKIT + NOT_AN_INSTRUCTION)
def test_the_instruction_a_step_records(created_by, expected):
    assert step_instruction(created_by) == expected


def test_build_arguments_are_still_read_from_both_forms():
    assert build_args("|2 A=1 B=2 /bin/sh -c chown -R app /app") == (("A", "1"), ("B", "2"))
    assert build_args("RUN |2 B=2 C=3 echo exec # buildkit") == (("B", "2"), ("C", "3"))
    assert build_args("/bin/sh -c #(nop)  USER 1000") == ()


@pytest.mark.parametrize(("created_by", "is_run"), [
    ("RUN /bin/sh -c true # buildkit", True), ("/bin/sh -c true", True), ("|1 A=b /bin/sh -c true", True),
    ("RUN |1 A=b /bin/sh -c true # buildkit", True), ("/bin/sh -c #(nop)  ENV A=b", False),
    ("COPY a /b # buildkit", False), ("ENV A=b", False), ("", False),
])
def test_is_run_step(created_by, is_run):
    assert is_run_step(created_by) is is_run


def test_build_args_like_the_image_reader():
    assert build_args("RUN |2 A=1 B=two words /bin/sh -c x") == (("A", "1"), ("B", "two"))
    assert build_args("/bin/sh -c x") == ()


def test_step_text_hides_build_argument_values_and_long_text():
    assert step_text("RUN |1 TOKEN=ghp_x /bin/sh -c chown -R 1000 /app # buildkit") == "RUN chown -R 1000 /app"
    assert step_text("/bin/sh -c " + "x" * 100) == f"RUN {'x' * 55}…"
    assert step_text("/bin/sh -c #(nop)  USER 1000:1000") == "USER 1000:1000"
    assert step_text("RUN /bin/sh -c echo ghp_" + "a" * 36) == ""


def test_shown_step_redacts():
    assert shown_step("RUN |1 TOKEN=ghp_0123 /bin/sh -c make # buildkit") == "RUN |1 TOKEN=******** /bin/sh -c make # buildkit"
    assert shown_step("RUN /bin/sh -c curl https://u:pw@example.com/x") == "[step text hidden: it holds a password in URL]"


def test_secret_reasons_kinds():
    assert step_secrets("ENV A_TOKEN=abc123 B=1") == [("ENV", "A_TOKEN", "ENV A_TOKEN: secret-like name with a literal value")]
    assert step_secrets("LABEL x=1") == []


@pytest.mark.parametrize(("created_by", "reowns"), [
    ("RUN /bin/sh -c chown -R app:app /app # buildkit", True),
    ("/bin/sh -c mkdir /app && chmod -R g+w /app", True),
    ("RUN /bin/sh -c chmod 755 /entrypoint.sh # buildkit", False),  # not recursive: one file
    ("RUN /bin/sh -c pip install --no-cache-dir flask # buildkit", False),
    ("COPY --chown=1000:1000 app /app # buildkit", False),  # a COPY writes its own files, not lower ones
    ("/bin/sh -c #(nop)  LABEL note=chown -R", False),
])
def test_reowns_files_is_a_run_step_running_chown_or_a_recursive_chmod(created_by, reowns):
    assert reowns_files(created_by) is reowns
