"""## What it does
Flags a final stage whose effective user is root: `USER root`, `USER 0`, `USER root:<group>`
or `USER 0:<group>`, including a root USER inherited through `FROM <stage>`.

## Example
```dockerfile
FROM python:3.12-slim
USER root
CMD ["python", "app.py"]
```
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH101", "root-user", "non_root_user", Severity.ERROR, "The final stage runs as root.", rule_docs(__doc__, lessons.ROOT_USER))


def check(model, settings):
    user = model.final.user
    if user is not None and user.is_root:
        yield Finding(RULE, user.line, f"the final stage runs as root (USER {user.text})")
