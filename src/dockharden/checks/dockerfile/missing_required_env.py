"""## What it does
Flags a final stage that does not set the required ENV keys (with inheritance through
`FROM <stage>`, and from a base image known to set them, such as tiangolo's
uvicorn-gunicorn). By default these are `PYTHONUNBUFFERED` and `PYTHONDONTWRITEBYTECODE`;
`required-env` in the configuration changes the list. The `PYTHON*` keys are asked only of
a final image that runs Python (a Python base, Python installed or copied in, or a command
or healthcheck that runs python, gunicorn, uvicorn...): nginx, node, Go or postgres images
are not checked, nor a Python base whose command runs only a program the file installs as a
system package (caddy) or builds and installs from source (`make install`, then `CMD
["./server"]`) while the file adds nothing of Python. Info on development, base and tool images.

The fix (safe) sets the missing PYTHON* keys to 1 after the final FROM.
"""
from dockharden.checks import lessons
from dockharden.checks.dockerfile.shared import for_purpose
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Fix, Rule, Safety, Severity
from dockharden.dockerfile.edits import insert_after, instruction_at

RULE = Rule("DH301", "missing-required-env", "env_config", Severity.WARNING, "The final stage does not set a required ENV key.", rule_docs(__doc__, lessons.REQUIRED_ENV))


def check(model, settings):
    final = model.final
    inherited = final.base_facts.env_names() if final.base_facts is not None else frozenset()
    missing = [key for key in settings.missing_env(final.env) if key not in inherited and (model.runs_python or not key.startswith("PYTHON"))]
    if missing:
        finding = for_purpose(model, Finding(RULE, final.line, f"the final stage does not set {', '.join(missing)}", fix=(_fix(model, missing) if settings.fixes else None)))
        if finding is not None:
            yield finding


_VALUES = {"PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"}  # the keys whose right value is known


def _fix(model, missing):
    """ENV with the missing keys after the final FROM, when the value of each is known."""
    start = instruction_at(model.dockerfile, model.final.line)
    if start is None or any(key not in _VALUES for key in missing):
        return None
    pairs = " ".join(f"{key}={_VALUES[key]}" for key in missing)
    return Fix((insert_after(model.dockerfile, start, f"ENV {pairs}"),), Safety.SAFE, f"set {pairs} in the final stage")
