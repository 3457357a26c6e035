"""Which files `lint DIR` checks: the real-world names, not the folders nobody lints."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from dockharden.dockerfile.discover import EMPTY, MISSING, discover, is_dockerfile_name

REAL_NAMES = ["Dockerfile", "Dockerfile.prod", "Dockerfile-dev", "Dockerfile_amd", "app.dockerfile", "api.Dockerfile",
              "Containerfile", "Containerfile.prod", "Containerfile-gpu", "worker.Containerfile",
              "DockerfileCelery", "DockerfileProd", "dockerfile", "dockerfile.dev", "containerfile-gpu", "Qwen2VL_Dockerfile",
              "base-Dockerfile", "CPUDockerfile", "GPUDockerfile", "WorkerContainerfile"]
NOT_DOCKERFILES = ["Dockerfile.j2", "Dockerfile.dockerignore", "Dockerfile.md", "Dockerfile-build.sh", "Dockerfile.yaml",
                   "Dockerfile~", "Dockerfile.swp", "dockerfile-notes.txt", "README.md", "compose.yaml", "Makefile",
                   "Dockerfiles", "dockerfiles", "DockerfileProd.md", "dockerfile.yml", "dockerfile.js", "dockerfile-x1.js.map",
                   "dockerfile_facts.py", "image_at_dockerfile.py", "dockerfile.go", "dockerfile_test.go", "_dockerfile.j2",
                   "Dockerfile.ui.dockerignore", "mydockerfile", "dockerfileish", "generate-dockerfile", "x_dockerfile",
                   "cpuDockerfile", "GenerateDockerfile.java", "CPUDockerfile.md", "CPUdockerfile"]


@pytest.mark.parametrize("name", REAL_NAMES)
def test_real_world_names_are_dockerfiles(name):
    assert is_dockerfile_name(name)


@pytest.mark.parametrize("name", NOT_DOCKERFILES)
def test_templates_backups_and_scripts_are_not(name):
    assert not is_dockerfile_name(name)


def _touch(root: Path, *relative: str) -> None:
    for path in relative:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("FROM scratch\n")


def _found(root: Path) -> list[str]:
    found, errors = discover([root])
    assert errors == []
    return [p.relative_to(root).as_posix() for p in found]


def test_a_directory_is_searched_in_order_skipping_tool_and_dependency_folders(tmp_path):
    _touch(tmp_path, "Dockerfile", "svc/Dockerfile_amd", "svc/web.dockerfile", ".git/Dockerfile", "node_modules/x/Dockerfile",
           ".venv/Dockerfile", "env/Dockerfile", ".tox/py/Dockerfile")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")  # a virtualenv by any name
    assert _found(tmp_path) == ["Dockerfile", "svc/Dockerfile_amd", "svc/web.dockerfile"]


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_inside_a_git_repository_ignored_files_are_skipped_but_tracked_ones_kept(tmp_path):
    _git(tmp_path, "init", "-q")
    _touch(tmp_path, "Dockerfile", "build/Dockerfile", "vendor/Dockerfile.keep", "sub/Dockerfile.tmp-x", "sub/Dockerfile")
    (tmp_path / ".gitignore").write_text("build/\nvendor/\n")
    (tmp_path / "sub" / ".gitignore").write_text("Dockerfile.tmp-*\n")
    _git(tmp_path, "add", "-f", "vendor/Dockerfile.keep")  # tracked, though the pattern matches it
    assert _found(tmp_path) == ["Dockerfile", "sub/Dockerfile", "vendor/Dockerfile.keep"]
    assert _found(tmp_path / "sub") == ["Dockerfile"]


def test_an_ignored_folder_named_by_the_user_is_searched_whole(tmp_path):
    _git(tmp_path, "init", "-q")
    _touch(tmp_path, "build/Dockerfile", "build/deep/Dockerfile.x")
    (tmp_path / ".gitignore").write_text("build/\n")
    assert _found(tmp_path / "build") == ["Dockerfile", "deep/Dockerfile.x"]


def test_outside_a_repository_nothing_is_ignored(tmp_path):
    _touch(tmp_path, "build/Dockerfile")
    (tmp_path / ".gitignore").write_text("build/\n")
    assert _found(tmp_path) == ["build/Dockerfile"]


def test_a_file_given_by_name_is_checked_whatever_its_name(tmp_path):
    _touch(tmp_path, "notes.txt")
    assert discover([tmp_path / "notes.txt"]) == ([tmp_path / "notes.txt"], [])


def test_missing_paths_and_empty_folders_are_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    assert discover([tmp_path / "gone", tmp_path / "empty"]) == (
        [], [(str(tmp_path / "gone"), MISSING), (str(tmp_path / "empty"), EMPTY)])


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_a_file_a_build_of_the_folder_names_as_its_dockerfile_is_found(tmp_path):
    _write(tmp_path, {
        ".github/workflows/docker.yml": "jobs:\n  b:\n    steps:\n      - run: docker build -f t/smoke/docker/dev .\n",
        "build_docker.sh": "docker buildx build --file ./docker/cpu-image --tag x .\n",
        "compose.yaml": "services:\n  web:\n    build:\n      context: .\n      dockerfile: images/web\n",
        "t/smoke/docker/dev": "FROM python:3.13\n", "docker/cpu-image": "FROM python:3.13\n", "images/web": "FROM python:3.13\n",
        "Dockerfile": "FROM python:3.13\n", "docker/unbuilt": "FROM python:3.13\n",
    })
    assert _found(tmp_path) == ["Dockerfile", "docker/cpu-image", "images/web", "t/smoke/docker/dev"]


def test_a_named_file_is_found_once_and_missing_templates_and_outside_files_are_not(tmp_path):
    _write(tmp_path, {
        "inner/build.sh": ("docker build -f docker/Dockerfile .\ndocker build -f gone/dev .\ndocker build -f Dockerfile.j2 .\n"
                           "docker build -f ../outside/dev .\ndocker build -f node_modules/x/dev .\n"),
        "inner/docker/Dockerfile": "FROM python:3.13\n", "inner/Dockerfile.j2": "FROM {{ base }}\n",
        "outside/dev": "FROM python:3.13\n", "inner/node_modules/x/dev": "FROM python:3.13\n",
    })
    assert _found(tmp_path / "inner") == ["docker/Dockerfile"]
