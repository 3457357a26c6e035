""".pre-commit-hooks.yaml, run by the real pre-commit: `pre-commit try-repo` clones the
working tree (tests/ci/conftest.py's checkout), pip-installs dockharden into its own
environment from PyPI, and runs the hook on a project's Dockerfiles."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from dockharden.dockerfile.discover import is_dockerfile_name
from support.environment import environment

from .conftest import BAD_DOCKERFILE, bad_findings, ROOT, git, program, write_files

HOOKS = ROOT / ".pre-commit-hooks.yaml"
# The hook's file names besides those `lint DIR` finds: a file given by name is always linted.


@pytest.fixture(scope="module")
def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def hook(hooks) -> dict:
    return hooks["dockharden"]


def try_repo(checkout: Path, project: Path, scratch: Path) -> subprocess.CompletedProcess[str]:
    """try-repo builds the hook's environment afresh in a temporary store each time (under
    TMPDIR, here in scratch); PRE_COMMIT_HOME keeps the rest of pre-commit's state there too.
    DOCKHARDEN_PURE_PYTHON: its pip install skips compiling (minutes on these machines);
    the compiled build gives the same findings (tests/test_build.py)."""
    (scratch / "tmp").mkdir()
    env = environment(PRE_COMMIT_HOME=str(scratch / "home"), TMPDIR=str(scratch / "tmp"), DOCKHARDEN_PURE_PYTHON="1",
                      PRE_COMMIT_COLOR="never", NO_COLOR="1")
    return subprocess.run([program("pre-commit"), "try-repo", str(checkout), "dockharden", "--all-files"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)


def project(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    git("init", "-q", cwd=folder)
    write_files(folder, files)
    git("add", "-A", cwd=folder)
    return folder


def hook_output(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The lines after pre-commit's status line for the hook."""
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("dockharden...."))
    return lines[start:]


def test_the_manifest_is_valid(hook):
    done = subprocess.run([program("pre-commit"), "validate-manifest", str(HOOKS)], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert (hook["id"], hook["entry"], hook["language"]) == ("dockharden", "dockharden lint", "python")


def test_the_fix_hook_runs_fix_on_the_same_files(hooks):
    assert list(hooks) == ["dockharden", "dockharden-fix"]
    fixer, linter = hooks["dockharden-fix"], hooks["dockharden"]
    assert (fixer["entry"], fixer["language"]) == ("dockharden fix", "python")
    assert (fixer["files"], fixer["exclude"]) == (linter["files"], linter["exclude"])


@pytest.mark.parametrize("name", [
    "Dockerfile", "Dockerfile.dev", "Dockerfile-prod", "Dockerfile_dev", "api.Dockerfile", "api.dockerfile",
    "Containerfile", "Containerfile.gpu", "docker/sub/Dockerfile", "docker/sub/api.Dockerfile",
    "Dockerfile.dockerignore", ".dockerignore", "Dockerfile.j2", "templates/Dockerfile.dev.j2", "Dockerfile.orig",
    "Dockerfile.rej", "Dockerfile.swp", "Dockerfile~", "Dockerfiles", "MyDockerfile", "dockerfile", "Dockerfile/README.md",
    "Containerfile-x", "notes.Dockerfile.txt", "docs/Dockerfile.md", "Dockerfile.dev.yaml", "worker.Containerfile",
    "Containerfile_arm", "Dockerfile-build.sh", "Dockerfile.bak", "DockerfileCelery", "gui/DockerfileProd", "dockerfile.dev",
    "Qwen2VL_Dockerfile", "base-Dockerfile", "generate-dockerfile", "dockerfile.js", "dockerfile_test.go", "src/dockerfile_facts.py",
    "containerfile", "dockerfiles", "docker/CPUDockerfile", "GPUContainerfile", "cpuDockerfile", "CPUDockerfile.md",
])
def test_the_hook_takes_the_files_lint_takes(hook, name):
    basename = name.rpartition("/")[2]
    expected = is_dockerfile_name(basename)
    hooked = bool(re.search(hook["files"], name)) and not re.search(hook["exclude"], name)
    assert hooked == expected


def test_a_bad_dockerfile_fails_with_its_findings_and_a_good_one_passes(checkout, tmp_path, good_project):
    files = {**good_project, "docker/Dockerfile": BAD_DOCKERFILE, "README.md": "# not linted\n",
             "Dockerfile.j2": "{{ not linted }}\n"}
    result = try_repo(checkout, project(tmp_path / "project", files), tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    output = hook_output(result)
    assert re.fullmatch(r"dockharden\.+Failed", output[0])
    assert output[1:4] == ["- hook id: dockharden", "- exit code: 1", ""]
    assert output[4:] == bad_findings("docker") + [
        "2 files, 3 errors, 1 warning, 3 info", ""]


def test_a_good_dockerfile_passes(checkout, tmp_path, good_project):
    result = try_repo(checkout, project(tmp_path / "project", good_project), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"dockharden\.+Passed", hook_output(result)[0])
    assert hook_output(result)[1:] == []


def test_an_unreadable_dockerfile_exits_2_naming_its_line(checkout, tmp_path):
    result = try_repo(checkout, project(tmp_path / "project", {"Containerfile": "RUN echo hi\n"}), tmp_path)
    output = hook_output(result)
    assert (result.returncode, output[2]) == (1, "- exit code: 2")
    assert output[4:] == ["Containerfile: error: line 1: no FROM instruction",
                          "1 file, 0 errors, 0 warnings, 1 file not checked", ""]
