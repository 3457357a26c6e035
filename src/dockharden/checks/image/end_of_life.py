"""## What it does
Flags an image built on a release that no longer gets security fixes: its distribution, as
its /etc/os-release says (Debian, Ubuntu, Alpine), and its Python, as the official images'
PYTHON_VERSION says, each with the day its support ended (the dates of DH928). The dates are
compared with today's (`DOCKHARDEN_TODAY=YYYY-MM-DD` pins it). Reported on line 0: the image
config has no lines.

## Why is this bad?
Nobody publishes fixes for the image's packages any more: every CVE found from that day on
stays in it. Rebuilding does not help; moving to a supported release does.

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
from dockharden.knowledge.end_of_life import built_on, distribution_release, past, python_release

RULE = Rule("IM928", "image-end-of-life", None, Severity.WARNING,
            "The image is built on a release that no longer gets security fixes.", __doc__)
SET_BY: tuple[str, ...] = ()  # the base image's: said at the FROM line


def check(facts, settings):
    release = dict(facts.os_release)
    found = [distribution_release(release.get("ID", ""), release.get("VERSION_ID", ""), release.get("VERSION_CODENAME", "")),
             python_release(facts.config.env_dict().get("PYTHON_VERSION") or "")]
    ended = past(found, today(settings.today))
    if ended:
        yield Finding(RULE, 0, f"the image is built on {built_on(ended)}")
