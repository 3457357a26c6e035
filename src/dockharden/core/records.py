"""Records: dataclasses that are immutable and quick to create.

`record` is for what linting makes in bulk, some seventy per Dockerfile: the parse and the
model. mypy treats it as a frozen dataclass and refuses assignment to its fields (the
whole package is type-checked in tests/test_types.py, and py.typed lets users' checkers do
the same); at run time it is a plain dataclass with a frozen dataclass's equality and hash.
The builder fills stages in place, which a runtime-frozen dataclass would refuse.

`frozen` is for results handed to users (findings, reports, pragmas): the standard
library's frozen dataclass, which also refuses assignment at run time.
"""
from __future__ import annotations

import dataclasses
from typing import TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: type[T]) -> type[T]:
    """A frozen dataclass to mypy; at run time a dataclass with a frozen one's equality and
    hash (unsafe_hash: the generated __hash__ frozen=True would give), which assigns fields
    in __init__ like any instance, so their values stay inline in the object."""
    return dataclasses.dataclass(unsafe_hash=True)(cls)


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: type[T]) -> type[T]:
    """@dataclass(frozen=True): results handed to users refuse assignment at run time too."""
    return dataclasses.dataclass(frozen=True)(cls)


class cached:
    """functools.cached_property without the lock Python 3.11 takes on every first read
    (3.12 dropped it). The value becomes an instance attribute, which shadows this
    descriptor from then on (it defines no __set__)."""

    def __init__(self, function) -> None:
        self.function = function
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = self.function(instance)
        _set_attribute(instance, self.name, value)
        return value


_set_attribute = object.__setattr__  # past a frozen record's __setattr__
