"""Every rule dockharden knows, for docs, SARIF metadata, ignores and `dockharden rules`."""
from __future__ import annotations

from dockharden.ignores import IGNORE_WITHOUT_REASON, UNUSED_IGNORE
from dockharden.image_rules import IMAGE_RULES
from dockharden.rules import DOCKERFILE_RULES
from dockharden.verify_rules import VERIFY_RULES
from dockharden.vocabulary import Rule

META_RULES: tuple[Rule, ...] = (UNUSED_IGNORE, IGNORE_WITHOUT_REASON)
# What `lint` can report: a Dockerfile report lists only these (SARIF rules, JUnit cases, ignores).
LINT_RULES: tuple[Rule, ...] = META_RULES + tuple(module.RULE for module in DOCKERFILE_RULES)
ALL_RULES: tuple[Rule, ...] = META_RULES + tuple(module.RULE for module in DOCKERFILE_RULES + IMAGE_RULES) + VERIFY_RULES


def by_key(rules: tuple[Rule, ...] = ALL_RULES) -> dict[str, Rule]:
    """Rules by code (upper case) and by name (lower case)."""
    keys: dict[str, Rule] = {}
    for rule in rules:
        keys[rule.code.upper()] = rule
        keys[rule.name.lower()] = rule
    return keys
