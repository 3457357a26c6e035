"""`dockharden new`: what it writes, what it refuses, what it says."""
from __future__ import annotations

import stat

import pytest
from click.testing import CliRunner

from dockharden.commands.new import DEV_WARNING, new
from dockharden.scaffold import ServiceSpec, render, render_all

SLIM_FILES = ["Dockerfile.optimized-slim", ".dockerignore", "compose.yaml", "app/main.py", "requirements.txt"]


def run(*args: str):
    return CliRunner().invoke(new, list(args))


def tree(root) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


def test_writes_the_rendered_files_and_lists_them(tmp_path):
    result = run(str(tmp_path / "svc"))
    assert result.exit_code == 0, result.output
    assert tree(tmp_path / "svc") == render(ServiceSpec(name="svc"))
    lines = result.stdout.splitlines()
    assert lines[0] == f"Wrote 5 files to {tmp_path / 'svc'}:"
    assert [line.split()[0] for line in lines[1:6]] == SLIM_FILES
    assert lines[-1] == f"Next: docker build -f Dockerfile.optimized-slim -t svc {tmp_path / 'svc'}"
    assert result.stderr == ""


def test_template_all_writes_four_dockerfiles_and_deploys_gunicorn(tmp_path):
    result = run(str(tmp_path), "--template", "all", "--k8s", "--name", "svc")
    assert result.exit_code == 0, result.output
    assert tree(tmp_path) == render_all(ServiceSpec(template="gunicorn", name="svc", k8s=True))
    assert DEV_WARNING in result.stdout


def test_files_are_readable_by_everyone_and_no_temporary_file_is_left(tmp_path):
    assert run(str(tmp_path), "--read-only-code").exit_code == 0
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.rglob("*") if p.is_file()}
    assert set(modes.values()) == {0o644}
    assert sorted(modes) == sorted(p.rsplit("/", 1)[-1] for p in SLIM_FILES)


def test_refuses_to_overwrite_and_writes_nothing(tmp_path):
    (tmp_path / "compose.yaml").write_text("mine\n")
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'compose.yaml'}: already exists; use --force to overwrite\n"
    assert tree(tmp_path) == {"compose.yaml": "mine\n"}


def test_refusal_counts_the_other_existing_files(tmp_path):
    assert run(str(tmp_path), "--template", "slim").exit_code == 0
    result = run(str(tmp_path), "--template", "slim")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {tmp_path / 'Dockerfile.optimized-slim'}: already exists (and 2 more); "
                             "use --force to overwrite\n")


def test_force_overwrites_generated_files_but_keeps_the_users_app(tmp_path):
    (tmp_path / "compose.yaml").write_text("old\n")
    (tmp_path / "app").mkdir()
    (tmp_path / "app/main.py").write_text("app = 'mine'\n")
    (tmp_path / "requirements.txt").write_text("torch==2.3.0\n")
    result = run(str(tmp_path), "--force", "--name", "svc")
    assert result.exit_code == 0, result.output
    assert tree(tmp_path)["compose.yaml"] == render(ServiceSpec(name="svc"))["compose.yaml"]
    assert tree(tmp_path)["app/main.py"] == "app = 'mine'\n"
    assert tree(tmp_path)["requirements.txt"] == "torch==2.3.0\n"
    assert "  kept your app/main.py" in result.stdout.splitlines()
    assert "  kept your requirements.txt" in result.stdout.splitlines()


def test_an_existing_app_needs_no_force(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app/main.py").write_text("app = 'mine'\n")
    result = run(str(tmp_path))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Wrote 4 files to {tmp_path}:"
    assert "  kept your app/main.py" in lines
    assert tree(tmp_path)["app/main.py"] == "app = 'mine'\n"


def test_alpine_warns_about_packages_without_musl_wheels(tmp_path):
    (tmp_path / "requirements.txt").write_text("fastapi==0.115.0\ntorch==2.3.0\nsentencepiece\n")
    result = run(str(tmp_path), "--template", "alpine")
    assert result.exit_code == 0
    assert result.stderr == ("warning: requirements.txt names sentencepiece, torch: no musl wheels, so the alpine "
                             "image compiles them or fails to build; use --template slim\n")


@pytest.mark.parametrize("template", ["slim", "gunicorn", "dev"])
def test_only_alpine_warns_about_musl(tmp_path, template):
    (tmp_path / "requirements.txt").write_text("torch==2.3.0\n")
    assert run(str(tmp_path), "--template", template).stderr == ""


def test_alpine_with_the_sample_requirements_does_not_warn(tmp_path):
    assert run(str(tmp_path), "--template", "alpine").stderr == ""


def test_alpine_reads_pyproject_and_uv_lock_with_uv_lock(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\ndependencies = ["onnxruntime>=1.17"]\n')
    (tmp_path / "uv.lock").write_text('[[package]]\nname = "onnxruntime"\n')
    result = run(str(tmp_path), "--template", "alpine", "--uv-lock")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("names onnxruntime: no musl wheels") == 2
    assert "requirements.txt" not in tree(tmp_path)


def test_uv_lock_without_a_lock_file_is_an_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    result = run(str(tmp_path), "--uv-lock")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'uv.lock'}: not found (--uv-lock needs pyproject.toml and uv.lock)\n"
    assert tree(tmp_path) == {"pyproject.toml": "[project]\n"}


@pytest.mark.parametrize("template", ["dev", "all"])
def test_dev_is_announced_as_development_only(tmp_path, template):
    assert DEV_WARNING in run(str(tmp_path), "--template", template).stdout


def test_production_templates_do_not_print_the_dev_warning(tmp_path):
    assert DEV_WARNING not in run(str(tmp_path), "--template", "gunicorn").stdout


@pytest.mark.parametrize(("options", "message"), [
    (["--port", "0"], "--port 0 must be between 1 and 65535"),
    (["--uid", "0"], "--uid 0 must be a non-root id (1 or more)"),
    (["--app-module", "main"], "--app-module 'main' must look like main:app"),
    (["--health-path", "health"], "--health-path 'health' must be a path such as /health"),
    (["--requirements", "../x.txt"], "--requirements '../x.txt' must be a relative file inside the project"),
    (["--name", "Bad Name"], "--name 'Bad Name' must be a DNS label (a-z, 0-9, '-')"),
])
def test_bad_options_are_one_line_errors(tmp_path, options, message):
    result = run(str(tmp_path), *options)
    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")
    assert tree(tmp_path) == {}


def test_name_defaults_to_the_folder_as_a_dns_label(tmp_path):
    folder = tmp_path / "My_ML Service"
    assert run(str(folder)).exit_code == 0
    assert "  my-ml-service:\n" in (folder / "compose.yaml").read_text()


def test_a_file_where_a_folder_must_go_is_an_error_before_writing(tmp_path):
    (tmp_path / "k8s").write_text("not a folder\n")
    result = run(str(tmp_path), "--k8s")
    assert (result.exit_code, result.stderr) == (2, f"Error: {tmp_path / 'k8s'}: is not a directory\n")
    assert tree(tmp_path) == {"k8s": "not a folder\n"}


def test_force_twice_writes_the_same_files(tmp_path):
    assert run(str(tmp_path), "--template", "all", "--k8s").exit_code == 0
    first = tree(tmp_path)
    assert run(str(tmp_path), "--template", "all", "--k8s", "--force").exit_code == 0
    assert tree(tmp_path) == first
