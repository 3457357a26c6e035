"""WORKDIR joins and COPY/ADD sources, destinations, flags and written paths."""
import posixpath

from hypothesis import given
from hypothesis import strategies as st

from dockharden.dockerfile.model import _resolve
from support.lintcase import model_of


def test_workdir_joins_and_normalises():
    workdirs = []
    text = "FROM python:3.12-slim\nENV BASE=/srv\n"
    for step in ["app", "/opt", "sub/../other", "$BASE/x", "./y/"]:
        text += f"WORKDIR {step}\n"
        workdirs.append(model_of(text).final.workdir)
    assert workdirs == ["/app", "/opt", "/opt/other", "/srv/x", "/srv/x/y"]


def test_copy_records():
    model = model_of("""
        FROM python:3.12-slim AS builder
        FROM python:3.12-slim
        ARG UID=1000
        WORKDIR /app
        COPY --chown=${UID}:${UID} requirements.txt pyproject.toml ./
        COPY --from=builder /opt/venv /opt/venv
        ADD ["my file.txt", "docs"]
        COPY <<EOF config.ini
        [app]
        EOF
    """)
    rows = [(c.instruction.name, c.sources, c.dest, c.from_ref, c.chown, c.from_context, c.is_add) for c in model.final.copies]
    assert rows == [
        ("COPY", ("requirements.txt", "pyproject.toml"), "/app", None, "1000:1000", True, False),
        ("COPY", ("/opt/venv",), "/opt/venv", "builder", None, False, False),
        ("ADD", ("my file.txt",), "/app/docs", None, None, True, True),
        ("COPY", ("<<EOF",), "/app/config.ini", None, None, False, False),
    ]


def test_written_paths():
    model = model_of("""
        FROM python:3.12-slim
        WORKDIR /app
        COPY requirements.txt .
        COPY pyproject.toml /app
        COPY main.py /srv/main.py
        COPY . .
        COPY src/ ./src/
        COPY app.py utils/ /opt/
        COPY *.py /lib/
        COPY .env /etc/
        COPY conf/* /etc/app/
        COPY start-*.sh /
    """)
    assert [c.written for c in model.final.copies] == [
        ("/app/requirements.txt",),
        ("/app/pyproject.toml",),
        ("/srv/main.py",),
        ("/app",),
        ("/app/src",),
        ("/opt/app.py", "/opt"),
        ("/lib/*.py",),  # a pattern of file names: each match keeps its name there
        ("/etc",),
        ("/etc/app",),  # conf/* may match folders: it fills the destination
        ("/start-*.sh",),
    ]


def test_run_keeps_the_workdir_it_ran_in():
    model = model_of("""
        FROM python:3.12-slim
        WORKDIR /app
        RUN true
        WORKDIR /srv
        RUN true
    """)
    assert [r.workdir for r in model.final.runs] == ["/app", "/srv"]


@given(st.text(alphabet="/.ab", max_size=12), st.text(alphabet="/.ab", max_size=12))
def test_paths_resolve_as_normpath_of_join_does(directory, path):
    directory = "/" + directory  # a WORKDIR is always absolute
    assert _resolve(directory, path) == posixpath.normpath(posixpath.join(directory, path))
