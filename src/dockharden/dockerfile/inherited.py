"""State a stage inherits from the stage it is built FROM, shared instead of copied.

A stage's ENV and LABEL maps, accounts and package changes start as its parent's. Copying them per stage made a chain of
N stages cost N^2 (20,000 stages took gigabytes). `Inherited` is a persistent map: `set`
returns a new map that shares all but O(log n) of its parent's nodes, lookups take
O(log n), and iteration keeps dict order (first insertion; a later `set` of the same key
keeps its place), so everything that reads it sees what a copied dict showed. `Chained` does the same for
sequences.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

_BITS = 5
_MASK = (1 << _BITS) - 1
_LAST_SHIFT = 60  # past 64 bits of hash, keys that still collide share a bucket


class _Leaf(NamedTuple):
    key: Any
    order: int
    value: Any


class Inherited(Mapping[Any, Any]):
    __slots__ = ("_root", "_size", "_next")

    def __init__(self, root: dict | None = None, size: int = 0, next_order: int = 0) -> None:
        self._root: dict = root if root is not None else {}
        self._size = size
        self._next = next_order

    def set(self, key: Any, value: Any) -> Inherited:
        """A new map with `key` set; this one is unchanged."""
        old = _find(self._root, key, hash(key))
        leaf = _Leaf(key, old.order if old else self._next, value)
        root = _put(self._root, leaf, hash(key), 0)
        return Inherited(root, self._size + (old is None), self._next + (old is None))

    def get(self, key: Any, default: Any = None) -> Any:
        leaf = _find(self._root, key, hash(key))
        return default if leaf is None else leaf.value

    def __getitem__(self, key: Any) -> Any:
        leaf = _find(self._root, key, hash(key))
        if leaf is None:
            raise KeyError(key)
        return leaf.value

    def __contains__(self, key: object) -> bool:
        return _find(self._root, key, hash(key)) is not None

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Any]:
        return (leaf.key for leaf in self._leaves())

    def items(self):  # type: ignore[override]  # a list in dict order, not a view
        return [(leaf.key, leaf.value) for leaf in self._leaves()]

    def values(self):  # type: ignore[override]
        return [leaf.value for leaf in self._leaves()]

    def _leaves(self) -> list[_Leaf]:
        found: list[_Leaf] = []
        stack = [self._root]
        while stack:
            for child in stack.pop().values():
                if type(child) is dict:
                    stack.append(child)
                elif type(child) is _Leaf:
                    found.append(child)
                else:
                    found.extend(child)
        found.sort(key=lambda leaf: leaf.order)
        return found

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Inherited({dict(self.items())!r})"


def _find(node: dict, key: Any, hashed: int) -> _Leaf | None:
    shift = 0
    while True:
        child = node.get((hashed >> shift) & _MASK)
        if child is None:
            return None
        if type(child) is dict:
            node, shift = child, shift + _BITS
        elif type(child) is _Leaf:
            return child if child.key == key else None
        else:
            return next((leaf for leaf in child if leaf.key == key), None)


def _put(node: dict, leaf: _Leaf, hashed: int, shift: int) -> dict:
    slot = (hashed >> shift) & _MASK
    copy = dict(node)
    child = node.get(slot)
    if child is None or (type(child) is _Leaf and child.key == leaf.key):
        copy[slot] = leaf
    elif type(child) is dict:
        copy[slot] = _put(child, leaf, hashed, shift + _BITS)
    elif type(child) is _Leaf and shift < _LAST_SHIFT:
        copy[slot] = _put(_put({}, child, hash(child.key), shift + _BITS), leaf, hashed, shift + _BITS)
    else:
        bucket = child if type(child) is tuple else (child,)
        copy[slot] = tuple(item for item in bucket if item.key != leaf.key) + (leaf,)
    return copy


class Chained(Sequence[Any]):
    """A parent's items, then its own: what a stage inherits of accounts and packages,
    shared instead of copied. Iteration is oldest first, as the copied tuples were."""

    __slots__ = ("_parent", "_own", "_size")

    def __init__(self, parent: Chained | None = None, own: tuple[Any, ...] = ()) -> None:
        self._parent = parent if parent else None  # an empty parent adds nothing to walk
        self._own = own
        self._size = len(own) + (len(parent) if parent else 0)

    def extended(self, items: tuple[Any, ...]) -> Chained:
        return Chained(self, items) if items else self

    @classmethod
    def of(cls, items: Sequence[Any]) -> Chained:
        return items if isinstance(items, Chained) else cls(None, tuple(items))

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Any]:
        for own in reversed(self._parts()):
            yield from own

    def __reversed__(self) -> Iterator[Any]:
        link: Chained | None = self  # lazily: a search for the newest match stops early
        while link is not None:
            yield from reversed(link._own)
            link = link._parent

    def __getitem__(self, index):  # type: ignore[override]
        return tuple(self)[index]

    def _parts(self) -> list[tuple[Any, ...]]:
        """Own items of each link, newest first (a loop: a chain may be 100,000 stages long)."""
        parts: list[tuple[Any, ...]] = []
        link: Chained | None = self
        while link is not None:
            parts.append(link._own)
            link = link._parent
        return parts

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Chained({tuple(self)!r})"
