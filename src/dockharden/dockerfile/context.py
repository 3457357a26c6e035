"""Where a Dockerfile is built from, found from the project around it.

Docker reads `.dockerignore` at the root of the build context, or `<Dockerfile
name>.dockerignore` next to the Dockerfile; projects often build a Dockerfile in a
subfolder with the repository root as context. The likely context is, in this order:

1. what a project file declares for this Dockerfile: a compose file (`build.context` and
   `build.dockerfile`; in a folder named compose, any YAML file: dev/compose/community.yaml) or devcontainer.json in the Dockerfile's folder or an ancestor (or a
   compose file in a deployment folder of the repository root or of another ancestor: `deploy/`,
   `deployment/`, `deployments/`, `docker/`, `compose/`, `charts/`, `helm/`, `k8s/`,
   `kubernetes/`, or a folder directly in one of them, where a Helm chart's probes, and those
   of the plain Kubernetes manifests of a folder named k8s, kubernetes, kube, manifests or
   deploy(ment(s)), count as a compose healthcheck), a
   GitHub workflow's or composite action's (`.github/actions/NAME/action.yml`) build-push-action
   step or `docker build` / `podman build` command, a Docker Bake file's target (docker-bake.hcl,
   docker-bake.*.hcl, another .hcl file with a target that names a dockerfile), or a
   `docker build -f ... CONTEXT` command written in the
   Dockerfile's comments or in a shell script, Python script (python_scripts.py) or Makefile
   (its own variables filled in) of its folder, an ancestor or a folder of scripts of the
   repository root (scripts/, scripts-dev/, script/, bin/, tools/, hack/), also with a
   variable for the container CLI (`$CONTAINER_RUNTIME build`); the compose files of those
   folders and of the root's devcontainer folders (.devcontainer/, devcontainer-example/)
   say who runs the image it builds;
2. else the nearest of the Dockerfile's folder and its ancestors where most of the sources
   the file copies from the context (COPY/ADD, RUN --mount=type=bind) exist (a build step
   may make some before the build);
3. else the Dockerfile's folder (`docker build <folder>`).

A build command whose file path holds GitHub expressions (a composite action's `--file
images/${{ inputs.name }}/Containerfile`) stands for each Dockerfile the path matches, with
its tags filled in from what the expressions matched (`--tag acme/${{ inputs.name }}`).

A `docker build - < Dockerfile` in its comments sends no context: the evidence says so
(NO_CONTEXT) and nothing the file copies comes from a folder.

Ancestors reach up to the repository root (the nearest folder holding `.git`), or, outside
a repository, to the working directory when the file lies under it. A ContextFinder reads
each folder and project file once per lint run.
"""
from __future__ import annotations

import os
import re
from dataclasses import replace

from dockharden.core.records import record
from dockharden.dockerfile.bake import bake_declarations, is_bake_file
from dockharden.dockerfile.context_contents import WHOLE_CONTEXT, unwanted
from dockharden.dockerfile.base_builds import from_keys, helper_builds, named_image, named_like_a_dockerfile
from dockharden.dockerfile.facts import command_words, script_runs_only_its_arguments
from dockharden.dockerfile.one_shot import last_command, script_of, serves
from dockharden.dockerfile.pyproject import ConsoleScripts, console_scripts
from dockharden.dockerfile.python_scripts import docker_commands
from dockharden.dockerfile.helm import chart_declarations
from dockharden.dockerfile.kubernetes import manifest_declarations
from dockharden.dockerfile.compose import (
    COMPOSE_NAME, PRIMARY_NAMES, ComposeService, Declaration, build_commands, compose_declarations, devcontainer_declaration,
    image_key, make_expanded, mentions_container_cli, same_image, script_copies_out, script_runs, workflow_declarations,
)
from dockharden.knowledge import purposes as words_of
from dockharden.knowledge.secrets import holds_credentials, is_env_file, only_public_keys, sets_nothing, sets_only_public_values

_MAX_TEXT = 1 << 20
_MAX_LEVELS = 12
_STDIN_BUILD = re.compile(r"\b(?:docker(?:\s+buildx)?|podman)\s+build\s+(?:[^\n<|]*\s)?-\s*<\s*(\S+)")
_STDIN = "-"
NO_CONTEXT = "`docker build - < Dockerfile` in its comments: no context is sent"
_PROBING = ("(helm chart)", "(kubernetes manifest)")  # the declarations whose images run with Kubernetes probes
_MAX_SCRIPTS = 20  # shell scripts read per folder for `docker build` commands
_MAX_ACTIONS = 50  # composite actions read per repository
_MAKEFILES = frozenset({"Makefile", "makefile", "GNUmakefile"})
_GLOB = frozenset("*?[$")
_SCRIPT_FOLDERS = ("scripts", "scripts-dev", "script", "bin", "tools", "hack")
_DEPLOYMENT_FOLDERS = ("deploy", "deployment", "deployments", "docker", "compose", "charts", "helm", "k8s", "kubernetes")
# Folders whose YAML files are read as Kubernetes manifests (a deployment folder, or one in it:
# k8s/, deploy/kubernetes/, k8s/backend/ when k8s/ is a deployment folder of an ancestor).
_MANIFEST_FOLDERS = frozenset({"k8s", "kubernetes", "kube", "manifests", "deploy", "deployment", "deployments"})


@record
class BuildContext:
    root: str  # the context folder, as the user would name it (relative to the working directory)
    evidence: str  # how it was found
    dockerignore: str | None  # the ignore file that applies, or None
    directories: frozenset[str] = frozenset()  # context sources (as written) that are folders there
    services: tuple[ComposeService, ...] = ()  # compose services that build this Dockerfile
    harmless: frozenset[str] = frozenset()  # copied credential-named files that hold no credential
    github_action: bool = False  # action.yml beside it runs this Dockerfile (`runs.using: docker`)
    devcontainer: bool = False  # a devcontainer.json builds it
    repository: str = ""  # the repository (or project) root, absolute
    dockerfile: str = ""  # the Dockerfile, absolute
    neighbours: frozenset[str] = frozenset()  # the other entries of the Dockerfile's folder
    build_targets: frozenset[str | None] = frozenset()  # the `target:` of each compose service that builds it (None: the last stage)
    feeds: str = ""  # the other build that takes this image as its input ("the media context of target server")
    feeds_where: str = ""  # the file that says so
    entrypoint_switch: str = ""  # how the entrypoint script or the s6 services copied from the context drop root ("start.sh runs gosu, line 13")
    files: frozenset[str] = frozenset()  # context sources (as written) that are regular files there
    console_scripts: frozenset[str] = frozenset()  # what the context's pyproject.toml installs on the PATH ([project.scripts]), when the file copies it
    cli_scripts: frozenset[str] = frozenset()  # those of them whose entry point is the project's cli module (`pkg.cli:main`)
    published: str = ""  # the workflow that pushes the image it builds (build-push-action with push)
    base_of: str = ""  # the build that tags it as an image another Dockerfile of the repository is FROM, said for messages
    entrypoint_wrapper: str = ""  # how the ENTRYPOINT script copied from the context only runs its arguments (`exec "$@"`)
    entrypoint_once: str = ""  # how the ENTRYPOINT script copied from the context runs once and exits (it neither serves nor loops)
    other_targets: frozenset[str] = frozenset()  # the stages workflow steps and bake targets name as their `target`
    batch_script: str = ""  # how the final command is a Python script copied from the context that runs once ("its command runs infer.py once: ...")
    passed_args: frozenset[str] = frozenset()  # the build args every declared build command passes (`--build-arg FROM=...`)
    passed_where: str = ""  # the file of the first such build, said for messages
    copied_out: str = ""  # how the project only copies files out of the image it builds (docker create, docker cp), said for messages
    # What the context holds that a .dockerignore would leave out (context_contents.py), when the file
    # copies it whole with none; None when not looked at or too big to look through.
    unwanted: tuple[str, ...] | None = None
    repository_root: bool = False  # the context is the repository's root folder
    released: str = ""  # the bake target or pushing workflow that builds its last stage, said for messages


class ContextFinder:
    def __init__(self, cwd: str | None = None) -> None:
        self._cwd = os.path.abspath(cwd or os.getcwd())
        self._names: dict[str, frozenset[str]] = {}
        self._declared: dict[str, list[Declaration]] = {}
        self._exists: dict[str, bool] = {}
        self._chains: dict[str, list[str]] = {}
        self._deployment: dict[str, list[str]] = {}
        self._helpers: dict[str, list[tuple[str, str, str]]] = {}
        self._froms: dict[tuple[str, bool], frozenset[str]] = {}
        self._scripts: dict[str, ConsoleScripts] = {}  # a context root's pyproject.toml console scripts
        self._unwanted: dict[str, tuple[str, ...] | None] = {}  # a context root's entries a .dockerignore would leave out

    def names(self, folder: str) -> frozenset[str]:
        """The entries of a folder (none when it cannot be read)."""
        names = self._names.get(folder)
        if names is None:
            try:
                with os.scandir(folder) as entries:
                    names = frozenset(e.name for e in entries)
            except OSError:
                names = frozenset()
            self._names[folder] = names
        return names

    def exists(self, path: str) -> bool:
        found = self._exists.get(path)
        if found is None:
            found = self._exists[path] = os.path.lexists(path)
        return found

    def read(self, path: str) -> str | None:
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                return handle.read(_MAX_TEXT)
        except OSError:
            return None

    def ancestors(self, folder: str) -> list[str]:
        """The folder and its ancestors up to the repository root (see the module's docs)."""
        chain = self._chains.get(folder)
        if chain is None:
            chain = self._chains[folder] = self._ancestors(folder)
        return chain

    def _ancestors(self, folder: str) -> list[str]:
        chain = [folder]
        while not self.exists(os.path.join(chain[-1], ".git")):
            parent = os.path.dirname(chain[-1])
            if parent == chain[-1] or len(chain) == _MAX_LEVELS:
                return chain[: chain.index(self._cwd) + 1] if self._cwd in chain else [folder]
            chain.append(parent)
        return chain

    def declarations(self, folder: str, root: str) -> list[Declaration]:
        """The builds a folder's project files declare (compose files, .devcontainer, the
        `docker build` commands of its shell scripts, and at the repository root its GitHub
        workflows and composite actions)."""
        found = self._declared.get(folder)
        if found is not None:
            return found
        names = self.names(folder)
        composes = {n: t for n in sorted(names) if _compose_file(folder, n) and (t := self.read(os.path.join(folder, n))) is not None}
        found = compose_declarations(folder, composes, self._primary_compose(folder, root)) if composes else []
        for name in (".devcontainer/devcontainer.json", ".devcontainer.json", "devcontainer.json"):
            if name.split("/")[0] in names and (text := self.read(os.path.join(folder, name))) is not None:
                declared = devcontainer_declaration(os.path.dirname(os.path.join(folder, name)), text)
                found += [declared] if declared is not None else []
        if "Chart.yaml" in names:
            found += chart_declarations(folder, self.names, self.read)
        elif os.path.basename(folder) in _MANIFEST_FOLDERS:
            found += manifest_declarations(folder, self.names, self.read)
        for name in sorted(n for n in names if n.endswith(".hcl")):
            if (text := self.read(os.path.join(folder, name))) is not None and is_bake_file(name, text):
                found += bake_declarations(folder, root, name, text, self.exists)
        for name in sorted(n for n in names if n.endswith(".sh"))[:_MAX_SCRIPTS]:
            if (text := self.read(os.path.join(folder, name))) and mentions_container_cli(text):
                found += self._script_declarations(folder, root, name, text) if " build" in text else []
                found += script_runs(os.path.join(folder, name), text) if " run" in text else []
                found += script_copies_out(os.path.join(folder, name), text) if " create" in text else []
        for name in sorted(n for n in names if n.endswith(".py"))[:_MAX_SCRIPTS]:
            if (text := self.read(os.path.join(folder, name))) and ("docker" in text or "podman" in text) and (commands := docker_commands(text)):
                found += self._script_declarations(folder, root, name, commands) if " build" in commands else []
                found += script_runs(os.path.join(folder, name), commands) if " run" in commands else []
        for name in sorted(names & _MAKEFILES):
            if (text := self.read(os.path.join(folder, name))) and mentions_container_cli(text):
                found += self._script_declarations(folder, root, name, make_expanded(text)) if " build" in text else []
                found += script_runs(os.path.join(folder, name), make_expanded(text)) if " run" in text else []
                found += script_copies_out(os.path.join(folder, name), make_expanded(text)) if " create" in text else []
        if folder == root and ".github" in names:
            for where in self._github_files(folder):
                if (text := self.read(os.path.join(folder, where))) and ("context" in text or " build" in text or "build-push-action" in text):
                    found += [b for d in workflow_declarations(folder, where, text) for b in self._bound(folder, d)]
        self._declared[folder] = found
        return found

    def _github_files(self, root: str) -> list[str]:
        """The repository's GitHub workflows and composite actions (`.github/actions/NAME/action.yml`,
        whose steps a workflow runs with `uses: ./.github/actions/NAME`), relative to the root."""
        workflows = os.path.join(root, ".github", "workflows")
        found = [f".github/workflows/{n}" for n in sorted(self.names(workflows)) if n.endswith((".yml", ".yaml"))]
        actions = os.path.join(root, ".github", "actions")
        for action in sorted(self.names(actions))[:_MAX_ACTIONS]:
            entries = self.names(os.path.join(actions, action))
            found += [f".github/actions/{action}/{n}" for n in ("action.yml", "action.yaml") if n in entries]
        return found

    def _bound(self, root: str, declared: Declaration) -> list[Declaration]:
        """A build whose --file holds GitHub expressions (`images/${{inputs.name}}/Containerfile`,
        a composite action's inputs): one build per Dockerfile of the repository that the path
        matches, each expression bound to the part of the path it matched there and replaced
        by it in the context and the tags too (`--tag acme/${{inputs.name}}`). Without
        expressions, the build as it is."""
        if "${{" not in declared.dockerfile or not declared.dockerfile.startswith(root.rstrip("/") + "/"):
            return [declared]
        matches: list[tuple[str, dict[str, str]]] = [(root, {})]
        for part in os.path.relpath(declared.dockerfile, root).split(os.sep):
            pattern = _template(part)
            matches = [(os.path.join(folder, name), {**bound, **found}) for folder, bound in matches
                       for name in sorted(self.names(folder)) if (found := _matched(pattern, name, bound)) is not None][:_MAX_BOUND]
        return [replace(declared, dockerfile=path, context=_filled(declared.context, bound), tags=tuple(_filled(t, bound) for t in declared.tags))
                for path, bound in matches if os.path.isfile(path)]

    def _script_declarations(self, folder: str, root: str, name: str, text: str) -> list[Declaration]:
        """The `docker build -f FILE CONTEXT` commands of a shell script, whose paths are
        relative to the script's folder or, for scripts that cd there first, the repository
        root: the first of the two where FILE exists."""
        found = []
        for command in build_commands(text):
            for base in (folder, root):
                dockerfile = os.path.normpath(os.path.join(base, command.file or os.path.join(command.context, "Dockerfile")))
                if self.exists(dockerfile):
                    found.append(Declaration(dockerfile, os.path.normpath(os.path.join(base, command.context)), f"{name} (a build script)",
                                             tags=command.tags, build_args=command.args))
                    break
        return found

    def _primary_compose(self, folder: str, root: str) -> tuple[str, str, str] | None:
        """The nearest ancestor's compose.yaml / docker-compose.yml, up to the repository root."""
        while True:
            for name in PRIMARY_NAMES:
                if name in self.names(folder) and (text := self.read(os.path.join(folder, name))) is not None:
                    return folder, name, text
            parent = os.path.dirname(folder)
            if folder == root or parent == folder:
                return None
            folder = parent

    def context(self, dockerfile: str, model) -> BuildContext:
        """The likely build context of the Dockerfile at `dockerfile` (an absolute path)."""
        dockerfile = os.path.normpath(dockerfile)
        folder = os.path.dirname(dockerfile)
        chain = self.ancestors(folder)
        everything = [d for a in chain for d in self.declarations(a, chain[-1])]
        everything += [d for a in self._deployment_folders(chain) for d in self.declarations(a, chain[-1]) if d.service is not None]
        everything += [d for a in self._script_folders(chain) for d in self.declarations(a, chain[-1]) if d.service is not None or d.dockerfile]
        declared = [d for d in everything if d.dockerfile == dockerfile]
        built_as = [name for d in declared for name in (d.image, *d.tags) if name]
        runs = [d for d in everything if not d.dockerfile and any(_runs_image(d, name) for name in built_as)]
        runs += self._probed_as_the_repository(dockerfile, chain, everything) if not built_as else []
        sources = _context_sources(model)
        siblings = [d for d in everything if d.dockerfile and d.dockerfile != dockerfile and os.path.dirname(d.dockerfile) == folder]
        root, evidence = _choose(self, dockerfile, chain, declared, sources, model, siblings)
        ignore = _ignore_file(self, root, dockerfile)
        plain = [s for s in sources if not _GLOB.intersection(s)]
        directories = frozenset(s for s in plain if os.path.isdir(os.path.join(root, s)))
        files = frozenset(s for s in plain if s not in directories and os.path.isfile(os.path.join(root, s)))
        return BuildContext(
            self._display(root), evidence, None if ignore is None else self._display(ignore), directories,
            tuple(d.service for d in declared + runs if d.service is not None), _harmless(self, root, sources),
            _github_action(self, folder, dockerfile), any(d.where == "devcontainer.json" for d in declared), chain[-1],
            dockerfile, self.names(folder) - {os.path.basename(dockerfile)},
            frozenset(d.service.target for d in declared if d.service is not None),
            *next(((d.feeds, d.where.split(" (", 1)[0]) for d in declared if d.feeds and _builds_last(d, model)), ("", "")),
            _entrypoint_switch(self, root, model) or _s6_switch(self, root, model),
            files=files, console_scripts=(scripts := self._console_scripts(root, sources)).names, cli_scripts=scripts.cli,
            published=next((d.where for d in declared if d.pushed), ""), base_of=self._base_of(dockerfile, chain, declared, everything),
            entrypoint_wrapper=_entrypoint_wrapper(self, root, model), entrypoint_once=_entrypoint_once(self, root, model),
            other_targets=frozenset(d.target for d in declared if d.service is None and d.target),
            batch_script=_batch_script(self, root, model, directories), **_passed_args(declared),
            copied_out=_copied_out(declared, runs),
            unwanted=self._unwanted_in(root, chain[-1]) if ignore is None and WHOLE_CONTEXT.intersection(sources) else None,
            repository_root=root == chain[-1],
            released=next((d.where for d in declared if (d.baked or d.pushed) and _builds_last(d, model)), ""),
        )

    def _unwanted_in(self, root: str, repository: str) -> tuple[str, ...] | None:
        """What the context root holds that a .dockerignore would leave out, looked through once per root."""
        if root not in self._unwanted:
            self._unwanted[root] = unwanted(root, repository_root=root == repository)
        return self._unwanted[root]

    def _console_scripts(self, root: str, sources: tuple[str, ...]) -> ConsoleScripts:
        """The console scripts of the context's pyproject.toml, when the file copies it (or the whole context)."""
        if not any(s.rstrip("/") in (".", "pyproject.toml", "./pyproject.toml") for s in sources):
            return ConsoleScripts()
        found = self._scripts.get(root)
        if found is None:  # parsed once per root: the Dockerfiles of one project share it
            text = self.read(os.path.join(root, "pyproject.toml")) if "pyproject.toml" in self.names(root) else None
            found = self._scripts[root] = console_scripts(text) if text else ConsoleScripts()
        return found

    def _probed_as_the_repository(self, dockerfile: str, chain: list[str], everything: list[Declaration]) -> list[Declaration]:
        """For the root Dockerfile of a repository that no build names: the helm charts' and
        Kubernetes manifests' probed images named like the repository (acme/phoenix in a
        checkout named phoenix), when no build of another Dockerfile names them, as base
        images are found (dockerfile/base_images.py)."""
        root = chain[-1]
        if os.path.dirname(dockerfile) != root or os.path.basename(dockerfile) not in ("Dockerfile", "Containerfile") \
                or not self.exists(os.path.join(root, ".git")):
            return []
        own = os.path.basename(root)
        if any(image_key(n) == own for d in everything if d.dockerfile and d.dockerfile != dockerfile for n in (d.image, *d.tags)):
            return []
        return [d for d in everything if not d.dockerfile and d.where.endswith(_PROBING) and image_key(d.image) == own]

    def _base_of(self, dockerfile: str, chain: list[str], declared: list[Declaration], everything: list[Declaration]) -> str:
        """How the repository builds the Dockerfile only as a base: a build of the chain's
        project files tags it as a name (a build command's tag, a build function's name) that
        another Dockerfile of the chain's folders or of those builds is FROM, and no compose
        service or `docker run` runs it. Empty otherwise."""
        root = chain[-1]
        helpers = [b for a in chain for b in self._helper_builds(a, root)]
        builds = [(n, d.where.split(" (", 1)[0]) for d in declared if d.service is None for n in d.tags]
        builds += [(name, where) for path, name, where in helpers if path == dockerfile]
        keys = {key: (name, where) for name, where in builds if (key := image_key(name))}
        if any(d.service is not None for d in declared):
            return ""
        if not keys:
            return self._named_base_of(dockerfile, root, everything)
        if any(_runs_image(d, n) for d in everything if not d.dockerfile for n, _ in builds):
            return ""
        others = {os.path.join(a, n) for a in chain for n in self.names(a) if named_like_a_dockerfile(n)}
        others |= {path for path, _, _ in helpers} | {d.dockerfile for a in chain for d in self.declarations(a, root) if d.dockerfile}
        for other in sorted(others - {dockerfile}):
            found = sorted(keys.keys() & self._from_keys(other))
            if found:
                name, where = keys[found[0]]
                return f"{where} builds it as {name}, the base of {os.path.relpath(other, root)}"
        return ""

    def _named_base_of(self, dockerfile: str, root: str, everything: list[Declaration]) -> str:
        """How a Dockerfile that no build tags is a base by its name: a Dockerfile beside it is
        FROM OWNER/NAME, the image its name says it builds (Dockerfile.NAME, as FROM lines are
        resolved: dockerfile/base_images.py), and nothing runs that name. Empty otherwise."""
        name = named_image(dockerfile)
        if not name or any(image_key(d.image) == name for d in everything if not d.dockerfile):
            return ""
        folder = os.path.dirname(dockerfile)
        for other in sorted(os.path.join(folder, n) for n in self.names(folder) if named_like_a_dockerfile(n)):
            if other != dockerfile and name in self._from_keys(other, owned=True):
                return f"{os.path.relpath(other, root)} is built FROM it (an image named {name}, as its own name says)"
        return ""

    def _helper_builds(self, folder: str, root: str) -> list[tuple[str, str, str]]:
        """(Dockerfile, image name, script) of the calls of build functions in a folder's shell scripts."""
        found = self._helpers.get(folder)
        if found is None:
            found = self._helpers[folder] = []
            for name in sorted(n for n in self.names(folder) if n.endswith(".sh"))[:_MAX_SCRIPTS]:
                text = self.read(os.path.join(folder, name))
                for file, image in helper_builds(text) if text and " build" in text else ():
                    path = next((p for base in (folder, root) if self.exists(p := os.path.normpath(os.path.join(base, file)))), None)
                    found += [(path, image, name)] if path is not None else []
        return found

    def _from_keys(self, path: str, owned: bool = False) -> frozenset[str]:
        found = self._froms.get((path, owned))
        if found is None:
            text = self.read(path) if os.path.isfile(path) else None
            found = self._froms[(path, owned)] = from_keys(text, owned) if text else frozenset()
        return found

    def _deployment_folders(self, chain: list[str]) -> list[str]:
        """The deployment folders of the repository root and of the Dockerfile's other
        ancestors, and the folders directly in them (not already in the chain): where projects
        keep the compose files that build or run their images (deployment/docker_compose/
        docker-compose.yml builds ../../web; images/compose/compose.yml runs what
        images/app/Containerfile builds). Only inside a repository."""
        if not self.exists(os.path.join(chain[-1], ".git")):
            return []
        return [f for ancestor in chain for f in self._deployment_of(ancestor) if f not in chain]

    def _script_folders(self, chain: list[str]) -> list[str]:
        """The repository root's folders of scripts (scripts/, scripts-dev/, bin/, tools/, hack/)
        and of development containers (.devcontainer/, devcontainer-example/: a name holding
        "devcontainer"), not already in the chain: release and test scripts there build and run
        the images (scripts-dev/build_debian_packages.py builds docker/Dockerfile-dhvirtualenv and
        runs it once), and a devcontainer's compose file runs the image it develops in
        (`command: sleep infinity`). Only inside a repository."""
        root = chain[-1]
        if not self.exists(os.path.join(root, ".git")):
            return []
        names = self.names(root)
        found = [n for n in _SCRIPT_FOLDERS if n in names] + sorted(n for n in names if "devcontainer" in n.lower() and "." not in n.strip("."))
        return [path for n in found if (path := os.path.join(root, n)) not in chain and os.path.isdir(path)]

    def _deployment_of(self, folder: str) -> list[str]:
        folders = self._deployment.get(folder)
        if folders is None:
            tops = [os.path.join(folder, n) for n in _DEPLOYMENT_FOLDERS if n in self.names(folder)]
            folders = tops + [os.path.join(t, n) for t in tops for n in sorted(self.names(t)) if os.path.isdir(os.path.join(t, n))]
            self._deployment[folder] = folders
        return folders

    def _display(self, path: str) -> str:
        if path == self._cwd:
            return "."
        prefix = self._cwd.rstrip("/") + "/"
        return path[len(prefix) :] if path.startswith(prefix) else path


_SWITCH_LINE = re.compile(r"^\s*(?:exec\s+)?(?:\S*/)?(gosu|su-exec|setpriv|s6-setuidgid|runuser|chpst)\s+\S", re.MULTILINE)
_SHELLS = frozenset({"sh", "bash", "dash", "ash"})
# In a Python entrypoint: a string that names the switcher it runs (`["gosu", owner] + args`,
# `os.execve("/usr/sbin/gosu", ...)`), or a call that changes the process's own user.
_PYTHON_SWITCH = re.compile(r"""["'](?:/[\w./-]*/)?(gosu|su-exec|setpriv|s6-setuidgid|runuser|chpst)["']|\bos\.(set(?:res|e)?uid)\s*\(""")
_PYTHON_SHEBANG = re.compile(r"#![^\n]*\bpython")


def _entrypoint_switch(finder: ContextFinder, root: str, model) -> str:
    """How the final image's ENTRYPOINT script, a file the Dockerfile copies from the build
    context, drops root: a line of it that runs gosu, su-exec, setpriv, s6-setuidgid, runuser or
    chpst (`exec gosu app "$@"`), or, in a Python script (.py or a python shebang), a string
    naming one of them or a call of os.setuid (os.seteuid, os.setresuid). Empty when there is
    no such script or line."""
    script = _entrypoint_script(finder, root, model)
    if script is None:
        return ""
    python = script[0].endswith(".py") or _PYTHON_SHEBANG.match(script[1]) is not None
    match = (_PYTHON_SWITCH if python else _SWITCH_LINE).search(script[1])
    if match is None:
        return ""
    line = script[1].count("\n", 0, match.start()) + 1
    how = f"calls os.{match.group(2)}" if match.lastindex == 2 else f"runs {match.group(1)}"
    return f"its entrypoint {script[0]} {how} (line {line})"


def _entrypoint_wrapper(finder: ContextFinder, root: str, model) -> str:
    """How the final image's ENTRYPOINT script, copied from the build context, only runs the
    command it is given: it sets the environment up and ends `exec "$@"` (axolotl's
    uv-entrypoint.sh). Empty otherwise."""
    script = _entrypoint_script(finder, root, model)
    return f'its entrypoint {script[0]} only sets the environment up and ends exec "$@"' \
        if script is not None and script_runs_only_its_arguments(script[1]) else ""


def _compose_file(folder: str, name: str) -> bool:
    """A compose file: compose.yaml, docker-compose.prod.yml, ...; in a folder named compose,
    any YAML file that defines services (dev/compose/community.yaml, run with `-f`)."""
    if COMPOSE_NAME.fullmatch(name):
        return True
    return os.path.basename(folder) == "compose" and name.endswith((".yaml", ".yml"))


def _entrypoint_once(finder: ContextFinder, root: str, model) -> str:
    """How the final image's ENTRYPOINT, with no CMD, runs once and exits: it runs a Python
    script copied from the build context, itself or as the last command of such a shell
    script, and the script neither serves nor loops (dockerfile/one_shot.py). Empty otherwise."""
    if model is None or model.final.entrypoint is None or model.final.cmd is not None:
        return ""
    commands = command_words(model)
    script = script_of(commands[0]) if len(commands) == 1 else None
    text = _image_file(finder, root, model, script[1]) if script is not None else None
    if script is not None and script[0] == "shell" and text is not None:
        shell, script = os.path.basename(script[1]), script_of(last_command(text))
        text = _image_file(finder, root, model, script[1]) if script is not None and script[0] == "python" else None
        return f"its entrypoint {shell} ends running {os.path.basename(script[1])}, a script that neither serves nor loops" \
            if script is not None and text is not None and not serves(text) else ""
    if script is None or text is None or serves(text):
        return ""
    return f"its ENTRYPOINT runs {os.path.basename(script[1])}, a script that neither serves nor loops, with no CMD"


def _entrypoint_script(finder: ContextFinder, root: str, model) -> tuple[str, str] | None:
    """(name, text) of the final image's ENTRYPOINT script, when the Dockerfile copies it from
    the build context (the script itself, or a folder that holds it)."""
    if model is None:
        return None
    final = model.final
    argv = final.entrypoint.exec_form if final.entrypoint is not None else None
    if not argv:
        return None
    script = argv[1] if argv[0].rsplit("/", 1)[-1] in _SHELLS and len(argv) > 1 else argv[0]
    text = _image_file(finder, root, model, script)
    return (os.path.basename(script), text) if text else None


def _image_file(finder: ContextFinder, root: str, model, script: str) -> str | None:
    """The text of a file of the final image (a path relative to its WORKDIR or absolute),
    when a COPY or ADD puts it there from the build context: the file itself, one of several
    files copied into a folder, or a folder that holds it (the last COPY of the path wins)."""
    final = model.final
    path = os.path.normpath(os.path.join(final.workdir or "/", script))
    for copy in reversed(model.image_copies(final)):
        if not copy.from_context or any(_GLOB.intersection(s) for s in copy.sources):
            continue
        dest = copy.dest.rstrip("/") or "/"
        rest = path[len(dest.rstrip("/")) + 1 :] if path.startswith(dest.rstrip("/") + "/") else None
        candidates = [copy.sources[0]] if path == dest and len(copy.sources) == 1 else []
        candidates += [os.path.join(s, rest) for s in copy.sources if rest is not None and len(copy.sources) == 1]
        candidates += [s for s in copy.sources if rest is not None and rest == os.path.basename(s.rstrip("/"))]
        for source in candidates:
            if (text := finder.read(os.path.join(root, source.lstrip("/")))):
                return text
    return None


_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import\b|import[ \t]+([\w., \t]+))", re.MULTILINE)


def _batch_script(finder: ContextFinder, root: str, model, directories: frozenset[str]) -> str:
    """How the final image's command is a Python script that runs once: `python3 infer.py`
    (its only command), where the script is a file the Dockerfile copies from the build
    context, the file copies no folder of the context (nothing else of the project's code
    comes with it), and the script imports no server, queue consumer or scheduler and has no
    word that says it serves, loops or works a queue (knowledge/purposes LONG_RUNNING_*). Empty otherwise."""
    if model is None or directories:
        return ""
    final = model.final
    commands = command_words(model)
    words = commands[0] if len(commands) == 1 else ()
    if len(words) < 2 or not words[0].rsplit("/", 1)[-1].startswith("python") or not words[1].endswith(".py"):
        return ""
    path = os.path.normpath(os.path.join(final.workdir or "/", words[1]))
    copies = [c for c in model.image_copies(final) if c.from_context]
    if any(s.rstrip("/") in ("", ".") or s.endswith("/") for c in copies for s in c.sources):
        return ""  # the whole context, or a folder of it
    copy = next((c for c in reversed(copies) if path in c.written or path == c.dest), None)
    source = next((s for s in copy.sources if s.rsplit("/", 1)[-1] == os.path.basename(path) or len(copy.sources) == 1), None) if copy else None
    text = finder.read(os.path.join(root, source.lstrip("/"))) if source and not _GLOB.intersection(source) else None
    if not text or words_of.LONG_RUNNING_TEXT.search(text):
        return ""
    imported = {m.split(".")[0] for a, b in _IMPORT.findall(text) for m in ([a] if a else re.split(r"[,\s]+", b.strip())) if m}
    if imported & words_of.LONG_RUNNING_IMPORTS:
        return ""
    return f"its command runs {os.path.basename(path)} once: a script copied from the context that starts no server, consumer or loop"


_S6_SERVICES = ("/etc/services.d", "/etc/s6-overlay/s6-rc.d")
_MAX_SERVICES = 32  # run scripts read per image


def _s6_switch(finder: ContextFinder, root: str, model) -> str:
    """How the s6-overlay services of the final image drop root: the image starts s6-overlay's
    /init (its command, or a base's that drops root through s6), and most of the `run` scripts
    of the services the file copies from the build context into /etc/services.d or
    /etc/s6-overlay/s6-rc.d run `s6-setuidgid USER` (or gosu, su-exec, ...). Empty otherwise."""
    if model is None or not _starts_s6(model):
        return ""
    scripts = _s6_run_scripts(finder, root, model)
    dropping = sorted(name for name, text in scripts if _SWITCH_LINE.search(text))
    if 2 * len(dropping) <= len(scripts):
        return ""
    programs = sorted({m.group(1) for _, text in scripts for m in _SWITCH_LINE.finditer(text)})
    rest = sorted(name for name, _ in scripts if name not in dropping)
    said = f"service {dropping[0]} drops root with {', '.join(programs)} in its run script" if len(dropping) == 1 else (
        f"services {', '.join(dropping)} drop root with {', '.join(programs)} in their run scripts")
    return f"its s6 {said}" + (f" ({', '.join(rest)} {'does' if len(rest) == 1 else 'do'} not)" if rest else "")


def _starts_s6(model) -> bool:
    final = model.final
    command = final.entrypoint if final.entrypoint is not None else final.cmd
    if command is None:
        facts = final.base_facts
        return facts is not None and "s6" in facts.drops_root
    words = command.exec_form if command.exec_form is not None else command.args.split()
    return bool(words) and words[0] == "/init"


def _s6_run_scripts(finder: ContextFinder, root: str, model) -> list[tuple[str, str]]:
    """(service, text) of each service `run` script the final image's COPYs from the context
    put under an s6 services folder, as found in the context (the last COPY of a path wins)."""
    found: dict[str, str] = {}
    for copy in model.image_copies(model.final):
        if not copy.from_context or len(copy.sources) != 1 or _GLOB.intersection(copy.sources[0]):
            continue
        source = os.path.join(root, copy.sources[0].lstrip("/"))
        dest = copy.dest.rstrip("/") or "/"
        for services in _S6_SERVICES:
            if services == dest or services.startswith(dest.rstrip("/") + "/"):  # COPY s6-rc.d /etc/s6-overlay/s6-rc.d, COPY root/ /
                folder = os.path.join(source, services[len(dest.rstrip("/")) :].lstrip("/"))
                for name in sorted(finder.names(folder))[:_MAX_SERVICES]:
                    found[name] = finder.read(os.path.join(folder, name, "run")) or found.get(name, "")
            elif dest.startswith(services + "/"):  # one service's folder, or its run script
                parts = dest[len(services) + 1 :].split("/")
                if len(parts) == 1 or parts[1:] == ["run"]:
                    found[parts[0]] = finder.read(source if len(parts) == 2 else os.path.join(source, "run")) or ""
    return [(name, text) for name, text in found.items() if text][:_MAX_SERVICES]


_EXPRESSION = re.compile(r"\$\{\{([^}]*)\}\}")
_MAX_BOUND = 64  # Dockerfiles one templated build may stand for


def _template(part: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """A path part with GitHub expressions as a pattern (each expression one non-empty group) and the expressions, in order."""
    pieces = _EXPRESSION.split(part)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else "(.+?)" for i, p in enumerate(pieces)) + r"\Z"), tuple(pieces[1::2])


def _matched(template: tuple[re.Pattern[str], tuple[str, ...]], name: str, bound: dict[str, str]) -> dict[str, str] | None:
    """The expressions' values if `name` matches the part (agreeing with those bound already), else None."""
    pattern, expressions = template
    match = pattern.match(name)
    if match is None:
        return None
    pairs = list(zip(expressions, match.groups()))
    values = dict(pairs)
    return None if any(values[e] != v or bound.get(e, v) != v for e, v in pairs) else values


def _filled(text: str, bound: dict[str, str]) -> str:
    return _EXPRESSION.sub(lambda m: bound.get(m.group(1), m.group()), text)


def _passed_args(declared: list[Declaration]) -> dict:
    """The build args that every declared build of the Dockerfile passes, when each is a build
    command whose args are known (a script's or workflow's `docker build --build-arg NAME=...`):
    their defaults are not what the repository's builds use."""
    if not declared or any(d.build_args is None for d in declared):
        return {}
    passed = frozenset.intersection(*(frozenset(d.build_args or ()) for d in declared))
    return {"passed_args": passed, "passed_where": declared[0].where.split(" (", 1)[0]} if passed else {}


def _copied_out(declared: list[Declaration], runs: list[Declaration]) -> str:
    """How a build of the project tags the Dockerfile's image only to copy files out of a
    container of it (`docker cp $(docker create NAME):/out/lib.so .`): no compose service or
    `docker run` runs it, and no workflow pushes it. Empty otherwise."""
    if not runs or not all(d.copied_out for d in runs) or any(d.service is not None or d.pushed for d in declared):
        return ""
    build = next((d, n) for d in declared for n in (d.image, *d.tags) if n and _runs_image(runs[0], n))
    return f"{build[0].where.split(' (', 1)[0]} builds it as {build[1]} only to copy files out of it ({runs[0].where.split(' (', 1)[0]}: docker create, docker cp)"


def _runs_image(declared: Declaration, built: str) -> bool:
    """Whether a declaration that runs an image (a compose service's `image:`, a Kubernetes
    manifest's container, a helm chart's values) runs one a build tags: a chart's image by its
    name alone (its tag is a value of its own, and a release retags the per-arch builds:
    kokoro-gpu:latest of kokoro-gpu:1.0-amd64)."""
    if declared.where.endswith("(helm chart)"):
        return image_key(declared.image) is not None and image_key(declared.image) == image_key(built)
    return same_image(declared.image, built)


def _builds_last(declared: Declaration, model) -> bool:
    """Whether a bake target builds the Dockerfile's last stage (the image the file makes):
    a target that builds an earlier stage (`target = "deps"`) feeds others that stage only."""
    last = model.stages[-1].name if model is not None and model.stages else None
    return declared.target is None or (last is not None and declared.target.lower() == last.lower())


def _choose(finder: ContextFinder, dockerfile: str, chain: list[str], declared: list[Declaration], sources, model,
            siblings: list[Declaration]) -> tuple[str, str]:
    if declared:
        return declared[0].context, declared[0].where
    commented = _commented_build(dockerfile, chain, model)
    if commented == _STDIN:
        return chain[0], NO_CONTEXT
    if commented is not None:
        return commented, "a docker build command in its comments"
    literal = [s for s in sources if not _GLOB.intersection(s) and s not in (".", "./") and "://" not in s]
    if literal:
        found = [sum(finder.exists(os.path.normpath(os.path.join(folder, s))) for s in literal) for folder in chain]
        best = max(found)  # most of them: a file a build step makes first is in no checkout
        if best and 2 * best > len(literal):
            folder = chain[found.index(best)]
            return folder, "where the files it copies are" if folder != chain[0] else "the Dockerfile's folder"
    if any(s in (".", "./") for s in sources) and _only_dockerfiles(finder.names(chain[0])):
        contexts = {d.context for d in siblings}
        if len(contexts) == 1:
            sibling = siblings[0]
            return sibling.context, f"as {sibling.where.split(' (', 1)[0]} builds {os.path.basename(sibling.dockerfile)} beside it"
    return chain[0], "the Dockerfile's folder"


def _only_dockerfiles(names: frozenset[str]) -> bool:
    """A folder of Dockerfiles and nothing else (LibreTranslate's docker/: Dockerfile,
    arm.Dockerfile, cuda.Dockerfile...), which is no context a `COPY . .` is written for: the
    context the project builds the others from is the one."""
    return all(named_like_a_dockerfile(n) for n in names)


def _context_sources(model) -> tuple[str, ...]:
    """What the file takes from the build context: COPY/ADD sources and bind-mount sources."""
    sources = [s.lstrip("/") or "." for stage in model.stages for c in stage.copies if c.from_context for s in c.sources]
    for stage in model.stages:
        for run in stage.runs:
            for mount in run.mounts:
                parts = dict(p.partition("=")[::2] for p in mount.split(","))
                if parts.get("type") == "bind" and "from" not in parts:
                    sources.append((parts.get("source") or parts.get("src") or ".").lstrip("/") or ".")
    return tuple(dict.fromkeys(s for s in sources if "://" not in s))


def context_inputs(model) -> tuple[object, ...]:
    """What of a model ContextFinder.context reads: the sources it takes from the context, the
    comments that may hold a build command, the last stage's name (which a bake target may
    build) and the final ENTRYPOINT, whether the image starts s6-overlay, and the copies that
    may bring the entrypoint's script or the s6 services in. Two models of one path with equal
    inputs have the same context (while the files around them stay as they are)."""
    final = model.final
    entrypoint = final.entrypoint.exec_form if final.entrypoint is not None else None
    s6 = _starts_s6(model)
    copies = tuple((c.sources, c.dest) for c in model.image_copies(final) if c.from_context) if entrypoint or s6 else ()
    return _context_sources(model), _build_comments(model), model.stages[-1].name, entrypoint, s6, final.workdir, copies


def _build_comments(model) -> str | None:
    """The text of the file's comments, when it may hold a `docker build` command."""
    text = "\n".join(model.dockerfile.lines)
    if " build" not in text or ("docker" not in text and "podman" not in text):
        return None  # the common case, found at C speed
    return "\n".join(line.strip()[1:] for line in model.dockerfile.lines if line.lstrip().startswith("#"))


def _commented_build(dockerfile: str, chain: list[str], model) -> str | None:
    """A `docker build -f PATH CONTEXT` written in the file's comments, where PATH from one of
    the ancestors is this file (or CONTEXT/Dockerfile is, without -f); _STDIN for `docker
    build - < THIS-FILE`, which sends no context at all."""
    comments = _build_comments(model)
    if comments is None:
        return None
    if any(os.path.basename(m.group(1)) == os.path.basename(dockerfile) for m in _STDIN_BUILD.finditer(comments)):
        return _STDIN
    for command in build_commands(comments):
        for folder in chain:
            root = os.path.normpath(os.path.join(folder, command.context))
            named = os.path.normpath(os.path.join(folder, command.file)) if command.file else os.path.join(root, "Dockerfile")
            if named == dockerfile:
                return root
    return None


def _ignore_file(finder: ContextFinder, root: str, dockerfile: str) -> str | None:
    own = f"{os.path.basename(dockerfile)}.dockerignore"
    for folder, name in ((os.path.dirname(dockerfile), own), (root, ".dockerignore")):
        if name in finder.names(folder) and os.path.isfile(os.path.join(folder, name)):
            return os.path.join(folder, name)
    return None


def _harmless(finder: ContextFinder, root: str, sources) -> frozenset[str]:
    """Copied files named like credential files whose text holds no credential: an .npmrc of
    settings only, a `*.key` or `*.pem` of public keys and certificates only, a `.env` or
    `*.env` of comments and blank lines only or of a frontend's public values (REACT_APP_*,
    VITE_*; each read whole)."""
    found = set()
    for source in sources:
        name = os.path.basename(source.rstrip("/"))
        if name in (".npmrc", ".yarnrc", ".yarnrc.yml"):
            text = finder.read(os.path.join(root, source))
            if text is not None and not holds_credentials(name, text):
                found.add(source)
        elif name.endswith((".key", ".pem")):
            text = finder.read(os.path.join(root, source))
            if text is not None and len(text) < _MAX_TEXT and only_public_keys(text):  # all of it was read
                found.add(source)
        elif is_env_file(name):
            text = finder.read(os.path.join(root, source))
            if text is not None and len(text) < _MAX_TEXT and (sets_nothing(text) or sets_only_public_values(text)):
                found.add(source)
    return frozenset(found)


def _github_action(finder: ContextFinder, folder: str, dockerfile: str) -> bool:
    for name in ("action.yml", "action.yaml"):
        if name in finder.names(folder):
            text = finder.read(os.path.join(folder, name)) or ""
            if "docker" in text and os.path.basename(dockerfile) in text:
                return True
    return False
