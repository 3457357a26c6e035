"""Base images built by another Dockerfile of the same repository.

A FROM line names such an image when the image's name (the last part of its repository,
without registry, owner or tag: quay.io/jupyter/base-notebook:latest -> base-notebook)
is, for exactly one other Dockerfile of the repository, its folder's name
(images/base-notebook/Dockerfile), its own name (Dockerfile.base-notebook,
base-notebook.Dockerfile), or the `image:` a compose service builds it as. What that
Dockerfile's final stage sets (ENV, USER, HEALTHCHECK, Python, its own base image) is then
what the FROM line inherits; otherwise the well-known table (knowledge/base_images.py)
answers. The repository is walked once per lint run, skipping what discovery skips.
"""
from __future__ import annotations

import os
from collections.abc import Callable

from dockharden.dockerfile.context import ContextFinder
from dockharden.dockerfile.discover import is_dockerfile_name
from dockharden.dockerfile.model import Model, build_model
from dockharden.dockerfile.parser import parse
from dockharden.dockerfile.syntax import ParseError
from dockharden.knowledge.base_images import BaseImage, normalized, well_known
from dockharden.knowledge.build_tools import base_ships_build_tools

_SKIP = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".nox", "site-packages", ".mypy_cache"})
_MAX_ENTRIES = 50_000
_MAX_BYTES = 1 << 20


class RepositoryImages:
    """Resolves base images for one lint run: the repository's own Dockerfiles first."""

    def __init__(self, finder: ContextFinder | None = None) -> None:
        self.finder = self._finder = finder or ContextFinder()
        self._indexes: dict[str, dict[str, list[str]]] = {}
        self._facts: dict[str, BaseImage | None] = {}

    def resolver(self, dockerfile: str) -> Callable[[str], BaseImage | None]:
        """What is known of an image named in a FROM line of `dockerfile` (absolute)."""
        dockerfile = os.path.normpath(dockerfile)
        root = self._finder.ancestors(os.path.dirname(dockerfile))[-1]
        return lambda image: self._resolve(image, dockerfile, root) or well_known(image)

    def _resolve(self, image: str, dockerfile: str, root: str) -> BaseImage | None:
        name = normalized(image)
        if "/" not in name.split(":", 1)[0] and not self._compose_image(root, name):
            return None  # an official image (python:3.12) is never built here
        key = name.split(":", 1)[0].rsplit("/", 1)[-1]
        candidates = [p for p in self._index(root).get(key, []) if p != dockerfile]
        if len(candidates) != 1:
            return None
        return self._from_dockerfile(image, candidates[0], root)

    def _compose_image(self, root: str, name: str) -> bool:
        return any(d.image and d.dockerfile and normalized(d.image).split(":", 1)[0] == name.split(":", 1)[0] for d in self._finder.declarations(root, root))

    def _index(self, root: str) -> dict[str, list[str]]:
        index = self._indexes.get(root)
        if index is None:
            index = self._indexes[root] = _walk(root)
            for declaration in self._finder.declarations(root, root):
                if declaration.image and declaration.dockerfile:
                    key = normalized(declaration.image).split(":", 1)[0].rsplit("/", 1)[-1]
                    index.setdefault(key, []).append(declaration.dockerfile)
            index = self._indexes[root] = {k: sorted(set(v)) for k, v in index.items()}
        return index

    def _from_dockerfile(self, image: str, path: str, root: str) -> BaseImage | None:
        if path in self._facts:
            return self._facts[path]
        self._facts[path] = None  # a FROM cycle resolves to nothing
        try:
            with open(path, "rb") as handle:
                text = handle.read(_MAX_BYTES).decode("utf-8", errors="replace")
            model = build_model(parse(text, path), base_images=self.resolver(path))
        except (OSError, ParseError, ValueError):
            return None
        facts = base_facts(model, image, os.path.relpath(path, root))
        self._facts[path] = facts
        return facts


def _walk(root: str) -> dict[str, list[str]]:
    """Dockerfiles of the repository by the names a FROM line could give them."""
    index: dict[str, list[str]] = {}
    seen = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _SKIP]
        seen += len(files) + len(dirs)
        for name in files:
            if is_dockerfile_name(name):
                for key in _keys(folder, name):
                    index.setdefault(key, []).append(os.path.join(folder, name))
        if seen > _MAX_ENTRIES:
            break
    return index


def _keys(folder: str, name: str) -> set[str]:
    keys = set()
    if name in ("Dockerfile", "Containerfile"):
        keys.add(os.path.basename(folder))
    for prefix in ("Dockerfile.", "Dockerfile-", "Dockerfile_", "Containerfile."):
        if name.startswith(prefix):
            keys.add(name[len(prefix):])
    for suffix in (".Dockerfile", ".dockerfile", ".Containerfile"):
        if name.endswith(suffix):
            keys.add(name[: -len(suffix)])
    return keys


def base_facts(model: Model, image: str, source: str) -> BaseImage:
    """What an image built from `model` gives the images built FROM it."""
    final = model.final
    inherited = final.base_facts
    env = dict(inherited.env) if inherited is not None else {}
    env.update({name: var.value for name, var in final.env.items()})
    user = final.user
    if user is None:
        user_name = inherited.user if inherited is not None else None
    else:
        user_name = None if user.is_root is not False else str(user.uid if user.uid is not None else user.user)
    healthcheck = (inherited is not None and inherited.healthcheck) if final.healthcheck is None else not final.healthcheck.disabled
    return BaseImage(
        image, tuple(env.items()), user_name, healthcheck, model.drops_root, model.runs_python,
        (inherited.programs if inherited is not None else frozenset()) | _installed(final),
        (inherited is not None and inherited.ships_compilers) or base_ships_build_tools(final.root_image), final.cmd is not None or final.entrypoint is not None or (inherited is not None and bool(inherited.service)),
        model.windows, "notebook" if _runs_jupyter(model) else (inherited.purpose if inherited is not None else ""),
        f"built by {source}",
    )


def _installed(stage) -> frozenset[str]:
    return frozenset(p.split("=", 1)[0] for c in stage.packages if c.action == "install" and c.manager in ("apt", "apk", "yum") for p in c.packages)


def _runs_jupyter(model: Model) -> bool:
    from dockharden.dockerfile.facts import command_words

    return any(words and ("notebook" in words[0] or words[0].rsplit("/", 1)[-1] == "jupyter") for words in command_words(model))
