"""Programs found along the image's PATH: build tools, the healthcheck's probe, shells."""
from __future__ import annotations

import shlex

from dockharden.image.filesystem import FileTree
from dockharden.image.parts import Healthcheck, Probe, Program

DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
COMPILERS = ("gcc", "cc", "g++", "c++", "clang", "make")
# Installed-package traces of a toolchain, found even when its programs are not on PATH.
TOOLCHAIN_PATHS = (
    ("build-essential", "/usr/share/doc/build-essential"),
    ("build-essential", "/var/lib/dpkg/info/build-essential.list"),
    ("gcc-toolchain", "/usr/lib/gcc"),
)
COMMON_PROGRAMS = ("sh", "bash", "curl", "wget", "python", "python3", "nc")
_SHELL = "/bin/sh"


def search_path(env: dict[str, str]) -> str:
    return env.get("PATH", DEFAULT_PATH)


def build_tools(tree: FileTree, path: str) -> tuple[Program, ...]:
    found = [Program(name, where) for name in COMPILERS if (where := tree.which(name, path))]
    for name, trace in TOOLCHAIN_PATHS:
        node = tree.lookup(trace)
        if node is not None and not any(p.name == name for p in found):
            found.append(Program(name, trace))
    return tuple(found)


def programs(tree: FileTree, path: str, extra: tuple[str, ...]) -> tuple[Program, ...]:
    names = sorted(set(COMMON_PROGRAMS) | {name for name in extra if name})
    return tuple(Program(name, tree.which(name, path)) for name in names)


def probe(healthcheck: Healthcheck | None, tree: FileTree, path: str) -> Probe | None:
    if healthcheck is None or healthcheck.disabled or len(healthcheck.test) < 2:
        return None
    if healthcheck.test[0] == "CMD-SHELL":
        program = shell_program(" ".join(healthcheck.test[1:]))
        shell = _SHELL if tree.which(_SHELL, path) else None
        return Probe(program, tree.which(program, path) if program else None, shell, shell_form=True)
    program = healthcheck.test[1]
    return Probe(program, tree.which(program, path), None, shell_form=False)


def command_program(argv: tuple[str, ...] | None) -> str:
    """The program a CMD/ENTRYPOINT runs (for shell form, the first word of the script)."""
    if not argv:
        return ""
    if len(argv) >= 3 and argv[0] in ("/bin/sh", "sh", "/bin/bash") and argv[1] == "-c":
        return shell_program(argv[2])
    return argv[0]


def shell_program(script: str) -> str:
    """The first program a shell script runs: skips `VAR=value` and `exec`."""
    try:
        words = shlex.split(script, posix=True)
    except ValueError:
        words = script.split()
    for word in words:
        if word == "exec" or ("=" in word and word.split("=", 1)[0].isidentifier()):
            continue
        return word
    return ""
