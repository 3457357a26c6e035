"""## What it does
Flags a final CMD or ENTRYPOINT in shell form (`CMD gunicorn ...`) unless the shell `exec`s
the server. With an exec-form ENTRYPOINT, a shell-form CMD is only its argument and is not
flagged here.

## Why is this bad?
Docker stores shell form as `["/bin/sh", "-c", "..."]`: the shell is PID 1, SIGTERM never
reaches the server, `docker stop` waits the whole grace period and kills it (exit 137),
dropping in-flight requests. `--init` does not fix shell form.

## Example
```dockerfile
CMD gunicorn main:app --workers ${GUNICORN_WORKERS}
```

## Use instead
```dockerfile
CMD ["gunicorn", "-c", "gunicorn.conf.py", "main:app"]
```
"""
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("DH701", "shell-form-command", "exec_form", Severity.ERROR, "The final CMD/ENTRYPOINT is in shell form.", __doc__, fixable=True)


def check(model, settings):
    entrypoint, cmd = model.final.entrypoint, model.final.cmd
    if entrypoint is not None:
        if _shell_without_exec(entrypoint):
            yield _finding(entrypoint)
        return
    if cmd is not None and _shell_without_exec(cmd):
        yield _finding(cmd)


def _shell_without_exec(instruction):
    return instruction.exec_form is None and not instruction.args.lstrip().startswith("exec ")


def _finding(instruction):
    message = f"{instruction.name} in shell form runs under /bin/sh -c, which does not forward SIGTERM"
    return Finding(RULE, instruction.start_line, message, instruction.end_line)
