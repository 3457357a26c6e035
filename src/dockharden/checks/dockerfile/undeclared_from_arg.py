"""## What it does
Flags `$NAME` in a FROM line (its image or `--platform`) where NAME is no global ARG (one
declared before the first FROM) and none of the build arguments BuildKit predefines
(TARGETPLATFORM, BUILDPLATFORM...), as BuildKit's UndefinedArgInFrom does.
`${NAME:-default}` passes.

## Why is this bad?
FROM lines see global ARGs only: the variable expands to nothing, and the build pulls another
image than the one meant (`FROM python:${PY}-slim` becomes `python:-slim`) or fails.

## Example
```dockerfile
FROM python:${PYTHON_VERSION}-slim
```

## Use instead
```dockerfile
ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERSION}-slim
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.dockerfile.words import parse_words
from dockharden.dockerfile.variables import PREDEFINED_ARGS, plain_references

RULE = Rule("DH922", "undeclared-from-arg", None, Severity.WARNING, "A FROM line uses an ARG declared nowhere before it.",
            __doc__, peers=("UndefinedArgInFrom",))


def check(model, settings):
    for stage in model.stages:
        instruction = stage.instructions[0]
        if "$" not in instruction.source:
            continue
        words = parse_words(instruction.args)
        text = f"{words[0] if words else ''} {instruction.flag('platform') or ''}"
        for name in sorted(plain_references(text) - model.global_args.keys() - PREDEFINED_ARGS):
            yield Finding(RULE, instruction.start_line, f"FROM uses ${name}, which no ARG before the first FROM declares")
