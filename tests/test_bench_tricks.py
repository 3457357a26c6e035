"""benchmarks/bench_tricks.py replaces each kept speed trick by its plain version by text:
each trick's text must stand in the source exactly once, and the source must say what the
trick saves, or the benchmark cannot measure it and the claim goes stale."""
import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "dockharden"
_SPEC = importlib.util.spec_from_file_location("bench_tricks", ROOT / "benchmarks" / "bench_tricks.py")
bench = sys.modules["bench_tricks"] = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bench)
TRICKS, REMOVED = bench.TRICKS, bench.REMOVED


@pytest.mark.parametrize("trick", TRICKS, ids=lambda trick: trick.name)
def test_each_kept_trick_stands_once_in_the_source(trick):
    assert (SRC / trick.file).read_text(encoding="utf-8").count(trick.fast) == 1


def test_kept_and_removed_tricks_are_told_apart():
    kept = {trick.name for trick in TRICKS}
    removed = {name for name, _, saved in REMOVED}
    assert not kept & removed
    assert all(saved < 2.0 for _, _, saved in REMOVED)


def test_the_source_quotes_a_gain_for_each_kept_trick_of_the_parser():
    quoted = re.findall(r"saves (\d+\.\d)% of lint \(benchmarks/bench_tricks\.py\)", "".join(
        (SRC / "dockerfile" / name).read_text(encoding="utf-8") for name in ("flags.py", "words.py", "heredocs.py", "parser.py", "pragmas.py")))
    assert len(quoted) == 6 and all(float(gain) >= 2.0 for gain in quoted)
