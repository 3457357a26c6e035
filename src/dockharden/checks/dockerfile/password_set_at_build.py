"""## What it does
Flags a RUN of a shipped stage that sets an account's password: `chpasswd` (also `-e` with
a hash: it is still a password), `passwd` fed on its input (`passwd --stdin`, or `passwd
USER` with no option, which a build can only run with its input piped), `useradd`/`usermod
-p HASH`, and `x11vnc -storepasswd`. Removing or locking one (`passwd -d`, `passwd -l`,
`usermod -p '!'`) passes. When the stage also writes `PermitRootLogin yes` into sshd_config,
the message says that root can log in with it. It is info on development, base and tool
images, and a builder stage that does not ship is not looked at.

## Why is this bad?
The password is set once, when the image is built: every container of the image has the same
one, anyone who pulls the image can read its hash from /etc/shadow (and a build argument or a
literal from the image's history), and it cannot be changed without a rebuild. Set it when
the container starts, from a secret, or log in with keys.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server \
 && echo "root:changeme" | chpasswd \
 && sed -i 's/^#\\?PermitRootLogin .*/PermitRootLogin yes/' /etc/ssh/sshd_config
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
COPY --chmod=755 set-password-from-secret.sh /usr/local/bin/
ENTRYPOINT ["set-password-from-secret.sh"]
```
"""
import re

from dockharden.checks.dockerfile.shared import for_purpose, shell_runs
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.knowledge.options import parse_argv

RULE = Rule("DH606", "password-set-at-build", "no_secrets", Severity.ERROR,
            "A RUN sets an account's password in the image.", __doc__, peers=("CKV2_DOCKER_17",))
_SETTERS = frozenset({"chpasswd", "passwd", "useradd", "usermod", "x11vnc"})
_LOCKED = re.compile(r"^(?:[*!x]|!!?.*|)$")  # a locked or empty field of /etc/shadow: no password to log in with
_USER_COLON = re.compile(r"(?:^|\s|\\n)([A-Za-z_][A-Za-z0-9_.-]*):")
_ROOT = re.compile(r"\broot\b(?!-)")
# `PermitRootLogin yes` written (echo, sed s/.../\1 yes/), not `s/PermitRootLogin yes/PermitRootLogin no/`.
_ROOT_LOGIN = re.compile(r"PermitRootLogin\b(?!.*\b(?:no|prohibit-password|without-password|forced-commands-only)\b).*\byes\b")


def check(model, settings):
    for stage in model.stages:
        if stage.index not in model.shipped:
            continue
        for run in shell_runs(stage):
            found = _setter(run)
            if found is None:
                continue
            line, what = found
            root = " (and sshd_config lets root log in with it: PermitRootLogin yes)" if _ROOT.search(what) and _root_login(model, stage) else ""
            readable = "read it back (x11vnc's file only obscures it)" if what.startswith("x11vnc") else "read its hash in /etc/shadow"
            finding = Finding(RULE, line, f"{what} at build time{root}: every container of the image has the same one, and anyone "
                              f"who pulls the image can {readable}; set it when the container starts, from a secret, or use keys",
                              run.instruction.end_line)
            if (judged := for_purpose(model, finding)) is not None:
                yield judged


def _setter(run) -> tuple[int, str] | None:
    """The first command of the RUN that sets a password: (its line, what it sets)."""
    if run.programs.isdisjoint(_SETTERS):
        return None
    for index, command in enumerate(run.commands):
        what = _sets(command, run.commands[index - 1] if index else None)
        if what is not None:
            return command.line, what
    return None


def _sets(command, before) -> str | None:
    program, args = command.program, command.args
    if program == "chpasswd":
        return f"chpasswd sets {_whose(before)}"
    if program == "passwd":
        options = [a for a in args if a.startswith("-")]
        if options in ([], ["--stdin"]):
            users = [a for a in args if not a.startswith("-")]
            return f"passwd sets {_owner(users[0]) if users else 'the password of root'}"
        return None
    if program in ("useradd", "usermod"):
        argv = parse_argv(program, args)
        hashed = argv.value("--password")
        if hashed is not None and not _LOCKED.match(hashed.strip("'\"")):
            return f"{program} -p sets {_owner(argv.operands[-1]) if argv.operands else 'a password'}"
        return None
    if program == "x11vnc" and "-storepasswd" in args[:1]:
        return "x11vnc -storepasswd sets the VNC password"
    return None


def _whose(before) -> str:
    """Whose password chpasswd sets, read from the echo or printf that feeds it."""
    if before is None or before.program not in ("echo", "printf"):
        return "a password"
    users = list(dict.fromkeys(m.group(1) for a in before.args for m in _USER_COLON.finditer(a)))
    if not users:
        return "a password"
    return _owner(users[0]) if len(users) == 1 else f"the passwords of {', '.join(users)}"


def _owner(user: str) -> str:
    return f"the password of {user}"


def _root_login(model, stage) -> bool:
    return any(_ROOT_LOGIN.search(word) for s in model.lineage(stage) for r in s.runs for c in r.commands for word in c.args)
