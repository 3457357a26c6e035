"""## What it does
Flags a final CMD or ENTRYPOINT in shell form (`CMD gunicorn ...`), or in exec form that
only starts a shell (`CMD ["sh", "-c", "gunicorn ..."]`), unless the script `exec`s its last
command, or the shell execs it by itself: busybox ash (Alpine's /bin/sh) execs the last
command of a list of simple commands (`mkdir -p /run/x && /start.py`; not after a pipe, a
background `&`, `||`, a subshell, a compound command or a `trap`), and bash execs a `-c`
string that is one simple command; Debian's and Ubuntu's dash is patched not to, and an
image whose /bin/sh is not known is flagged. With an exec-form ENTRYPOINT, a shell-form CMD
is only its argument and is not flagged here, except under `ENTRYPOINT ["tini", "--"]`
without `-g`: tini signals its one child, the shell, which does not pass SIGTERM on to the
commands it started (`uvicorn app & start-notebook.sh`). Windows images (cmd and PowerShell, no
SIGTERM) are not checked, nor is an image whose STOPSIGNAL is SIGKILL (no SIGTERM is sent).

The fix writes a command of plain words in exec form (safe; unsafe for a shell-form
ENTRYPOINT with a CMD, which then becomes its arguments), and puts `exec` before the last
command of a script that needs a shell (unsafe).

## Example
```dockerfile
CMD gunicorn main:app --workers ${GUNICORN_WORKERS}
```
"""
import json
import re

from dockharden.dockerfile.edits import line_start, line_text, replace_instruction
from dockharden.dockerfile.model import command_shell, shell_stays_pid1
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Edit, Finding, Fix, Rule, Safety, Severity
from dockharden.knowledge.shells import SHELL_BUILTINS

RULE = Rule("DH701", "shell-form-command", "exec_form", Severity.ERROR, "The final CMD/ENTRYPOINT is in shell form.", rule_docs(__doc__, lessons.SHELL_FORM),
            peers=("DL3025", "JSONArgsRecommended"))
# A word that sh passes on as it is written, so exec form means the same.
_PLAIN_WORD = re.compile(r"[A-Za-z0-9_./:,@%+-][A-Za-z0-9_./:,=@%+-]*")
# What a one-line script may hold for `exec` before its last command to mean what it says:
# `&&` lists of commands, variables and quotes, no pipes, redirections, subshells or comments.
_NOT_A_LIST = re.compile(r"[;|<>()`#\n\\]|(?<!&)&(?!&)")


def check(model, settings):
    command = model.final.entrypoint or model.final.cmd
    if command is None or model.windows or _stops_with_kill(model):
        return
    if shell_stays_pid1(command, command_shell(model.final, command)):
        form = "shell form" if command.exec_form is None else "a shell started in exec form"
        message = f"{command.name} in {form} runs under /bin/sh -c, which does not forward SIGTERM"
        yield Finding(RULE, command.start_line, message, command.end_line, (_fix(model, command) if settings.fixes else None))
    elif (cmd := model.final.cmd) is not None and _tini_without_group(model.final) and shell_stays_pid1(cmd, command_shell(model.final, cmd)):
        form = "shell form" if cmd.exec_form is None else "a shell started in exec form"
        message = (f"CMD in {form} runs under /bin/sh -c, which tini (ENTRYPOINT, without -g) sends SIGTERM to alone: "
                   "sh does not forward it to the commands it started")
        yield Finding(RULE, cmd.start_line, message, cmd.end_line)


def _stops_with_kill(model) -> bool:
    """STOPSIGNAL SIGKILL in the final image: `docker stop` sends no SIGTERM to forward."""
    signals = [i.args.strip().upper() for stage in model.lineage(model.final) for i in reversed(stage.instructions) if i.name == "STOPSIGNAL"]
    return bool(signals) and signals[0] in ("SIGKILL", "KILL", "9")


def _tini_without_group(stage) -> bool:
    """An exec-form ENTRYPOINT that is tini with options only (`["tini", "--"]`): it runs the
    CMD as its one child and signals that child alone, unless -g or TINI_KILL_PROCESS_GROUP
    makes it signal the child's process group."""
    argv = stage.entrypoint.exec_form if stage.entrypoint is not None else None
    if not argv or argv[0].rsplit("/", 1)[-1] not in ("tini", "tini-static"):
        return False
    options = argv[1:]
    if not all(a.startswith("-") for a in options) or "TINI_KILL_PROCESS_GROUP" in stage.env:
        return False
    return not any(a == "-g" or (a.startswith("-") and not a.startswith("--") and "g" in a) for a in options)


def _fix(model, command):
    """Exec form for a command of plain words (safe, unless a shell-form ENTRYPOINT would then
    get the CMD as arguments); else `exec` before the last command of a one-line script."""
    if command.exec_form is not None or command.heredocs:
        return None
    words = command.args.split()
    if words and "=" not in words[0] and all(_PLAIN_WORD.fullmatch(word) for word in words):  # FOO=1 app: an assignment, not a program
        safety = Safety.UNSAFE if command.name == "ENTRYPOINT" and model.final.cmd is not None else Safety.SAFE
        text = f"{command.keyword} {json.dumps(words)}"
        return Fix((replace_instruction(model.dockerfile, command, text),), safety, f"{command.name} in exec form")
    return _exec_last(model, command)


def _exec_last(model, command):
    """`exec` before the last command of an `&&` list on one line, or before the one command
    of a script continued over lines."""
    if _NOT_A_LIST.search(command.args) or ("&&" in command.args and command.start_line != command.end_line):
        return None
    line = line_text(model.dockerfile, command.start_line)
    last = line.rfind("&&") + 2 if "&&" in command.args else len(line) - len(line.lstrip()) + len(command.keyword)
    words = line[last:].split()
    if not words or "=" in words[0] or words[0] in SHELL_BUILTINS or words[0] == "exec" or words[0] == model.dockerfile.escape:
        return None
    at = line_start(model.dockerfile, command.start_line) + last + (len(line[last:]) - len(line[last:].lstrip()))
    return Fix((Edit(at, at, "exec "),), Safety.UNSAFE, f"exec {words[0]}: the server replaces the shell as PID 1")
