"""## What it does
Flags an image whose Entrypoint (or, without one, Cmd) is shell form: the config stores
it as `["/bin/sh", "-c", "..."]`. A script that starts with `exec` passes. Reported on
line 0: the image config has no lines.
"""
from dockharden.core.text import clip
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.knowledge.shells import shell_c_script
SET_BY: tuple[str, ...] = ("ENTRYPOINT", "CMD")

RULE = Rule("IM701", "image-shell-form-command", "exec_form", Severity.ERROR, "The image's command is in shell form.", rule_docs(__doc__, lessons.SHELL_FORM))
def check(facts, settings):
    config = facts.config
    field, argv = ("Entrypoint", config.entrypoint) if config.entrypoint else ("Cmd", config.cmd)
    script = shell_c_script(argv)
    if script is not None and not script.lstrip().startswith("exec "):
        yield Finding(RULE, 0, f"{field} is `{clip(' '.join(argv))}`: the shell stays PID 1 and swallows SIGTERM")
