"""## What it does
Flags a final stage that does not set the required ENV keys (with inheritance through
`FROM <stage>`). By default these are `PYTHONUNBUFFERED` and `PYTHONDONTWRITEBYTECODE`;
`required-env` in the configuration changes the list.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH301", "missing-required-env", "env_config", Severity.WARNING, "The final stage does not set a required ENV key.", rule_docs(__doc__, lessons.REQUIRED_ENV))


def check(model, settings):
    missing = settings.missing_env(model.final.env)
    if missing:
        yield Finding(RULE, model.final.line, f"the final stage does not set {', '.join(missing)}")
