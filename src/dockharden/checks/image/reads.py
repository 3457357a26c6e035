"""Which image rules need the image's files, derived from what their code reads.

A rule that reads only facts of the config (`CONFIG_FACTS`) can run on an image whose
layers were never fetched (`inspect --config-only`, or a run whose enabled rules are all
such rules). What a rule reads is found in its source: the attributes of `facts` it
reads, and those that the helpers of `checks/image/shared.py` it hands `facts` to read.
Handing `facts` to anything else counts as reading everything.
"""
from __future__ import annotations

import ast
import inspect
from functools import cache
from typing import Any

from dockharden.checks.image import shared
from dockharden.image.facts import CONFIG_FACTS

_EVERYTHING = frozenset({"*"})


@cache
def facts_read(module: Any) -> frozenset[str]:
    """The ImageFacts attributes the rule module `module` reads ("*": it hands the facts on to unknown code)."""
    tree = ast.parse(inspect.getsource(module))
    helpers = _shared_reads() if module is not shared else dict.fromkeys(_functions(tree), frozenset())
    read: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "facts":
            read.add(node.attr)
        elif isinstance(node, ast.Call) and any(isinstance(a, ast.Name) and a.id == "facts" for a in node.args):
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            read |= helpers.get(name, _EVERYTHING)
    return frozenset(read)


def _shared_reads() -> dict[str, frozenset[str]]:
    """What the shared helpers read (all of them together: they call one another)."""
    return dict.fromkeys(_functions(ast.parse(inspect.getsource(shared))), facts_read(shared))


def _functions(tree: ast.Module) -> set[str]:
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def reads_files(module: Any) -> bool:
    return not facts_read(module) <= CONFIG_FACTS
