"""## What it does
Flags a HEALTHCHECK whose probe program (curl, wget, ...) is not in the final image: the
base image is known not to ship it and no RUN of the final stage's lineage installs it
(directly, or as a dependency: python3-pip brings python3; or a package that ships it
under another name: netcat-openbsd nc, bind-tools and dnsutils dig, procps ps and pgrep,
postgresql-client pg_isready; busybox with `busybox --install`, its applets) and no COPY
brings it in; grep, sed and the coreutils are in every Debian, Ubuntu and Alpine image. For
base images it does not know, it says at info that it cannot tell (a base it cannot read is
no evidence that the program is missing: a base image built elsewhere usually has the probe
its users call); when the lineage runs a script
it cannot read (`/root/app/scripts/setup/install`, `bash install.sh`), which may install the
program, it says so at info, and likewise for a program that is no system tool when the final
image installs Python packages or copies a bin folder or environment from a stage that does
(a console script such as `nautobot-server`). Windows images ship PowerShell and cmd.

The fix (unsafe) replaces a curl or wget probe the image lacks by a Python probe of the
same port and path, keeping the timings when they are sound.

## Why is this bad?
`python:3.12-slim` and `python:3.12-alpine` have no curl, so `CMD curl -f ...` fails on every
probe and the container is reported unhealthy forever.
"""
from dockharden.knowledge.build_tools import BUSYBOX_APPLETS, package_name, programs_of_base
from dockharden.knowledge.healthcheck_timing import timing_problems
from dockharden.knowledge.shells import SHELL_BUILTINS, is_shell
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.checks.dockerfile.shared import PROBE_OPTIONS, app_port, probe_path, python_probe
from dockharden.core.vocabulary import Finding, Fix, Rule, Safety, Severity
from dockharden.dockerfile.commands import PYTHON_MANAGERS
from dockharden.dockerfile.edits import instruction_at, replace_instruction

RULE = Rule("DH203", "healthcheck-probe-missing", "healthcheck", Severity.ERROR, "The HEALTHCHECK runs a program the final image does not have.", rule_docs(__doc__, lessons.PROBE_MISSING))
# Besides the builtins: the shell itself and what every image with a shell has. (The image
# rule IM203 needs no such guess: it looks the program up in the image.)
_ALWAYS_THERE = SHELL_BUILTINS | {"sh", "cat"}
# Packages that provide a probe program under another name, or bring it as a dependency.
_PYTHON_PACKAGES = ("python3", "python", "python3-pip", "python3-venv", "python3-dev", "python-is-python3", "python3-minimal")
_NETCAT = ("netcat-openbsd", "netcat-traditional", "netcat", "ncat", "nmap-ncat", "busybox-extras")
_DNS = ("bind-tools", "dnsutils", "bind9-dnsutils", "bind-utils", "knot-dnsutils")
_PROCPS = ("procps", "procps-ng")
_PROVIDERS = {"python": _PYTHON_PACKAGES, "python3": _PYTHON_PACKAGES, "nc": _NETCAT, "dig": _DNS, "nslookup": _DNS,
              "ps": _PROCPS, "pgrep": _PROCPS, "pidof": ("procps", "sysvinit-utils"), "pg_isready": ("postgresql-client", "postgresql"),
              "redis-cli": ("redis", "redis-tools", "redis-server"), "mysqladmin": ("mysql-client", "mariadb-client", "default-mysql-client")}
_SYSTEM_FOLDERS = ("/usr/", "/bin/", "/sbin/", "/lib/", "/etc/")
_SOURCING = frozenset({".", "source"})  # a shell's own way to run a script file
_WINDOWS = frozenset({"powershell", "powershell.exe", "pwsh", "cmd", "cmd.exe"})
# Probe programs that come from the system, never from a Python package's console scripts.
_SYSTEM_PROBES = frozenset({"curl", "wget", "busybox", *_PROVIDERS})
# Folders a COPY --from may bring console scripts in with: a bin folder, a prefix holding one, a venv.
_SCRIPT_HOMES = ("/usr/local", "/root/.local", "/install")


def check(model, settings):
    check_ = model.final.healthcheck
    if check_ is None or check_.disabled:
        return
    known = _known_programs(model)
    for probe in check_.programs:
        if _has(model, probe, known):
            continue
        if known is None:
            message = f"cannot tell whether {probe!r} exists in base image {model.final.root_image}"
            yield Finding(RULE, check_.line, message, check_.end_line).with_severity(Severity.INFO)
        elif probe not in known and (script := _script_run(model)) is not None:
            yield Finding(RULE, check_.line, f"cannot tell whether {probe!r} exists: line {script[0]} runs a script that may install it ({script[1]})",
                          check_.end_line).with_severity(Severity.INFO)
        elif probe not in known and (source := _python_source(model, probe)) is not None:
            yield Finding(RULE, check_.line, f"cannot tell whether {probe!r} exists: {source}", check_.end_line).with_severity(Severity.INFO)
        elif probe not in known:
            yield Finding(RULE, check_.line, f"the probe runs {probe!r}, which {model.final.root_image} does not ship and no RUN installs", check_.end_line,
                          (_fix(model, check_, probe) if settings.fixes else None))


def _script_run(model):
    """The line and path of the first script the final lineage runs (a path outside the system
    folders, or a file given to a shell): what it installs is not in the Dockerfile."""
    for stage in model.lineage(model.final):
        for run in stage.runs:
            for command in run.commands:
                script = _script(command.words)
                if script is not None:
                    return command.line, script
    return None


def _python_source(model, probe):
    """What may have installed `probe` as a Python console script: the final lineage's own
    Python package install, or a COPY of scripts from a stage that installs Python packages."""
    if probe in _SYSTEM_PROBES or "/" in probe:
        return None
    for change in model.final.packages:
        if change.manager in PYTHON_MANAGERS and change.action == "install":
            return f"line {change.line} installs Python packages, which may install it"
    for stage in reversed(model.lineage(model.final)):
        for copy in stage.copies:
            source = model.source_stage(copy, stage)
            if source is None or not any(c.manager in PYTHON_MANAGERS and c.action == "install" for c in source.packages):
                continue
            for path in copy.sources:
                if _holds_scripts(path):
                    return f"line {copy.instruction.start_line} copies {path} from stage {source.name or source.index}, whose packages may install it"
    return None


def _holds_scripts(path):
    path = path.rstrip("/")
    return path.endswith("/bin") or "/bin/" in path or "venv" in path or path in _SCRIPT_HOMES


def _script(words):
    if not words:
        return None
    if "/" in words[0] and not words[0].startswith(_SYSTEM_FOLDERS) and "$" not in words[0]:
        return words[0]
    if (is_shell(words[0]) or words[0] in _SOURCING) and len(words) > 1 and not words[1].startswith("-"):
        return words[1]
    return None


def _fix(model, check_, probe):
    """A curl or wget probe the image lacks replaced by a Python one, on the port and path it
    asked for (the app's port when it named none), with the same timings when they are sound."""
    if probe not in ("curl", "wget") or not has_program(model, "python3"):
        return None
    instruction = instruction_at(model.dockerfile, check_.line)
    if instruction is None:
        return None
    port, path = probe_path(check_.command)
    options = " ".join(f for f in instruction.flags) if instruction.flags and not timing_problems(check_.interval, check_.timeout, check_.retries) else PROBE_OPTIONS
    text = f"{instruction.keyword} {options} CMD {python_probe(port or app_port(model), path)}"
    return Fix((replace_instruction(model.dockerfile, instruction, text),), Safety.UNSAFE, f"a Python probe in place of {probe}")


def has_program(model, program) -> bool:
    """Whether the final image surely has `program`: what this rule would not flag in a probe."""
    known = _known_programs(model)
    return known is not None and _has(model, program, known)


def _known_programs(model):
    known = programs_of_base(model.final.root_image)
    facts = model.final.base_facts
    if facts is not None and facts.programs:
        known = (known or frozenset()) | facts.programs
    return known


def _has(model, probe, known):
    if probe in _ALWAYS_THERE or (known is not None and probe in known) or (model.windows and probe.lower() in _WINDOWS):
        return True
    return _installed(model, probe) or _copied(model, probe) or _venv_program(model, probe) or (probe in BUSYBOX_APPLETS and _busybox_linked(model))


def _installed(model, program):
    names = _PROVIDERS.get(program, (program,))
    return any(c.action == "install" and any(_provides(package_name(p), names) for p in c.packages) for c in model.final.packages)


def _provides(package, names):
    """Whether an installed package gives one of the names: itself, a versioned one
    (python3.12, postgresql-client-15), or one that brings the program under another name."""
    return package in names or (names is _PYTHON_PACKAGES and package.startswith("python3.")) or package.rstrip("0123456789.").rstrip("-") in names


def _busybox_linked(model):
    """busybox installed and `busybox --install` run in the final lineage: its applets are on PATH."""
    if not _installed(model, "busybox"):
        return False
    return any(c.program == "busybox" and "--install" in c.args for s in model.lineage(model.final) for r in s.runs for c in r.commands)


def _copied(model, program):
    names = {path.rsplit("/", 1)[-1] for c in model.image_copies(model.final) for path in (c.dest, *c.sources)}
    return program in names


def _venv_program(model, program):
    """python on PATH from a venv the final image copies in or creates (it links the base's python)."""
    path = model.final.env.get("PATH")
    if program not in ("python", "python3") or path is None or "venv" not in path.value:
        return False
    copies_venv = any(c.from_ref is not None for c in model.image_copies(model.final))
    return copies_venv or any(_creates_venv(c) for s in model.lineage(model.final) for r in s.runs for c in r.commands)


def _creates_venv(command):
    words = command.words
    return (command.program.startswith("python") and words[1:3] == ("-m", "venv")) or command.program == "virtualenv" or words[:2] == ("uv", "venv") or (command.program == "uv" and words[1:2] == ("venv",))
