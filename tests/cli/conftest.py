import subprocess
import sys
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(tmp_path):
    def run(*args, cwd=None, env=None):
        done = subprocess.run(
            [sys.executable, "-m", "dockharden", *map(str, args)],
            capture_output=True, text=True, cwd=cwd or tmp_path, env=env, timeout=120,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run
