"""## What it does
Flags an image whose config Env lacks a required key. By default these are
`PYTHONUNBUFFERED` and `PYTHONDONTWRITEBYTECODE`; `required-env` in the configuration
changes the list. Reported on line 0: the image config has no lines.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM301", "image-missing-env", "env_config", Severity.WARNING, "The image does not set a required ENV key.", rule_docs(__doc__, lessons.REQUIRED_ENV))
SET_BY: tuple[str, ...] = ()


def check(facts, settings):
    env = facts.config.env_dict()
    missing = settings.missing_env(env)
    if missing:
        yield Finding(RULE, 0, f"the image does not set {', '.join(missing)}")
