"""The builds a Docker Bake file declares: each `target "NAME" { context = ..., dockerfile =
..., target = ..., tags = [...], contexts = {...} }` with literal strings, `${VAR}` taken
from a `variable "VAR" { default = "..." }` (a string with an unknown one is left out), and
what it does not set taken from the targets it `inherits` (the name may be unquoted:
`target deps {`). Bake files are docker-bake.hcl and docker-bake.*.hcl, and any
other .hcl file that declares a target with a dockerfile (`docker buildx bake --file
docker/rpi/rpi.hcl`). A target that another target names in its `contexts` (`media =
"target:X"`) is built as an input of that image: its base or the source of its files, not an
image that runs on its own; the consuming Dockerfile's `FROM media` is that target's image
(its Dockerfile's `target` stage, else its last).

Paths are resolved as buildx resolves them from where it is run: the repository root, or
the bake file's folder (the first of the two where the Dockerfile exists).
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable

from dockharden.dockerfile.compose import Declaration

BAKE_NAME = re.compile(r"docker-bake([.-][\w.-]+)?\.hcl")
OTHER_HCL = re.compile(r"[\w.-]+\.hcl")  # a bake file only when it declares a target with a dockerfile
_TARGET = re.compile(r'^\s*target\s+(?:"([\w.-]+)"|([\w.-]+))\s*\{', re.MULTILINE)
_STRING = r'\s*=\s*"([^"]*)"'
_TAGS = re.compile(r'^\s*tags\s*=\s*\[([^\]]*)\]', re.MULTILINE)
_CONTEXT_TARGET = re.compile(r'^\s*([\w.-]+)\s*=[^\n]*"target:([\w.-]+)"', re.MULTILINE)


def bake_declarations(folder: str, root: str, name: str, text: str, exists: Callable[[str], bool]) -> list[Declaration]:
    targets = {target: body for target, body in _targets(text)}
    variables = _variables(text)
    feeds = {source: f"the {alias} context of target {target}" for target in targets for alias, source in _contexts(targets, target)}
    built: dict[str, tuple[str, str, str | None]] = {}  # target -> (Dockerfile, context, stage)
    for target in targets:
        dockerfile = _setting(targets, target, variables, "dockerfile") or "Dockerfile"
        for base in dict.fromkeys((root, folder)):
            context = os.path.normpath(os.path.join(base, _setting(targets, target, variables, "context") or "."))
            path = os.path.normpath(os.path.join(context, dockerfile))
            if exists(path):
                built[target] = (path, context, _setting(targets, target, variables, "target"))
                break
    found = []
    for target, (path, context, stage) in built.items():
        tags = _tags(targets, target, variables)
        contexts = tuple((alias, built[source][0], built[source][2]) for alias, source in _contexts(targets, target) if source in built)
        found.append(Declaration(path, context, f"{name} (target {target})", tags=tags, baked=True, feeds=feeds.get(target, ""), target=stage,
                                 contexts=contexts))
    return found


_VARIABLE = re.compile(r'^\s*variable\s+"?([\w-]+)"?\s*\{', re.MULTILINE)
_DEFAULT = re.compile(r'^\s*default\s*=\s*"([^"]*)"', re.MULTILINE)
_INTERPOLATION = re.compile(r"\$\{([\w-]+)\}")
_MAX_DEPTH = 8  # inherits chains followed at most this deep (a cycle ends there)


def _variables(text: str) -> dict[str, str]:
    """variable "NAME" { default = "value" }: the string defaults, for ${NAME} in targets."""
    found = {}
    for match in _VARIABLE.finditer(text):
        default = _DEFAULT.search(text[match.end() : _closing(text, match.end())])
        if default is not None and "$" not in default.group(1):
            found[match.group(1)] = default.group(1)
    return found


def _interpolated(value: str | None, variables: dict[str, str]) -> str | None:
    """The value with ${NAME} replaced by the variable's default; None when one is not known."""
    if value is None:
        return None
    value = _INTERPOLATION.sub(lambda m: variables.get(m.group(1), "\0"), value)
    return None if "$" in value or "\0" in value else value


def _parents(body: str) -> list[str]:
    match = re.search(r'^\s*inherits\s*=\s*\[([^\]]*)\]', re.sub(r"\{[^{}]*\}", "", body), re.MULTILINE)
    return re.findall(r'"([\w.-]+)"', match.group(1)) if match else []


def _lineage(targets: dict[str, str], target: str) -> list[str]:
    """The target, then what it inherits from (the last of `inherits` wins, as in bake)."""
    order, todo = [], [(target, 0)]
    while todo:
        name, depth = todo.pop(0)
        if name in order or name not in targets or depth > _MAX_DEPTH:
            continue
        order.append(name)
        todo += [(parent, depth + 1) for parent in reversed(_parents(targets[name]))]
    return order


def _setting(targets: dict[str, str], target: str, variables: dict[str, str], key: str) -> str | None:
    for name in _lineage(targets, target):
        value = _value(targets[name], key)
        if value is not None:
            return _interpolated(value, variables)
    return None


def _tags(targets: dict[str, str], target: str, variables: dict[str, str]) -> tuple[str, ...]:
    for name in _lineage(targets, target):
        listed = _TAGS.search(targets[name])
        if listed:
            return tuple(t for raw in re.findall(r'"([^"]+)"', listed.group(1)) if (t := _interpolated(raw, variables)))
    return ()


def _contexts(targets: dict[str, str], target: str) -> list[tuple[str, str]]:
    for name in _lineage(targets, target):
        found = _CONTEXT_TARGET.findall(_block(targets[name], "contexts"))
        if found:
            return found
    return []


def is_bake_file(name: str, text: str) -> bool:
    """docker-bake.hcl, docker-bake.*.hcl, or another .hcl file with a target block that names a dockerfile."""
    if BAKE_NAME.fullmatch(name):
        return "target" in text
    return bool(OTHER_HCL.fullmatch(name)) and "dockerfile" in text and _TARGET.search(text) is not None


def _targets(text: str):
    """(name, body) of each target block."""
    for match in _TARGET.finditer(text):
        yield match.group(1) or match.group(2), text[match.end() : _closing(text, match.end())]


def _closing(text: str, pos: int) -> int:
    """Where the brace opened just before `pos` closes; braces inside strings ("${VAR}") do not count."""
    depth, quoted = 1, False
    while pos < len(text):
        char = text[pos]
        if char == '"' and text[pos - 1] != "\\":
            quoted = not quoted
        elif not quoted and char in "{}":
            depth += 1 if char == "{" else -1
            if not depth:
                return pos
        pos += 1
    return pos


def _block(body: str, key: str) -> str:
    """The text of `key = { ... }` in a target's body ("" when absent)."""
    match = re.search(rf"^\s*{key}\s*=\s*\{{", body, re.MULTILINE)
    return "" if match is None else body[match.end() : _closing(body, match.end())]


def _value(body: str, key: str) -> str | None:
    """A key's literal string value at the target's top level (not inside contexts or args)."""
    top = re.sub(r"\{[^{}]*\}", "", body)
    match = re.search(rf"^\s*{key}{_STRING}", top, re.MULTILINE)
    return match.group(1) if match else None
