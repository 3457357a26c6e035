"""The installed package: compiled with mypyc exactly where setup.py can compile it, and
linting exactly as the Python source does.

CI installs the package as a user does (`pip install .`), so the rest of the suite runs
the compiled modules; an editable install is pure Python by design (setup.py)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import dockharden
from dockharden.core.compiled import build_description, compiled_modules
from support.dockerfile_corpus import generate
from support.environment import environment

ROOT = Path(__file__).resolve().parents[1]
PROMISED = tuple(sorted(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["dockharden-build"]["compiled"]))
BAD_INPUTS = {"binary": b"FROM x\x00\n", "heredoc": b"FROM x\nRUN <<EOF\necho\n", "latin1": b"FROM caf\xe9\n", "empty": b""}


def _can_compile() -> bool:
    editable = Path(dockharden.__file__).resolve().parent == ROOT / "src" / "dockharden"
    headers = Path(sysconfig.get_paths()["include"], "Python.h").is_file()
    compiler = shutil.which(os.environ.get("CC", "cc").split()[0]) is not None
    return not editable and headers and compiler and not os.environ.get("DOCKHARDEN_PURE_PYTHON")


def test_the_lint_path_is_compiled_exactly_where_setup_can_compile_it():
    expected = PROMISED if _can_compile() else ()
    assert compiled_modules() == expected
    assert build_description() == (f"compiled: {len(PROMISED)} modules" if expected else "pure Python")


def test_the_version_says_how_the_package_was_built():
    done = subprocess.run([sys.executable, "-m", "dockharden", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout == f"dockharden, version 0.1.0 ({build_description()})\n"


def _lint(paths: list[Path], command: str, pythonpath: str | None) -> str:
    args = [sys.executable, "-m", "dockharden", command, "--format", "json", *map(str, paths)]
    done = subprocess.run(args, capture_output=True, text=True, env=environment(PYTHONPATH=pythonpath), cwd=paths[0].parent)
    assert done.returncode in (0, 1, 2), done.stderr
    return done.stdout


def _which_lint(pythonpath: str | None) -> str:
    code = "import dockharden.checks.lint as l; print(l.__file__)"
    env = environment(PYTHONPATH=pythonpath)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.strip()


def test_the_installed_package_lints_a_corpus_exactly_as_the_python_source_does(tmp_path):
    for number, text in enumerate(generate(400, seed=11)):
        (tmp_path / f"{number:03d}").mkdir()
        (tmp_path / f"{number:03d}" / "Dockerfile").write_text(text, encoding="utf-8")
    for name, data in BAD_INPUTS.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "Dockerfile").write_bytes(data)
    paths = sorted(tmp_path.iterdir()) + [ROOT / "tests" / "fixtures", ROOT / "examples", ROOT / "tests" / "dockerfile" / "cases"]
    source = str(ROOT / "src")
    assert _which_lint(source) == str(ROOT / "src" / "dockharden" / "checks" / "lint.py")
    for command in ("lint", "matrix"):
        installed, from_source = _lint(paths, command, None), _lint(paths, command, source)
        assert installed == from_source
    files = json.loads(installed)["files"]
    assert len(files) > 500
    assert sum(1 for f in files if f.get("error")) >= len(BAD_INPUTS)


def _wheel_without_a_working_compiler(tmp_path: Path, cc: str) -> tuple[list[str], str]:
    """A wheel built from a copy of the project (the checkout's build/ may hold compiled objects)."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.egg-info"))
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, project / name)
    env = environment(PYTHONPATH=None, DOCKHARDEN_PURE_PYTHON=None, CC=cc)
    args = [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(tmp_path), str(project)]
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    (wheel,) = tmp_path.glob("dockharden-*.whl")
    return zipfile.ZipFile(wheel).namelist(), done.stdout + done.stderr


def test_a_machine_without_a_c_compiler_gets_the_pure_python_package(tmp_path):
    names, log = _wheel_without_a_working_compiler(tmp_path, "/nonexistent/cc")
    assert "warning: no C compiler: dockharden is installed as pure Python" in log
    assert [n for n in names if n.endswith(".so")] == []
    assert {"dockharden/dockerfile/parser.py", "dockharden/checks/lint.py", "dockharden/checks/dockerfile/root_user.py"} <= set(names)


def test_a_compiler_that_fails_leaves_no_half_compiled_package(tmp_path):
    names, log = _wheel_without_a_working_compiler(tmp_path, "false")
    assert "warning: dockharden is installed as pure Python: compiling failed" in log
    assert [n for n in names if n.endswith(".so")] == []
    assert "dockharden/dockerfile/model.py" in names
