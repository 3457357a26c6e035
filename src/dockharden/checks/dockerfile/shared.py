"""How Dockerfile rules judge a finding by what the image is for and how the project runs it."""
from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import replace

from dockharden.core.vocabulary import Finding, Severity
from dockharden.dockerfile.model import Run, Stage
from dockharden.dockerfile.purpose import runs_once
from dockharden.dockerfile.users import ROOT_NAMES
from dockharden.dockerfile.words import parse_words
from dockharden.knowledge.image_shells import is_windows
from dockharden.knowledge.official_images import is_official
from dockharden.knowledge.shells import is_shell

_NOTES = {
    "development": "a development image, as {reason}; production images need this",
    "base": "a base image, as {reason}; the images built FROM it need this",
    "tool": "a tool image, as {reason}; long-running services need this",
    "job": "a one-shot job, as {reason}; long-running services need this",
    "output": "an output-only image, as {reason}: it never runs; images that run or ship need this",
}
PRODUCTION_ONLY = ("development", "base", "tool")  # what production-only rules leave at info
SERVICE_ONLY = (*PRODUCTION_ONLY, "job")  # and what rules for long-running services do


def for_purpose(model, finding: Finding, kinds: tuple[str, ...] = PRODUCTION_ONLY) -> Finding | None:
    """A production-only rule's finding as the image's purpose makes it (dockerfile/purpose.py):
    unchanged on a service (and a one-shot job, unless `kinds` names it); info on a
    development, base or tool image, saying why; none on an export stage FROM scratch, which
    holds only files, and info on another output-only image (one a build only copies files
    out of), which never runs."""
    purpose = model.purpose
    if purpose.kind == "output" and model.final.root_image == "scratch":
        return None
    if purpose.kind not in (*kinds, "output"):
        return finding
    return lowered(finding, _NOTES[purpose.kind].format(reason=purpose.reason))


def unshipped(finding: Finding, model) -> Finding:
    """A finding on the layers an image ships at info on an output-only image that a build
    only copies files out of (purpose output, not FROM scratch): it is neither run nor pushed."""
    purpose = model.purpose
    if purpose.kind != "output" or model.final.root_image == "scratch" or finding.rule.severity is Severity.INFO:
        return finding
    return lowered(finding, _NOTES["output"].format(reason=purpose.reason))


def switched(finding: Finding, run) -> Finding:
    """The finding at info when the RUN does its work only under a build setting that is off
    by default (`if [ "$INSTALL_DEBUG" ]; then ...; fi`): the image built as is has none of it."""
    return lowered(finding, f"only when {run.switch}, a build setting that is off by default") if run.switch else finding


def lowered(finding: Finding, note: str) -> Finding:
    """The finding at info level, its message saying why."""
    return replace(finding.with_severity(Severity.INFO), message=f"{finding.message}{_INFO}{note})")


def info_note(finding: Finding) -> str:
    """Why `lowered` put the finding at info ("" when it did not)."""
    return finding.message.partition(_INFO)[2].removesuffix(")")


_INFO = " (info: "


def unpinned_image_finding(finding: Finding, image: str, facts) -> Finding:
    """An unpinned image's finding (DH902 on FROM, DH917 on COPY --from and RUN --mount=from):
    info when the repository builds the image itself (`facts.built_by`, the project passes
    the tag) or when its bare name is none of Docker Hub's official images (no registry
    serves it: a build script made it); else as it is."""
    if facts is not None and facts.built_by:
        return lowered(finding, f"this repository builds it ({facts.built_by})")
    name = image.split(":", 1)[0]
    if "/" not in image and not is_official(name):
        return lowered(finding, f"a local image: Docker Hub has no official image {name!r}, so no registry serves it and a build script makes it")
    return finding


def compose_services(model):
    """The compose services that run this Dockerfile's final stage (no build target, or the
    final stage's name)."""
    if model.context is None:
        return ()
    name = (model.final.name or "").lower()
    return tuple(s for s in model.context.services if s.target is None or s.target.lower() == name)


def one_shot(service) -> bool:
    """A compose service that runs once and ends: another service waits for it to complete, or
    it restarts only on failure or never (compose's default) and either its command is a
    migration or it starts only under a profile (a command run on request)."""
    if service.awaited:
        return True
    restart = (service.restart or "no").lower()
    if not (restart in ("no", "false") or restart.startswith("on-failure")):
        return False
    return bool(service.profiles) or (service.command is not None and runs_once(service.command.split()))


def describe(services) -> str:
    """compose.yaml service web, run.sh's docker run: who runs the image."""
    return ", ".join(sorted({_runner(s) for s in services}))


def _runner(service) -> str:
    file = service.file.rsplit("/", 1)[-1]
    return f"{file}'s docker run" if service.from_script else f"{file} service {service.name}"


def as_root(model, finding: Finding) -> Finding | None:
    """A "runs as root" finding, given what else decides the user: compose services that run
    it with a non-root `user:` (all of them but one-shot jobs), an entrypoint or s6 services
    that drop root (gosu, su-exec, s6-setuidgid), and the image's purpose."""
    judged = for_purpose(model, finding)
    if judged is None or judged.rule.severity is Severity.INFO:
        return judged
    services = compose_services(model)
    serving = [s for s in services if not one_shot(s)]
    users = [s.user for s in serving]
    if serving and all(u and u.partition(":")[0] not in ROOT_NAMES for u in users):
        jobs = [s for s in services if s not in serving]
        note = f"; only the one-shot {describe(jobs)} may run as root" if jobs else ""
        return lowered(finding, f"{describe(serving)} runs it as user {users[0]}{note}")
    if model.drops_root:
        return lowered(finding, f"the container starts as root, but {model.drops_root}")
    return finding


def notebook(model) -> bool:
    """A notebook image: built on jupyter's stacks, or its command starts Jupyter; its users
    build packages in it, so compilers there are for them."""
    from dockharden.dockerfile.facts import command_words

    facts = model.final.base_facts
    if facts is not None and facts.purpose == "notebook":
        return True
    return any(words and ("notebook" in words[0].rsplit("/", 1)[-1] or words[0].rsplit("/", 1)[-1] == "jupyter") for words in command_words(model))


_RUNTIME_WORDS = re.compile(r"\b(run[- ]?time|jit|on the fly|at (model )?(launch|startup|start-up)( time)?|when (it|they) (run|start)s?)\b", re.IGNORECASE)


def comment_above(model, line: int) -> str:
    """The comment block right above an instruction (blank lines end it)."""
    lines = model.dockerfile.lines
    text, number = [], line - 2
    while number >= 0 and lines[number].lstrip().startswith("#"):
        text.append(lines[number].lstrip()[1:].strip())
        number -= 1
    return " ".join(reversed(text))


def header_comment(model) -> str:
    """The comment block that opens the file (before its first instruction)."""
    first = model.dockerfile.instructions[0].start_line
    return " ".join(line.lstrip()[1:].strip() for line in model.dockerfile.lines[: first - 1] if line.lstrip().startswith("#"))


def says_needed_at_run_time(comment: str, names) -> bool:
    """Whether a comment says why some of `names` are needed when the image runs (JIT, at
    launch, on the fly)."""
    return bool(_RUNTIME_WORDS.search(comment)) and any(name in comment for name in names)


_LOCAL = re.compile(r"^(?:https?://)?(?:localhost|127\.0\.0\.1|\[::1\])(?:[:/]|$)")


def is_local(address: str) -> bool:
    """Whether a curl or wget operand names this machine (localhost, 127.0.0.1, [::1])."""
    return _LOCAL.match(address) is not None


def shell_runs(stage: Stage) -> Iterator[Run]:
    """The stage's RUNs that a POSIX shell runs: not under `SHELL ["powershell", ...]` or
    cmd, not in a Windows image (whose default shell is cmd)."""
    if is_windows(stage.root_image):
        return
    for run in stage.runs:
        if is_shell(run.shell[0]):
            yield run


# Instructions after which the final stage still needs root (they change the file system).
_WRITES = frozenset({"RUN", "COPY", "ADD", "WORKDIR", "VOLUME"})
_NO_SHELL = ("scratch", "gcr.io/distroless/", "cgr.dev/chainguard/")
_WRITABLE_KEYS = re.compile(r"(?:^|_)(?:HOME|CACHE|CACHE_DIR|DATA_DIR|LOG_DIR|TMPDIR)$")


def non_root_fix(model, settings, description: str):
    """The unsafe fix of a final stage that runs as root: an account with the required UID and
    GID (1000) made before the stage's first COPY (or RUN, USER, CMD: whatever comes first), the folders the app must write (its
    *_HOME and *_CACHE variables, its VOLUMEs) made and given to it, the stage's COPYs from
    the context given `--chown=UID:GID` (what DH402 asks of a non-root stage), and
    `USER UID:GID` in place of a last `USER root` or at the end of the stage. None for
    Windows images."""
    from dockharden.core.vocabulary import Fix, Safety
    from dockharden.dockerfile.edits import add_flag, insert_after, insert_before, replace_instruction

    final = model.final
    if not settings.fixes or model.windows or not final.instructions:
        return None
    uid = settings.required_uid
    user_text = f"USER {uid}:{uid}"
    edits = []
    create = _account_script(model, uid)
    if create is not None:
        first = next((i for i in final.instructions if i.name in ("COPY", "ADD", "RUN", "USER", "CMD", "ENTRYPOINT", "HEALTHCHECK")), None)
        edits.append(insert_before(model.dockerfile, first, create) if first else insert_after(model.dockerfile, final.instructions[-1], create))
    last_user = final.user.line if final.user is not None else None
    written_after = [i for i in final.instructions if i.name in _WRITES and last_user is not None and i.start_line > last_user]
    own_user = next((i for i in final.instructions if i.name == "USER" and i.start_line == last_user), None)
    writes = [i for i in final.instructions if i.name in _WRITES]
    edits += [e for c in final.copies if needs_chown(c, model.context) and (e := add_flag(model.dockerfile, c.instruction, f"--chown={uid}:{uid}")) is not None]
    if own_user is not None and not written_after:
        edits.append(replace_instruction(model.dockerfile, own_user, user_text))
    else:  # after the last instruction that needs root, so before CMD and HEALTHCHECK
        edits.append(insert_after(model.dockerfile, writes[-1] if writes else final.instructions[-1], user_text))
    return Fix(tuple(edits), Safety.UNSAFE, description)


def _account_script(model, uid: int) -> str | None:
    """The RUN that makes the account and its writable folders; None when the image has an
    account with that UID already, or no shell to run one (scratch, distroless)."""
    final = model.final
    if any(a.id == uid for a in final.accounts) or final.root_image.startswith(_NO_SHELL):
        return None
    names = {a.name for a in final.accounts}
    name = next(n for n in ("app", "appuser", "app1000") if n not in names)
    if "alpine" in final.root_image:
        script = f"addgroup -S -g {uid} {name} && adduser -S -D -u {uid} -G {name} {name}"
    else:
        script = f"groupadd --system --gid {uid} {name} && useradd --system --uid {uid} --gid {uid} --create-home {name}"
    folders = writable_folders(model)
    if folders:
        script += f" && install -d -o {uid} -g {uid} {' '.join(folders)}"  # new folders, made the user's: no file is rewritten
    return f"RUN {script}"


def writable_folders(model) -> list[str]:
    """Folders the app writes at run time: *_HOME / *_CACHE variables (HF_HOME) and VOLUMEs,
    absolute and without variables."""
    final = model.final
    found = [var.value for name, var in final.env.items() if _WRITABLE_KEYS.search(name) and name not in ("HOME", "JAVA_HOME")]
    for instruction in final.instructions:
        if instruction.name == "VOLUME":
            found += instruction.exec_form or parse_words(instruction.args)
    return sorted({f.rstrip("/") for f in found if f.startswith("/") and "$" not in f and re.fullmatch(r"[\w./-]+", f) and f.rstrip("/")})


_PORT_WORDS = re.compile(r"(?:^|[\s=])(?:--bind|-b|--port|-p|--listen)[=\s]+(?:[\w.\[\]:]*:)?(\d{2,5})\b")
_HOST_PORT = re.compile(r"(?:0\.0\.0\.0|127\.0\.0\.1|localhost|\[::\]|::):(\d{2,5})\b")
_URL = re.compile(r"https?://(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(\d+))?(/[^\s'\"]*)?")
PROBE_OPTIONS = "--interval=30s --timeout=5s --start-period=30s --retries=3"


def app_port(model) -> int:
    """The port the app serves on: the final stage's first EXPOSE, else the port its ENTRYPOINT
    and CMD bind (--bind 0.0.0.0:PORT, --port PORT), else $PORT, else 8000."""
    final = model.final
    for instruction in final.instructions:
        if instruction.name == "EXPOSE":
            first = instruction.args.split()[0].partition("/")[0] if instruction.args.split() else ""
            if first.isdigit():
                return int(first)
    commands = [c for c in (final.entrypoint, final.cmd) if c is not None]
    text = " ".join(" ".join(c.exec_form) if c.exec_form is not None else c.args for c in commands)
    found = _PORT_WORDS.search(text) or _HOST_PORT.search(text)
    if found is not None:
        return int(found.group(1))
    port = final.env.get("PORT")
    return int(port.value) if port is not None and port.value.isdigit() else 8000


def python_probe(port: int, path: str = "/") -> str:
    """Exec form of a probe that needs only Python: healthy when the server answers below 500
    (a 404 on a path the app lacks still shows it serves)."""
    script = ("import sys, urllib.request as u, urllib.error as e\\n"
              f"try: u.urlopen('http://127.0.0.1:{port}{path}', timeout=4)\\n"
              "except e.HTTPError as x: sys.exit(x.code >= 500)\\n"
              "except Exception: sys.exit(1)")
    return f'["python3", "-c", "{script}"]'


def probe_path(argv) -> tuple[int | None, str]:
    """The port and path a curl or wget probe asks for ("/" when it names none)."""
    found = _URL.search(" ".join(argv))
    if found is None:
        return None, "/"
    return (int(found.group(1)) if found.group(1) else None), found.group(2) or "/"


_SCRIPT_START = re.compile(r"[ \t]*[A-Za-z]+(?:[ \t]+--[^\s'\"\\]+)*[ \t]+")


def secret_mount_fix(model, name: str, line: int):
    """The unsafe fix of a secret in an ENV or a stage's ARG: the declaration removed, and
    every later RUN of its stage (and of the stages built FROM it) given the secret as a
    secret mount, exported under the same name, so what the RUNs see is the same. The value
    now comes from the build command (`--secret id=NAME,env=NAME`); a container that reads
    an ENV secret gets it from `docker run -e NAME`. None when the declaration holds other
    names, or a RUN cannot take the mount (exec form, heredocs, a flag with quotes)."""
    from dockharden.core.vocabulary import Edit, Fix, Safety
    from dockharden.dockerfile.edits import delete_instruction, instruction_containing, line_start, line_text
    declaration = instruction_containing(model.dockerfile, line)
    stage = next((s for s in model.stages if any(i is declaration for i in s.instructions)), None)
    if declaration is None or stage is None or len(parse_words(declaration.args)) != (1 if "=" in declaration.args or declaration.name == "ARG" else 2):
        return None
    edits = [delete_instruction(model.dockerfile, declaration)]
    stages = [s for s in model.stages if any(parent.index == stage.index for parent in model.lineage(s))]
    for run in (r for s in stages for r in s.runs if r.instruction.start_line > declaration.end_line):
        found = _SCRIPT_START.match(line_text(model.dockerfile, run.instruction.start_line))
        if run.instruction.exec_form is not None or run.instruction.heredocs or found is None:
            return None
        at = line_start(model.dockerfile, run.instruction.start_line) + found.end()
        edits.append(Edit(at, at, f'--mount=type=secret,id={name} export {name}="$(cat /run/secrets/{name})" && '))
    build = f"build with --secret id={name},env={name}" + (f"; run with -e {name}" if declaration.name == "ENV" else "")
    return Fix(tuple(edits), Safety.UNSAFE, f"{name} as a secret mount in place of {declaration.name} ({build})")


_SYSTEM = ("/usr/", "/etc/", "/bin/", "/sbin/", "/lib/", "/lib64/", "/root/")


def needs_chown(copy, context=None) -> bool:
    """A COPY from the context, without --chown, of files a non-root user should own: not
    only system folders (or root's home) or a script at the root, where root ownership is the
    intent; with the build context known, not one file of it copied to the root either."""
    return (copy.from_context and copy.chown is None and not (copy.written and all(_system_path(p) for p in copy.written))
            and not _file_at_the_root(copy, context))


def _file_at_the_root(copy, context) -> bool:
    """A single file of the build context copied to the root (`COPY httpd-foreground /`):
    a start script, like /entrypoint.sh. Only a source the context shows to be a file: a
    folder (`COPY app /app`), or a source a build script makes, is not."""
    if context is None or len(copy.sources) != 1 or len(copy.written) != 1 or posixpath.dirname(copy.written[0]) != "/":
        return False
    return copy.sources[0] in context.files


def _system_path(path):
    name = path[1:]
    return (path + "/").startswith(_SYSTEM) or ("/" not in name and "." in name.strip("."))
