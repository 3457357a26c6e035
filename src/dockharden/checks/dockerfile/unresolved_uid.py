"""## What it does
Flags a non-root USER whose numeric UID cannot be known from the Dockerfile: a name that no
`useradd -u`, `adduser -u` or `adduser --uid` in the final stage's lineage creates with an
explicit UID or a later `usermod -u` gives one (`usermod -u "$PUID" app` with ENV PUID=911), nor a `printf`/`echo` line appended to /etc/passwd, there or in a stage whose
/etc/passwd the final stage copies, nor the base image: `node` images create `node` as 1000,
and Debian's and Alpine's system users have fixed UIDs, `nobody` 65534),
or a variable without a default. A variable the base image's ENV sets (NB_UID
of jupyter's images) takes that value. A variable this file does not declare, on an outside
base image whose ENV is not known (selenium/node-chrome sets SEL_UID), is info: its value
comes from the base, and only its UID is unknown. Info on development, base and tool images;
Windows images have no UIDs and are not checked.

The fix (unsafe) gives the `useradd`/`adduser` that creates the user `--uid 1000` (`-u` on
Alpine) and writes the USER as that UID.

## Why is this bad?
`useradd app` gives UID 1000 only by accident of the base image's existing users. Volumes,
`fsGroup` and Kubernetes `runAsNonRoot` need a UID that is known; `runAsNonRoot` rejects a
non-numeric image USER it cannot verify.

## Example
```dockerfile
FROM python:3.12-slim
RUN useradd --create-home aiuser
USER aiuser
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN groupadd -g 1000 aiuser && useradd -u 1000 -g 1000 --create-home aiuser
USER 1000:1000
```
"""
from dockharden.checks.dockerfile.shared import for_purpose
import re

from dockharden.core.vocabulary import Finding, Fix, Rule, Safety, Severity
from dockharden.dockerfile.edits import insert_word_after, instruction_at, replace_instruction

RULE = Rule("DH103", "unresolved-uid", "non_root_user", Severity.WARNING, "The final USER's UID cannot be resolved.", __doc__)


def check(model, settings):
    user = model.final.user
    if user is None or user.is_root or model.windows:
        return
    if user.user is None:
        finding = _variable(model, user)
    elif user.uid is None:
        finding = Finding(RULE, user.line, f"the UID of user {user.user!r} is not known: create it with an explicit UID or use USER {settings.required_uid}:{settings.required_uid}",
                          fix=(_fix(model, user.user, settings.required_uid) if settings.fixes else None))
    else:
        return
    judged = for_purpose(model, finding)
    if judged is not None:
        yield judged


_VARIABLE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


def _variable(model, user) -> Finding:
    """A USER whose variable has no value here: a warning, unless the file never declares it and
    the base is an outside image whose ENV is not known (not scratch, not built in this
    repository, not in the base-image table), whose ENV may well set it."""
    final = model.final
    if final.base_facts is not None:
        return Finding(RULE, user.line, f"USER {user.text} depends on a variable with no value (neither this file nor {final.root_image} sets it)")
    undeclared = [n for n in dict.fromkeys(_VARIABLE.findall(user.text)) if n not in final.args and n not in final.env and n not in model.global_args]
    if not undeclared or final.root_image == "scratch":
        return Finding(RULE, user.line, f"USER {user.text} depends on a variable with no value")
    names = ", ".join(undeclared)
    return Finding(RULE, user.line, f"USER {user.text}: this file does not set {names}, so the value comes from the ENV of {final.root_image}, "
                   "which is not known here: the UID cannot be checked").with_severity(Severity.INFO)


_CREATES = {"useradd": re.compile(r"(?<![\w.-])(?:\S*/)?useradd(?=\s)"), "adduser": re.compile(r"(?<![\w.-])(?:\S*/)?adduser(?=\s)")}


def _fix(model, name, uid):
    """The UID given where the file creates the user, and the USER written as that UID when
    it names no group (unsafe: the user's files change owner number); None when the file
    does not create it, or the UID is taken."""
    accounts = model.final.accounts
    created = [a for a in accounts if a.kind == "user" and a.name == name]
    if not created or any(a.id == uid for a in accounts) or created[-1].id is not None:
        return None
    line = created[-1].line
    for program, pattern in _CREATES.items():
        option = "-u" if program == "adduser" and "alpine" in model.final.root_image else "--uid"
        edit = insert_word_after(model.dockerfile, line, pattern, f"{option} {uid}")
        if edit is not None:
            return Fix((edit, *_numeric_user(model, uid)), Safety.UNSAFE, f"create {name} with UID {uid}")
    return None


def _numeric_user(model, uid):
    user = model.final.user
    instruction = instruction_at(model.dockerfile, user.line)
    if instruction is None or instruction.name != "USER" or user.group is not None or "$" in instruction.args:
        return ()
    return (replace_instruction(model.dockerfile, instruction, f"{instruction.keyword} {uid}"),)
