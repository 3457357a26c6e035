"""## What it does
Flags a package manager command that may ask for a confirmation a build cannot give:
`apt-get`/`apt`/`aptitude` install, upgrade, remove and the like without `-y` (`--yes`,
`--assume-yes`, `-qq`, which implies it, or `-o APT::Get::Assume-Yes=true`); `dnf`, `yum` and
`tdnf` without `-y` (`--assumeyes`, `--setopt=assumeyes=1`); `zypper` without `-n`
(`--non-interactive`) or the command's `-y`. A RUN fed by `yes |`, and commands after the
image configures the answer (`Assume-Yes` in an apt configuration file, `assumeyes` in
dnf.conf), are left alone. `DEBIAN_FRONTEND=noninteractive` does not answer this question.

The fix (safe) adds `-y` after the command word.

## Why is this bad?
apt-get asks "Do you want to continue? [Y/n]" as soon as it installs more than was named
(a dependency) or removes anything; with no terminal it reads no answer and aborts, so the
build fails the day a package gains a dependency.

## Example
```dockerfile
RUN apt-get update && apt-get install --no-install-recommends curl
```

## Use instead
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl
```
"""
import re

from dockharden.checks.dockerfile.shared import shell_runs
from dockharden.core.vocabulary import Finding, Fix, Rule, Safety, Severity
from dockharden.dockerfile.edits import insert_word_after
from dockharden.knowledge.options import parse_argv

RULE = Rule("DH929", "install-without-yes", None, Severity.WARNING,
            "A package manager command may ask for a confirmation the build cannot give.", __doc__,
            peers=("DL3014", "DL3030", "DL3038", "DL3034"))
# The command words that ask before they act, by program.
_ASKING = {
    **dict.fromkeys(("apt-get", "apt", "aptitude"), frozenset({"install", "upgrade", "dist-upgrade", "full-upgrade", "remove", "purge",
                                                               "autoremove", "build-dep", "reinstall", "safe-upgrade"})),
    **dict.fromkeys(("dnf", "yum", "tdnf"), frozenset({"install", "in", "update", "upgrade", "remove", "erase", "reinstall", "downgrade",
                                                       "autoremove", "distro-sync", "groupinstall", "group", "module", "localinstall"})),
    "zypper": frozenset({"install", "in", "remove", "rm", "update", "up", "dist-upgrade", "dup", "patch", "source-install", "si"}),
}
# What an image's configuration says once for every later command (an apt.conf.d file, dnf.conf).
_CONFIGURED = {"apt": re.compile(r"Assume-Yes", re.IGNORECASE), "dnf": re.compile(r"assumeyes\s*=\s*(1|true|yes)", re.IGNORECASE)}
_FAMILY = {"apt-get": "apt", "apt": "apt", "aptitude": "apt", "dnf": "dnf", "yum": "dnf", "tdnf": "dnf", "zypper": "zypper"}


def check(model, settings):
    configured: dict[int, frozenset[str]] = {}  # stage -> the families its image answers for at its end
    for stage in model.stages:
        inherited = configured.get(stage.parent, frozenset()) if stage.parent is not None else frozenset()
        first: dict[str, int] = {}  # family -> the first line of the stage that configures its answer
        for instruction in stage.instructions:
            for family, said in _CONFIGURED.items():
                if family not in first and _configures(instruction, said):
                    first[family] = instruction.start_line
        configured[stage.index] = inherited | frozenset(first)
        for run in shell_runs(stage):
            if "yes" in run.programs or run.programs.isdisjoint(_ASKING):
                continue
            answered = inherited | {family for family, line in first.items() if line < run.instruction.start_line}
            for command in run.commands:
                if command.program in _ASKING and _FAMILY[command.program] not in answered:
                    verb = _asking_verb(command)
                    if verb is not None:
                        yield Finding(RULE, command.line, f"{command.program} {verb} without -y: it aborts if it has to ask",
                                      run.instruction.end_line, (_fix(model, command, verb) if settings.fixes else None))


def _configures(instruction, said) -> bool:
    if instruction.name == "RUN":
        return said.search(instruction.source) is not None
    return instruction.name in ("COPY", "ADD") and ("/etc/apt/apt.conf" in instruction.args or "/etc/dnf/" in instruction.args
                                                     or "/etc/yum.conf" in instruction.args)


def _asking_verb(command):
    """The command word, when it asks and nothing answers it; else None."""
    argv = parse_argv(command.program, command.args)
    if not argv.operands or argv.operands[0] not in _ASKING[command.program]:
        return None
    family = _FAMILY[command.program]
    if family == "apt" and (argv.boolean("--yes") or argv.has("--force-yes") or len(argv.values("--quiet")) >= 2
                            or argv.has("--simulate") or argv.has("--download-only") or argv.has("--print-uris")):
        return None
    if family == "dnf" and (argv.has("--assumeyes") or argv.has("--assumeno") or argv.has("--downloadonly")
                            or any(_CONFIGURED["dnf"].search(v) for v in argv.values("--setopt"))):
        return None
    if family == "zypper" and (argv.has("--non-interactive") or argv.has("--no-confirm") or argv.has("--dry-run")):
        return None
    return argv.operands[0]


def _fix(model, command, verb):
    if command.program == "zypper":
        return None  # its -n goes before the command word
    written = re.compile(rf"(?<![\w.-])(?:\S*/)?{re.escape(command.program)}(?:\s+-[-\w=:.]+)*\s+{re.escape(verb)}(?=\s|$)")
    edit = insert_word_after(model.dockerfile, command.line, written, "-y")
    return None if edit is None else Fix((edit,), Safety.SAFE, f"add -y to {command.program} {verb}")
