"""hadolint, trivy config and checkov, at their defaults, find nothing in the generated Dockerfiles.

The one inline exception is checkov's CKV_DOCKER_7, which cannot see that `FROM ${BASE_IMAGE}`
has a pinned tag in the ARG default; the template says so next to the skip.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from support.environment import TEST_INSTALL

from dockharden.core.external import find_program
from dockharden.scaffold.render import render_all
from dockharden.scaffold.spec import DOCKERFILE_NAMES, ServiceSpec

VARIANTS = {
    "defaults": {},
    "custom": {"uid": 1234, "gid": 2345, "port": 9000, "read_only_code": True, "uv_lock": True, "gpu": True,
               "k8s": True, "base_image": "nvidia/cuda:12.4.1-runtime-ubuntu22.04", "app_dir": "src"},
}
DOCKERFILES = sorted(DOCKERFILE_NAMES.values())


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def generated(request, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp(request.param)
    for relative, text in render_all(ServiceSpec(template="gunicorn", **VARIANTS[request.param])).items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    return root


def tool(*command: str, cwd: Path) -> str:
    program = find_program(command[0])
    assert program, f"{command[0]} is not installed: {TEST_INSTALL}"
    result = subprocess.run([program, *command[1:]], capture_output=True, text=True, cwd=cwd, timeout=300)
    assert result.stdout.strip(), f"{command[0]} printed nothing: {result.stderr[-2000:]}"
    return result.stdout


def test_hadolint_finds_nothing(generated):
    assert json.loads(tool("hadolint", "--no-color", "-f", "json", *DOCKERFILES, cwd=generated)) == []


def trivy_results(folder: Path) -> dict[str, dict]:
    report = json.loads(tool("trivy", "config", "--skip-check-update", "-f", "json", ".", cwd=folder))
    return {result["Target"]: result for result in report.get("Results", [])}


def test_trivy_config_finds_nothing_in_the_dockerfiles(generated):
    results = trivy_results(generated)
    for name in DOCKERFILES:
        assert results[name]["MisconfSummary"]["Failures"] == 0
        assert results[name].get("Misconfigurations", []) == []


def test_trivy_finds_nothing_above_low_in_the_k8s_manifests(generated):
    """LOW only: UID <= 10000 (the spec's UID 1000 is deliberate) and no namespace (chosen at deploy)."""
    manifests = {t: r for t, r in trivy_results(generated).items() if t.startswith("k8s/")}
    severities = {m["Severity"] for r in manifests.values() for m in r.get("Misconfigurations", [])}
    assert severities <= {"LOW"}


def test_checkov_finds_nothing_and_skips_only_the_unexpanded_base_tag(generated):
    output = tool("checkov", "-d", ".", "--framework", "dockerfile", "-o", "json", cwd=generated)
    report = json.loads(output)
    (report,) = report if isinstance(report, list) else [report]
    assert report["summary"]["failed"] == 0
    assert report["summary"]["resource_count"] == len(DOCKERFILES)
    skipped = report["results"]["skipped_checks"]
    assert sorted(s["file_path"].lstrip("/") for s in skipped) == DOCKERFILES
    assert {s["check_id"] for s in skipped} == {"CKV_DOCKER_7"}
    assert {s["check_result"]["suppress_comment"].strip() for s in skipped} == {
        "BASE_IMAGE's default pins a tag; checkov does not expand ARGs in FROM"}
