"""earlier_lines: where each line of a fixed Dockerfile was before the fix."""
from __future__ import annotations

from dockharden.core.line_map import earlier_lines, mapped_line

BEFORE = "FROM python:3.12-slim\nWORKDIR /app\nRUN apt-get install -y curl\nCOPY . .\nCMD python app.py\n"


def test_an_inserted_line_stands_for_the_line_it_follows_and_the_rest_shift_back():
    after = BEFORE.replace("WORKDIR /app\n", "ENV PYTHONUNBUFFERED=1\nWORKDIR /app\n")
    assert earlier_lines(BEFORE, after) == (1, 1, 2, 3, 4, 5)


def test_a_rewritten_line_stands_for_the_one_it_replaced():
    after = BEFORE.replace("CMD python app.py", 'CMD ["python", "app.py"]').replace("-y curl", "--no-install-recommends -y curl")
    assert earlier_lines(BEFORE, after) == (1, 2, 3, 4, 5)


def test_a_rewrite_into_more_lines_and_a_line_at_the_top():
    after = "# syntax=docker/dockerfile:1\n" + BEFORE.replace("CMD python app.py\n", "USER 1000:1000\nHEALTHCHECK CMD true\nCMD python app.py\n")
    assert earlier_lines(BEFORE, after) == (1, 1, 2, 3, 4, 4, 4, 5)


def test_a_removed_line_leaves_no_line_behind():
    after = BEFORE.replace("WORKDIR /app\n", "")
    assert earlier_lines(BEFORE, after) == (1, 3, 4, 5)


def test_mapped_line_keeps_the_whole_file_and_lines_past_the_end():
    lines = earlier_lines(BEFORE, "ENV A=1\n" + BEFORE)
    assert [mapped_line(lines, n) for n in (0, 1, 2, 6, 9)] == [0, 1, 1, 5, 9]
