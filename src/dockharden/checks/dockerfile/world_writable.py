"""## What it does
Flags a RUN, in a stage whose files ship, that makes files or directories writable by every
user: `chmod 777`, `chmod -R 666`, `chmod 776`, any numeric mode with the others' write bit,
and symbolic modes that give others write (`a+w`, `o+w`, `ugo+rwx`, `o=rwx`), also
`mkdir -m 777`. The modes are read as chmod reads them (options from its option table, the
first operand is the mode): `chmod +w` and `+rwx` leave others' write to the umask (022 in
builds), so they pass. So do sticky directories (`chmod 1777`, `a+rwxt`), as /tmp should be,
the shared temporary folders themselves (/tmp, /var/tmp), anything under /dev (/dev/shm: the
container gets a fresh /dev, so the layer keeps none of it), and `chmod --reference`.
In a builder stage whose files alone are copied on, only the paths that a shipped stage's
`COPY --from` takes are reported (COPY keeps the modes); the rest does not ship. The finding is at info in a
development image and when the RUN does its work only under a build setting that is off.
No peer has this rule (hadolint, trivy and checkov have none).

## Why is this bad?
A world-writable path can be changed by any process in the container, whatever its user:
a compromised worker, a sidecar sharing the volume, a job started with another UID. When the
path holds code, configuration or certificates (`/app`, `/etc/nginx/conf.d`, `/certs`), that
process can change what the service runs or trusts; a non-root USER then protects nothing.
`777` is usually there to let "whatever user the platform picks" write: that is what the
runtime user's ownership, or a group (OpenShift's GID 0), is for.

## Example
```dockerfile
FROM python:3.12-slim
COPY . /app
RUN chmod -R 777 /app
USER 1000
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY --chown=1000:0 --chmod=775 . /app
USER 1000
```
"""
import posixpath
import re

from dockharden.checks.dockerfile.shared import for_purpose, shell_runs, switched
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.knowledge.options import parse_argv

RULE = Rule("DH931", "world-writable", None, Severity.WARNING,
            "A RUN makes shipped files or directories writable by every user.", __doc__)

_SHARED_TEMPORARY = frozenset({"/tmp", "/var/tmp"})  # world-writable (and sticky) by design
_NUMERIC = re.compile(r"[0-7]{1,4}")
_CLAUSE = re.compile(r"([ugoa]*)((?:[-+=][rwxXstugo]*)+)")
_ACTION = re.compile(r"([-+=])([rwxXstugo]*)")
_ADVICE = ("any process of the container, whatever its user, can change them; chown them to the runtime user "
           "(COPY --chown=UID:GID) and give them 755, or 775 with a shared group")


def check(model, settings):
    for stage in model.stages:
        taken = None if stage.index in model.shipped else _copied_on(model, stage)
        if taken == ():
            continue
        for run in shell_runs(stage):
            opened = [found for command in run.commands if (found := _opened(command, run.workdir)) is not None]
            if taken is not None:
                opened = [(line, program, kept) for line, program, paths in opened if (kept := _shipped(paths, taken))]
            if opened:
                line, program = opened[0][0], opened[0][1]
                paths = ", ".join(dict.fromkeys(path for _, _, paths in opened for path in paths))
                where = "" if taken is None else f" (a COPY --from={stage.name or stage.index} of a shipped stage takes them)"
                finding = Finding(RULE, line, f"{program} makes {paths} writable by everyone{where}: {_ADVICE}", run.instruction.end_line)
                judged = for_purpose(model, switched(finding, run), ("development",))
                if judged is not None:
                    yield judged


def _copied_on(model, stage) -> tuple[str, ...]:
    """What the shipped stages copy from a stage that does not ship (COPY --from keeps modes)."""
    return tuple(source.rstrip("/") or "/" for other in model.stages if other.index in model.shipped
                 for copy in other.copies if model.source_stage(copy, other) is stage for source in copy.sources)


def _shipped(paths: tuple[str, ...], taken: tuple[str, ...]) -> tuple[str, ...]:
    """The paths a COPY --from takes (the path, a folder above it, or files below it)."""
    def overlaps(path: str, source: str) -> bool:
        path = path.split(" (", 1)[0].rstrip("/") or "/"
        return path == source or path.startswith(source.rstrip("/") + "/") or source.startswith(path.rstrip("/") + "/")
    return tuple(p for p in paths if any(overlaps(p, source) for source in taken))


def _opened(command, workdir: str) -> tuple[int, str, tuple[str, ...]] | None:
    """(line, `chmod -R 777`, the paths) when the command gives others write; None when not."""
    if command.program == "chmod":
        argv = parse_argv("chmod", command.args)
        if argv.has("--reference") or len(argv.operands) < 2:
            return None
        mode, paths = argv.operands[0], argv.operands[1:]
        recursive = "-R " if argv.has("--recursive") else ""
    elif command.program == "mkdir":
        argv = parse_argv("mkdir", command.args)
        mode, paths, recursive = argv.value("--mode") or "", argv.operands, "-m "
    else:
        return None
    resolved = [(p, posixpath.normpath(posixpath.join(workdir, p))) for p in paths]
    opened = tuple(p if p.startswith(("/", "$")) else f"{p} ({absolute})" for p, absolute in resolved
                   if absolute not in _SHARED_TEMPORARY and not (absolute + "/").startswith("/dev/"))
    if not opened or not others_write(mode):
        return None
    return command.line, f"{command.program} {recursive}{mode}", opened


def others_write(mode: str) -> bool:
    """Whether a chmod mode leaves others with write and without the sticky bit."""
    if _NUMERIC.fullmatch(mode):
        digits = mode.zfill(4)
        return bool(int(digits[3]) & 2) and not int(digits[0]) & 1
    writable, sticky = False, False
    for clause in mode.split(","):
        found = _CLAUSE.fullmatch(clause)
        if found is None:
            return False  # not a mode chmod reads: nothing is known
        who = found.group(1)
        for op, perms in _ACTION.findall(found.group(2)):
            if "t" in perms or op == "=" and who in ("", "a", "o"):
                sticky = op != "-" and "t" in perms
            if who and ("o" in who or "a" in who) and ("w" in perms or op == "="):
                writable = op != "-" and "w" in perms  # an empty who leaves others to the umask
    return writable and not sticky
