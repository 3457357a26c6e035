"""## What it does
Reports, at info level and only when the configuration enables it
(`enable = ["unpinned-pip-package"]`), packages that `pip install`, `uv pip install` or `pipx install` names
without a version specifier. Requirement files (`-r`), constraints (`-c`), local paths, wheels,
archives and VCS URLs with a revision pass, and so does any specifier (`==`, `>=`, `~=`).

## Why is this bad?
`pip install fastapi` installs whatever is newest on the day of the build: two builds of one
commit run different code. It is off by default because many images install their one tool on
purpose and rebuild to get it newer; a lock file (`pip install -r requirements.txt` with
hashes, `uv sync --locked`) is the sturdier fix than pins scattered through RUN lines.

## Example
```dockerfile
RUN pip install --no-cache-dir gunicorn
```

## Use instead
```dockerfile
RUN pip install --no-cache-dir gunicorn==23.0.0
```
"""
import re

from dockharden.checks.dockerfile.shared import shell_runs
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.dockerfile.shell import options_and_operands

RULE = Rule("DH927", "unpinned-pip-package", None, Severity.INFO,
            "pip installs a package without a version.", __doc__, peers=("DL3013",), optional=True)
_TAKE_VALUES = frozenset(
    "-e --editable -i --index-url --extra-index-url -f --find-links -t --target --prefix --root --src --python "
    "--python-version --platform --implementation --abi --only-binary --no-binary --progress-bar --proxy --trusted-host "
    "--upgrade-strategy --cache-dir --log --retries --timeout --exists-action --cert --client-cert --report -C "
    "--config-settings --index --default-index --python-platform --root-user-action".split()
)
_FILES = frozenset({"-r", "--requirement", "-c", "--constraint", "--build-constraint", "--overrides"})
_SPECIFIERS = ("==", ">=", "<=", "!=", "~=", ">", "<", "@")
_VCS = ("git+", "hg+", "svn+", "bzr+")
_PIP = re.compile(r"pip(\d+(\.\d+)?)?|pipx")


def check(model, settings):
    for stage in model.stages:
        for run in shell_runs(stage):
            if not any(program.startswith(("pip", "python", "uv")) for program in run.programs):
                continue
            for command in run.commands:
                loose = _unpinned(_install_args(command))
                if loose:
                    yield Finding(RULE, command.line, f"{', '.join(loose[:3])}{' ...' if len(loose) > 3 else ''} without a version",
                                  run.instruction.end_line)


def _install_args(command) -> tuple[str, ...] | None:
    """What follows `install` in pip, pip3, python -m pip, uv pip or pipx; None for any other command."""
    words, program = command.words, command.program
    if program.startswith("python") and words[1:3] == ("-m", "pip"):
        words = words[2:]
    elif program == "uv" and words[1:2] == ("pip",):
        words = words[1:]
    elif not _PIP.fullmatch(program):
        return None
    verbs = [n for n, word in enumerate(words[1:], start=1) if not word.startswith("-")]
    return words[verbs[0] + 1 :] if verbs and words[verbs[0]] == "install" else None


def _unpinned(args: tuple[str, ...] | None) -> list[str]:
    if not args or any(word.split("=", 1)[0] in _FILES for word in args):
        return []  # not an install, or files that pin (or constrain) what they list
    options, operands = options_and_operands(args, _TAKE_VALUES)
    return [p for p in operands if not _pinned(p)]


def _pinned(package: str) -> bool:
    if package.startswith(_VCS):
        return "@" in package.rsplit("/", 1)[-1]  # a revision: git+https://host/repo.git@v1.2
    local = package.startswith((".", "/", "~")) or "/" in package or package.endswith((".whl", ".tar.gz", ".zip"))
    return local or "$" in package or any(symbol in package for symbol in _SPECIFIERS)
