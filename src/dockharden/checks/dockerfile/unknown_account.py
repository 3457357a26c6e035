"""## What it does
Flags a `COPY --chown=NAME`, `ADD --chown=NAME` or `USER NAME` (with its group, `NAME:GROUP`)
in the final stage's lineage that names an account which does not exist at that line: the
file does not create it before (useradd, adduser, groupadd, addgroup, a passwd line written
or copied from a stage; a user's own group counts), and the base image does not ship it.
Only base images whose accounts are known whole are checked (debian, ubuntu, alpine, python,
node); a stage that could create accounts out of sight is not (a script it runs, `curl | sh`,
/etc/passwd written another way or copied from an image, an account created from a
variable), nor a name that a system package it installs may create (`postgres` from
postgresql). Numeric IDs and variables are never flagged.

## Why is this bad?
The engine looks the name up in the image's /etc/passwd and /etc/group. For a COPY with an
unknown owner, BuildKit (the default builder since Docker 23) gives the files to root (0:0)
without a word, so the ownership the line asks for never happens, while the legacy builder,
podman and kaniko fail the build (`unable to convert uid/gid chown string to host mapping`).
An unknown USER fails every later RUN and the container's start (`unable to find user
app: no matching entries in passwd file`). The usual cause is a name that differs from the
one created (`appuser` and `app`), or a user created in another stage.

## Example
```dockerfile
FROM python:3.12-slim
RUN useradd --uid 1000 --create-home appuser
COPY --chown=app:app . /app
USER app
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN useradd --uid 1000 --create-home app
COPY --chown=1000:1000 . /app
USER 1000
```
"""
import re
from itertools import islice

from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.dockerfile.users import ROOT_NAMES
from dockharden.dockerfile.variables import expand
from dockharden.dockerfile.words import unquote
from dockharden.knowledge.shells import is_shell
from dockharden.knowledge.system_accounts import system_accounts

RULE = Rule("DH107", "unknown-account", "non_root_user", Severity.ERROR, "COPY --chown or USER names an account that does not exist.", __doc__)
_CREATORS = frozenset({"useradd", "adduser", "groupadd", "addgroup"})
# BuildKit's file operations count a name missing from /etc/passwd or /etc/group as ID 0.
_COPY_FAILURE = "BuildKit gives the files to root instead, and other builders (podman, kaniko, the legacy builder) fail"


def check(model, settings):
    if model.windows:
        return
    lineage = model.lineage(model.final)
    shipped = system_accounts(lineage[-1].root_image) if lineage[-1].base_facts is None or not lineage[-1].base_facts.built_by else None
    if shipped is None or any(_opaque(model, stage) for stage in lineage):
        return
    # the final stage's packages and accounts hold its parents' (shared, not copied): each is read once
    packages = [p for c in lineage[0].packages if c.action == "install" and c.manager in ("apt", "apk") for p in c.packages]
    users, groups = set(shipped[0]), set(shipped[1])  # what exists when a stage starts: shipped, and its parents' accounts
    inherited = 0
    for stage in reversed(lineage):
        own = list(islice(reversed(stage.accounts), len(stage.accounts) - inherited))  # a passwd copied in keeps earlier lines
        for line, owner, what, failure in _named_owners(stage):
            created = [a for a in own if a.line < line]
            user, _, group = owner.partition(":")
            missing = [f"{kind} {name}" for kind, name in (("user", user), ("group", group))
                       if _unknown(name, _exists(kind, name, users, groups, created), packages)]
            if missing:
                yield Finding(RULE, line, f"{what}: no {' and no '.join(missing)} exists at this line (the file creates none before it "
                                          f"and {lineage[-1].root_image} ships none): {failure}")
        users.update(a.name for a in own if a.kind == "user")
        groups.update(a.name for a in own)
        groups.update(a.group for a in own if a.group)
        inherited = len(stage.accounts)


def _named_owners(stage):
    """(line, owner, how it is written, what fails) for each COPY/ADD --chown and USER of the stage."""
    for copy in stage.copies:
        if copy.chown:
            yield copy.instruction.start_line, copy.chown, f"{copy.instruction.name} --chown={copy.chown}", _COPY_FAILURE
    variables = stage.variables()
    for instruction in stage.instructions:
        if instruction.name == "USER":
            owner = expand(unquote(instruction.args.strip()), variables, keep_unknown=True)
            yield instruction.start_line, owner, f"USER {owner}", "later RUNs and the container's start fail"


def _unknown(name, exists, packages) -> bool:
    if not name or name.isdigit() or name in ROOT_NAMES or "$" in name or exists:
        return False
    return not any(name in package or package.split("-")[0] in name for package in packages)  # postgresql makes postgres


def _exists(kind, name, users, groups, created) -> bool:
    """Whether the user (or group) exists before the line: shipped or made by a parent, or
    created earlier in the stage (a user's own group too)."""
    if kind == "user":
        return name in users or any(a.kind == "user" and a.name == name for a in created)
    return name in groups or any(a.name == name or a.group == name for a in created)


def _opaque(model, stage) -> bool:
    """Whether the stage may create accounts in ways the model does not see."""
    if any(("/etc/passwd" in c.written or "/etc/group" in c.written or "/etc" in c.written)
           and model.source_stage(c, stage) is None for c in stage.copies):
        return True
    for run in stage.runs:
        source = run.instruction.source
        if "/etc/passwd" in source or "/etc/group" in source or "/etc/shadow" in source:
            return True
        for command in run.commands:
            if command.program.endswith(".sh") or (is_shell(command.program) and any(not a.startswith("-") for a in command.args[:1])):
                return True
            if command.program in _CREATORS and any("$" in a for a in command.args):
                return True
        if re.search(r"\|\s*(sudo\s+)?(ba|da|z)?sh\b", source):
            return True
    return False
