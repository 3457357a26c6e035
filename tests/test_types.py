"""The package type-checks: mypyc compiles the lint path from these annotations (setup.py),
and a compiled module enforces them at run time."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_type_errors_in_the_package(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stdout.splitlines()[-1:]) == (0, [f"Success: no issues found in {_modules()} source files"]), done.stdout


def _modules() -> int:
    return sum(1 for _ in (ROOT / "src" / "dockharden").rglob("*.py"))
