"""## What it does
Flags EXPOSE of a port below 1024 in a stage that runs as a non-root user, unless the
final image gives a program that capability (`setcap cap_net_bind_service=+ep PROGRAM`).

## Why is this bad?
A non-root process cannot bind ports below 1024 without CAP_NET_BIND_SERVICE; map a high
container port to 80/443 at the load balancer or with `-p 80:8000`.

## Example
```dockerfile
USER 1000:1000
EXPOSE 80
```

## Use instead
```dockerfile
USER 1000:1000
EXPOSE 8000
```
"""
from dockharden.dockerfile.variables import ExpansionTooLarge, expand
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH907", "privileged-port", None, Severity.WARNING, "EXPOSE of a port below 1024.", __doc__)


def check(model, settings):
    final = model.final
    if final.user is None or final.user.is_root is not False or _grants_bind(model):
        return
    for stage in model.lineage(final):
        for instruction in stage.instructions:
            if instruction.name == "EXPOSE":
                yield from _low_ports(instruction, stage.variables())


def _low_ports(instruction, variables):
    try:
        words = expand(instruction.args, variables).split()
    except ExpansionTooLarge:
        return  # no port is a megabyte long
    for word in words:
        port = word.split("/", 1)[0].split("-", 1)[0]
        if port.isdigit() and int(port) < 1024:
            yield Finding(RULE, instruction.start_line, f"port {port} needs root or CAP_NET_BIND_SERVICE; use a port >= 1024")


def _grants_bind(model):
    """Whether a RUN of the final lineage gives a program CAP_NET_BIND_SERVICE as a file
    capability (`setcap CAP_NET_BIND_SERVICE=+eip /usr/local/bin/python3-cap`)."""
    return any(c.program == "setcap" and any("cap_net_bind_service" in a.lower() and ("+" in a or "=e" in a.lower()) for a in c.args)
               for stage in model.lineage(model.final) for run in stage.runs for c in run.commands)
