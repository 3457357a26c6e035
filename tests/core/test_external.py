"""The one seam to outside programs finds what was installed beside the interpreter first."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dockharden.core.external import ProgramNotFound, find_program, run_program


def _script(folder: Path, name: str, says: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\necho {says}\n")
    path.chmod(0o755)
    return path


def _lookup(python: Path, name: str, path: str) -> str:
    code = textwrap.dedent(f"""
        from dockharden.core.external import find_program
        print(find_program({name!r}))
    """)
    env = {"PATH": path, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True, env=env, check=True).stdout.strip()


@pytest.fixture
def venv_python(tmp_path) -> Path:
    """An interpreter in a folder of its own, as `.venv/bin/python` is (a symlink, not resolved)."""
    folder = tmp_path / "venv" / "bin"
    folder.mkdir(parents=True)
    python = folder / "python"
    python.symlink_to(sys.executable)
    return python


def test_a_program_beside_the_interpreter_is_found_without_it_on_path(tmp_path, venv_python):
    beside = _script(venv_python.parent, "peer-tool", "venv")
    assert _lookup(venv_python, "peer-tool", "/usr/bin:/bin") == str(beside)


def test_beside_the_interpreter_wins_over_path(tmp_path, venv_python):
    beside = _script(venv_python.parent, "peer-tool", "venv")
    _script(tmp_path / "elsewhere", "peer-tool", "path")
    assert _lookup(venv_python, "peer-tool", f"{tmp_path / 'elsewhere'}:/usr/bin") == str(beside)


def test_path_is_searched_when_the_interpreter_folder_lacks_it(tmp_path, venv_python):
    on_path = _script(tmp_path / "elsewhere", "other-tool", "path")
    assert _lookup(venv_python, "other-tool", f"/usr/bin:{tmp_path / 'elsewhere'}") == str(on_path)


def test_a_missing_program_is_none(venv_python):
    assert _lookup(venv_python, "no-such-program-anywhere", "/usr/bin:/bin") == "None"


def test_a_path_is_taken_as_it_is(tmp_path):
    tool = _script(tmp_path, "tool", "x")
    assert find_program(str(tool)) == str(tool)
    tool.chmod(0o644)
    assert find_program(str(tool)) is None


def test_run_program_captures_output_and_does_not_raise_on_failure(tmp_path):
    tool = tmp_path / "fails"
    tool.write_text("#!/bin/sh\necho out; echo err >&2; exit 3\n")
    tool.chmod(0o755)
    done = run_program([str(tool)])
    assert (done.returncode, done.stdout, done.stderr) == (3, "out\n", "err\n")


def test_run_program_names_a_missing_program():
    with pytest.raises(ProgramNotFound, match="no-such-program-anywhere"):
        run_program(["no-such-program-anywhere"])
