"""records.record and records.frozen keep a frozen dataclass's behaviour (record for the type
checker, frozen at run time too); records.cached computes once."""
import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from dockharden.core.records import cached, frozen, record

ROOT = Path(__file__).resolve().parents[2]


def _point_class(decorator):
    """The same record under each decorator, so every shared behaviour is tested on both."""

    @decorator
    class Point:
        x: int
        y: int = 0
        tags: list = dataclasses.field(default_factory=list)

        @cached
        def norm(self) -> int:
            self.tags.append("computed")
            return abs(self.x) + abs(self.y)

    Point.__qualname__ = "Point"  # as if defined at module level; repr shows it
    return Point


Point = _point_class(frozen)
PlainPoint = _point_class(record)


@pytest.mark.parametrize("kind", [Point, PlainPoint], ids=["frozen", "record"])
def test_a_record_compares_hashes_and_prints_like_a_frozen_dataclass(kind):
    assert kind(1, 2) == kind(1, 2, [])
    assert kind(1) == kind(x=1, y=0)
    assert kind(1, 2) != kind(2, 1)
    assert repr(kind(3)) == "Point(x=3, y=0, tags=[])"
    assert dataclasses.replace(kind(1, 2), y=5) == kind(1, 5)
    assert hash(kind(1, 2, None)) == hash(kind(1, 2, None)) == hash((1, 2, None))
    assert {kind(1, 2, None), kind(1, 2, None)} == {kind(1, 2, None)}
    with pytest.raises(TypeError, match="unhashable type: 'list'"):
        hash(kind(1, 2))


def test_a_frozen_record_refuses_assignment_at_run_time_and_gives_each_instance_its_own_default():
    point = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2
    assert Point(1).tags is not Point(1).tags


def test_a_plain_record_takes_assignment_at_run_time_and_gives_each_instance_its_own_default():
    point = PlainPoint(1)
    point.x = 2  # what mypy refuses (next test); at run time a record is a plain dataclass
    assert point == PlainPoint(2)
    assert PlainPoint(1).tags is not PlainPoint(1).tags


def test_mypy_refuses_assignment_to_a_record_field(tmp_path):
    """A record is frozen where it is checked: mypy, which tests/test_types.py runs over the
    whole package, refuses the assignment that a plain dataclass would take at run time."""
    script = tmp_path / "assign.py"
    script.write_text(
        "from dockharden.core.records import record\n\n\n@record\nclass Span:\n    start: int\n\n\n"
        "span = Span(1)\nspan.start = 2\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(script)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert done.returncode == 1, done.stdout
    assert f'{script}:10: error: Property "start" defined in "Span" is read-only  [misc]' in done.stdout.splitlines()


@pytest.mark.parametrize("kind", [Point, PlainPoint], ids=["frozen", "record"])
def test_a_record_checks_its_arguments_like_a_dataclass(kind):
    with pytest.raises(TypeError):
        kind()
    with pytest.raises(TypeError):
        kind(1, 2, [], 4)
    with pytest.raises(TypeError):
        kind(1, z=3)


@pytest.mark.parametrize("kind", [Point, PlainPoint], ids=["frozen", "record"])
def test_a_cached_value_is_computed_once_and_kept_out_of_equality(kind):
    point = kind(-2, 3)
    assert (point.norm, point.norm, point.tags) == (5, 5, ["computed"])
    assert point == kind(-2, 3, ["computed"])
    assert kind.norm.__doc__ is None and isinstance(kind.__dict__["norm"], cached)


def test_the_records_a_dockerfile_is_parsed_and_modelled_into_are_records():
    """The parse and the model are made in bulk, so they are records; what the linter hands
    back (findings, reports) stays frozen at run time."""
    from dockharden.dockerfile.model import Stage
    from dockharden.dockerfile.shell import SimpleCommand
    from dockharden.dockerfile.syntax import Instruction
    from dockharden.core.vocabulary import FileReport, Finding

    assert [kind.__setattr__ is object.__setattr__ for kind in (Instruction, SimpleCommand, Stage)] == [True] * 3
    assert [dataclasses.fields(kind)[0].name for kind in (Instruction, SimpleCommand, Stage)] == ["keyword", "words", "index"]
    assert [kind.__setattr__ is object.__setattr__ for kind in (Finding, FileReport)] == [False, False]
