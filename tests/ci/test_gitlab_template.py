"""ci/gitlab/dockharden.yml: valid GitLab CI, a job whose Code Quality artifact its own
script writes; the script run as the runner runs it (sh -e, the job's variables set)."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from support.environment import environment

from .conftest import BAD_DOCKERFILE, bad_findings, ROOT, program, validate, write_files

TEMPLATE = ROOT / "ci" / "gitlab" / "dockharden.yml"
REPORT = "gl-code-quality-report.json"


@pytest.fixture(scope="module")
def job() -> dict:
    return yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))["dockharden"]


def run_script(job: dict, project: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """The job's script (not before_script's install: dockharden is installed here) in sh -e."""
    scripts = os.path.dirname(program("dockharden"))
    env = environment(**{**job["variables"], **variables}, PATH=scripts + os.pathsep + os.environ["PATH"])
    return subprocess.run(["sh", "-e", "-c", "\n".join(job["script"])], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_template_is_valid_gitlab_ci():
    result = validate("vendor.gitlab-ci", TEMPLATE)
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")


def test_the_job_publishes_the_report_its_script_writes(job):
    assert job["artifacts"] == {"when": "always", "reports": {"codequality": REPORT}}
    assert f"--format codequality --output {REPORT}" in job["script"][0]
    assert job["variables"] == {"DOCKHARDEN_PATHS": ".", "DOCKHARDEN_THRESHOLD": "", "DOCKHARDEN_INSTALL": "dockharden",
                                "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    assert job["before_script"] == ['python -m pip install --no-cache-dir --quiet "$DOCKHARDEN_INSTALL"']


def test_findings_fail_the_job_and_fill_the_report(job, tmp_path, good_project):
    write_files(tmp_path, {**good_project, "bad/Dockerfile": BAD_DOCKERFILE})
    result = run_script(job, tmp_path)
    expected = bad_findings("bad") + ["2 files, 3 errors, 1 warning, 3 info"]
    assert (result.returncode, result.stdout.splitlines(), result.stderr) == (1, expected, "")
    issues = json.loads((tmp_path / REPORT).read_text())
    assert {issue["location"]["path"] for issue in issues} == {"bad/Dockerfile"}
    assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in issues][-1] == ("DH701", 3)


def test_a_clean_project_passes_with_an_empty_report(job, tmp_path, good_project):
    write_files(tmp_path, good_project)
    result = run_script(job, tmp_path)
    assert (result.returncode, result.stdout) == (0, "1 file, 0 errors, 0 warnings\n")
    assert (tmp_path / REPORT).read_text() == "[]\n"


def test_variables_choose_paths_and_threshold(job, tmp_path, good_project):
    warning_only = good_project["Dockerfile.optimized-slim"] + "RUN pip install flask\n"  # DH903, a warning
    write_files(tmp_path, {**good_project, "Dockerfile": "not a Dockerfile\n", "docker/api.Dockerfile": warning_only,
                           "docker/.dockerignore": good_project[".dockerignore"]})
    result = run_script(job, tmp_path, DOCKHARDEN_PATHS="docker Dockerfile.optimized-slim")
    assert (result.returncode, result.stdout.splitlines()[-1]) == (1, "2 files, 0 errors, 1 warning")
    issues = json.loads((tmp_path / REPORT).read_text())
    assert [(i["check_name"], i["location"]["path"]) for i in issues] == [("DH903", "docker/api.Dockerfile")]
    result = run_script(job, tmp_path, DOCKHARDEN_PATHS="docker", DOCKHARDEN_THRESHOLD="error")
    assert (result.returncode, result.stdout.splitlines()[-1]) == (0, "1 file, 0 errors, 1 warning")


def test_an_unreadable_dockerfile_exits_2_with_one_line(job, tmp_path):
    (tmp_path / "Dockerfile").write_text("RUN echo hi\n")
    result = run_script(job, tmp_path)
    error = "Dockerfile: error: line 1: no FROM instruction"
    assert (result.returncode, result.stderr) == (2, error + "\n")  # from the report's run; the text run shows it in place
    assert result.stdout.splitlines() == [error, "1 file, 0 errors, 0 warnings, 1 file not checked"]
    assert (tmp_path / REPORT).read_text() == "[]\n"
