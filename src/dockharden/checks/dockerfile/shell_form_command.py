"""## What it does
Flags a final CMD or ENTRYPOINT in shell form (`CMD gunicorn ...`), or in exec form that
only starts a shell (`CMD ["sh", "-c", "gunicorn ..."]`), unless the script `exec`s its last
command. With an exec-form ENTRYPOINT, a shell-form CMD is only its argument and is not
flagged here. Windows images (cmd and PowerShell, no SIGTERM) are not checked.

## Example
```dockerfile
CMD gunicorn main:app --workers ${GUNICORN_WORKERS}
```
"""
from dockharden.dockerfile.model import shell_stays_pid1
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH701", "shell-form-command", "exec_form", Severity.ERROR, "The final CMD/ENTRYPOINT is in shell form.", rule_docs(__doc__, lessons.SHELL_FORM),
            peers=("DL3025", "JSONArgsRecommended"))


def check(model, settings):
    command = model.final.entrypoint or model.final.cmd
    if command is not None and not model.windows and shell_stays_pid1(command):
        form = "shell form" if command.exec_form is None else "a shell started in exec form"
        message = f"{command.name} in {form} runs under /bin/sh -c, which does not forward SIGTERM"
        yield Finding(RULE, command.start_line, message, command.end_line)
