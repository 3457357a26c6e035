"""## What it does
Flags a final USER given by name (`USER aiuser`) where the Dockerfile creates that user with
a known UID, or the base image does (the official `node` images create `node` with UID
1000). (A name whose UID is not known is DH103's.) Windows images are not checked.

## Why is this bad?
Kubernetes `runAsNonRoot` cannot verify a name and refuses to start the pod, and a reader
(or a scanner) of the image config cannot tell which UID runs. The number the file gives
the user says the same thing in a way both can check.

## Example
```dockerfile
FROM python:3.12-slim
RUN useradd --uid 1000 --create-home aiuser
USER aiuser
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN useradd --uid 1000 --create-home aiuser
USER 1000
```
"""
from dockharden.checks.dockerfile.shared import for_purpose
from dockharden.core.vocabulary import Finding, Fix, Rule, Safety, Severity
from dockharden.dockerfile.edits import instruction_at, replace_instruction

RULE = Rule("DH106", "user-by-name", "non_root_user", Severity.WARNING, "The final USER is a name, not the UID the file gives it.", __doc__)


def check(model, settings):
    user = model.final.user
    if user is None or user.is_root is not False or user.numeric or user.uid is None or model.windows:
        return
    if user.uid_source.startswith("created"):
        giver = "the file creates it"
    elif user.uid_source.startswith("shipped by "):
        giver = f"{user.uid_source.removeprefix('shipped by ')} ships it"
    else:
        return
    finding = for_purpose(model, Finding(RULE, user.line, f"USER {user.text} is a name; {giver} with UID {user.uid}: use USER {user.uid}",
                                         fix=(_fix(model, user) if settings.fixes else None)))
    if finding is not None:
        yield finding


def _fix(model, user):
    """USER UID, with the group's GID when the USER names a group the file creates with one
    (without a group, the engine takes the user's group from /etc/passwd, as before)."""
    instruction = instruction_at(model.dockerfile, user.line)
    if instruction is None or instruction.name != "USER" or "$" in instruction.args:
        return None
    numeric = str(user.uid)
    if user.group is not None:
        gid = user.group if user.group.isdigit() else next((str(a.id) for a in reversed(model.final.accounts)
                                                            if a.kind == "group" and a.name == user.group and a.id is not None), None)
        if gid is None:
            return None
        numeric += f":{gid}"
    return Fix((replace_instruction(model.dockerfile, instruction, f"{instruction.keyword} {numeric}"),), Safety.SAFE, f"USER {numeric} in place of USER {user.text}")
