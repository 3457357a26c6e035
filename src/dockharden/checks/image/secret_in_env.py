"""## What it does
Flags Env entries of the image config whose value is a secret: a secret-like name
(words such as PASSWORD, TOKEN, SECRET, API_KEY, split on `_`) with a literal value, or a
value shaped like a known credential (AKIA..., ghp_..., hf_..., sk-..., a private key, a
URL with a password). `*_FILE` names, `/run/secrets/...` values, `TOKENIZERS_PARALLELISM`
and `GPG_KEY` are fine. The message names the key, never the value. Reported on line 0:
the image config has no lines.

## Why is this bad?
Anyone who can pull the image reads its config (`docker inspect`), and every image built
FROM it inherits the value.
"""
from dockharden.knowledge.secrets import secret_variable
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM601", "secret-in-image-env", "no_secrets", Severity.ERROR, "An Env value of the image is a secret.", rule_docs(__doc__, lessons.SECRET_IN_ENV),
            peers=("CIS-DI-0010",))
SET_BY: tuple[str, ...] = ("ENV",)


def check(facts, settings):
    for name, value in facts.config.env:
        reason = secret_variable(name, value)
        if reason:
            yield Finding(RULE, 0, f"Env {name}: {reason}")
