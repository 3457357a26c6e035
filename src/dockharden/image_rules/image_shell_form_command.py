"""## What it does
Flags an image whose Entrypoint (or, without one, Cmd) is shell form: the config stores
it as `["/bin/sh", "-c", "..."]`. A script that starts with `exec` passes. Reported on
line 0: the image config has no lines.

## Why is this bad?
The shell stays PID 1 and does not forward SIGTERM, so `docker stop` waits out the grace
period and kills the server (exit 137) in the middle of requests. `--init` does not help.

## Example
```dockerfile
CMD gunicorn -c gunicorn.conf.py main:app
```

## Use instead
```dockerfile
CMD ["gunicorn", "-c", "gunicorn.conf.py", "main:app"]
```
"""
from dockharden.image_rules._shared import clip
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("IM701", "image-shell-form-command", "exec_form", Severity.ERROR, "The image's command is in shell form.", __doc__)
SET_BY: tuple[str, ...] = ("ENTRYPOINT", "CMD")
SHELLS = frozenset({"/bin/sh", "sh", "/bin/bash", "bash", "/bin/dash", "/usr/bin/sh", "/usr/bin/bash"})


def shell_script(argv):
    """The script of a `sh -c SCRIPT` command, or None for exec form."""
    if argv and len(argv) >= 3 and argv[0] in SHELLS and argv[1] == "-c":
        return argv[2]
    return None


def check(facts, settings):
    config = facts.config
    field, argv = ("Entrypoint", config.entrypoint) if config.entrypoint else ("Cmd", config.cmd)
    script = shell_script(argv)
    if script is not None and not script.lstrip().startswith("exec "):
        yield Finding(RULE, 0, f"{field} is `{clip(' '.join(argv))}`: the shell stays PID 1 and swallows SIGTERM")
