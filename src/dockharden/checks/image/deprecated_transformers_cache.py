"""## What it does
Flags an image whose Env sets `TRANSFORMERS_CACHE`. Reported on line 0: the image config
has no lines.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM302", "image-deprecated-transformers-cache", "env_config", Severity.WARNING, "The image sets the deprecated TRANSFORMERS_CACHE.", rule_docs(__doc__, lessons.TRANSFORMERS_CACHE))
SET_BY: tuple[str, ...] = ("ENV",)


def check(facts, settings):
    if "TRANSFORMERS_CACHE" in facts.config.env_dict():
        yield Finding(RULE, 0, "TRANSFORMERS_CACHE is deprecated; set HF_HOME only")
