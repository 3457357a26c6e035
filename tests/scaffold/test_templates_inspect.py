"""The slim and gunicorn templates from `dockharden new`, built on the engine, pass `inspect`."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from dockharden.cli import cli
from dockharden.cli.new import new
from dockharden.checks.inspect import inspect
from dockharden.scaffold.spec import DOCKERFILE_NAMES
from support import engine

pytestmark = pytest.mark.engine

BUILD_ARGS = {"APP_VERSION": "1.2.3", "BUILD_DATE": "2026-01-02T03:04:05Z", "COMMIT_SHA": "0123abcd"}
TEMPLATES = ("slim", "gunicorn")


@pytest.fixture(scope="module")
def template_images(docker_engine, tmp_path_factory):
    folder = tmp_path_factory.mktemp("templates")
    result = CliRunner().invoke(new, [str(folder), "--name", "dh-sample", "--template", "all"])
    assert result.exit_code == 0, result.output
    tags = {}
    try:
        for template in TEMPLATES:
            tags[template] = engine.unique_name(f"dockharden-test/inspect-{template}")
            engine.build(folder, DOCKERFILE_NAMES[template], tags[template], {"BASE_IMAGE": docker_engine, **BUILD_ARGS})
        yield tags
    finally:
        for tag in tags.values():
            engine.remove_image(tag)


@pytest.mark.parametrize("template", TEMPLATES)
def test_template_image_has_no_findings_at_all(template_images, template):
    report = inspect(template_images[template])
    assert report.error is None
    assert [(f.rule.code, f.message) for f in report.findings] == []


@pytest.mark.parametrize(("template", "healthcheck", "env"), [
    ("slim", "30s/10s/5s", "Required ENV set"),
    ("gunicorn", "30s/10s/10s", "Required ENV set + Gunicorn vars"),
])
def test_template_matrix_row(template_images, template, healthcheck, env):
    report = inspect(template_images[template])
    assert [(r.pattern, r.status.value, r.detail) for r in report.patterns] == [
        ("non_root_user", "pass", "UID 1000"), ("healthcheck", "pass", healthcheck), ("env_config", "pass", env),
        ("chown", "pass", "All files 1000:1000"), ("multi_stage", "not_checked", "not visible in an image"),
        ("no_secrets", "pass", "None found"), ("exec_form", "pass", "Exec form"), ("no_build_tools", "pass", "None"),
    ]


@pytest.mark.parametrize("template", TEMPLATES)
def test_template_passes_the_command_at_info_threshold(template_images, template):
    result = CliRunner().invoke(cli, ["inspect", template_images[template], "--threshold", "info"])
    assert (result.exit_code, result.stdout) == (0, "1 image, 0 errors, 0 warnings\n")
