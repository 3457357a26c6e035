"""`dockharden lint` finds nothing in the generated Dockerfiles, and their matrix passes.

The dev template fails only multi_stage (DH501), as the specification's matrix says.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from dockharden.core.vocabulary import PATTERNS, Status
from dockharden.scaffold.render import render_all
from dockharden.scaffold.spec import DOCKERFILE_NAMES, TEMPLATES, ServiceSpec

VARIANTS = {
    "defaults": {},
    "options": {"port": 9000, "health_path": "/healthz", "read_only_code": True, "uv_lock": True, "gpu": True,
                "k8s": True, "app_dir": "src", "app_module": "service.api:application",
                "base_image": "python:3.12-slim-bookworm"},
}


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def generated(request, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp(request.param)
    files = render_all(ServiceSpec(template="gunicorn", **VARIANTS[request.param]))
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    return root, files


def lint(generated, template: str):
    from dockharden.checks.lint import (
        lint_text,  # the linter is another module's job; import it only here
    )

    root, files = generated
    name = DOCKERFILE_NAMES[template]
    return lint_text(files[name], name, root)


@pytest.mark.parametrize("template", [t for t in TEMPLATES if t != "dev"])
def test_production_templates_have_no_findings_and_pass_every_pattern(generated, template):
    report = lint(generated, template)
    assert report.error is None
    assert [(f.rule.code, f.line, f.message) for f in report.findings] == []
    assert {p.pattern: p.status for p in report.patterns} == {pattern: Status.PASS for pattern in PATTERNS}


def test_dev_template_is_one_slim_stage_with_nothing_to_separate(generated):
    # no compilers and no caches: a builder stage would keep nothing out of it
    report = lint(generated, "dev")
    assert [f.rule.code for f in report.findings] == []
    assert {p.pattern: p.status for p in report.patterns} == {pattern: Status.PASS for pattern in PATTERNS}


@pytest.mark.parametrize("template", TEMPLATES)
def test_matrix_details_name_uid_1000_and_the_template_timings(generated, template):
    details = {p.pattern: p.detail for p in lint(generated, template).patterns}
    timings = ServiceSpec(template=template).timings
    assert details["non_root_user"] == "UID 1000"
    assert details["healthcheck"] == f"{timings.interval}/{timings.timeout}/{timings.start_period}"
