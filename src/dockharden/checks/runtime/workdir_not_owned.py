"""## What it does
Runs `ls -la WORKDIR` inside the started container and flags entries owned by neither
the runtime user (as `id` prints it) nor root. Root-owned entries pass: code owned by root
and read-only to the service is a hardened layout. Not checked when the container runs as
root or the image sets no WORKDIR.

## Why is this bad?
Files left by another build user, or a `--chown` to the wrong UID, cannot be written by
the service (model cache, uploads) and show that nobody checked who owns what.
"""
from dockharden.runtime.parsing import parse_id, parse_listing
from dockharden.runtime.plan import step_number
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF401", "workdir-not-owned", "chown", Severity.WARNING,
            "Entries in the working directory belong to neither the runtime user nor root.", rule_docs(__doc__, lessons.FILES_NOT_OWNED))
_SHOWN = 5


def check(seen, settings):
    identity = parse_id(seen.id.output) if seen.id.succeeded else None
    if identity is None or identity.uid == 0 or not seen.listing.succeeded:
        return
    listed = parse_listing(seen.listing.output)
    owners = {str(identity.uid), identity.user, "root", "0"}
    foreign = [entry for entry in listed if entry.owner not in owners]
    if foreign:
        entries = [entry for entry in listed if entry.name != "."]  # counted as `ls -A` would: without . and ..
        foreign_entries = [entry for entry in foreign if entry.name != "."]
        shown = ", ".join(f"{_named(entry)} ({entry.owner}:{entry.group})" for entry in foreign[:_SHOWN])
        more = f" and {len(foreign) - _SHOWN} more" if len(foreign) > _SHOWN else ""
        yield Finding(RULE, step_number("workdir"), (
            f"{seen.working_dir}: {len(foreign_entries)} of {_entries(len(entries))} owned by neither "
            f"{identity.user or identity.uid} nor root: {shown}{more}"))


def _named(entry) -> str:
    return "the directory itself" if entry.name == "." else entry.name


def _entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"
