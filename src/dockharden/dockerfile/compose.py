"""What a project's own files say about how it builds a Dockerfile: compose services
(`build.context`, `build.dockerfile`, `build.target`, `image`, `user`, `healthcheck`),
devcontainer.json (`build.context`, `build.dockerfile`) and GitHub workflows and composite
actions (`docker/build-push-action` steps with `context` and `file`, `docker build` commands).

Paths are absolute; each reader takes the already-read text, so the caller decides what is
read from disk and caches it.
"""
from __future__ import annotations

import functools
import itertools
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from dockharden.core.records import record
from dockharden.dockerfile.shell import split_script
from dockharden.dockerfile.variables import expand
from dockharden.knowledge.options import parse_argv
from dockharden.knowledge.shells import is_shell

COMPOSE_NAME = re.compile(r"(docker-)?compose([.-][\w.-]+)?\.ya?ml")
PRIMARY_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")


_SMOKE_TESTS = frozenset({"--version", "-V", "version", "--help", "-h", "help"})


@record
class ComposeService:
    name: str
    file: str  # the compose file
    user: str | None  # after interpolation with the defaults it gives (${UID:-1000})
    healthcheck: str | None  # "defined", "disabled" or None
    target: str | None
    command: str | None = None
    toolbox: bool = False  # it only keeps a terminal open (tty or stdin_open; no command and no ports, or only a shell)
    restart: str | None = None  # its `restart:` policy, None when it sets none (compose's default: "no")
    awaited: bool = False  # another service of its file waits for it to end (depends_on condition service_completed_successfully)
    profiles: tuple[str, ...] = ()  # it starts only when one of these is asked for (`--profile`, or `compose run`)
    foreground: bool = False  # a script's `docker run` the script waits for: no --detach, port, restart policy or host network

    @property
    def task(self) -> bool:
        """A script's `docker run` that runs one command once: in the foreground, with a command
        that is not a terminal's shell (`docker run -v $(PWD):/app compiler make compile`); one
        that only asks for a version or help (`feast version`) is a smoke test of whatever the
        image is, not a task."""
        words = (self.command or "").split()
        return self.foreground and bool(words) and not self.toolbox and words[-1] not in _SMOKE_TESTS

    @property
    def from_script(self) -> bool:
        """A shell script's `docker run` (script_runs), not a compose service."""
        return self.name == SCRIPT_RUN


SCRIPT_RUN = "docker run"  # the name script_runs gives what it reads


@record
class Declaration:
    """A build of one Dockerfile that a project file declares."""

    dockerfile: str
    context: str
    where: str  # what says so: "compose.yaml (service web)"
    service: ComposeService | None = None
    image: str | None = None  # the name compose tags the build with (or runs, without a build)
    tags: tuple[str, ...] = ()  # the names a build command tags it with (-t, build-push-action tags)
    feeds: str = ""  # the build that takes it as an input (a bake target's `contexts`), said for messages
    target: str | None = None  # the stage a bake target or a build-push-action step builds (None: the last)
    contexts: tuple[tuple[str, str, str | None], ...] = ()  # a bake target's named contexts: (name, Dockerfile, stage)
    pushed: bool = False  # a workflow's build-push-action step pushes the image it builds (`push:` not false)
    build_args: tuple[str, ...] | None = None  # the build args a build command passes (None: not known, as for compose)
    baked: bool = False  # a Docker Bake target builds it (a named build of the project's releases or CI)
    copied_out: bool = False  # a script only creates a container of the image to copy files out of it (docker create, docker cp)


def same_image(run: str | None, built: str) -> bool:
    """Whether a compose service's `image:` is an image a build tags: the same name (registry
    and owner aside) and, when the build's tag has a fixed part (`${TAG}-cpu`), a tag that
    holds it (an `image:` without a tag runs `latest`)."""
    built = _GITHUB_EXPRESSION.sub("", built)
    if image_key(run) is None or image_key(run) != image_key(built):
        return False
    tag = built.rsplit("/", 1)[-1].partition(":")[2]
    if _PER_ARCH.search(tag):
        return True  # a per-architecture build (ci-${ARCH}), which a manifest list publishes under other tags
    fixed = expand(tag, {})
    run_tag = expand(run or "", {}).rsplit("/", 1)[-1].partition(":")[2] or "latest"  # no tag runs :latest
    return not fixed.strip("-_.") or fixed in run_tag


_GITHUB_EXPRESSION = re.compile(r"\$\{\{.*?\}\}")
_PER_ARCH = re.compile(r"\$\{?(?:TARGET)?(?:ARCH|PLATFORM)\b", re.IGNORECASE)


def image_key(name: str | None) -> str | None:
    """The name an image goes by across registries and tags: xprobe/xinference:latest ->
    xinference (None when a variable stands in for it)."""
    if not name:
        return None
    last = expand(name, {}).rsplit("/", 1)[-1].split("@", 1)[0].split(":", 1)[0].strip()
    return last if last and "$" not in last else None


def load_yaml(text: str) -> Any:
    import yaml  # type: ignore[import-untyped]  # only when a project has compose files or workflows to read

    try:
        return yaml.load(text, Loader=_compose_loader())  # noqa: S506  (a safe loader)
    except Exception:  # noqa: BLE001  (a file we cannot read as YAML says nothing)
        return None


@functools.cache
def _compose_loader() -> Any:
    """The safe loader, knowing compose's merge tags (2.24+): `!reset` drops what the primary
    file gives, `!override` replaces it; without them a whole override file is unreadable."""
    import yaml

    class ComposeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    ComposeLoader.add_constructor("!reset", lambda loader, node: None)
    ComposeLoader.add_constructor("!override", _untagged)
    return ComposeLoader


def _untagged(loader: Any, node: Any) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


def load_yaml_documents(text: str) -> list[Any] | None:
    """Every document of a YAML stream (Kubernetes manifests hold several); None if invalid."""
    import yaml  # type: ignore[import-untyped]

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return list(yaml.load_all(text, Loader=loader))  # noqa: S506  (a safe loader)
    except Exception:  # noqa: BLE001  (a file we cannot read as YAML says nothing)
        return None


def compose_declarations(folder: str, files: dict[str, str], primary: tuple[str, str, str] | None = None) -> list[Declaration]:
    """Builds the compose files of one folder declare ({file name: text}). The folder's
    compose.yaml / docker-compose.yml is the primary file; without one, `primary` is the
    nearest ancestor's (folder, name, text): compose resolves an override file
    (docker/docker-compose.prod.yml, used as `-f docker-compose.yml -f docker/...`) from the
    primary file's folder. A service an override file defines takes what it leaves out
    (build context, dockerfile, healthcheck) from the primary file's service of that name."""
    primary_name = next((n for n in PRIMARY_NAMES if n in files), None)
    if primary_name is not None:
        primary = (folder, primary_name, files[primary_name])
    project, base_services = (primary[0], compose_services(load_yaml(primary[2]))) if primary else (folder, {})
    found = []
    for name, text in sorted(files.items()):
        services = base_services if name == primary_name else compose_services(load_yaml(text))
        merged = {service: _merged(base_services.get(service, {}) if name != primary_name else {}, spec) for service, spec in services.items()}
        awaited = _awaited(merged)
        declared = {service: d for service, spec in merged.items()
                    if (d := _declaration(project, os.path.join(folder, name), service, spec, service in awaited)) is not None}
        found += [replace(d, contexts=_service_contexts(merged[service], declared)) for service, d in declared.items()]
    return found


def _service_contexts(spec: dict, declared: dict[str, Declaration]) -> tuple[tuple[str, str, str | None], ...]:
    """A service's `additional_contexts` that name another service of its file (`base_img:
    service:base_img`): (name, that service's Dockerfile, its target), as a bake target's
    `contexts` are; `FROM base_img` then builds on that service's image."""
    build = spec.get("build")
    extra = build.get("additional_contexts") if isinstance(build, dict) else None
    pairs = extra.items() if isinstance(extra, dict) else (str(e).split("=", 1) for e in extra if "=" in str(e)) if isinstance(extra, list) else ()
    found = []
    for alias, value in pairs:
        other = declared.get(interpolated(value).removeprefix("service:")) if interpolated(value).startswith("service:") else None
        if other is not None and other.dockerfile:
            found.append((str(alias), other.dockerfile, other.service.target if other.service is not None else None))
    return tuple(found)


def _awaited(services: dict[str, dict]) -> frozenset[str]:
    """The services another one waits for to end (`depends_on: {migrate: {condition:
    service_completed_successfully}}`): one-shot jobs, whatever their command."""
    found: set[str] = set()
    for spec in services.values():
        depends = spec.get("depends_on")
        if isinstance(depends, dict):
            found.update(str(n) for n, c in depends.items() if isinstance(c, dict) and c.get("condition") == "service_completed_successfully")
    return frozenset(found)


def compose_services(data: Any) -> dict[str, dict]:
    """A compose document's services by name (those that are mappings)."""
    services = data.get("services") if isinstance(data, dict) else None
    return {str(k): v for k, v in services.items() if isinstance(v, dict)} if isinstance(services, dict) else {}


def _merged(base: dict, spec: dict) -> dict:
    merged = {**base, **spec}
    if isinstance(base.get("build"), dict) and isinstance(spec.get("build"), dict):
        merged["build"] = {**base["build"], **spec["build"]}
    return merged


def _declaration(folder: str, path: str, service: str, spec: dict, awaited: bool = False) -> Declaration | None:
    build = spec.get("build")
    if isinstance(build, str):
        build = {"context": build}
    image = interpolated(spec.get("image")) or None
    if not isinstance(build, dict):  # a service that runs an image something else builds
        return Declaration("", "", f"{os.path.basename(path)}, service {service}", _service(service, path, spec, None, awaited), image) if image else None
    context = os.path.normpath(os.path.join(folder, interpolated(build.get("context")) or "."))
    dockerfile = os.path.normpath(os.path.join(context, interpolated(build.get("dockerfile")) or "Dockerfile"))
    facts = _service(service, path, spec, interpolated(build.get("target")) or None, awaited)
    return Declaration(dockerfile, context, f"{os.path.basename(path)}, service {service}", facts, image)


def _service(service: str, path: str, spec: dict, target: str | None, awaited: bool = False) -> ComposeService:
    health = spec.get("healthcheck")
    healthcheck = None
    if isinstance(health, dict):
        test = health.get("test")
        disabled = health.get("disable") is True or test == ["NONE"] or test == "NONE"
        healthcheck = "disabled" if disabled else "defined" if test else None
    command = spec.get("command")
    command_text = " ".join(map(str, command)) if isinstance(command, list) else interpolated(command) or None
    terminal = spec.get("tty") is True or spec.get("stdin_open") is True
    toolbox = _toolbox(terminal, command, command is not None, bool(spec.get("ports")))
    restart = interpolated(spec.get("restart")) or None
    profiles = tuple(map(str, spec["profiles"])) if isinstance(spec.get("profiles"), list) else ()
    return ComposeService(service, path, interpolated(spec.get("user")) or None, healthcheck, target, command_text, toolbox, restart, awaited, profiles)


def _toolbox(terminal: bool, command: Any, has_command: bool, published: bool) -> bool:
    """It only keeps a terminal open: a tty or open stdin, and no command of its own and no
    published port, or only a shell as its command."""
    return terminal and ((not has_command and not published) or _only_a_shell(command))


def _only_a_shell(command: Any) -> bool:
    """`command: bash` (or ["/bin/sh"]): a shell in place of the image's command, so nothing
    serves until someone starts it by hand in that terminal, whatever ports are published."""
    words = [str(w) for w in command] if isinstance(command, list) else interpolated(command).split()
    return len(words) == 1 and is_shell(words[0])


def interpolated(value: Any) -> str:
    """A compose string with its variables interpolated from the defaults it gives."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    return expand(str(value), {}).strip()


def devcontainer_declaration(folder: str, text: str) -> Declaration | None:
    """devcontainer.json: build.dockerfile and build.context, relative to its folder."""
    data = _jsonc(text)
    build = data.get("build") if isinstance(data, dict) else None
    if not isinstance(build, dict) or not build.get("dockerfile"):
        if isinstance(data, dict) and data.get("dockerFile"):  # the older spelling
            build = {"dockerfile": data["dockerFile"], "context": data.get("context")}
        else:
            return None
    dockerfile = os.path.normpath(os.path.join(folder, str(build["dockerfile"])))
    context = os.path.normpath(os.path.join(folder, str(build.get("context") or ".")))
    return Declaration(dockerfile, context, "devcontainer.json")


def _jsonc(text: str) -> Any:
    """JSON with comments and trailing commas, as devcontainer.json allows."""
    out, pos = [], 0
    for match in _JSONC_TOKEN.finditer(text):
        out.append(text[pos : match.start()])
        token = match.group()
        out.append(token if token.startswith('"') else "" if token.startswith("/") else token[1:])
        pos = match.end()
    out.append(text[pos:])
    try:
        return json.loads("".join(out))
    except ValueError:
        return None


_JSONC_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|//[^\n]*|/\*.*?\*/|,(?=\s*[}\]])', re.DOTALL)


def workflow_declarations(root: str, where: str, text: str) -> list[Declaration]:
    """docker/build-push-action steps of a GitHub workflow or composite action at `where`
    (`with: context, file`, both relative to the repository root; `file` defaults to
    `<context>/Dockerfile`) and the `docker build` commands of its scripts, which run at the
    repository root."""
    found: list[Declaration] = []
    if "build-push-action" in text:
        data = load_yaml(text)  # parsed once: expressions are filled in the text and in its data alike
        env = data.get("env") if isinstance(data, dict) else None
        if isinstance(env, dict):  # ${{ env.NAME }} of the workflow's own env
            text, data = _filled(text, data, _ENV_EXPRESSION, lambda m: str(env.get(m.group(1), m.group(0))))
        if outputs := _step_outputs(data):  # ${{ steps.ID.outputs.NAME }} that a step echoes once, as a constant
            text, data = _filled(text, data, _STEP_OUTPUT, lambda m: outputs.get((m.group(1), m.group(2)), m.group(0)))
        _walk_steps(data, root, where, found, _metadata_images(data), _matrix_values(data))
    for command in build_commands(_GITHUB_SPACES.sub(lambda m: m.group().replace(" ", ""), text)):
        context_path = os.path.normpath(os.path.join(root, command.context))
        dockerfile = os.path.join(root, command.file) if command.file else os.path.join(context_path, "Dockerfile")
        found.append(Declaration(os.path.normpath(dockerfile), context_path, where, tags=command.tags, build_args=command.args))
    return found


_ENV_EXPRESSION = re.compile(r"\$\{\{\s*env\.(\w+)\s*\}\}")


def _filled(text: str, data: Any, expression: re.Pattern[str], value: Callable[[re.Match[str]], str]) -> tuple[str, Any]:
    """The workflow's text and its parsed data with each `expression` replaced by its value."""
    return expression.sub(value, text), _in_strings(data, lambda s: expression.sub(value, s) if "${{" in s else s)


def _in_strings(node: Any, change: Callable[[str], str]) -> Any:
    if isinstance(node, str):
        return change(node)
    if isinstance(node, dict):
        return {_in_strings(k, change): _in_strings(v, change) for k, v in node.items()}
    if isinstance(node, list):
        return [_in_strings(v, change) for v in node]
    return node


_STEP_OUTPUT = re.compile(r"\$\{\{\s*steps\.([\w-]+)\.outputs\.(\w+)\s*\}\}")
_ECHO_OUTPUT = re.compile(r"""^\s*echo\s+(["']?)(\w+)=([^"'$`\s]*)\1\s*>>\s*["']?\$\{?GITHUB_OUTPUT\}?["']?\s*$""", re.MULTILINE)


def _mappings(node: Any) -> list[dict]:
    """Every mapping of a YAML document, each before the ones inside it (a workflow's jobs,
    their strategy and steps), in document order."""
    found: list[dict] = []
    pending = [node]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            found.append(node)
            pending.extend(reversed(node.values()))
        elif isinstance(node, list):
            pending.extend(reversed(node))
    return found


def _step_outputs(data: Any) -> dict[tuple[str, str], str]:
    """{(step id, output name): value} of the outputs a step's script sets once to a constant
    (R2R: `echo "REGISTRY_IMAGE=ragtoriches/cluster-prod" >> $GITHUB_OUTPUT`, the env filled in
    first); an output set twice (one branch each) or from a variable is left out."""
    found: dict[tuple[str, str], str] = {}
    for node in _mappings(data):
        step, run = node.get("id"), node.get("run")
        if isinstance(step, str) and isinstance(run, str):
            sets = [(m.group(2), m.group(3)) for m in _ECHO_OUTPUT.finditer(run)]
            names = [name for name, _ in sets]
            found.update({(step, name): value for name, value in sets if names.count(name) == 1 and value})
    return found


_METADATA_ACTIONS = ("docker/metadata-action", "crazy-max/ghaction-docker-meta")
_METADATA_TAGS = re.compile(r"\$\{\{\s*steps\.([\w-]+)\.outputs\.tags\s*\}\}")


def _metadata_images(data: Any) -> dict[str, tuple[str, ...]]:
    """{step id: image names} of the docker/metadata-action steps of a workflow: their `images`
    input (one per line or comma, `name=ghcr.io/org/app,enable=...` or plain) names what a
    build-push-action step tags with `${{ steps.ID.outputs.tags }}`, under tags made at run time."""
    found: dict[str, tuple[str, ...]] = {}
    for node in _mappings(data):
        uses, given, step = node.get("uses"), node.get("with"), node.get("id")
        if isinstance(uses, str) and uses.startswith(_METADATA_ACTIONS) and isinstance(given, dict) and isinstance(step, str):
            lines = str(given.get("images") or "").splitlines()
            entries = [e.strip() for line in lines for e in (line.split(",") if "name=" not in line else [line])]
            names = [_metadata_name(e) for e in entries]
            found[step] = tuple(n for n in names if n and "${{" not in n)
    return found


def _metadata_name(entry: str) -> str:
    """`name=ghcr.io/org/app,enable=true` -> ghcr.io/org/app; a plain entry is the name."""
    for part in entry.split(","):
        key, equals, value = part.strip().partition("=")
        if equals and key == "name":
            return value.strip()
    return "" if "=" in entry else entry.strip()


def _walk_steps(data: Any, root: str, where: str, found: list[Declaration], metadata: dict[str, tuple[str, ...]],
                matrix: dict[str, tuple[str, ...]]) -> None:
    for node in _mappings(data):
        uses, given = node.get("uses"), node.get("with")
        if isinstance(uses, str) and "build-push-action" in uses and isinstance(given, dict):
            context = str(given["context"]) if isinstance(given.get("context"), str) else "."
            file = str(given["file"]) if isinstance(given.get("file"), str) else os.path.join(context, "Dockerfile")
            tags = given.get("tags")
            names = tuple(t.strip() for t in re.split(r"[\n,]", tags) if t.strip()) if isinstance(tags, str) else tuple(map(str, tags or ()))
            names = tuple(made for name in names for made in _made_tags(name, metadata))
            pushed = str(given.get("push", False)).strip().lower() not in ("false", "")
            target = given.get("target") if isinstance(given.get("target"), str) and "${{" not in given["target"] else None
            for values in _matrix_runs(context + file, matrix):
                context_of, file_of = _with_matrix(context, values), _with_matrix(file, values)
                if "${{" not in context_of + file_of:
                    context_path = os.path.normpath(os.path.join(root, context_of.strip() or "."))
                    found.append(Declaration(os.path.normpath(os.path.join(root, file_of.strip())), context_path, where,
                                             tags=tuple(_with_matrix(n, values) for n in names), pushed=pushed, target=target))


_MATRIX_REFERENCE = re.compile(r"\$\{\{\s*matrix\.([\w-]+)\s*\}\}")
_MAX_MATRIX_RUNS = 16


def _matrix_values(data: Any) -> dict[str, tuple[str, ...]]:
    """{name: values} of the jobs' `strategy: matrix:` lists of plain values (`os: [alpine,
    debian]`); include and exclude are not read."""
    found: dict[str, tuple[str, ...]] = {}
    for node in _mappings(data):
        strategy = node.get("strategy")
        matrix = strategy.get("matrix") if isinstance(strategy, dict) else None
        if isinstance(matrix, dict):
            for name, values in matrix.items():
                if isinstance(values, list) and values and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in values):
                    found[str(name)] = tuple(dict.fromkeys((*found.get(str(name), ()), *map(str, values))))
    return found


def _matrix_runs(text: str, matrix: dict[str, tuple[str, ...]]) -> list[dict[str, str]]:
    """One binding of the matrix values per run the text's `${{ matrix.NAME }}` references
    make (`./Dockerfile.${{ matrix.image }}-${{ matrix.os }}`: each image with each os); the
    empty binding for a text without them or with a name the matrix does not list."""
    names = list(dict.fromkeys(_MATRIX_REFERENCE.findall(text)))
    if not names or any(n not in matrix for n in names):
        return [{}]
    return [dict(zip(names, values)) for values in itertools.product(*(matrix[n] for n in names))][:_MAX_MATRIX_RUNS]


def _with_matrix(text: str, values: dict[str, str]) -> str:
    return _MATRIX_REFERENCE.sub(lambda m: values.get(m.group(1), m.group()), text) if values else text


def _made_tags(tag: str, metadata: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """A build-push-action tag, or for `${{ steps.meta.outputs.tags }}` the images that
    metadata step names, each under a tag made at run time (`org/app:${{ ... }}`: any tag)."""
    match = _METADATA_TAGS.fullmatch(tag)
    if match is None or match.group(1) not in metadata:
        return (tag,)
    return tuple(f"{image}:{tag}" for image in metadata[match.group(1)])


_MAKE_ASSIGNMENT = re.compile(r"^ *([A-Za-z_][\w.-]*)[ \t]*(\?|::?|\+)?=[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_MAKE_REFERENCE = re.compile(r"\$[({]([A-Za-z_][\w.-]*)[)}]")
_MAKE_DEPTH = 4  # references inside values filled in this many levels deep


def make_expanded(text: str) -> str:
    """A Makefile with the `$(NAME)` references to its own plain assignments (`NAME := value`,
    `?=`, `=`, also indented by spaces inside an `ifeq` block; the first of each name, a `=` or
    `:=` before a `?=` default, which make lets it override; not `+=` or `X := $(X)-dbg`, which
    append to a value) filled in, so its recipes' `docker build --tag
    $(IMAGE)` name the image; references to anything else are left as they are."""
    values: dict[str, str] = {}
    defaults: dict[str, str] = {}
    for match in _MAKE_ASSIGNMENT.finditer(text):
        name, kind, value = match.groups()
        if kind != "+" and f"$({name})" not in value and f"${{{name}}}" not in value:  # not an append to its value
            (defaults if kind == "?" else values).setdefault(name, value)
    values = {**defaults, **values}
    for _ in range(_MAKE_DEPTH):
        filled = _MAKE_REFERENCE.sub(lambda m: values.get(m.group(1), m.group()), text)
        if filled == text:
            break
        text = filled
    return text


_GITHUB_SPACES = re.compile(r"\$\{\{[^}\n]*\}\}")  # ${{ inputs.name }} kept one word: ${{inputs.name}}
_CLI_WORDS = re.compile(r"docker|podman|DOCKER|PODMAN|RUNTIME|ENGINE")


def mentions_container_cli(text: str) -> bool:
    """Whether a script may build or run images: it names docker or podman, or a variable that
    may stand for one (CONTAINER_RUNTIME), checked before a script is read for commands."""
    return _CLI_WORDS.search(text) is not None


# $CONTAINER_RUNTIME, ${DOCKER_CMD}; not $DOCKER_COMPOSE, whose `run` takes a service, not an image
_CLI_VARIABLE = r"\$\{?(?![A-Z_]*COMPOSE)[A-Z_]*(?:DOCKER|PODMAN|RUNTIME|ENGINE)[A-Z_]*\}?"
# `docker $(BUILDX) build`: a variable that may hold `buildx`, or nothing
_BUILD_COMMAND = re.compile(rf"(?:\b(?:docker(?:\s+buildx|\s+\$[({{]\w+[)}}])?|podman)|{_CLI_VARIABLE}(?:\s+buildx)?)\s+build\b((?:[^\n\\]|\\\n|\\.)*)")


_VARIABLE = r"\$(?:\(\w+\)|\{\w+\}|\w+)"
# plain, or under one variable ($(PREFIX)/compiler), with a tag that may be a variable's (builder:$TAG, builder:${tag})
_RUN_IMAGE = re.compile(rf"(?:{_VARIABLE}/)?[\w.-]+(?:/[\w.-]+)*(?::(?:[\w.-]|{_VARIABLE})+)?(?:@sha256:[0-9a-f]+)?")
_RUN_COMMAND = re.compile(rf"(?:\b(?:docker(?:\s+container)?|podman)|{_CLI_VARIABLE})\s+run\b((?:[^\n\\]|\\\n|\\.)*)")


_COMMAND_START = re.compile(r"docker|podman|\$")  # where a command can start: the CLI, or a variable naming it


def _commands(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern.finditer(text)`, tried only where docker, podman or a variable is written:
    the same matches; saves 6.1% of lint on real repositories (benchmarks/bench_tricks.py --repos)."""
    end = 0
    for start in _COMMAND_START.finditer(text):
        if start.start() >= end and (match := pattern.match(text, start.start())):
            end = match.end()
            yield match


def script_runs(path: str, text: str) -> list[Declaration]:
    """The `docker run [OPTIONS] IMAGE [COMMAND]` commands of a shell script, each read as a
    compose service that runs the image: its --user, --health-cmd or --no-healthcheck, its
    command, and whether it only keeps a terminal open (-it with no command and no -p, or
    only a shell: `docker run -it --rm -v $PWD:/src image bash`)."""
    found = []
    for match in _commands(_RUN_COMMAND, text):
        commands = split_script(match.group(1).replace("\\\n", " "), lambda offset: 0)
        words = commands[0].words if commands and not match.group(1).lstrip().startswith(("&", "|", ";")) else ()
        argv = parse_argv("docker run", words)
        if not argv.operands or not _RUN_IMAGE.fullmatch(argv.operands[0]):
            continue  # the image is a variable's ($IMAGE, ${NAME}:${TAG}), not one to match ($(PREFIX)/compiler:latest is)
        image, command = argv.operands[0], list(argv.operands[1:])
        terminal = argv.has("--interactive") or argv.has("--tty")
        toolbox = _toolbox(terminal, command, bool(command), argv.has("--publish"))
        healthcheck = "disabled" if argv.has("--no-healthcheck") else "defined" if argv.has("--health-cmd") else None
        foreground = not (argv.has("--detach") or argv.has("--publish") or argv.has("--restart") or argv.value("--network") == "host")
        service = ComposeService(SCRIPT_RUN, path, argv.value("--user"), healthcheck, None, " ".join(command) or None, toolbox,
                                 argv.value("--restart"), foreground=foreground)
        found.append(Declaration("", "", f"{os.path.basename(path)} (a run script)", service=service, image=image))
    return found


_CREATE_COMMAND = re.compile(r"\b(?:docker(?:\s+container)?|podman)\s+create\b((?:[^\n\\]|\\\n|\\.)*)")
_COPY_OUT = re.compile(r"\b(?:docker(?:\s+container)?|podman)\s+cp\s")
_STARTS = re.compile(r"\b(?:docker(?:\s+container)?|podman)\s+(?:start|exec|commit)\s")


def script_copies_out(path: str, text: str) -> list[Declaration]:
    """The images a script creates a container of only to copy files out of it: `docker cp
    $(docker create IMAGE):/out/lib.so .`, or `ID=$(docker create IMAGE)` then `docker cp
    $ID:...`. A script that starts, execs in or commits a container runs what it creates: none."""
    if not _COPY_OUT.search(text) or _STARTS.search(text):
        return []
    found = []
    for match in _CREATE_COMMAND.finditer(text):
        commands = split_script(_substitution_end(match.group(1).replace("\\\n", " ")), lambda offset: 0)
        argv = parse_argv("docker run", commands[0].words if commands else ())  # docker create takes docker run's options
        if argv.operands and _RUN_IMAGE.fullmatch(argv.operands[0]):
            found.append(Declaration("", "", f"{os.path.basename(path)} (docker cp)", image=argv.operands[0], copied_out=True))
    return found


def _substitution_end(text: str) -> str:
    """The text up to the `)` that closes the command substitution it is in (`$(docker create
    IMAGE):/path`), or all of it."""
    depth = 0
    for at, char in enumerate(text):
        depth += char == "("
        depth -= char == ")"
        if depth < 0:
            return text[:at]
    return text


@record
class BuildCommand:
    """One `docker build` command: its -f file (None: CONTEXT/Dockerfile), context, -t tags and
    the names of the build args it passes (`--build-arg NAME=VALUE`, or `--build-arg NAME`
    from the environment)."""

    file: str | None
    context: str
    tags: tuple[str, ...]
    args: tuple[str, ...] = ()


def build_commands(text: str) -> list[BuildCommand]:
    """Each `docker build`, `docker buildx build` or `podman build` command in a script, workflow
    or comment block (lines continued with a backslash are joined), also when a variable names
    the container CLI (`$CONTAINER_RUNTIME build`, `${DOCKER} build`)."""
    found = []
    for match in _commands(_BUILD_COMMAND, text):
        commands = split_script(match.group(1).replace("\\\n", " "), lambda offset: 0)
        words = commands[0].words if commands and not match.group(1).lstrip().startswith(("&", "|", ";")) else ()
        argv = parse_argv("docker build", words)
        contexts = [w for w in argv.operands if w and not w.startswith(("<", "$")) and "://" not in w]
        if contexts:
            args = tuple(a.partition("=")[0] for a in argv.values("--build-arg"))
            found.append(BuildCommand(argv.value("--file"), contexts[-1], argv.values("--tag"), args))
    return found
