"""`dockharden inspect IMAGE`: formats, --matrix, ignores, settings, exit codes, one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from dockharden.cli import cli
from support.archives import directory, file, simple_image, tar_bytes

ROOT_LINE = "{path} IM101 image-root-user [error] the image config sets no User: the container runs as root"
LABELS_LINE = ("{path} IM904 image-missing-oci-labels [info] no label org.opencontainers.image.version, "
               "org.opencontainers.image.created, org.opencontainers.image.revision")


def run(*args: str):
    return CliRunner().invoke(cli, ["inspect", *args])


@pytest.fixture
def root_image(image_file):
    """Runs as root and has no OCI labels: one error, one info."""
    return str(image_file(User=None, Labels=None))


def test_clean_image_exits_0(image_file):
    path = str(image_file())
    result = run(path)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "1 image, 0 errors, 0 warnings\n", "")


def test_text_report_and_exit_1(root_image):
    result = run(root_image)
    expected = [ROOT_LINE.format(path=root_image), LABELS_LINE.format(path=root_image), "1 image, 1 error, 0 warnings, 1 info"]
    assert (result.exit_code, result.stdout.splitlines()) == (1, expected)


def test_threshold_decides_the_exit_code(image_file):
    warning_only = str(image_file(Env=["PATH=/usr/bin:/bin"]))
    assert run(warning_only).exit_code == 1
    assert run(warning_only, "--threshold", "error").exit_code == 0
    info_only = str(image_file(Labels=None))
    assert run(info_only).exit_code == 0
    assert run(info_only, "--threshold", "info").exit_code == 1


def test_json_report(root_image):
    result = run(root_image, "--format", "json")
    [report] = json.loads(result.stdout)["files"]
    assert report["path"] == root_image
    assert [(f["rule"], f["line"], f["severity"]) for f in report["findings"]] == [("IM101", 0, "error"), ("IM904", 0, "info")]
    assert report["patterns"]["non_root_user"] == {"status": "fail", "detail": "root (no USER)", "lines": []}
    assert report["patterns"]["multi_stage"] == {"status": "not_checked", "detail": "not visible in an image", "lines": []}


def test_sarif_report_validates(root_image, sarif_validator):  # noqa: F811
    log = json.loads(run(root_image, "--format", "sarif").stdout)
    sarif_validator.validate(log)
    driver_rules = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    assert driver_rules[:2] == ["IM101", "IM102"] and all(code.startswith("IM") for code in driver_rules)
    [root, labels] = log["runs"][0]["results"]
    assert (root["ruleId"], root["level"], labels["level"]) == ("IM101", "error", "note")
    region = {"startLine": 1, "endLine": 1}  # about the whole image: GitHub rejects a result without a region
    assert root["locations"] == [{"physicalLocation": {"artifactLocation": {"uri": "file://" + root_image}, "region": region}}]


def test_sarif_with_history_steps_validates(image_file, sarif_validator):  # noqa: F811
    layer = [file("app/.env", b"A=1\n")]
    log = json.loads(run(str(image_file(layer)), "--format", "sarif").stdout)
    sarif_validator.validate(log)
    [result] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "IM603"]
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "endLine": 3}


def test_codequality_report(root_image):
    result = run(root_image, "--format", "codequality")
    issues = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("IM101", "major", {"path": root_image, "lines": {"begin": 1}}),
        ("IM904", "info", {"path": root_image, "lines": {"begin": 1}}),
    ]


def test_junit_report(root_image):
    suite = ET.fromstring(run(root_image, "--format", "junit").stdout).find("testsuite")
    assert (suite.get("name"), suite.get("tests"), suite.get("failures")) == (root_image, "22", "1")
    names = [case.get("name") for case in suite]
    assert names[:2] == ["IM101 image-root-user", "IM904 image-missing-oci-labels"]


def test_markdown_report(root_image):
    lines = run(root_image, "--format", "markdown").stdout.splitlines()
    assert lines[:5] == ["# dockharden findings", "", "1 image, 1 error, 0 warnings, 1 info", "", f"## `{root_image}`"]
    assert "| - | IM101 `image-root-user` | error | the image config sets no User: the container runs as root |" in lines


def test_matrix(root_image):
    result = run(root_image, "--matrix")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2] == (
        f"| `{root_image}` | ❌ root (no USER) | ✅ 30s/10s/5s | ✅ Required ENV set | ✅ All files 1000:1000 "
        "| ➖ not visible in an image | ✅ None found | ✅ Exec form | ✅ None |")


def test_output_file(root_image, tmp_path):
    target = tmp_path / "report.json"
    result = run(root_image, "--format", "json", "--output", str(target))
    assert (result.exit_code, result.stdout) == (1, "")
    assert json.loads(target.read_text())["files"][0]["path"] == root_image


@pytest.mark.parametrize("option", [("--ignore", "IM101"), ("--ignore", "image-root-user"), ("--ignore", "im101"),
                                    ("--disable", "IM101"), ("--disable", "image-root-user")])
def test_ignore_and_disable(root_image, option):
    result = run(root_image, *option)
    assert (result.exit_code, result.stdout.splitlines()[0]) == (0, LABELS_LINE.format(path=root_image))


def test_ignore_of_an_unknown_rule_is_a_usage_error(root_image):
    result = run(root_image, "--ignore", "DH101")
    assert result.exit_code == 2
    assert "unknown image rule 'DH101'" in result.stderr


def test_settings_from_options_and_config(image_file, tmp_path, monkeypatch):
    app = [directory("app", uid=1500, gid=1500), file("app/main.py", b"1", uid=1500, gid=1500)]
    path = str(image_file(app, User="1500"))
    assert "IM103" in run(path).stdout
    assert run(path, "--required-uid", "1500").exit_code == 0
    assert "IM902 image-over-size-budget" in run(path, "--size-budget-mb", "0").stdout
    (tmp_path / ".dockharden.toml").write_text('required-uid = 1500\ndisable = ["IM904"]\nsize-budget-mb = 0\n')
    monkeypatch.chdir(tmp_path)
    result = run(path, "--disable", "IM902")
    assert (result.exit_code, result.stdout) == (0, "1 image, 0 errors, 0 warnings\n")


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    missing = str(tmp_path / "nope.tar")
    result = run(missing, "--format", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"{missing}: error: no such file or directory\n")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dockharden", "inspect", *args], capture_output=True, text=True, timeout=120)


def test_hostile_archive_is_one_line_and_exit_2_from_the_real_entry_point(tmp_path):
    hostile = tmp_path / "evil.tar"
    hostile.write_bytes(tar_bytes([file("../../evil", b"x"), *simple_image().members()]))
    result = _cli(str(hostile))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"{hostile}: error: path traversal '../../evil' in the archive\n"


def test_truncated_archive_is_one_line_and_exit_2(tmp_path):
    truncated = tmp_path / "short.tar"
    truncated.write_bytes(simple_image().tar()[:3000])
    result = _cli(str(truncated), "--format", "sarif")
    assert (result.returncode, result.stdout, len(result.stderr.splitlines())) == (2, "", 1)
    assert result.stderr.startswith(f"{truncated}: error: ")
