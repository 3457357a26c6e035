"""ARG scoping and ${VAR} expansion."""
import pytest

from dockharden.dockerfile.variables import expand, plain_references, try_expand
from support.lintcase import model_of

ENV = {"SET": "value", "EMPTY": "", "NONE": None}


@pytest.mark.parametrize("text, expanded", [
    ("$SET", "value"),
    ("${SET}", "value"),
    ("pre-${SET}-post", "pre-value-post"),
    ("${MISSING}", ""),
    ("${MISSING:-dflt}", "dflt"),
    ("${EMPTY:-dflt}", "dflt"),
    ("${EMPTY-dflt}", ""),
    ("${NONE-dflt}", "dflt"),
    ("${SET:-dflt}", "value"),
    ("${SET:+alt}", "alt"),
    ("${EMPTY:+alt}", ""),
    ("${EMPTY+alt}", "alt"),
    ("${MISSING:+alt}", ""),
    ("${MISSING:-${SET}}", "value"),
    ("$$", "$$"),
])
def test_expand(text, expanded):
    assert expand(text, ENV) == expanded


def test_try_expand_tells_unknown_from_empty():
    assert try_expand("${EMPTY}", ENV) == ""
    assert try_expand("${NONE}", ENV) is None
    assert try_expand("${MISSING:-1000}", ENV) == "1000"


def test_keep_unknown_leaves_unknown_references_as_written():
    assert expand("/opt/venv/bin:$PATH", ENV, keep_unknown=True) == "/opt/venv/bin:$PATH"
    assert expand("${NONE}:${SET}", ENV, keep_unknown=True) == "${NONE}:value"


def test_global_args_are_seen_by_from_and_by_stages_only_when_redeclared():
    model = model_of("""
        ARG PY=3.12
        ARG VARIANT=slim
        ARG UNSET
        FROM python:${PY}-${VARIANT}
        ARG VARIANT
        ARG OWN=${VARIANT:-none}
        ARG PLUS=${UNSET:+set}
        ARG DEFAULTED=${UNSET:-fallback}
    """)
    assert model.global_args == {"PY": "3.12", "VARIANT": "slim", "UNSET": None}
    assert model.final.base == "python:3.12-slim"
    assert model.final.args == {"VARIANT": "slim", "OWN": "slim", "PLUS": "", "DEFAULTED": "fallback"}


def test_arg_defaults_see_earlier_args_and_env():
    model = model_of("""
        FROM python:3.12-slim
        ENV ROOT=/srv
        ARG A=1 B=${A}2
        ARG DIR="$ROOT/app"
    """)
    assert model.final.args == {"A": "1", "B": "12", "DIR": "/srv/app"}
    assert model.final.variables() == {"A": "1", "B": "12", "DIR": "/srv/app", "ROOT": "/srv"}


@pytest.mark.parametrize("text, names", [
    ("$A:${B}/x", {"A", "B"}),
    ("'$C' \\$D", set()),
    ("${E:-$F} ${G+x} ${H#x} $I", {"I"}),
    ('"$J" $1 $_k', {"J", "_k"}),
])
def test_plain_references_leave_out_quoted_escaped_and_defaulted_ones(text, names):
    assert plain_references(text) == names
