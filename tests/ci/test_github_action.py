"""action.yml: valid action metadata (SchemaStore's schema, shipped with check-jsonschema),
and its steps' scripts run as the runner runs them: ${{ }} expressions substituted, the
runner's variables set, `bash --noprofile --norc -eo pipefail`. The setup-python step is
not run; its python-path output is this interpreter."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support.environment import environment

from .conftest import BAD_DOCKERFILE, bad_findings, ROOT, validate, write_files

ACTION = ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
BASH = ("bash", "--noprofile", "--norc", "-eo", "pipefail")  # GitHub's `shell: bash`


@pytest.fixture(scope="module")
def action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def step(action: dict, step_id: str) -> dict:
    return next(s for s in action["runs"]["steps"] if s.get("id") == step_id or s.get("name") == step_id)


class Runner:
    """What a runner gives a composite action's steps; `context` answers the expressions."""

    def __init__(self, action: dict, checkout: Path, temp: Path) -> None:
        self.action, self.temp = action, temp
        self.context = {"github.action_path": str(checkout), "steps.python.outputs.python-path": sys.executable}
        # Not this test run's venv: the action must use the dockharden it installed.
        path = [p for p in os.environ["PATH"].split(os.pathsep) if p != os.path.dirname(sys.executable)]
        self.path = os.pathsep.join(path)

    def run(self, name: str, workspace: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
        defaults = {key: spec.get("default", "") for key, spec in self.action["inputs"].items()}
        values = {**self.context, **{f"inputs.{key}": value for key, value in {**defaults, **inputs}.items()}}
        current = step(self.action, name)
        script = workspace.parent / f"{workspace.name}-{name}.sh"
        script.write_text(substitute(current["run"], values), encoding="utf-8")
        output = workspace.parent / f"{workspace.name}-{name}.output"
        output.write_text("")
        env = environment(
            **{key: substitute(str(value), values) for key, value in current.get("env", {}).items()},
            PATH=self.path, RUNNER_TEMP=str(self.temp), GITHUB_OUTPUT=str(output), GITHUB_WORKSPACE=str(workspace),
            GITHUB_ACTION_PATH=self.context["github.action_path"], GITHUB_ACTIONS="true", CI="true",
            DOCKHARDEN_PURE_PYTHON="1",  # the install skips compiling (minutes here); same findings (tests/test_build.py)
        )
        done = subprocess.run([*BASH, str(script)], cwd=workspace, env=env, capture_output=True, text=True, timeout=900)
        return done, dict(line.split("=", 1) for line in output.read_text().splitlines())


def substitute(text: str, values: dict[str, str]) -> str:
    """Every ${{ }} replaced; one this test does not know fails it (KeyError)."""
    return EXPRESSION.sub(lambda match: values[match.group(1)], text)


@pytest.fixture(scope="module")
def runner(action, checkout, tmp_path_factory) -> Runner:
    """The action's own install step, run once: dockharden in a venv under RUNNER_TEMP."""
    runner = Runner(action, checkout, tmp_path_factory.mktemp("runner-temp"))
    install, _ = runner.run("Install dockharden", tmp_path_factory.mktemp("workspace"))
    assert install.returncode == 0, install.stderr
    return runner


def workspace(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "workspace"
    write_files(folder, files)
    return folder


def test_the_metadata_is_valid():
    result = validate("vendor.github-actions", ACTION)
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")


def test_the_schema_rejects_a_broken_action(tmp_path, action):
    broken = {**action, "runs": {key: value for key, value in action["runs"].items() if key != "using"}}
    (tmp_path / "action.yml").write_text(yaml.safe_dump(broken))
    assert validate("vendor.github-actions", tmp_path / "action.yml").returncode == 1


def test_a_composite_action_with_its_inputs_and_exit_code(action):
    assert action["runs"]["using"] == "composite"
    assert list(action["inputs"]) == ["paths", "format", "threshold", "sarif-file", "python-version"]
    assert action["outputs"]["exit-code"]["value"] == "${{ steps.lint.outputs.exit-code }}"
    setup = step(action, "python")
    assert setup["uses"].startswith("actions/setup-python@")
    assert setup["with"]["update-environment"] is False  # the job's own Python stays first on PATH
    assert '"${{ github.action_path }}"' in step(action, "Install dockharden")["run"]


def test_expressions_are_only_in_env_and_the_install_path(action):
    """Inputs are passed as variables: an input's text can never become shell code."""
    for current in action["runs"]["steps"]:
        assert "${{ inputs." not in current.get("run", "")


def test_findings_fail_the_step_and_the_sarif_is_written(runner, tmp_path, good_project, sarif_validator):  # noqa: F811
    folder = workspace(tmp_path, {**good_project, "docker/Dockerfile": BAD_DOCKERFILE})
    done, outputs = runner.run("lint", folder, **{"sarif-file": "results.sarif"})
    expected = bad_findings("docker") + ["2 files, 3 errors, 1 warning, 3 info"]
    assert (done.returncode, done.stdout.splitlines(), done.stderr, outputs) == (1, expected, "", {"exit-code": "1"})
    log = json.loads((folder / "results.sarif").read_text())
    sarif_validator.validate(log)
    places = [(r["ruleId"], r["locations"][0]["physicalLocation"]) for r in log["runs"][0]["results"]]
    assert places[-1] == ("DH701", {"artifactLocation": {"uri": "docker/Dockerfile"}, "region": {"startLine": 3, "endLine": 3}})
    assert len(places) == len(bad_findings("docker"))


def test_a_clean_workspace_passes_and_writes_no_sarif_unless_asked(runner, tmp_path, good_project):
    folder = workspace(tmp_path, good_project)
    done, outputs = runner.run("lint", folder)
    assert (done.returncode, done.stdout, outputs) == (0, "1 file, 0 errors, 0 warnings\n", {"exit-code": "0"})
    assert sorted(path.name for path in folder.iterdir()) == [".dockerignore", "Dockerfile.optimized-slim"]


def test_paths_threshold_and_format_inputs(runner, tmp_path, good_project):
    warning_only = good_project["Dockerfile.optimized-slim"] + "RUN pip install flask\n"  # DH903, a warning
    folder = workspace(tmp_path, {"docker/.dockerignore": good_project[".dockerignore"], "docker/api.Dockerfile": warning_only,
                                  "docker/worker.Dockerfile": warning_only, "Dockerfile": "not linted\n"})
    done, outputs = runner.run("lint", folder, paths="docker/api.Dockerfile docker/w*.Dockerfile", format="json")
    assert (done.returncode, outputs) == (1, {"exit-code": "1"})
    report = json.loads(done.stdout)
    assert [(f["path"], [x["rule"] for x in f["findings"]]) for f in report["files"]] == [
        ("docker/api.Dockerfile", ["DH903"]), ("docker/worker.Dockerfile", ["DH903"])]
    done, outputs = runner.run("lint", folder, paths="docker", threshold="error")
    assert (done.returncode, done.stdout.splitlines()[-1], outputs) == (0, "2 files, 0 errors, 2 warnings", {"exit-code": "0"})


def test_an_unreadable_dockerfile_exits_2_and_the_sarif_says_why(runner, tmp_path, sarif_validator):  # noqa: F811
    folder = workspace(tmp_path, {"Dockerfile": "RUN echo hi\n"})
    done, outputs = runner.run("lint", folder, **{"sarif-file": "out/results.sarif"})
    assert (done.returncode, outputs) == (2, {"exit-code": "2"})
    assert done.stdout.splitlines()[0] == "Dockerfile: error: line 1: no FROM instruction"
    log = json.loads((folder / "out" / "results.sarif").read_text())
    sarif_validator.validate(log)
    [note] = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["message"] == {"text": "Dockerfile: line 1: no FROM instruction"}
