"""Whether an ENTRYPOINT script runs once and exits: a Python script that neither serves nor
loops (knowledge/purposes.SERVING_CODE), run as `python parse.py`, as the script itself, or
as the last command of a shell script (`exec python analyzer.py` after starting helpers)."""
from __future__ import annotations

import re

from dockharden.dockerfile.facts import unwrapped
from dockharden.dockerfile.shell import split_script
from dockharden.knowledge.purposes import SERVING_CODE
from dockharden.knowledge.shells import SHELLS

_SERVES = re.compile("|".join(SERVING_CODE))
_PYTHON = re.compile(r"python(?:\d+(?:\.\d+)?)?")


def script_of(words: tuple[str, ...]) -> tuple[str, str] | None:
    """(kind, path) of the script a command runs: ("python", "parse.py") for `python parse.py`
    or `./parse.py`, ("shell", "entrypoint.sh") for `sh entrypoint.sh` or `./entrypoint.sh`;
    None for a module (`python -m`), an inline script (`sh -c`) or another program."""
    if not words:
        return None
    program = words[0].rsplit("/", 1)[-1]
    if (_PYTHON.fullmatch(program) or program in SHELLS) and len(words) > 1 and not words[1].startswith("-"):
        return ("python" if _PYTHON.fullmatch(program) else "shell", words[1])
    if program.endswith((".py", ".sh")):
        return ("python" if program.endswith(".py") else "shell", words[0])
    return None


def last_command(shell_text: str) -> tuple[str, ...]:
    """The words of a shell script's last command, wrappers (exec, tini) looked through."""
    commands = split_script(shell_text, lambda offset: 0)
    return unwrapped(commands[-1].words) if commands else ()


def serves(python_text: str) -> bool:
    """Whether a Python script serves or keeps running (app.run(, serve_forever, while True: ...)."""
    return _SERVES.search(python_text) is not None
