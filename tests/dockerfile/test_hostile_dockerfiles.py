"""Hostile Dockerfiles through the CLI: exit 2 and one line naming the problem, or a
normal report; and the child's peak memory (never its time)."""
from __future__ import annotations

import json

import pytest

from support.measured import run_measured

PEAK_MIB = 64


def lint(path):
    return run_measured("lint", "--format", "json", path)


def write(tmp_path, lines):
    path = tmp_path / "Dockerfile"
    path.write_text("\n".join(lines) + "\n")
    return path


def doubling(levels: int, copies: int = 4) -> list[str]:
    return ["FROM python:3.12-slim", "ARG A0=0123456789abcdef"] + [
        f"ARG A{i}=" + f"${{A{i - 1}}}" * copies for i in range(1, levels + 1)]


@pytest.mark.parametrize(("lines", "message"), [
    (doubling(40), "line 11: the value passes 1 MiB at ${A8} (an expansion bomb?)"),
    (doubling(15, 2) + [f"ENV B{i}=x${{A15}}" for i in range(300)],
     "variable expansions make more than 16 MiB of text in all (an expansion bomb?)"),
    (["FROM a", "ENV X=" + "${A:-" * 5000 + "x" + "}" * 5000], "line 2: variable references nested more than 64 deep"),
])
def test_expansion_bombs_are_one_line_errors(tmp_path, lines, message):
    path = write(tmp_path, lines)
    result = lint(path)
    assert result.code == 2
    assert result.err.count("\n") == 1 and message in result.err, result.err
    assert json.loads(result.out)["files"][0]["error"].endswith(message)
    assert result.peak_mib < PEAK_MIB


def test_an_expose_of_a_huge_value_is_no_crash(tmp_path):
    path = write(tmp_path, doubling(7, 4) + ["USER 1000", "EXPOSE ${A7}${A7}${A7}${A7}${A7}"])
    assert lint(path).code == 1


def chain(stages: int) -> list[str]:
    lines = ["FROM python:3.12-slim AS s0"]
    for i in range(1, stages):
        lines += [f"FROM s{i - 1} AS s{i}", f"ENV K{i}=v{i}", f"LABEL l{i}=v{i}",
                  f"RUN useradd -u {1000 + i} u{i} && apt-get install -y p{i}", f"USER u{i}"]
    return lines


def test_many_stages_share_what_they_inherit(tmp_path):
    small, large = (lint(write(tmp_path, chain(n))) for n in (2_000, 20_000))
    assert (small.code, large.code) == (1, 1)
    # Copied per stage, the inherited ENV, LABEL, accounts and packages made 20,000 stages cost gigabytes.
    assert large.peak_mib - 20 < 15 * (small.peak_mib - 20) + 40  # ten times the stages: about ten times the memory
    assert large.peak_mib < 512
