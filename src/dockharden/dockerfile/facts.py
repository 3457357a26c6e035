"""Facts about the final image that several rules share, computed once per model: the
programs its command runs, whether it runs Python, whether it is a Windows image."""
from __future__ import annotations

import re
from typing import Any

from dockharden.dockerfile.shell import split_script
from dockharden.dockerfile.users import ROOT_NAMES
from dockharden.knowledge.build_tools import package_name
from dockharden.knowledge.options import parse_argv
from dockharden.knowledge.shells import SHELLS, shell_c_script

Model = Any  # dockerfile.model.Model, which computes these facts with this module

# Wrappers that start the real program: `tini -- python app.py`, `gosu app gunicorn ...`.
_WRAPPERS = frozenset({"tini", "dumb-init", "gosu", "su-exec", "setpriv", "s6-setuidgid", "chpst", "exec", "env", "nice"})
_PYTHON_PROGRAMS = frozenset({
    "gunicorn", "uvicorn", "hypercorn", "daphne", "uwsgi", "celery", "flask", "django-admin", "jupyter", "jupyter-lab",
    "jupyterhub", "streamlit", "gradio", "fastapi", "granian", "waitress-serve", "poetry", "pipenv", "rq", "dramatiq",
    "mlflow", "ray", "vllm", "bentoml", "chainlit", "panel", "text-generation-server", "start-notebook.py",
    "start-notebook.sh", "start-singleuser.py", "pip", "pip3", "conda", "mamba", "micromamba", "uv",
})
_PYTHON_PATHS = ("venv", "site-packages", "/usr/local/lib/python", "/usr/local/bin/python", "/opt/conda", "miniconda", "/usr/lib/python3")
_WINDOWS_SHELLS = frozenset({"powershell", "powershell.exe", "pwsh", "pwsh.exe", "cmd", "cmd.exe"})
_DRIVE_PATH = re.compile(r"(^|[\s\"'=])[A-Za-z]:[\\/]")
_WINDOWS_IMAGE = re.compile(r"windows|servercore|nanoserver|ltsc20\d\d", re.IGNORECASE)


def command_words(model: Model) -> tuple[tuple[str, ...], ...]:
    """The simple commands the final image's ENTRYPOINT and CMD run, each as words, with
    shells (`sh -c SCRIPT`, shell form) looked through."""
    final = model.final
    argv: list[str] = []
    for instruction in (final.entrypoint, final.cmd):
        if instruction is None:
            continue
        if instruction.exec_form is not None:
            argv += list(instruction.exec_form)
        else:
            argv += ["/bin/sh", "-c", instruction.args]
    if not argv:
        return ()
    script = shell_c_script(tuple(argv)) if argv[0].rsplit("/", 1)[-1] in SHELLS else None
    if script is not None:
        return tuple(unwrapped(c.words) for c in split_script(script, lambda offset: 0))
    return (unwrapped(tuple(argv)),)


def unwrapped(words: tuple[str, ...]) -> tuple[str, ...]:
    """`tini -- gosu app python app.py` -> `python app.py` (a gosu/su-exec user is skipped)."""
    while words:
        program = words[0].rsplit("/", 1)[-1]
        if program not in _WRAPPERS:
            return words
        words = words[1:]
        while words and words[0].startswith("-"):
            words = words[1:]
        if program in ("gosu", "su-exec", "s6-setuidgid", "chpst") and words:
            words = words[1:]  # the user
    return words


# What a wrapper entrypoint runs before `exec "$@"`: commands that set up the environment and return.
_SETUP = frozenset({"export", "set", "unset", "source", ".", "cd", "umask", "ulimit", "echo", "printf", "true", "mkdir", "chmod", "ln", "touch",
                    "[", "test"})
_ARGUMENTS = frozenset({"$@", "${@}"})


def runs_only_its_arguments(model: Model) -> bool:
    """Whether the final image, run with no command, runs nothing: it has no CMD, and its
    ENTRYPOINT is only a wrapper of the command it is given (`["tini", "--"]`, or a shell
    whose script sets the environment up and ends with `exec "$@"`, or such a script copied
    from the build context)."""
    final = model.final
    if final.cmd is not None or final.entrypoint is None:
        return False
    return _passes_through(command_words(model)) or bool(model.context is not None and model.context.entrypoint_wrapper)


def script_runs_only_its_arguments(text: str) -> bool:
    """Whether an entrypoint script sets the environment up and ends `exec "$@"`."""
    return _passes_through(tuple(unwrapped(c.words) for c in split_script(text, lambda offset: 0)))


def _passes_through(commands: tuple[tuple[str, ...], ...]) -> bool:
    if not commands or not (commands[-1] == () or (len(commands[-1]) == 1 and commands[-1][0] in _ARGUMENTS)):
        return False
    return all(words and words[0] in _SETUP for words in commands[:-1])


def is_python_program(word: str) -> bool:
    program = word.rsplit("/", 1)[-1]
    return program.startswith("python") or program in _PYTHON_PROGRAMS or program.endswith(".py")


def runs_python(model: Model) -> bool:
    """Whether the final image runs Python: a Python base image, Python installed or copied
    in (a venv, site-packages, Python sources and requirements), Python's own ENV
    (PYTHONPATH, VIRTUAL_ENV, PIP_*), or an ENTRYPOINT, CMD or HEALTHCHECK that runs python,
    gunicorn, uvicorn and the like. A Python base image does not count when the command runs
    only a program that the file installs as a system package (caddy, nginx) or builds and
    installs from source (`make install`, then CMD ["./server"]) and the file adds nothing of
    Python: the base's Python is then incidental."""
    final = model.final
    if any(name.startswith(("PYTHON", "PIP_")) or name == "VIRTUAL_ENV" for name in final.env):
        return True
    commands = command_words(model)
    if any(words and is_python_program(words[0]) for words in commands):
        return True
    if final.healthcheck is not None and any(is_python_program(p) for p in final.healthcheck.programs):
        return True
    if any(_stage_has_python(stage) for stage in model.lineage(final)):
        return True
    return final.base_facts is not None and bool(final.base_facts.python) and not _runs_an_installed_program(model, commands) \
        and not _runs_a_built_program(model, commands)


_INSTALLS_A_BUILD = (("make", "install"), ("cmake", "--install"), ("ninja", "install"), ("meson", "install"))


def _runs_a_built_program(model: Model, commands: tuple[tuple[str, ...], ...]) -> bool:
    """Whether every command the image runs starts a compiled program, not a script (no .sh,
    .py, shell or interpreter), and a RUN of the final lineage builds and installs a program
    from source (`./configure && make && make install`, `cmake --install build`): the command
    runs what the file built (CMD ["./unimrcpserver"]), the base's Python is incidental."""
    programs = {words[0].rsplit("/", 1)[-1] for words in commands if words}
    if not programs or len(commands) != sum(1 for words in commands if words) or programs & SHELLS:
        return False
    if any(p.endswith((".sh", ".py")) or "." in p or is_python_program(p) for p in programs):
        return False
    return any(c.words[:2] in _INSTALLS_A_BUILD or (c.program == "make" and "install" in c.args)
               for stage in model.lineage(model.final) for run in stage.runs for c in run.commands)


def _runs_an_installed_program(model: Model, commands: tuple[tuple[str, ...], ...]) -> bool:
    """Whether every command the image runs starts a program that a system package of the
    final lineage installs under its own name (`apt-get install caddy`, CMD ["caddy", "run"])."""
    programs = {words[0].rsplit("/", 1)[-1] for words in commands if words}
    if not programs or len(commands) != sum(1 for words in commands if words) or programs & SHELLS:
        return False
    # the final stage's packages hold the lineage's (inherited, shared with the parents)
    for change in model.final.packages:
        if change.action == "install" and change.manager in ("apt", "apk", "yum"):
            programs -= {package_name(p) for p in change.packages}
            if not programs:
                return True
    return False


def _stage_has_python(stage) -> bool:
    if any(_python_source(path) for c in stage.copies if c.from_context for path in (*c.sources, *c.written)):
        return True
    for run in stage.runs:
        if any(p.startswith("python") or p in _PYTHON_PROGRAMS for p in run.programs):
            return True
        if any(_python_package(c) for c in run.packages):
            return True
    return any(marker in path for c in stage.copies if c.from_ref is not None for path in (c.dest, *c.sources) for marker in _PYTHON_PATHS)


def _python_source(path: str) -> bool:
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return name.endswith(".py") or name.startswith("requirements") or name in _PYTHON_PROJECT_FILES


_PYTHON_PROJECT_FILES = frozenset({"pyproject.toml", "setup.py", "setup.cfg", "poetry.lock", "uv.lock", "Pipfile", "Pipfile.lock"})


def _python_package(change) -> bool:
    if change.action != "install":
        return False
    if change.manager in ("pip", "uv"):
        return True
    return any(p.startswith(("python", "py3-")) for p in change.packages)


def is_windows(model: Model) -> bool:
    """A Windows image: a Windows base (servercore, nanoserver, python:*-windowsservercore),
    a SHELL of powershell or cmd, or C:\\ paths in WORKDIR, COPY or ADD."""
    final = model.final
    if final.base_facts is not None and final.base_facts.windows:
        return True
    if _WINDOWS_IMAGE.search(final.root_image):
        return True
    for stage in model.lineage(final):
        for instruction in stage.instructions:
            if instruction.name == "SHELL" and instruction.exec_form and instruction.exec_form[0].rsplit("\\", 1)[-1].lower() in _WINDOWS_SHELLS:
                return True
            if instruction.name in ("WORKDIR", "COPY", "ADD") and _DRIVE_PATH.search(instruction.args):
                return True
    return False


_USER_SWITCHERS = frozenset({"gosu", "su-exec", "s6-setuidgid", "chpst", "setpriv", "runuser"})
_SWITCHER_PACKAGES = frozenset({"gosu", "su-exec", "s6", "s6-overlay"})


def _gunicorn_user(model: Model) -> str | None:
    """The user a `gunicorn --user USER` (or `python -m gunicorn`) command switches to, when it
    is not root."""
    for words in command_words(model):
        if words[:1] and words[0].rsplit("/", 1)[-1].startswith("python") and words[1:3] == ("-m", "gunicorn"):
            words = words[2:]
        if words[:1] and words[0].rsplit("/", 1)[-1] == "gunicorn":
            user = parse_argv("gunicorn", words[1:]).value("--user")
            if user is not None and user not in ROOT_NAMES and "$" not in user:  # a variable may be root
                return user
    return None


def drops_root(model: Model) -> str:
    """How the final image, started as root, runs its service as another user: its command
    is `gosu USER ...` (su-exec, s6-setuidgid, setpriv), its entrypoint can switch users with
    a gosu or su-exec the file installs or copies in, its entrypoint script (copied from the
    build context) runs one (`exec gosu app "$@"`, or a Python start.py that runs gosu or calls
    os.setuid), its command is `gunicorn --user USER` (gunicorn switches its workers and itself
    to that user), or its base image's entrypoint does (and the file keeps that entrypoint).
    Empty when nothing does."""
    final = model.final
    for instruction in (final.entrypoint, final.cmd):
        argv = instruction.exec_form if instruction is not None else None
        if argv and argv[0].rsplit("/", 1)[-1] in _USER_SWITCHERS:
            return f"its command runs {argv[0].rsplit('/', 1)[-1]}"
    if (user := _gunicorn_user(model)) is not None:
        return f"its command runs gunicorn --user {user}, which switches to that user itself"
    if final.entrypoint is not None:
        for stage in model.lineage(final):
            for change in stage.packages:
                found = _SWITCHER_PACKAGES.intersection(change.packages) if change.action == "install" else set()
                if found:
                    return f"its entrypoint can switch users with {sorted(found)[0]} (installed at line {change.line})"
            for copy in stage.copies:
                if any(p.rsplit("/", 1)[-1] in _SWITCHER_PACKAGES for p in (*copy.sources, copy.dest)):
                    return f"its entrypoint can switch users with the {copy.dest.rsplit('/', 1)[-1]} copied at line {copy.instruction.start_line}"
    context = model.context
    if context is not None and context.entrypoint_switch:
        return context.entrypoint_switch
    facts = final.base_facts
    if facts is not None and facts.drops_root and final.entrypoint is None:
        return f"{final.root_image}'s entrypoint does ({facts.drops_root})"
    return ""
