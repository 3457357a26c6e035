"""The CI integrations at the repository root and in ci/: Dockerfiles to lint, and the
outside programs that check them (found as dockharden finds programs, never skipped)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from dockharden.core.external import find_program
from support.environment import TEST_INSTALL

ROOT = Path(__file__).resolve().parents[2]
BAD_DOCKERFILE = "FROM python:3.12-slim\nCOPY . /app\nCMD python /app/main.py\n"
# The findings of BAD_DOCKERFILE at the warning threshold, as `lint` prints them, in FOLDER.
_BAD_FINDINGS = [
    "1 DH102 missing-user [error] the final stage sets no USER, so it runs as root",
    "1 DH201 missing-healthcheck [error] the final stage has no HEALTHCHECK",
    "1 DH301 missing-required-env [warning] the final stage does not set PYTHONUNBUFFERED, PYTHONDONTWRITEBYTECODE",
    "1 DH303 missing-build-args [info] no ARG: nothing is configurable at build time",
    "1 DH905 missing-oci-labels [info] no label from a build arg for: org.opencontainers.image.version, "
    "org.opencontainers.image.created, org.opencontainers.image.revision",
    "2 DH906 missing-dockerignore [info] the build context {folder} (the Dockerfile's folder) has no .dockerignore: "
    "COPY . sends and copies all of it; it holds nothing a .dockerignore would leave out now (no .git, .env, keys, "
    "node_modules or virtualenv), but what is made there later goes too",
    "3 DH701 shell-form-command [error] CMD in shell form runs under /bin/sh -c, which does not forward SIGTERM",
]


def bad_findings(folder: str) -> list[str]:
    """What lint prints for FOLDER/Dockerfile holding BAD_DOCKERFILE (python:3.12-slim ships
    no build tools, so single-stage does not fire)."""
    return [f"{folder}/Dockerfile:" + finding.format(folder=folder) for finding in _BAD_FINDINGS]


def program(name: str) -> str:
    found = find_program(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run {TEST_INSTALL}", pytrace=False)
    return found


@pytest.fixture(scope="session")
def good_project(tmp_path_factory) -> dict[str, str]:
    """The slim template's Dockerfile and .dockerignore, as `dockharden new` writes them: lints clean."""
    folder = tmp_path_factory.mktemp("good")
    subprocess.run([program("dockharden"), "new", str(folder), "--template", "slim"], check=True, capture_output=True)
    return {name: (folder / name).read_text(encoding="utf-8") for name in ("Dockerfile.optimized-slim", ".dockerignore")}


def write_files(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def validate(builtin_schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema against one of SchemaStore's schemas it ships (no network)."""
    return subprocess.run([program("check-jsonschema"), "--builtin-schema", builtin_schema, str(path)],
                          capture_output=True, text=True, timeout=120)


def git(*args: str, cwd: Path) -> str:
    identity = ("-c", "user.name=dockharden tests", "-c", "user.email=tests@dockharden.invalid", "-c", "commit.gpgsign=false")
    done = subprocess.run([program("git"), *identity, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


@pytest.fixture(scope="session")
def checkout(tmp_path_factory) -> Path:
    """This working tree as a repository of one commit, uncommitted and new files included,
    ignored ones (.venv, caches) left out: what pre-commit clones and the action installs."""
    copy = tmp_path_factory.mktemp("checkout") / "dockharden"
    for name in git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0"):
        source = ROOT / name
        if name and source.is_file():  # a file deleted but not yet staged is listed too
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    git("init", "-q", cwd=copy)
    git("add", "-A", cwd=copy)
    git("commit", "-q", "-m", "the working tree under test", cwd=copy)
    return copy
