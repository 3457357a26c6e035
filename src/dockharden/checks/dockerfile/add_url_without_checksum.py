"""## What it does
Flags `ADD https://...` without `--checksum=sha256:...` (Dockerfile syntax 1.6 and later).
Git sources (`.git` URLs, `git@...`) are left alone: pin those to a commit instead. ADD of local
files is DH901's.

## Why is this bad?
The download is not verified: what the URL serves today, a compromised or changed server
serves tomorrow, and it lands in the image unnoticed. COPY cannot fetch a URL, so the choice is
ADD with a checksum, or curl followed by `sha256sum -c`.

## Example
```dockerfile
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
```

## Use instead
```dockerfile
ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c \
    https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH911", "add-url-without-checksum", None, Severity.WARNING,
            "ADD downloads a URL without --checksum.", __doc__, peers=("CKV_DOCKER_4",))


def check(model, settings):
    for stage in model.stages:
        for copy in stage.copies:
            if copy.is_add and copy.instruction.flag("checksum") is None:
                urls = [s for s in copy.sources if s.startswith(("http://", "https://")) and not _is_git(s)]
                if urls:
                    yield Finding(RULE, copy.instruction.start_line, f"ADD {urls[0]} without --checksum: the download is not verified",
                                  copy.instruction.end_line)


def _is_git(url: str) -> bool:
    path = url.split("#", 1)[0].split("?", 1)[0]
    return path.endswith(".git") or "#" in url and ".git" in url
