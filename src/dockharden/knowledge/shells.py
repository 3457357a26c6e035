"""Shells, what they run without a program, and how `sh -c SCRIPT` is spotted in an argv."""
from __future__ import annotations

from collections.abc import Sequence

DEFAULT_SHELL = ("/bin/sh", "-c")  # what runs shell-form RUN, CMD and ENTRYPOINT on Linux without SHELL
SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh"})
# Commands a shell runs itself: a probe or script using them needs no program in the image.
SHELL_BUILTINS = frozenset({"exit", "true", "false", "test", "[", "[[", ":", "echo", "printf", "cd", "kill", "read", "return"})


def is_shell(program: str) -> bool:
    """Whether a program (a path or a base name) is a POSIX-style shell."""
    return program.rsplit("/", 1)[-1] in SHELLS


def shell_c_script(argv: Sequence[str] | None) -> str | None:
    """The SCRIPT of `SHELL -c SCRIPT ...` (how the image config stores shell form), else None."""
    if argv and len(argv) >= 3 and is_shell(argv[0]) and argv[1] == "-c":
        return argv[2]
    return None
