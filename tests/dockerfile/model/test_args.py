

def test_global_arg_default_sees_earlier_global_args():
    from dockharden.dockerfile.model import build_model
    from dockharden.dockerfile.parser import parse

    text = "ARG PYTHON_VERSION=3.12\nARG BASE_IMAGE=python:${PYTHON_VERSION}-slim\nFROM ${BASE_IMAGE}\n"
    model = build_model(parse(text))
    assert model.global_args == {"PYTHON_VERSION": "3.12", "BASE_IMAGE": "python:3.12-slim"}
    assert model.final.root_image == "python:3.12-slim"
