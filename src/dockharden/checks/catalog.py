"""Every rule dockharden knows, by family: for docs, SARIF metadata, ignores and `dockharden rules`.

The image and runtime families are imported when first asked for: `lint` does not need them
at start-up.
"""
from __future__ import annotations

from functools import cache

from dockharden.checks.dockerfile import PRAGMA_RULES, RULES as DOCKERFILE_RULES
from dockharden.core.vocabulary import Rule

# What `lint` can report: a Dockerfile report lists only these (SARIF rules, JUnit cases, ignores).
LINT_RULES: tuple[Rule, ...] = tuple(module.RULE for module in PRAGMA_RULES + DOCKERFILE_RULES)


@cache
def image_rules() -> tuple[Rule, ...]:
    from dockharden.checks.image import RULES

    return tuple(module.RULE for module in RULES)


@cache
def runtime_rules() -> tuple[Rule, ...]:
    from dockharden.checks.runtime import RULES

    return tuple(module.RULE for module in RULES)


def all_rules() -> tuple[Rule, ...]:
    return LINT_RULES + image_rules() + runtime_rules()


def by_key(rules: tuple[Rule, ...] | None = None) -> dict[str, Rule]:
    """Rules by code (upper case) and by name (lower case); every rule when none are given."""
    keys: dict[str, Rule] = {}
    for rule in all_rules() if rules is None else rules:
        keys[rule.code.upper()] = rule
        keys[rule.name.lower()] = rule
    return keys
