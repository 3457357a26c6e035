"""## What it does
Flags `TRANSFORMERS_CACHE` set in ENV.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH302", "deprecated-transformers-cache", "env_config", Severity.WARNING, "TRANSFORMERS_CACHE is deprecated; set HF_HOME.", rule_docs(__doc__, lessons.TRANSFORMERS_CACHE))


def check(model, settings):
    var = model.final.env.get("TRANSFORMERS_CACHE")
    if var is not None:
        yield Finding(RULE, var.line, "TRANSFORMERS_CACHE is deprecated since transformers 4.36; set HF_HOME only")
