"""## What it does
Flags `$NAME` in an instruction that Docker expands itself (ENV, ARG defaults, LABEL, COPY,
ADD, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL) when nothing defines NAME before it: no ARG or
ENV of the stage or of the stages it is built FROM, and not the base image. As BuildKit's
UndefinedVar, shell-form RUN, CMD and ENTRYPOINT are not checked (their shell expands them).

Unlike BuildKit, dockharden cannot read the base image's configuration, so a stage is checked
only when its base image's ENV is known whole: `scratch` and the official `python`, `debian`,
`ubuntu`, `alpine`, `busybox`, `node`, `golang` and `ghcr.io/astral-sh/uv` images. On any other
base the variable may come from its ENV (CUDA images set LD_LIBRARY_PATH), so nothing is said.
`${NAME:-default}` and the other forms that expect an unset variable pass.

## Why is this bad?
The variable expands to nothing: `ENV PYTHONPATH=/app:$PYTHONPATH` ends in `:`, which puts the
working directory on sys.path; `COPY $SRC .` copies the whole context. A global ARG is visible
in FROM lines only: a stage must declare it again (`ARG NAME`) to use it.

## Example
```dockerfile
FROM python:3.12-slim
ENV PYTHONPATH=/app:$PYTHONPATH
```

## Use instead
```dockerfile
FROM python:3.12-slim
ENV PYTHONPATH=/app
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.dockerfile.words import parse_words
from dockharden.dockerfile.variables import PREDEFINED_ARGS, plain_references
from dockharden.knowledge.image_shells import known_env

RULE = Rule("DH921", "undefined-variable", None, Severity.WARNING,
            "An instruction uses a variable that nothing defines before it.", __doc__, peers=("UndefinedVar",))
_EXPANDED = frozenset({"COPY", "ADD", "WORKDIR", "USER", "EXPOSE", "VOLUME", "STOPSIGNAL", "LABEL"})


def check(model, settings):
    for stage in model.stages:
        base = known_env(stage.root_image)
        if base is None or not any("$" in i.source for i in stage.instructions):
            continue
        defined = set(base) | PREDEFINED_ARGS | {"PATH"}  # every Linux build has a PATH
        for parent in model.lineage(stage)[1:]:
            defined.update(name for i in parent.instructions for name in _declared(i))
        for instruction in stage.instructions[1:]:
            for name in _references(instruction) - defined:
                yield Finding(RULE, instruction.start_line, _message(name, model, stage), instruction.end_line)
            defined.update(_declared(instruction))


def _message(name: str, model, stage) -> str:
    if name in model.global_args:
        return f"${name} is a global ARG, which only FROM lines see: declare ARG {name} in the stage"
    return f"${name} is not defined before this line (no ARG or ENV, and {stage.root_image} does not set it): it expands to nothing"


def _declared(instruction) -> list[str]:
    if instruction.name == "ARG":
        return [word.partition("=")[0] for word in parse_words(instruction.args)]
    if instruction.name == "ENV":
        words = parse_words(instruction.args)
        return [words[0]] if words and "=" not in words[0] else [word.partition("=")[0] for word in words]
    return []


def _references(instruction) -> set[str]:
    """The variables Docker expands in the instruction without a default or alternative."""
    name = instruction.name
    if "$" not in instruction.source or instruction.heredocs:
        return set()
    if name == "ARG":
        return {ref for word in parse_words(instruction.args) for ref in plain_references(word.partition("=")[2])}
    if name == "ENV":
        words = parse_words(instruction.args)
        values = [instruction.args.strip().partition(" ")[2]] if words and "=" not in words[0] else [w.partition("=")[2] for w in words]
        return {ref for value in values for ref in plain_references(value)}
    if name in _EXPANDED:
        text = " ".join(instruction.exec_form) if instruction.exec_form is not None else instruction.args
        flags = " ".join(f for f in instruction.flags if f.startswith(("--chown", "--chmod")))
        return plain_references(f"{text} {flags}")
    return set()
