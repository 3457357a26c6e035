"""Records: dataclasses that are immutable and quick to create.

`record` is for what linting makes in bulk, some seventy per Dockerfile: the parse and the
model. mypy treats it as a frozen dataclass and refuses assignment to its fields (the
whole package is type-checked in tests/test_types.py, and py.typed lets users' checkers do
the same); at run time it is a plain dataclass with a frozen dataclass's equality and hash.
A runtime-frozen dataclass sets each field in __init__ through object.__setattr__, or, as
`frozen` below does, writes the instance dict, which then exists as a dict and makes every
attribute read slower: with the parse and the model frozen at run time, linting took 5-6%
longer.

`frozen` is for results handed to users (findings, reports, pragmas): a frozen dataclass
that also refuses assignment at run time, with an __init__ that writes the instance dict
directly (about 0.5 us less per record of nine fields than the generated one).
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
    """@dataclass(frozen=True), with the faster __init__ where the plain one suffices."""
    cls = dataclasses.dataclass(frozen=True)(cls)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if hasattr(cls, "__post_init__") or any(not f.init or f.kw_only for f in fields):
        return cls  # keep the generated __init__ for what this one does not cover
    cls.__init__ = _dict_init(cls, fields)  # type: ignore[method-assign]
    return cls


def _dict_init(cls: type, fields: tuple[dataclasses.Field, ...]):
    params = ", ".join(_parameter(f) for f in fields)
    stores = "".join(f"\n    record_dict_[{f.name!r}] = {_value(f)}" for f in fields)
    namespace = {f"_default_{f.name}": f.default for f in fields if f.default is not dataclasses.MISSING}
    namespace |= {f"_factory_{f.name}": f.default_factory for f in fields if f.default_factory is not dataclasses.MISSING}
    namespace["_UNSET"] = _UNSET
    exec(f"def __init__(self, {params}):\n    record_dict_ = self.__dict__{stores}", namespace)  # noqa: S102  (source built from field names only)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


_UNSET = object()  # stands for an argument left out where the field has a default_factory


def _parameter(field: dataclasses.Field) -> str:
    if field.default_factory is not dataclasses.MISSING:
        return f"{field.name}=_UNSET"
    return field.name if field.default is dataclasses.MISSING else f"{field.name}=_default_{field.name}"


def _value(field: dataclasses.Field) -> str:
    if field.default_factory is not dataclasses.MISSING:
        return f"_factory_{field.name}() if {field.name} is _UNSET else {field.name}"
    return field.name


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
