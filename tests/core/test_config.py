"""Configuration from .dockharden.toml / [tool.dockharden], and command-line overrides."""
import json

DOCKERFILE = """\
FROM python:3.12-slim AS builder
RUN python -m venv /opt/venv
FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
COPY --from=builder /opt/venv /opt/venv
USER 1001:1001
EXPOSE 8000
HEALTHCHECK CMD ["python", "-c", "print(1)"]
CMD ["python", "-m", "http.server"]
"""


def _codes(result):
    return [f["rule"] for f in json.loads(result.out)["files"][0]["findings"]]


def _project(tmp_path, config_name=None, config_text=""):
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / ".dockerignore").write_text(".git\n")
    if config_name:
        (tmp_path / config_name).write_text(config_text)
    return tmp_path / "Dockerfile"


def test_defaults_expect_uid_1000(run_cli, tmp_path):
    path = _project(tmp_path)
    result = run_cli("lint", "--format", "json", path)
    assert _codes(result) == ["DH303", "DH905", "DH104"]
    assert result.code == 1


def test_dockharden_toml_sets_uid_disables_and_threshold(run_cli, tmp_path):
    path = _project(tmp_path, ".dockharden.toml", 'required-uid = 1001\ndisable = ["DH303", "missing-oci-labels"]\nthreshold = "error"\n')
    result = run_cli("lint", "--format", "json", path)
    assert _codes(result) == []
    assert result.code == 0


def test_pyproject_table_is_read(run_cli, tmp_path):
    path = _project(tmp_path, "pyproject.toml", '[project]\nname = "x"\n[tool.dockharden]\nrequired-env = ["HF_HOME"]\n')
    result = run_cli("lint", "--format", "json", path)
    assert "DH301" in _codes(result)
    finding = [f for f in json.loads(result.out)["files"][0]["findings"] if f["rule"] == "DH301"][0]
    assert finding["message"] == "the final stage does not set HF_HOME"


def test_command_line_overrides_file(run_cli, tmp_path):
    path = _project(tmp_path, ".dockharden.toml", "required-uid = 1000\n")
    result = run_cli("lint", "--format", "json", "--required-uid", "1001", "--disable", "DH905", path)
    assert _codes(result) == ["DH303"]
    assert result.code == 0  # info findings are below the default warning threshold


def test_purpose_by_path_glob(run_cli, tmp_path):
    path = _project(tmp_path, ".dockharden.toml", '[purpose]\n"Docker*" = "development"\n')
    path.write_text("FROM python:3.12-slim\nCMD [\"python\", \"-m\", \"http.server\"]\n")
    findings = json.loads(run_cli("lint", "--format", "json", path).out)["files"][0]["findings"]
    missing_user = [f for f in findings if f["rule"] == "DH102"][0]
    assert missing_user["severity"] == "info" and "a development image, as the configuration says so" in missing_user["message"]


def test_an_unknown_purpose_is_an_error(run_cli, tmp_path):
    path = _project(tmp_path, ".dockharden.toml", '[purpose]\n"*" = "prod"\n')
    result = run_cli("lint", path)
    assert result.code == 2 and "purpose 'prod' is not one of service, job, development, base, tool, output" in result.err


def test_unknown_key_is_one_line_exit_2(run_cli, tmp_path):
    path = _project(tmp_path, ".dockharden.toml", "required_uid = 1000\n")
    result = run_cli("lint", path)
    assert result.code == 2
    assert result.err == f"dockharden: error: {tmp_path / '.dockharden.toml'}: unknown key 'required_uid' (known: disable, enable, purpose, required-env, required-uid, size-budget-mb, target, threshold)\n"


def test_invalid_toml_is_one_line_exit_2(run_cli, tmp_path):
    path = _project(tmp_path, ".dockharden.toml", "threshold = \n")
    result = run_cli("lint", path)
    assert result.code == 2
    assert result.err.startswith(f"dockharden: error: {tmp_path / '.dockharden.toml'}: invalid TOML:")
    assert len(result.err.splitlines()) == 1


def test_output_file_written_whole_and_no_color(run_cli, tmp_path):
    path = _project(tmp_path)
    out = tmp_path / "reports" / "lint.sarif"
    result = run_cli("lint", "--format", "sarif", "--output", out, path)
    assert result.code == 1 and result.out == ""
    assert json.loads(out.read_text())["version"] == "2.1.0"
    assert [p.name for p in out.parent.iterdir()] == ["lint.sarif"]


def test_text_output_has_no_escape_codes_with_no_color(run_cli, tmp_path):
    path = _project(tmp_path)
    import os

    result = run_cli("lint", "--color", path, env={**os.environ, "NO_COLOR": "1"})
    assert "\x1b[" in result.out  # an explicit --color wins
    result = run_cli("lint", path, env={**os.environ, "NO_COLOR": "1"})
    assert "\x1b[" not in result.out
    assert result.out.splitlines()[-1] == "1 file, 0 errors, 1 warning, 2 info"
