"""records.frozen keeps every behaviour of a frozen dataclass; records.cached computes once."""
import dataclasses

import pytest

from dockharden.records import cached, frozen


@frozen
class Point:
    x: int
    y: int = 0
    tags: list = dataclasses.field(default_factory=list)

    @cached
    def norm(self) -> int:
        self.tags.append("computed")
        return abs(self.x) + abs(self.y)


def test_a_frozen_record_compares_hashes_and_prints_like_a_frozen_dataclass():
    assert Point(1, 2) == Point(1, 2, [])
    assert Point(1) == Point(x=1, y=0)
    assert repr(Point(3)) == "Point(x=3, y=0, tags=[])"
    assert dataclasses.replace(Point(1, 2), y=5) == Point(1, 5)
    assert hash(Point(1, 2, None)) == hash(Point(1, 2, None))


def test_a_frozen_record_refuses_assignment_and_gives_each_instance_its_own_default():
    point = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2
    assert Point(1).tags is not Point(1).tags


def test_a_frozen_record_checks_its_arguments_like_a_dataclass():
    with pytest.raises(TypeError):
        Point()
    with pytest.raises(TypeError):
        Point(1, 2, [], 4)
    with pytest.raises(TypeError):
        Point(1, z=3)


def test_a_cached_value_is_computed_once_and_kept_out_of_equality():
    point = Point(-2, 3)
    assert (point.norm, point.norm, point.tags) == (5, 5, ["computed"])
    assert point == Point(-2, 3, ["computed"])
    assert Point.norm.__doc__ is None and isinstance(Point.__dict__["norm"], cached)
