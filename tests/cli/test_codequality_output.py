"""`lint --format codequality`: the report GitLab reads, written whole, with lint's exit codes."""
import json

BAD = "FROM python:3.12-slim\nCOPY . /app\nCMD python /app/main.py\n"


def test_lint_writes_a_code_quality_report_and_exits_1(run_cli, tmp_path):
    (tmp_path / "Dockerfile").write_text(BAD)
    result = run_cli("lint", "--format", "codequality", "--output", "gl-code-quality-report.json", "Dockerfile")
    assert (result.code, result.out, result.err) == (1, "", "")
    issues = json.loads((tmp_path / "gl-code-quality-report.json").read_text())
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        (code, severity, {"path": "Dockerfile", "lines": {"begin": line}}) for code, severity, line in (
            ("DH102", "major", 1), ("DH201", "major", 1), ("DH301", "minor", 1), ("DH303", "info", 1),
            ("DH905", "info", 1), ("DH906", "minor", 2), ("DH701", "major", 3))
    ]
    assert issues[-1]["description"] == (
        "DH701 shell-form-command: CMD in shell form runs under /bin/sh -c, which does not forward SIGTERM")


def test_an_unreadable_file_is_on_stderr_and_exits_2(run_cli, tmp_path):
    (tmp_path / "Dockerfile").write_text("RUN echo hi\n")
    result = run_cli("lint", "--format", "codequality", "Dockerfile")
    assert (result.code, result.out, result.err) == (2, "[]\n", "Dockerfile: error: line 1: no FROM instruction\n")
