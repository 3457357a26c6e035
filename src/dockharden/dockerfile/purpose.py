"""What the image a Dockerfile builds is for, by one stated rule, first match wins:

1. the configuration (`purpose` in .dockharden.toml, by path glob) or a
   `# dockharden: development` pragma (also `base`, `tool`, `job`, `output`, `service`);
2. output: the last stage is FROM scratch and sets no command (exported with --output), or
   it sets no CMD, ENTRYPOINT, EXPOSE or HEALTHCHECK of its own and a build of the repository
   tags it as a name that its scripts or Makefiles only copy files out of (`docker cp $(docker
   create NAME):/out/lib.so .`; no compose service or `docker run` runs the name, and the
   script starts no container);
3. tool: a GitHub Action (action.yml beside it runs it); development: a devcontainer.json
   builds it (and no Docker Bake target or workflow step that pushes builds its last stage: a
   release wins), or every compose service that runs it only keeps a terminal open (tty or
   stdin_open, with no command and no ports, or with only a shell as its command, `command: bash`:
   a toolbox to `compose run` or `compose exec` commands in), or every compose service that
   runs it gives a command that makes it a development server (`command: --reload` after
   ENTRYPOINT ["uvicorn", ...], `command: npm run dev`); base: a Docker Bake target that another target takes as a context builds it (its last stage)
   (`contexts = { media = "target:media" }`: its base or the source of its files), or a
   build of the repository tags it as a name another Dockerfile of the repository is FROM
   (`docker build -t acme/base`, a script's `build_image "base-system" base/Dockerfile`), or,
   when nothing tags it, a Dockerfile beside it is FROM the image its own name says it builds
   (`FROM acme/server-beast` beside Dockerfile.server-beast, as FROM lines are resolved),
   nothing runs that name, and it sets no CMD, ENTRYPOINT, EXPOSE or HEALTHCHECK of its own; tool: it sets
   no command of its own, and each `docker run` of it in the repository's scripts and Makefiles
   (shell scripts, and Python scripts' subprocess argument lists and command strings, in the
   Dockerfile's folder, its ancestors and the root's scripts/, scripts-dev/, bin/, tools/, hack/)
   that gives one runs it in the foreground, with no port, terminal, restart policy or host
   network (`docker run -v $(PWD):/app compiler make compile`), and no compose service gives it
   another; or its own command is a program, not a shell (or a shell given a script: `bash
   /src/build_debs.sh`), and every run of it is such a `docker run` that gives none (`docker run -it --rm docs-gen` runs the generator): it runs once;
4. its name and folders: Dockerfile.dev / dev.Dockerfile / Dockerfile_dev / .gitpod.Dockerfile,
   `.devcontainer/`, `compose/local/`, `dev/` are development; `.github/`, `.ci/`, `test/`,
   `tests/`, `loadtest/`, `.clusterfuzzlite/`, folders ending in -test, Dockerfile.ci / .test / .QA /
   .cypress / .playwright / .docs / .builder and a folder named cli (or ending in -cli) are tool
   images (CI, test fixtures, documentation, toolchain builders, command-line clients); Dockerfile.base and folders ending in -base or -foundation are
   base images, folders ending in _migration one-shot jobs; a plain Dockerfile beside a Dockerfile.prod is the development one
   (unless a workflow's build-push-action step pushes it: a published image);
5. its base image: a Dev Containers image is development, a manylinux toolchain a tool, and so
   is an image that sets no command of its own on a tool image another Dockerfile of the
   repository builds (it runs that tool);
   development too: it gives passwordless sudo to the account a build argument names
   (`echo "$USER_NAME ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers` after `ARG USER_NAME`: the
   developer's own user, built in with `--build-arg USER_NAME=$USER`);
6. its final stage's name (`...-migration` is a job, `test`, `testing` and `generator` tools,
   `dev-image` and `devcontainer-gpu` development)
   or its command: a development server or keep-alive (`manage.py runserver`, `fastapi dev`,
   `--reload`, `npm run dev`, `jekyll serve`, `sleep infinity`, also as the CMD of an
   ENTRYPOINT script such as docker-entrypoint.sh) is development; a migration (alembic, atlas,
   `manage.py migrate`, `pulpcore-manager migrate`) is a one-shot job; a linter, test runner, load generator or
   command-line client (pytest, `python -m unittest`, tox, nox, `make test-system`, bandit, locust,
   onyx-cli) a tool;
7. tool: an ENTRYPOINT whose WORKDIR is declared a VOLUME, with no EXPOSE and no
   HEALTHCHECK: a command-line tool run on the files mounted there (also when the ENTRYPOINT
   is a single program with no CMD and no compose service runs it, and no COPY or ADD fills
   the WORKDIR: `WORKDIR /data`, `ENTRYPOINT ["ludwig"]`); or an ENTRYPOINT that is
   only a program a package of the image gives (`ENTRYPOINT ["jq"]` after installing jq),
   with no CMD, no EXPOSE, no HEALTHCHECK, nothing copied in and no compose service, or a
   console script of the project it copies and installs (pyproject.toml's [project.scripts],
   `pip install .`, `uv sync`), with no CMD, EXPOSE, HEALTHCHECK or compose service (an EXPOSE
   does not count when the script's entry point is the project's cli module, `pkg.cli:main`:
   the ports are what its commands open when asked): each run passes its arguments; or an ENTRYPOINT whose default CMD only asks it for its help
   (`CMD ["--help"]`), with no EXPOSE and no HEALTHCHECK; or a server whose default
   transport is stdio (`--transport stdio`, `--stdio`, an ENV `..._TRANSPORT=stdio`: an MCP
   or language server), with no HEALTHCHECK: each client starts its own process and talks
   to it over stdin and stdout;
8. job: (a) its ENTRYPOINT, with no CMD, runs a Python script copied from the build context (itself,
   or as the last command of an entrypoint shell script) in which nothing serves or loops
   (no app.run(, serve_forever, while True:, polling: knowledge/purposes.SERVING_CODE), and it
   has no EXPOSE, no HEALTHCHECK and no compose service: started once per piece of work;
   or (b) its only command runs a Python script copied alone from the build context (no folder
   of the context comes with it) that imports no server, queue consumer or scheduler and has
   no word that says it serves, loops or works a queue (api_server, port, sleep, while True...:
   `python3 infer.py`), with no EXPOSE, HEALTHCHECK or compose service;
9. base: its command is only a bare interpreter or shell (CMD ["python3"], CMD ["bash"]),
   with no EXPOSE, no HEALTHCHECK, nothing copied from the build context or a build stage
   and no compose service that runs it, on a base image known to start no service;
10. else a service.
"""
from __future__ import annotations

import os
import re
from typing import Any

from dockharden.core.records import record
from dockharden.dockerfile.commands import PYTHON_MANAGERS
from dockharden.dockerfile.facts import command_words
from dockharden.knowledge import purposes as words_of
from dockharden.knowledge.build_tools import package_name

Model = Any  # dockerfile.model.Model, which computes its purpose with this module

_PRAGMA = re.compile(r"^\s*#\s*dockharden\s*:\s*(?:purpose\s*=\s*)?(service|job|development|base|tool|output)\s*$", re.IGNORECASE)
_SPLIT = re.compile(r"[._-]")


@record
class Purpose:
    kind: str  # one of PURPOSES: service, job, development, base, tool, output
    reason: str  # what says so, for messages


def purpose_of(model: Model) -> Purpose:
    for rule in (_declared, _output, _project, _named, _base_image, _developer_account, _command, _mounted_workdir, _installed_program, _help_only,
                 _stdio, _one_shot, _batch, _bare):
        found = rule(model)
        if found is not None:
            return found
    return Purpose("service", "")


def _declared(model: Model) -> Purpose | None:
    if model.configured_purpose:
        return Purpose(model.configured_purpose, "the configuration says so")
    for line in model.dockerfile.lines:
        if "dockharden" in line and (match := _PRAGMA.match(line)):
            return Purpose(match.group(1).lower(), "its # dockharden pragma says so")
    return None


def _output(model: Model) -> Purpose | None:
    final = model.final
    if final.root_image == "scratch" and final.cmd is None and final.entrypoint is None:
        return Purpose("output", "its last stage is FROM scratch with no command, an export (--output)")
    context = model.context
    if context is not None and context.copied_out and _sets_nothing_to_run(model):
        return Purpose("output", context.copied_out)
    return None


def _project(model: Model) -> Purpose | None:
    context = model.context
    if context is not None and context.github_action:
        return Purpose("tool", "a GitHub Action (action.yml) runs it")
    if context is not None and context.devcontainer and not context.released:
        return Purpose("development", "devcontainer.json builds it")
    if (once := _task_runs(model)) is not None:
        return once
    if context is not None and context.services and all(s.toolbox for s in context.services):
        service = context.services[0]
        return Purpose("development", f"{_who(service)} only keeps a terminal open on it: a toolbox")
    if context is not None and context.feeds:
        return Purpose("base", f"{context.feeds_where} builds it as {context.feeds}")
    if context is not None and context.base_of and _sets_nothing_to_run(model):
        return Purpose("base", context.base_of)
    return _compose_development(model)


def _task_runs(model: Model) -> Purpose | None:
    """tool: scripts and Makefiles run it in the foreground, once: it sets no command of its own
    and each `docker run` that gives one is a task (ComposeService.task), with no compose service
    giving it another (one that gives none starts only its base's shell); or its own command is
    a program, not a shell, and every run of it is a script's foreground `docker run` that gives
    no command (`docker run -it --rm -v ./docs:/out docs-gen`, which runs the generator)."""
    final = model.final
    services = model.context.services if model.context is not None else ()
    if final.cmd is None and final.entrypoint is None:
        tasks = [s for s in services if s.task]
        if tasks and not any(s.command and not s.task for s in services):
            return Purpose("tool", f"it sets no command, and {_who(tasks[0])} runs it in the foreground with one "
                                   f"({tasks[0].command[:60]}): a tool run once")
        return None
    program = _own_program(model)
    if services and program and all(s.foreground and not s.command for s in services):
        return Purpose("tool", f"{_who(services[0])} runs it in the foreground with its own command ({program}): a tool run once")
    return None


def _own_program(model: Model) -> str:
    """The program the image's own command runs, when it is not a bare shell or interpreter
    (a `docker run -it` that gives it no command runs that program, not a terminal: a docs
    generator): its name, or the script's for a shell or interpreter given one
    (`bash /src/docker/build_debian.sh`). Empty otherwise."""
    commands = command_words(model)
    words = commands[0] if commands else ()
    if not words:
        return ""
    if _base(words[0]).lower() not in words_of.BARE_COMMANDS:
        return _base(words[0])
    script = words[1] if len(words) > 1 else ""
    return _base(script) if script and not script.startswith("-") else ""


def _sets_nothing_to_run(model: Model) -> bool:
    """No CMD, ENTRYPOINT, EXPOSE or HEALTHCHECK of the file's own in the final stage's lineage."""
    final = model.final
    return final.cmd is None and final.entrypoint is None and final.healthcheck is None and not _exposes(model)


def _exposes(model: Model) -> bool:
    """Whether the final stage's lineage has an EXPOSE: a port says the image serves."""
    return any(i.name == "EXPOSE" for stage in model.lineage(model.final) for i in stage.instructions)


def _compose_development(model: Model) -> Purpose | None:
    """Every compose service that runs the image replaces its CMD by a development server's
    (`command: --reload` after ENTRYPOINT ["uvicorn", ...]); an ENTRYPOINT in shell form
    ignores the command, so it does not count."""
    services = model.context.services if model.context is not None else ()
    entry = model.final.entrypoint
    if not services or not all(s.command for s in services) or (entry is not None and entry.exec_form is None):
        return None
    for service in services:
        words = (*(entry.exec_form if entry is not None else ()), *service.command.split())
        if not _development(words):
            return None
    service = services[0]
    keeps = any(_starts(tuple(service.command.split()), pattern) for pattern in words_of.KEEP_ALIVE_COMMANDS)
    what = "keeps it running to work in" if keeps else "runs it as a development server"
    return Purpose("development", f"{_who(service)} {what} (command: {service.command})")


def _who(service) -> str:
    """compose.yaml (service web), or run.sh (docker run) for a script's `docker run`."""
    kind = "docker run" if service.from_script else f"service {service.name}"
    return f"{os.path.basename(service.file)} ({kind})"


def _named(model: Model) -> Purpose | None:
    path = _repository_path(model)
    folders, name = path.split("/")[:-1], path.rsplit("/", 1)[-1]
    for word in _SPLIT.split(name.lower()):
        if word in words_of.NAME_WORDS and word not in ("dockerfile", "containerfile"):
            return Purpose(words_of.NAME_WORDS[word], f"its name ({name})")
    for folder in folders:
        if folder in words_of.FOLDER_WORDS:
            return Purpose(words_of.FOLDER_WORDS[folder], f"it is under {folder}/")
    parts = _SPLIT.split(folders[-1].lower()) if folders else []
    if parts and parts[-1] in words_of.FOLDER_SUFFIXES and (len(parts) > 1 or parts[0] != "foundation"):
        return Purpose(words_of.FOLDER_SUFFIXES[parts[-1]], f"its folder ({folders[-1]})")
    context = model.context
    if context is not None and name in ("Dockerfile", "Containerfile") and words_of.PRODUCTION_NAMES & context.neighbours \
            and not context.published:
        sibling = sorted(words_of.PRODUCTION_NAMES & context.neighbours)[0]
        return Purpose("development", f"{sibling} beside it is the production image")
    return None


def _repository_path(model: Model) -> str:
    """The Dockerfile's path from the repository root (its own path when that is not known)."""
    context = model.context
    path = model.path.replace("\\", "/")
    if context is not None and context.repository and context.dockerfile.startswith(context.repository.rstrip("/") + "/"):
        return os.path.relpath(context.dockerfile, context.repository).replace(os.sep, "/")
    return path.removeprefix("./") if not os.path.isabs(path) else os.path.basename(path)


def _base_image(model: Model) -> Purpose | None:
    facts = model.final.base_facts
    if facts is not None and facts.purpose == "development":
        return Purpose("development", f"it is built on a Dev Containers image ({model.final.root_image})")
    if facts is not None and facts.purpose == "toolchain":
        return Purpose("tool", f"it is built on a build toolchain image ({model.final.root_image})")
    final = model.final
    if facts is not None and facts.purpose == "tool" and final.cmd is None and final.entrypoint is None:
        return Purpose("tool", f"it runs the command of {final.root_image}, a tool image in {facts.built_by}")
    return None


_SUDO_GRANT = re.compile(r"\$\{?(\w+)\}?\s+ALL\s*=\s*\(ALL(?::ALL)?\)\s*NOPASSWD:\s*ALL\b[^\n]*?>>?\s*/etc/sudoers")


def _developer_account(model: Model) -> Purpose | None:
    """development: the final lineage gives passwordless sudo to the account a build argument
    names (`ARG USER_NAME`, then `echo "$USER_NAME ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers`): the
    developer's own user, passed in with `--build-arg USER_NAME=$USER`, in a toolbox."""
    for stage in model.lineage(model.final):
        for run in stage.runs:
            match = _SUDO_GRANT.search(run.instruction.source)
            if match is not None and match.group(1) in stage.args:
                return Purpose("development", f"it gives passwordless sudo to the account the build argument {match.group(1)} names "
                                              f"(line {run.instruction.start_line}): the developer's own user")
    return None


def _command(model: Model) -> Purpose | None:
    for word in _SPLIT.split((model.final.name or "").lower()):
        if word in words_of.STAGE_WORDS:
            return Purpose(words_of.STAGE_WORDS[word], f"its final stage is named {model.final.name}")
    for words in command_words(model):
        names = tuple(w.rsplit("/", 1)[-1] for w in words)
        program = names[0] if names else ""
        if _development(words) or _development(_after_entry_script(model, words)):
            return Purpose("development", f"its command is a development server or keep-alive ({' '.join(words[:3])})")
        if runs_once(words):
            return Purpose("job", f"its command runs once and exits ({' '.join(words[:3])})")
        if program in words_of.TEST_PROGRAMS or _test_target(names) or any(_starts(names, p) for p in words_of.TEST_COMMANDS):
            return Purpose("tool", f"its command runs tests and exits ({' '.join(words[:3])})")
        if (program in words_of.TOOL_PROGRAMS or program.endswith(words_of.TOOL_PROGRAM_SUFFIXES)
                or any(_starts(names, pattern) for pattern in words_of.TOOL_COMMANDS)):
            return Purpose("tool", f"its command runs a tool once ({' '.join(words[:3])})")
    return None


def _test_target(names: tuple[str, ...]) -> bool:
    """`make test`, `make -C tests test-system`: a build runner whose first target's first word
    says it runs tests."""
    if not names or names[0] not in words_of.TEST_TARGET_RUNNERS:
        return False
    targets = [w for i, w in enumerate(names[1:], 1) if not w.startswith("-") and "=" not in w and names[i - 1] not in ("-C", "-f")]
    return bool(targets) and _SPLIT.split(targets[0].lower())[0] in words_of.TEST_TARGET_WORDS


def runs_once(words) -> bool:
    """Whether a command runs once and exits: a migration (alembic, atlas, `manage.py migrate`,
    `pulpcore-manager migrate`)."""
    names = tuple(w.rsplit("/", 1)[-1] for w in words)
    if names[1:2] == ("migrate",) and names[0].endswith(words_of.MANAGE_SUFFIXES):
        return True
    return bool(names) and (names[0] in words_of.JOB_PROGRAMS or any(_starts(names, pattern) for pattern in words_of.JOB_COMMANDS))


def _after_entry_script(model: Model, words) -> tuple[str, ...]:
    """The CMD's words after an ENTRYPOINT that is one script (`docker-entrypoint.sh`, which
    sets up and runs its arguments): what the CMD asks it to start."""
    entry = model.final.entrypoint.exec_form if model.final.entrypoint is not None else None
    return tuple(words[1:]) if entry is not None and len(entry) == 1 and entry[0].endswith(".sh") else ()


def _development(words) -> bool:
    """A development server or keep-alive: `manage.py runserver`, `uvicorn ... --reload`,
    `tail -f /dev/null` (the words as written: a pattern's path is matched whole)."""
    names = tuple(words)
    program = _base(names[0]) if names else ""
    return any(_starts(names, pattern) for pattern in words_of.DEV_COMMANDS) or (
        program in words_of.RELOADING_SERVERS and bool(words_of.RELOAD_FLAGS.intersection(names)))


_RUNNERS = (("uv", "run"), ("poetry", "run"), ("pipenv", "run"), ("pdm", "run"), ("bundle", "exec"))


def _starts(names: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether the command is the pattern, after an interpreter or a runner (python manage.py
    runserver, uv run fastapi dev, poetry run ...). A word matches a pattern's word that is a
    path (/dev/null) only whole, and one that is a name also by its basename (/app/manage.py)."""
    if tuple(_base(n) for n in names[:2]) in _RUNNERS and pattern[:2] != tuple(_base(n) for n in names[:2]):
        names = names[2:]
    if names and _base(names[0]).startswith("python"):  # python3.12 -m pytest is python -m pytest
        names = names[1:] if pattern[0] != "python" else ("python", *names[1:])
    return len(names) >= len(pattern) and all(w == p or ("/" not in p and _base(w) == p) for w, p in zip(names, pattern))


def _base(word: str) -> str:
    return word.rsplit("/", 1)[-1]


def _mounted_workdir(model: Model) -> Purpose | None:
    """A command-line tool run on mounted files: an ENTRYPOINT, its WORKDIR declared a VOLUME,
    no EXPOSE and no HEALTHCHECK (`docker run -v "$PWD:/projects" image ...`)."""
    final = model.final
    lineage = model.lineage(final)
    instructions = [i for s in lineage for i in s.instructions]
    if final.entrypoint is None or final.healthcheck is not None or _exposes(model):
        return None
    volumes = {w.strip('"[],') for i in instructions if i.name == "VOLUME" for w in i.args.split()}
    if final.workdir in volumes:
        return Purpose("tool", f"its working directory {final.workdir} is a VOLUME and it exposes no port: a command-line tool run on mounted files")
    entry = final.entrypoint.exec_form
    if entry and len(entry) == 1 and final.cmd is None and _empty_workdir(model) and not (model.context and model.context.services):
        return Purpose("tool", f"its ENTRYPOINT is only {entry[0].rsplit('/', 1)[-1]}, with no CMD, and its working directory "
                               f"{final.workdir} holds nothing of the image: a command-line tool run on files mounted there")
    return None


def _empty_workdir(model: Model) -> bool:
    """Whether the final working directory is a folder of its own that no COPY or ADD fills
    (`WORKDIR /data` after installing the program elsewhere)."""
    workdir = model.final.workdir.rstrip("/")
    if not workdir:
        return False
    return not any(p == workdir or p.startswith(workdir + "/") for c in model.image_copies(model.final) for p in (c.dest, *c.written))


def _installed_program(model: Model) -> Purpose | None:
    """A command-line tool wrapped as an image: ENTRYPOINT ["jq"] on the installed jq (or a
    console script of the project it copies and installs), no CMD, nothing that serves
    (EXPOSE, HEALTHCHECK, a compose service) and, for an installed package, no application
    copied in."""
    final = model.final
    entry = final.entrypoint.exec_form if final.entrypoint is not None else None
    if not entry or len(entry) != 1 or final.cmd is not None or final.healthcheck is not None:
        return None
    if model.context is not None and model.context.services:
        return None
    program = entry[0].rsplit("/", 1)[-1]
    context = model.context
    scripts = context.console_scripts if context is not None else frozenset()
    interface = context is not None and program in context.cli_scripts
    if _exposes(model) and not interface:
        return None  # a port says it serves, unless the program is the project's command-line interface
    if program in scripts and any(_installs_the_project(c) for c in final.packages):
        opens = "; the ports it exposes are what its commands open when asked" if _exposes(model) else ""
        kind = "the command-line interface (its cli module)" if opens else "a console script"
        return Purpose("tool", f"its ENTRYPOINT is only {program}, {kind} of the project it installs (pyproject.toml), "
                                   f"with no CMD: a command-line tool run with arguments{opens}")
    if _exposes(model):
        return None
    if any(c.from_context or model.source_stage(c, final) for c in model.image_copies(final)):
        return None
    if any(c.action == "install" and program in (_distribution(p) for p in c.packages) for c in final.packages):
        return Purpose("tool", f"its ENTRYPOINT is only {program}, which it installs, with no CMD: a command-line tool run with arguments")
    return None


def _distribution(spec: str) -> str:
    """A package as installed: 'mineru[core]>=3.4' -> mineru (a Python package's extras aside)."""
    return package_name(spec).split("[", 1)[0]


def _installs_the_project(change) -> bool:
    """`pip install .` (or a path, -e .), `uv sync` and `poetry install` without
    --no-install-project / --no-root: the project of the build context is installed."""
    if change.action != "install" or change.manager not in PYTHON_MANAGERS:
        return False
    if change.manager in ("uv", "poetry") and not change.packages:
        return not (change.has("--no-install-project") or change.has("--no-root"))
    return any(p == "." or p.startswith(("./", "/")) for p in change.packages) or change.value("--editable") is not None


def _help_only(model: Model) -> Purpose | None:
    """ENTRYPOINT ["tts"] with CMD ["--help"]: run without arguments it prints its usage and exits
    (a port says it serves when given other arguments)."""
    final = model.final
    words = final.cmd.exec_form if final.cmd is not None else None
    if final.entrypoint is None or final.healthcheck is not None or not words or len(words) != 1:
        return None
    if words[0] in words_of.HELP_ARGUMENTS and not _exposes(model):
        return Purpose("tool", f"its CMD only asks its ENTRYPOINT for its help ({words[0]}): a command-line tool run with arguments")
    return None


def _stdio(model: Model) -> Purpose | None:
    """An MCP or language server on stdio by default: `--transport stdio`, `--stdio`, or an
    ENV that names its transport (SKYVERN_MCP_TRANSPORT=stdio)."""
    final = model.final
    if final.healthcheck is not None:
        return None
    for name, var in final.env.items():
        if name.endswith("TRANSPORT") and (var.value or "").lower() == "stdio":
            return Purpose("tool", f"its transport is stdio ({name}=stdio): each client starts it and talks over stdin and stdout")
    for words in command_words(model):
        pairs = set(zip(words, words[1:]))
        if "--stdio" in words or "--transport=stdio" in words or ("--transport", "stdio") in pairs:
            return Purpose("tool", "its command serves on stdio: each client starts it and talks over stdin and stdout")
    return None


def _one_shot(model: Model) -> Purpose | None:
    """A job: its ENTRYPOINT, with no CMD, runs a script copied from the build context that
    neither serves nor loops (`ENTRYPOINT ["python", "analyzer/run.py"]`, a script that reads
    its input, writes its report and exits), with no EXPOSE, no HEALTHCHECK and no compose
    service: whatever starts it starts one container per piece of work."""
    context = model.context
    if context is None or not context.entrypoint_once or context.services or model.final.healthcheck is not None or _exposes(model):
        return None
    return Purpose("job", f"{context.entrypoint_once}: it runs once per start and exits")


def _batch(model: Model) -> Purpose | None:
    """A job: the command is a Python script copied from the context that runs once (`python3
    infer.py`, context.batch_script), with no EXPOSE, no HEALTHCHECK and no compose service."""
    context = model.context
    if context is None or not context.batch_script or context.services or model.final.healthcheck is not None or _exposes(model):
        return None
    return Purpose("job", context.batch_script)


def _bare(model: Model) -> Purpose | None:
    final = model.final
    if final.healthcheck is not None or _exposes(model):
        return None
    commands = command_words(model)
    bare = len(commands) == 1 and len(commands[0]) == 1 and commands[0][0].rsplit("/", 1)[-1].lower() in words_of.BARE_COMMANDS
    facts = final.base_facts
    copies = model.image_copies(final)
    if (model.context is not None and model.context.services) or any(c.from_context or model.source_stage(c, final) for c in copies):
        return None  # compose runs it, or it holds an application
    if bare and facts is not None and facts.service is False:
        return Purpose("base", f"it starts no service (CMD {commands[0][0]}): an image to build on")
    return None
