"""## What it does
Flags a CMD, ENTRYPOINT or HEALTHCHECK that a later one of the same kind in the same stage
overrides. It is reported where the ignored one is, as BuildKit does. A stage built FROM another
may override its parent's: that is what it is for. CMD inside HEALTHCHECK is not a CMD.

## Why is this bad?
Only the last one takes effect; the earlier one reads as if it mattered, and whoever edits it
changes nothing.

## Example
```dockerfile
CMD ["gunicorn", "app:app"]
CMD ["python", "app.py"]
```

## Use instead
```dockerfile
CMD ["gunicorn", "app:app"]
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH919", "overridden-instruction", None, Severity.WARNING,
            "A CMD, ENTRYPOINT or HEALTHCHECK is overridden later in the same stage.", __doc__,
            peers=("DL4003", "DL4004", "DS-0016", "DS-0007", "DS-0023", "MultipleInstructionsDisallowed"))
_ONCE = frozenset({"CMD", "ENTRYPOINT", "HEALTHCHECK"})


def check(model, settings):
    for stage in model.stages:
        last: dict[str, object] = {}
        for instruction in stage.instructions:
            if instruction.name in _ONCE:
                earlier = last.get(instruction.name)
                if earlier is not None:
                    yield Finding(RULE, earlier.start_line, f"{instruction.name} overridden by the {instruction.name} on line "
                                  f"{instruction.start_line}: only the last one takes effect", earlier.end_line)
                last[instruction.name] = instruction
