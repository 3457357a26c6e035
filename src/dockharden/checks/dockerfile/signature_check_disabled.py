"""## What it does
Flags a RUN, in any stage, that turns off the check of what it downloads: `apt-get
--allow-unauthenticated` or `--allow-insecure-repositories` (also as `-o
APT::Get::AllowUnauthenticated=true` or in an apt.conf line), a sources line with
`[trusted=yes]`, `apk add --allow-untrusted`, `dnf`/`yum --nogpgcheck`, `pip --trusted-host`,
`uv --allow-insecure-host`, `curl -k`/`--insecure` and `wget --no-check-certificate` of a
remote address (a probe of localhost passes). A download a builder stage makes unchecked is
reported too: what it builds ships.

## Why is this bad?
Package signatures and TLS certificates are what tell the build that a file comes from its
publisher. Without them, a mirror, a proxy or anyone on the network path can hand the build
another package or script, and the build installs or runs it as root without a word. The
image then ships whatever was served that day.

## Example
```dockerfile
FROM debian:12
RUN echo "deb [trusted=yes] http://repo.example.com/debian stable main" > /etc/apt/sources.list.d/x.list \
 && apt-get update && apt-get install -y --allow-unauthenticated x-agent
```

## Use instead
```dockerfile
FROM debian:12
COPY x-archive-keyring.gpg /usr/share/keyrings/
RUN echo "deb [signed-by=/usr/share/keyrings/x-archive-keyring.gpg] https://repo.example.com/debian stable main" \
      > /etc/apt/sources.list.d/x.list \
 && apt-get update && apt-get install -y --no-install-recommends x-agent
```
"""
import re

from dockharden.checks.dockerfile.shared import is_local, shell_runs, switched
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.knowledge.options import parse_argv

RULE = Rule("DH930", "signature-check-disabled", None, Severity.ERROR,
            "A RUN installs or downloads with the signature or certificate check turned off.", __doc__,
            peers=("CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9"))

_UNSIGNED = "anyone on the network path (a mirror, a proxy) can swap what the build installs"
_UNCHECKED_TLS = "anyone on the network path can swap what the build downloads"
# (programs, option, what it turns off, the consequence and what to do instead)
_SWITCHES: tuple[tuple[frozenset[str], str, str], ...] = (
    (frozenset({"apt-get", "apt", "aptitude"}), "--allow-unauthenticated",
     f"installs packages whose signatures it cannot check: {_UNSIGNED}; add the repository's key (signed-by=)"),
    (frozenset({"apt-get", "apt", "aptitude"}), "--allow-insecure-repositories",
     f"reads package lists that are not signed: {_UNSIGNED}; add the repository's key (signed-by=)"),
    (frozenset({"apk"}), "--allow-untrusted",
     f"installs packages signed by no key it trusts: {_UNSIGNED}; add the key to /etc/apk/keys"),
    (frozenset({"dnf", "yum", "microdnf", "tdnf"}), "--nogpgcheck",
     f"installs packages without checking their GPG signatures: {_UNSIGNED}; import the repository's key (rpm --import)"),
    (frozenset({"curl"}), "--insecure",
     f"downloads without checking the server's certificate: {_UNCHECKED_TLS}; add the CA certificate (--cacert) instead"),
    (frozenset({"wget"}), "--no-check-certificate",
     f"downloads without checking the server's certificate: {_UNCHECKED_TLS}; add the CA certificate (--ca-certificate) instead"),
)
_PYTHON_HOSTS = {"pip": "--trusted-host", "uv": "--allow-insecure-host"}
_PYTHON_TAIL = f"accepts the host without a valid HTTPS certificate: {_UNCHECKED_TLS}; give it the host's CA (--cert) instead"
# A sources line that apt takes unsigned, and apt.conf lines that turn the check off.
_TRUSTED_SOURCE = re.compile(r"\bdeb(?:-src)?\s+\[[^\]]*\b(?:trusted|allow-insecure)=yes\b")
_CONF_SWITCH = re.compile(r"\b(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories)\s+\"?(?:true|yes|1)\b", re.I)


def check(model, settings):
    for stage in model.stages:
        for run in shell_runs(stage):
            told: set[str] = set()
            for line, what in _unchecked(run):
                if what not in told:  # a RUN of six `pip install --trusted-host H` is told once
                    told.add(what)
                    yield switched(Finding(RULE, line, what, run.instruction.end_line), run)


def _unchecked(run):
    """(line, message) for each command of the RUN that turns a check off."""
    for command in run.commands:
        found = _switch(command) or _written(command)
        if found is not None:
            yield command.line, found
    for change in run.packages:
        option = _PYTHON_HOSTS.get(change.manager)
        if option is not None and (host := change.value(option)) is not None:
            yield change.line, f"{change.program} {option} {host} {_PYTHON_TAIL}"


def _switch(command) -> str | None:
    for programs, option, tail in _SWITCHES:
        if command.program in programs:
            argv = parse_argv(command.program, command.args)
            if argv.boolean(option) and (command.program not in ("curl", "wget") or _remote(argv.operands)):
                return f"{command.program} {option} {tail}"
    return None


def _remote(operands) -> bool:
    return any(not is_local(o) for o in operands)


def _written(command) -> str | None:
    """A sources line with [trusted=yes], or an apt.conf line that turns the check off, that
    the command writes (echo, printf, tee, a sh -c script)."""
    for word in command.args:
        if _TRUSTED_SOURCE.search(word):
            return f"a sources line with [trusted=yes] makes apt take the repository unsigned: {_UNSIGNED}; add its key (signed-by=)"
        if (conf := _CONF_SWITCH.search(word)) is not None:
            return f"apt.conf {conf.group(1)} turns off apt's signature check: {_UNSIGNED}; add the repository's key (signed-by=)"
    return None
