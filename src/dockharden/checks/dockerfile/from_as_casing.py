"""## What it does
Reports, at info level, `FROM ... as NAME` where the casing of `as` differs from that of
`FROM` (`FROM image as build`), as BuildKit's FromAsCasing does. A FROM written in mixed case
is left alone.

## Why is this bad?
It is harmless to the build; mixed casing only makes the file harder to scan, and
`docker build --check` warns about it.

## Example
```dockerfile
FROM python:3.12-slim as build
```

## Use instead
```dockerfile
FROM python:3.12-slim AS build
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.dockerfile.words import parse_words

RULE = Rule("DH924", "from-as-casing", None, Severity.INFO, "The casing of AS differs from that of FROM.", __doc__,
            peers=("FromAsCasing",))


def check(model, settings):
    for stage in model.stages:
        instruction = stage.instructions[0]
        keyword = instruction.keyword
        words = parse_words(instruction.args) if " " in instruction.args else ()
        if len(words) < 3 or words[1].lower() != "as" or keyword not in (keyword.lower(), keyword.upper()):
            continue
        wanted = words[1].lower() if keyword.islower() else words[1].upper()
        if words[1] != wanted:
            yield Finding(RULE, instruction.start_line, f"'{words[1]}' and '{keyword}' keywords' casing do not match")
