"""Base images built by another Dockerfile of the same repository.

A FROM line names such an image (asked before the well-known table, knowledge/base_images.py:
the repository's own Dockerfile says more of it) if the image's name (the last part of its
repository, without registry, owner or tag: quay.io/jupyter/base-notebook:latest ->
base-notebook) is, for exactly one other Dockerfile, its folder's name or its own name, in
one of the places projects keep them: beside the Dockerfile's folder or one of its
ancestors up to the repository root, directly or under images/, docker/, dockerfiles/ or
containers/ (images/base-notebook/Dockerfile, docker/Dockerfile.base-notebook,
base-notebook.Dockerfile), or, when nothing below names it and the name is the
repository's own (its folder's name: freqtradeorg/freqtrade in a checkout named freqtrade),
the repository's root Dockerfile; or the `image:` a compose service of those folders builds it as,
or the `--tag` of a `docker build` (or `podman build`) command of their shell scripts or of
the repository's workflows and composite actions (.github/actions/NAME/action.yml); or, for
a Docker Bake target's named context (`contexts = { deps = "target:deps" }` and `FROM deps`),
the Dockerfile and stage (its `target`) of the bake target it names, and so for a compose
service's `additional_contexts` that names another service of its file (`base_img:
service:base_img` and `FROM base_img`): that service's Dockerfile and target. What that Dockerfile's
final stage (or that stage) sets (ENV, USER, HEALTHCHECK, Python, its own base image, an
entrypoint or s6 services that drop root, judged with its own build context) is then what
the FROM line inherits, read through at most _MAX_DEPTH such bases (a FROM cycle resolves to
nothing). Nothing is walked: a folder is listed once per lint run, and each candidate found
there is one stat.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace

from dockharden.dockerfile.compose import same_image
from dockharden.dockerfile.context import ContextFinder
from dockharden.dockerfile.model import Model, build_model
from dockharden.dockerfile.parser import parse
from dockharden.dockerfile.syntax import ParseError
from dockharden.knowledge.base_images import BaseImage, normalized, well_known
from dockharden.knowledge.build_tools import base_ships_build_tools

_PLACES = ("", "images", "docker", "dockerfiles", "containers")
_MAX_BYTES = 1 << 20
_MAX_DEPTH = 8  # bases built here read through one another (a chain of thousands would overflow the stack)


class RepositoryImages:
    """Resolves base images for one lint run: the repository's own Dockerfiles first."""

    def __init__(self, finder: ContextFinder | None = None) -> None:
        self.finder = self._finder = finder or ContextFinder()
        self._facts: dict[tuple[str, str | None], BaseImage | None] = {}
        self._built: dict[tuple[str, ...], dict[str, frozenset[tuple[str, str]]]] = {}
        self._depth = 0  # base Dockerfiles being read, one inside another

    def resolver(self, dockerfile: str) -> Callable[[str], BaseImage | None]:
        """What is known of an image named in a FROM line of `dockerfile` (absolute)."""
        dockerfile = os.path.normpath(dockerfile)
        root = self._finder.ancestors(os.path.dirname(dockerfile))[-1]
        return lambda image: self._resolve(image, dockerfile, root) or well_known(image)

    def _resolve(self, image: str, dockerfile: str, root: str) -> BaseImage | None:
        name = normalized(image).split(":", 1)[0]
        chain = self._finder.ancestors(os.path.dirname(dockerfile))
        baked = self._bake_context(image, dockerfile, chain, root)
        if baked is not None:
            return self._from_dockerfile(image, baked[0], root, baked[1])
        built = self._built_names(chain, root).get(name, frozenset())
        composed = {path for path, _ in built}
        if len(composed) > 1:  # several Dockerfiles build the name: the tag tells which (doccano/doccano:backend, :frontend)
            composed = {path for path, given in built if same_image(image, given)} or composed
        if "/" not in name and not composed:
            return None  # an official image (python:3.12) is never built here
        key = name.rsplit("/", 1)[-1]
        candidates = ({os.path.normpath(p) for p in self._candidates(chain, key)} | composed) - {dockerfile}
        if not candidates:
            candidates = set(self._repository_dockerfiles(root, key)) - {dockerfile}
        if len(candidates) > 1:  # one beside it wins (images/app/nightly/Containerfile.core for .../nightly/Containerfile.web)
            candidates = {c for c in candidates if os.path.dirname(c) == os.path.dirname(dockerfile)} or candidates
        if len(candidates) != 1:
            return None
        return self._from_dockerfile(image, candidates.pop(), root)

    def _repository_dockerfiles(self, root: str, key: str) -> list[str]:
        """The root Dockerfile of a repository named like the image (acmeorg/<repository>),
        when nothing else builds that image."""
        if key != os.path.basename(root) or not self._finder.exists(os.path.join(root, ".git")):
            return []
        return [os.path.join(root, f) for f in ("Dockerfile", "Containerfile") if f in self._finder.names(root)]

    def _bake_context(self, image: str, dockerfile: str, chain: list[str], root: str) -> tuple[str, str | None] | None:
        """The Dockerfile and stage of the bake target that a bake target building `dockerfile`
        gives as its named context `image` (`contexts = { deps = "target:deps" }`, FROM deps)."""
        for declared in (d for a in chain for d in self._finder.declarations(a, root) if d.contexts and d.dockerfile == dockerfile):
            for alias, path, stage in declared.contexts:
                if alias == image and os.path.normpath(path) != dockerfile:
                    return os.path.normpath(path), stage
        return None

    def _built_names(self, chain: list[str], root: str) -> dict[str, frozenset[tuple[str, str]]]:
        """Image name -> (Dockerfile, the name with its tag) for each build the project files
        of the chain's folders declare under it (compose `image:`, build commands' `--tag`),
        once per chain."""
        found = self._built.get(tuple(chain))
        if found is None:
            names: dict[str, set[tuple[str, str]]] = {}
            for declared in (d for a in chain for d in self._finder.declarations(a, root) if d.dockerfile):
                for given in (n for n in (declared.image, *declared.tags) if n):
                    names.setdefault(normalized(given).split(":", 1)[0], set()).add((declared.dockerfile, given))
            found = self._built[tuple(chain)] = {n: frozenset(f) for n, f in names.items()}
        return found

    def _candidates(self, chain: list[str], key: str):
        """The candidate places that exist, looked up in the folder listings the context
        finder keeps (one listing per folder and lint run), then one stat each."""
        names = self._finder.names
        files = (f"Dockerfile.{key}", f"{key}.Dockerfile", f"{key}.dockerfile")
        for folder in chain:
            for place in _PLACES:
                if place and place not in names(folder):
                    continue
                where = os.path.join(folder, place) if place else folder
                entries = names(where)
                inside = [os.path.join(where, key, f) for f in ("Dockerfile", "Containerfile")] if key in entries else []
                for path in inside + [os.path.join(where, f) for f in files if f in entries]:
                    if self._finder.exists(path):
                        yield path

    def _from_dockerfile(self, image: str, path: str, root: str, stage: str | None = None) -> BaseImage | None:
        key = (path, stage)
        if key in self._facts:
            return self._facts[key]
        if self._depth >= _MAX_DEPTH:
            return None  # not kept: read from nearer, the same base may resolve
        self._facts[key] = None  # a FROM cycle resolves to nothing
        self._depth += 1
        try:
            with open(path, "rb") as handle:
                text = handle.read(_MAX_BYTES).decode("utf-8", errors="replace")
            model = build_model(parse(text, path), stage, base_images=self.resolver(path))
            model = replace(model, context=self._finder.context(path, model))  # its entrypoint or s6 services may drop root
        except (OSError, ParseError, ValueError):
            return None
        finally:
            self._depth -= 1
        source = os.path.relpath(path, root) + (f", stage {stage}" if stage else "")
        facts = base_facts(model, image, source)
        self._facts[key] = facts
        return facts


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
        model.windows, _purpose(model, inherited),
        f"built by {source}", source, _accounts(inherited, final),
    )


def _purpose(model: Model, inherited: BaseImage | None) -> str:
    """"notebook" for a Jupyter image, "tool" for one whose command runs a tool once (an image
    built FROM it that sets no command of its own runs that tool too), else the inherited one."""
    if _runs_jupyter(model):
        return "notebook"
    if model.purpose.kind == "tool" and (model.final.cmd is not None or model.final.entrypoint is not None):
        return "tool"
    return inherited.purpose if inherited is not None else ""


def _accounts(inherited: BaseImage | None, final) -> tuple[tuple[str, int], ...]:
    """The accounts with a known UID that an image built FROM this one can name."""
    created = {a.name: a.id for a in final.accounts if a.kind == "user" and a.id is not None}
    return tuple({**dict(inherited.accounts if inherited is not None else ()), **created}.items())


def _installed(stage) -> frozenset[str]:
    return frozenset(p.split("=", 1)[0] for c in stage.packages if c.action == "install" and c.manager in ("apt", "apk", "yum") for p in c.packages)


def _runs_jupyter(model: Model) -> bool:
    from dockharden.dockerfile.facts import command_words

    return any(words and ("notebook" in words[0] or words[0].rsplit("/", 1)[-1] == "jupyter") for words in command_words(model))
