"""## What it does
Reports, at info level and only when the configuration enables it
(`enable = ["unpinned-system-package"]`), packages that `apt-get`, `apk`, `dnf`, `microdnf`,
`yum` or `zypper` install without a version: `curl` rather than `curl=8.5.0-2ubuntu10.6` (apt),
`curl=8.12.1-r1` or `curl~8.12` (apk), `curl-8.5.0` (dnf, yum). Local package files and
variables pass.

## Why is this bad?
Without a pin, the same Dockerfile installs other versions on other days. The rule is off by
default because pinning OS packages has its own cost: Debian, Ubuntu and Alpine drop old
versions from their archives, so an exact pin breaks the build weeks later; a pinned base
image digest plus a dated snapshot mirror is the sturdier way to reproducible packages.

## Example
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.6 \
    && rm -rf /var/lib/apt/lists/*
```
"""
import re

from dockharden.checks.dockerfile.shared import shell_runs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH926", "unpinned-system-package", None, Severity.INFO,
            "An OS package is installed without a version.", __doc__,
            peers=("DL3008", "DL3018", "DL3033", "DL3037", "DL3041"), optional=True)
_RPM_VERSION = re.compile(r"-\d[\w.+~:]*(-[\w.+~]+)?$")  # name-version[-release]


def check(model, settings):
    for stage in model.stages:
        for run in shell_runs(stage):
            for change in run.packages:
                if change.manager in ("apt", "apk", "yum") and change.action == "install":
                    loose = [p for p in change.packages if not _pinned(change.manager, p)]
                    if loose:
                        yield Finding(RULE, change.line, f"{', '.join(loose[:3])}{' ...' if len(loose) > 3 else ''} without a version",
                                      run.instruction.end_line)


def _pinned(manager: str, package: str) -> bool:
    if "$" in package or "/" in package or package.endswith((".deb", ".apk", ".rpm")) or package.startswith("@"):
        return True  # a variable, a file, or a group
    if manager == "apt":
        return "=" in package
    if manager == "apk":
        return any(symbol in package for symbol in "=~<>")
    return any(symbol in package for symbol in "=<>") or bool(_RPM_VERSION.search(package))
