"""## What it does
Flags a FROM line of a shipped stage whose image is built on a release that no longer gets
security fixes: its Python (`python:3.8`, a mirror's `gcr.io/org/python:3.9-slim`, a
`python-3.9` tag word, a Chainguard `chainguard-python310` stream), Node.js (`node:18`) or distribution (Debian 10
`-buster`, Ubuntu 20.04 `-ubuntu20.04`, Alpine 3.18 `-alpine3.18`), each with the date its last
free support ended (Python's security releases, Debian LTS, Ubuntu's standard support,
Alpine's community repository, Node.js maintenance). A builder stage whose output alone is
copied on does not ship and is left alone; so is a tag that names no release
(`python:3.12-slim` follows Debian's current release).

The dates are compared with today's (`DOCKHARDEN_TODAY=YYYY-MM-DD` pins it, for a
reproducible report).

## Why is this bad?
Nobody publishes fixes for the image's packages any more: every CVE found from that day on
stays in it, and scanners report the OS as unsupported. Rebuilding does not help.

## Example
```dockerfile
FROM python:3.8-slim-buster
```

## Use instead
```dockerfile
FROM python:3.12-slim-bookworm
```
"""
from dockharden.core.clock import today
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.knowledge.end_of_life import built_on, ended

RULE = Rule("DH928", "end-of-life-base-image", None, Severity.WARNING,
            "A shipped stage is built on a release that no longer gets security fixes.", __doc__)


def check(model, settings):
    on = today(settings.today)
    for stage in model.stages:
        if stage.parent is not None or stage.index not in model.shipped:
            continue
        releases = ended(stage.base, on)
        if releases:
            yield Finding(RULE, stage.line, f"{stage.base} is built on {built_on(releases)}")
