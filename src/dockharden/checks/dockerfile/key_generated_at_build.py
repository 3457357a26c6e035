"""## What it does
Flags a RUN of a shipped stage that writes a new private key: `ssh-keygen` (host keys with
`-A`, or a key pair), `apt-get install openssh-server` (Debian's package writes the host keys
when it is installed, unless a later `rm /etc/ssh/ssh_host_*` removes them), `openssl genrsa`, `genpkey`, `ecparam -genkey` and `req -newkey` (or
`req -x509` without `-key`), `sscg`, `make-ssl-cert`, `certtool
--generate-privkey`, `gpg --gen-key` and its spellings, `dropbearkey`. ssh-keygen's modes
that only read or convert keys (`-l`, `-y`, `-R`, ...) pass. It is info on development, base
and tool images, and a builder stage that does not ship is not looked at.

## Why is this bad?
The key is made once, when the image is built, and every container started from the image
holds the same one, as does anyone who can pull it: a TLS or SSH key shared by every
deployment is no secret. Make it when the container starts (its entrypoint), or give it
to the container as a secret or a mounted file.

## Example
```dockerfile
FROM nginx:1.27
RUN openssl req -x509 -nodes -newkey rsa:2048 -subj /CN=app \
    -keyout /etc/nginx/tls.key -out /etc/nginx/tls.crt
```

## Use instead
```dockerfile
FROM nginx:1.27
COPY make-tls-key.sh /docker-entrypoint.d/10-make-tls-key.sh
```
"""
from dockharden.checks.dockerfile.shared import for_purpose, shell_runs
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.knowledge.build_tools import package_name
from dockharden.knowledge.secrets import generated_key

RULE = Rule("DH605", "key-generated-at-build", "no_secrets", Severity.ERROR,
            "A RUN writes a private key into the image.", __doc__)
_HOST_KEYS_PACKAGE, _HOST_KEYS = "openssh-server", "/etc/ssh/ssh_host_"
_GENERATORS = frozenset({"ssh-keygen", "openssl", "sscg", "dropbearkey", "make-ssl-cert", "certtool", "gpg", "gpg2"})


def check(model, settings):
    for stage in model.stages:
        if stage.index not in model.shipped:
            continue
        for run in shell_runs(stage):
            found = _generator(run) or _host_keys_package(model, stage, run)
            if found is not None:
                line, what = found
                finding = Finding(RULE, line, f"{what} at build time: every container of the image, and anyone who pulls it, "
                                  "holds the same one; make it when the container starts, or mount it as a secret",
                                  run.instruction.end_line)
                if (judged := for_purpose(model, finding)) is not None:
                    yield judged


def _generator(run) -> tuple[int, str] | None:
    """The first command of the RUN that writes a key: (its line, what it writes)."""
    if run.programs.isdisjoint(_GENERATORS):
        return None
    for command in run.commands:
        if (written := generated_key(command.program, command.args)) is not None:
            return command.line, f"{command.program} writes {written}"
    return None


def _host_keys_package(model, stage, run) -> tuple[int, str] | None:
    """Debian's openssh-server, whose postinst runs `ssh-keygen -A`, installed with apt and its
    host keys not removed afterwards (`rm -f /etc/ssh/ssh_host_*`, in this RUN or a later one)."""
    for change in run.packages:
        if change.manager == "apt" and change.action == "install" and _HOST_KEYS_PACKAGE in map(package_name, change.packages):
            later = [r for s in reversed(model.lineage(stage)) for r in s.runs if r.instruction.start_line >= run.instruction.start_line]
            if not any(c.program == "rm" and any(_HOST_KEYS in a for a in c.args) for r in later for c in r.commands):
                return change.line, f"{change.program} install {_HOST_KEYS_PACKAGE} writes SSH host keys (its postinst runs ssh-keygen -A)"
    return None
