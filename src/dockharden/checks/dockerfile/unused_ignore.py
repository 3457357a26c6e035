"""## What it does
Flags a `# dockharden ignore=...` pragma that suppresses nothing: the rule no longer fires
there, or the pragma names an unknown rule.

The peers' pragmas (`# hadolint ignore=...`, `# checkov:skip=...`) are honoured, for the rules
that list their IDs (docs/rules/PEERS.md), and never judged: hadolint or checkov may still run
and need them, and an ID no dockharden rule covers is theirs to know.

## Why is this bad?
Stale ignores hide the next real finding at that line.

## Example
```dockerfile
# dockharden ignore=DH101 -- builder needs root
USER 1000:1000
```

## Use instead
```dockerfile
USER 1000:1000
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH001", "unused-ignore", None, Severity.WARNING, "An ignore pragma matches no finding.", __doc__)


def check(use, settings):
    """`use` is a PragmaUse: the file's pragmas, which (pragma line, code) pairs suppressed
    something, and the codes and names of every rule lint knows."""
    for pragma in use.pragmas:
        unknown = [c for c in pragma.codes if c.upper() not in use.known and c.lower() not in use.known]
        unused = [c for c in pragma.codes if c not in unknown and (pragma.line, c) not in use.used]
        if unknown:
            yield Finding(RULE, pragma.line, f"unknown rule {', '.join(unknown)} in ignore pragma")
        if unused:
            yield Finding(RULE, pragma.line, f"ignore={','.join(unused)} suppresses nothing")
