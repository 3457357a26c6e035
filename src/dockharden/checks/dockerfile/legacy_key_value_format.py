"""## What it does
Reports, at info level, ENV and LABEL in the legacy whitespace form (`ENV KEY value`), as
BuildKit's LegacyKeyValueFormat does.

## Why is this bad?
The legacy form sets one key to everything after it, spaces included: `ENV PATH /opt/venv/bin $PATH`
sets PATH to "/opt/venv/bin $PATH". It is deprecated, and `docker build --check` warns about it.

## Example
```dockerfile
ENV PYTHONUNBUFFERED 1
```

## Use instead
```dockerfile
ENV PYTHONUNBUFFERED=1
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.dockerfile.words import parse_words

RULE = Rule("DH925", "legacy-key-value-format", None, Severity.INFO, "ENV or LABEL uses the legacy `KEY value` form.",
            __doc__, peers=("LegacyKeyValueFormat",))


def check(model, settings):
    for instruction in model.dockerfile.instructions:
        if instruction.name in ("ENV", "LABEL") and _legacy_looking(instruction.args):
            words = parse_words(instruction.args)
            if len(words) > 1 and "=" not in words[0]:
                yield Finding(RULE, instruction.start_line, f'"{instruction.name} {words[0]}=value" should be used instead of '
                              f'the legacy "{instruction.name} {words[0]} value"', instruction.end_line)


def _legacy_looking(args: str) -> bool:
    """No `=` in the first blank-separated word: the cheap test before parsing the words."""
    first = args.split(None, 1)
    return bool(first) and "=" not in first[0]
