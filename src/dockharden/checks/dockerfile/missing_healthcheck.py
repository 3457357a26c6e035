"""## What it does
Flags a final stage without an effective HEALTHCHECK. One inherited through `FROM <stage>`
counts, and so does one the base image defines (jupyter's notebook images, a base built by
another Dockerfile of the repository); one set only in a builder stage does not. It is info
when a compose service that runs the image defines a `healthcheck:` (a service that builds
this file, or runs the image a workflow, bake target or build command tags it as), or a Helm
chart of the repository (Chart.yaml; in a deployment folder such as charts/ or helm/) whose
templates (also in a folder of templates/) define a livenessProbe, readinessProbe or
startupProbe deploys it (its values.yaml names the image), or a plain Kubernetes manifest of
the repository (a Deployment, StatefulSet, Job, ... in a folder named k8s, kubernetes, kube,
manifests or deploy) runs it in a container with such a probe (for the repository's root
Dockerfile, when no build names its image, an image named like the repository counts), when the image sets no command of its own (no CMD or ENTRYPOINT in its
lineage, and no compose service gives one) on a base known to start only a shell or
interpreter (python, node, debian, rayproject/ray), or when its ENTRYPOINT only runs the
command it is given (`["tini", "--"]`, `bash -c 'export X=1 && exec "$@"' --`, or a script
copied from the build context that sets the environment up and ends `exec "$@"`) and no CMD
gives one, or when its command only starts a shell (`CMD ["/bin/bash"]`, `CMD bash -l`,
whatever the image copies in; a compose `command: tail -f /dev/null` or `sleep infinity`
only keeps it up): it serves nothing until whatever runs it gives a command, and on
development, base and tool images, on one-shot jobs (a migration, or an ENTRYPOINT script
copied from the build context that neither serves nor loops, with no CMD, EXPOSE or compose
service: an analyzer started once per piece of work) and on an image the project only copies
files out of (`docker cp $(docker create IMAGE):...`); export stages FROM scratch
are not checked.

The fix (unsafe) adds a Python probe (`python3 -c` with urllib: healthy on any answer
below 500) of the app's port: the final EXPOSE, else the port ENTRYPOINT and CMD bind,
else `$PORT`, else 8000; only where the image is known to have python3.

## Why is this bad?
Without a healthcheck Docker and compose report a hung or crashed-but-running server as
up, and `depends_on: condition: service_healthy` never works.
"""
from dockharden.checks import lessons
from dockharden.checks.dockerfile.healthcheck_probe_missing import has_program
from dockharden.checks.dockerfile.shared import PROBE_OPTIONS, SERVICE_ONLY, app_port, compose_services, describe, for_purpose, lowered, python_probe
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Fix, Rule, Safety, Severity
from dockharden.dockerfile.facts import command_words, runs_only_its_arguments
from dockharden.knowledge.shells import is_shell
from dockharden.knowledge.purposes import KEEP_ALIVE_COMMANDS
from dockharden.dockerfile.edits import insert_after

RULE = Rule("DH201", "missing-healthcheck", "healthcheck", Severity.ERROR, "The final stage has no HEALTHCHECK.", rule_docs(__doc__, lessons.MISSING_HEALTHCHECK),
            peers=("DS-0026", "CKV_DOCKER_2", "DL3057", "CIS-DI-0006"))


def check(model, settings):
    final = model.final
    if final.healthcheck is not None or (final.base_facts is not None and final.base_facts.healthcheck):
        return
    finding = for_purpose(model, Finding(RULE, final.line, "the final stage has no HEALTHCHECK", fix=(_fix(model) if settings.fixes else None)), SERVICE_ONLY)
    checked = [s for s in compose_services(model) if s.healthcheck == "defined"]
    if finding is not None and finding.rule.severity is not Severity.INFO and checked:
        finding = lowered(finding, f"{describe(checked)} defines a healthcheck; the image alone has none")
    idle = _why_it_runs_nothing(model) if finding is not None and finding.rule.severity is not Severity.INFO else ""
    if idle:
        finding = lowered(finding, f"{idle}: there is no service to probe until whatever runs it gives one")
    if finding is not None:
        yield finding


def _why_it_runs_nothing(model) -> str:
    """Why the image, run as it is, starts no service (empty when it may): no compose service
    gives it a command (`tail -f /dev/null` and `sleep infinity` only keep it up), and either
    it sets no CMD or ENTRYPOINT on a base known to start only a shell or interpreter, or its
    ENTRYPOINT only runs the command it is given (also a script copied from the build context
    that ends `exec "$@"`) and no CMD gives one, or its command is only a shell (`CMD
    ["/bin/bash"]`, whatever the image holds)."""
    final = model.final
    facts = final.base_facts
    if any(s.command and not _keeps_alive(s.command) for s in compose_services(model)):
        return ""
    if runs_only_its_arguments(model):
        return f"its ENTRYPOINT (line {final.entrypoint.start_line}) only runs the command it is given, and it sets no CMD"
    commands = command_words(model)
    if len(commands) == 1 and commands[0] and is_shell(commands[0][0]) and all(w.startswith("-") for w in commands[0][1:]):
        return f"its command only starts a shell ({' '.join(commands[0])})"
    if final.cmd is not None or final.entrypoint is not None or facts is None or facts.service is not False:
        return ""
    return f"it sets no command of its own and {final.root_image} starts only a shell or interpreter"


_KEEP_ALIVE = frozenset(" ".join(words) for words in KEEP_ALIVE_COMMANDS)


def _keeps_alive(command: str) -> bool:
    """A compose command that only keeps the container up to exec into (`tail -f /dev/null`)."""
    return " ".join(command.split()) in _KEEP_ALIVE


def _fix(model):
    """A Python probe of the app's port, after the stage's last instruction; only where the
    final image runs Python (so python3 is there) and is not Windows."""
    final = model.final
    if model.windows or not final.instructions or not has_program(model, "python3"):
        return None
    port = app_port(model)
    text = f"HEALTHCHECK {PROBE_OPTIONS} CMD {python_probe(port)}"
    return Fix((insert_after(model.dockerfile, final.instructions[-1], text),), Safety.UNSAFE, f"HEALTHCHECK: a Python probe of port {port}")
