"""The engine harness's own decisions that do not need an engine."""
from __future__ import annotations

import pytest
from support import engine


@pytest.mark.parametrize(("environ", "fails"), [
    ({"CI": "true"}, True),
    ({"CI": "TRUE"}, True),
    ({"CI": "false"}, False),
    ({"CI": "1"}, False),
    ({}, False),
])
def test_only_ci_true_turns_a_missing_engine_into_a_failure(environ, fails):
    assert engine.must_fail_without_engine(environ) is fails


def test_unique_names_differ_and_keep_the_prefix():
    first, second = engine.unique_name("dockharden-test"), engine.unique_name("dockharden-test")
    assert first != second and first.startswith("dockharden-test-") and second.startswith("dockharden-test-")


@pytest.mark.engine
def test_engine_fixture_gives_a_running_engine_with_the_base_image(docker_engine):
    assert docker_engine == engine.BASE_IMAGE
    assert engine.engine_ready() and engine.image_exists(docker_engine)
    assert engine.docker("run", "--rm", "--network", "none", docker_engine, "python3", "-c", "print(6 * 7)").stdout == "42\n"
