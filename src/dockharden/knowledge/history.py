"""Reading an image history step's `created_by`: the instruction it records, build
arguments, ENV/ARG assignments, and the secrets among them. Shared by `inspect` (IM602,
`--dockerfile`) and `verify` (VF602)."""
from __future__ import annotations

import re
import shlex

from dockharden.core.text import clip
from dockharden.knowledge.secrets import redact_assignments, secret_in_value, secret_variable

_BUILD_ARGS = re.compile(r"^(?:RUN\s+)?\|(\d+)\s+(.*)$", re.DOTALL)
_ARG = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=(\S*)\s*")
_ASSIGNMENT_STEP = re.compile(r"^(?:/bin/sh -c #\(nop\)\s*)?(ENV|ARG)\s+(.*)$", re.DOTALL)
_BUILD_ARG_PREFIX = re.compile(r"^(RUN\s+)?\|\d+\s+(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*")
_NOP = re.compile(r"^/bin/sh -c #\(nop\)\s*")
_SHELL = re.compile(r"^(RUN\s+)?/bin/sh -c\s+")
_NOP_MARK = "#(nop)"
_NOP_STEP = re.compile(r"^/bin/sh -c #\(nop\)\s*([A-Z]+)\b(.*)$", re.DOTALL)
_BUILDKIT_MARK = "# buildkit"
_DEFAULT_SHELL = "/bin/sh -c "
_KEYWORDS = frozenset({"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "HEALTHCHECK", "LABEL", "MAINTAINER",
                      "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"})


def step_text(created_by: str) -> str:
    """A history step as its instruction, without build-argument values, clipped; "" if it
    looks secret."""
    text = _BUILD_ARG_PREFIX.sub("", created_by.strip())
    text = _NOP.sub("", text) if _NOP.match(text) else _SHELL.sub("RUN ", text)
    text = " ".join(text.removesuffix("# buildkit").split())
    return "" if secret_in_value(text) else clip(text)


def is_run_step(created_by: str) -> bool:
    """RUN as BuildKit records it (`RUN ...`) or the classic builder (`/bin/sh -c ...`, `|1 A=b /bin/sh -c`)."""
    text = created_by.strip()
    return text.startswith("RUN ") or (_NOP_MARK not in text and text.startswith(("/bin/sh -c", "|")))


_REOWNS = re.compile(r"(?:^|[\s;&|(])(?:chown\s|chmod\s+(?:-\w*R\w*|--recursive)\s)")


def reowns_files(created_by: str) -> bool:
    """A RUN step that runs `chown`, or `chmod -R`: it may store files of lower layers again."""
    return is_run_step(created_by) and _REOWNS.search(created_by) is not None


def shown_step(created_by: str) -> str:
    """The step's whole text for a report: secret values replaced, a credential-shaped text hidden."""
    text = redact_assignments(created_by)
    kind = secret_in_value(text)
    return f"[step text hidden: it holds a {kind}]" if kind else text


def build_args(created_by: str) -> tuple[tuple[str, str], ...]:
    """`|2 A=1 B=2 /bin/sh -c ...` (classic builder and BuildKit) -> (("A", "1"), ("B", "2"))."""
    return _split_build_args(created_by.strip())[0]


def _split_build_args(text: str) -> tuple[tuple[tuple[str, str], ...], str]:
    """The build arguments a RUN step records, and the command after them."""
    match = _BUILD_ARGS.match(text)
    if not match:
        return (), text
    args, rest = [], match.group(2)
    for _ in range(int(match.group(1))):
        arg = _ARG.match(rest)
        if not arg:
            break
        args.append((arg.group(1), arg.group(2)))
        rest = rest[arg.end() :]
    return tuple(args), rest


def step_instruction(created_by: str) -> tuple[str, str]:
    """(KEYWORD, text) of the instruction a step ran; ("", "") when none did (`docker import`).

    Classic builder: `/bin/sh -c #(nop)  USER 1000`, RUN as `/bin/sh -c CMD` or, in exec
    form, the bare argv. BuildKit: `USER 1000:1000`, `RUN /bin/sh -c CMD # buildkit`. Either
    may put build arguments first (`|2 A=1 B=2 ...`); a RUN's text leaves them and the
    default shell out: `|1 A=1 /bin/sh -c pip install x` -> ("RUN", "pip install x").
    """
    text = created_by.strip()
    nop = _NOP_STEP.match(text)
    if nop:
        return nop.group(1), nop.group(2).strip()
    text = text.removesuffix(_BUILDKIT_MARK).rstrip()
    keyword, _, rest = text.partition(" ")
    if keyword in _KEYWORDS and keyword != "RUN":
        return keyword, rest.strip()
    if not text:
        return "", ""
    command = _split_build_args(text.removeprefix("RUN "))[1]
    return "RUN", command.removeprefix(_DEFAULT_SHELL).strip()


def step_secrets(created_by: str, final_env: frozenset[tuple[str, str]] = frozenset()) -> list[tuple[str, str, str]]:
    """(kind, variable, why) for each secret a step holds; kind is build-arg, ENV, ARG or text.

    ENV assignments still in the final Env are left out: the image's Env check reports them.
    """
    found = [("build-arg", name, f"build argument {name}: {why}")
             for name, value in build_args(created_by) if (why := secret_variable(name, value))]
    step = _ASSIGNMENT_STEP.match(created_by.strip())
    if step:
        kind = step.group(1)
        found += [(kind, name, f"{kind} {name}: {why}") for name, value in _assignments(step.group(2))
                  if (why := secret_variable(name, value)) and (kind == "ARG" or (name, value) not in final_env)]
    elif not found and (shape := secret_in_value(created_by)):
        found.append(("text", "", f"the step's text holds a {shape}"))
    return found


def _assignments(text: str) -> list[tuple[str, str]]:
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    return [tuple(word.split("=", 1)) for word in words if "=" in word]  # type: ignore[misc]
