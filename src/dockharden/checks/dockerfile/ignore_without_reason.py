"""## What it does
Flags a `# dockharden ignore=...` pragma without `-- reason`. The peers' pragmas, which
dockharden honours, are left to their own syntax.

## Why is this bad?
An exception nobody can explain is a finding nobody will revisit.

## Example
```dockerfile
# dockharden ignore=DH906
```

## Use instead
```dockerfile
# dockharden ignore=DH906 -- the build context is generated and holds only the wheel
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH002", "ignore-without-reason", None, Severity.WARNING, "An ignore pragma gives no reason.", __doc__)


def check(use, settings):
    for pragma in use.pragmas:
        if not pragma.reason:
            yield Finding(RULE, pragma.line, "ignore pragma without '-- reason'")
