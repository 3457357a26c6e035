"""## What it does
Flags a RUN of a shipped stage that writes a new private key: `ssh-keygen` (host keys with
`-A`, or a key pair), `openssl genrsa`, `genpkey`, `ecparam -genkey` and `req -newkey` (or
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
from dockharden.knowledge.secrets import generated_key

RULE = Rule("DH605", "key-generated-at-build", "no_secrets", Severity.ERROR,
            "A RUN writes a private key into the image.", __doc__)
_GENERATORS = frozenset({"ssh-keygen", "openssl", "sscg", "dropbearkey", "make-ssl-cert", "certtool", "gpg", "gpg2"})


def check(model, settings):
    for stage in model.stages:
        if stage.index not in model.shipped:
            continue
        for run in shell_runs(stage):
            if run.programs.isdisjoint(_GENERATORS):
                continue
            for command in run.commands:
                written = generated_key(command.program, command.args)
                if written is not None:
                    finding = Finding(RULE, command.line, f"{command.program} writes {written} at build time: every container "
                                      "of the image, and anyone who pulls it, holds the same one; make it when the container "
                                      "starts, or mount it as a secret", run.instruction.end_line)
                    if (judged := for_purpose(model, finding)) is not None:
                        yield judged
                    break  # one finding per RUN
