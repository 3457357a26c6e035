from support.lintcase import model_of


def test_global_arg_default_sees_earlier_global_args():
    from dockharden.dockerfile.model import build_model
    from dockharden.dockerfile.parser import parse

    text = "ARG PYTHON_VERSION=3.12\nARG BASE_IMAGE=python:${PYTHON_VERSION}-slim\nFROM ${BASE_IMAGE}\n"
    model = build_model(parse(text))
    assert model.global_args == {"PYTHON_VERSION": "3.12", "BASE_IMAGE": "python:3.12-slim"}
    assert model.final.root_image == "python:3.12-slim"


def test_arg_declarations_and_where_a_run_can_see_them():
    model = model_of("""
        ARG BASE=python:3.12-slim TOKEN
        FROM ${BASE}
        ARG TOKEN
        ARG MODE="fast"
    """)
    rows = [(a.name, a.default, a.line, a.stage) for a in model.arguments]
    assert rows == [("BASE", "python:3.12-slim", 1, None), ("TOKEN", None, 1, None), ("TOKEN", None, 3, 0), ("MODE", "fast", 4, 0)]
    assert [model.visible_in_a_stage(a) for a in model.arguments] == [False, True, True, True]
