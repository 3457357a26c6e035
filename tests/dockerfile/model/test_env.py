"""ENV accumulation, Docker's same-instruction rule, LABEL values."""
from support.lintcase import model_of


def values(stage):
    return {name: (var.value, var.line) for name, var in stage.env.items()}


def test_env_forms_and_lines():
    model = model_of("""
        FROM python:3.12-slim
        ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
        ENV HOME /home/app
        ENV GREETING="hello world" DOG=Rex\\ The\\ Dog \\
            CAT=fluffy
    """)
    assert values(model.final) == {
        "PYTHONUNBUFFERED": ("1", 2),
        "PYTHONDONTWRITEBYTECODE": ("1", 2),
        "HOME": ("/home/app", 3),
        "GREETING": ("hello world", 4),
        "DOG": ("Rex The Dog", 4),
        "CAT": ("fluffy", 4),
    }


def test_later_env_overrides_and_keeps_its_own_line():
    model = model_of("""
        FROM python:3.12-slim
        ENV HF_HOME=/cache
        ENV HF_HOME=/models
    """)
    assert values(model.final) == {"HF_HOME": ("/models", 3)}


def test_one_env_sees_only_values_from_before_it():
    model = model_of("""
        FROM python:3.12-slim
        ENV A=old
        ENV A=new B=$A
        ENV C=${A}-c
    """)
    assert values(model.final) == {"A": ("new", 3), "B": ("old", 3), "C": ("new-c", 4)}


def test_unknown_variables_stay_as_written():
    model = model_of("""
        FROM python:3.12-slim
        ENV PATH=/opt/venv/bin:$PATH
    """)
    assert model.final.env["PATH"].value == "/opt/venv/bin:$PATH"


def test_env_uses_stage_args():
    model = model_of("""
        FROM python:3.12-slim
        ARG APP_HOME=/srv/app
        ENV APP_HOME=${APP_HOME} DATA=${APP_HOME}/data
    """)
    assert values(model.final) == {"APP_HOME": ("/srv/app", 3), "DATA": ("/srv/app/data", 3)}


def test_env_accumulates_through_from_stages():
    model = model_of("""
        FROM python:3.12-slim AS base
        ENV A=1
        FROM base AS mid
        ENV B=$A
        FROM mid
        ENV C=3
    """)
    assert values(model.final) == {"A": ("1", 2), "B": ("1", 4), "C": ("3", 6)}


def test_label_keys_and_values_are_unquoted_but_not_expanded():
    model = model_of("""
        FROM python:3.12-slim
        ARG V=1.0
        LABEL "org.opencontainers.image.version"="${V}" maintainer=team
    """)
    assert model.final.labels == {"org.opencontainers.image.version": ("${V}", 3), "maintainer": ("team", 3)}
