"""## What it does
Flags a final CMD or ENTRYPOINT in shell form (`CMD gunicorn ...`), or in exec form that
only starts a shell (`CMD ["sh", "-c", "gunicorn ..."]`), unless the script `exec`s its last
command. With an exec-form ENTRYPOINT, a shell-form CMD is only its argument and is not
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
from dockharden.dockerfile.shell import SHELLS, split_script
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("DH701", "shell-form-command", "exec_form", Severity.ERROR, "The final CMD/ENTRYPOINT is in shell form.", __doc__, fixable=True)


def check(model, settings):
    entrypoint, cmd = model.final.entrypoint, model.final.cmd
    command = entrypoint or cmd
    if command is not None and _shell_without_exec(command):
        yield _finding(command)


def _shell_without_exec(instruction):
    script = _shell_script(instruction)
    if script is None:
        return False
    commands = split_script(script, lambda offset: instruction.start_line)
    return not commands or not commands[-1].execs


def _shell_script(instruction):
    """The script a shell runs as PID 1, or None when the server itself is PID 1."""
    argv = instruction.exec_form
    if argv is None:
        return instruction.args
    shell_c = len(argv) >= 3 and argv[0].rsplit("/", 1)[-1] in SHELLS and argv[1] == "-c"
    return argv[2] if shell_c else None


def _finding(instruction):
    form = "shell form" if instruction.exec_form is None else "a shell started in exec form"
    message = f"{instruction.name} in {form} runs under /bin/sh -c, which does not forward SIGTERM"
    return Finding(RULE, instruction.start_line, message, instruction.end_line)
