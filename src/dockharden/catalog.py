"""Every rule dockharden knows, for docs, SARIF metadata, ignores and `dockharden rules`.

ALL_RULES is built when first asked for: it imports the image and verify rules, which
`lint` (LINT_RULES only) does not need at start-up.
"""
from __future__ import annotations

from functools import cache

from dockharden.ignores import IGNORE_WITHOUT_REASON, UNUSED_IGNORE
from dockharden.rules import DOCKERFILE_RULES
from dockharden.vocabulary import Rule

META_RULES: tuple[Rule, ...] = (UNUSED_IGNORE, IGNORE_WITHOUT_REASON)
# What `lint` can report: a Dockerfile report lists only these (SARIF rules, JUnit cases, ignores).
LINT_RULES: tuple[Rule, ...] = META_RULES + tuple(module.RULE for module in DOCKERFILE_RULES)


@cache
def _all_rules() -> tuple[Rule, ...]:
    from dockharden.image_rules import IMAGE_RULES
    from dockharden.verify_rules import VERIFY_RULES

    return LINT_RULES + tuple(module.RULE for module in IMAGE_RULES) + VERIFY_RULES


def __getattr__(name: str):
    """ALL_RULES, on first use."""
    if name == "ALL_RULES":
        return _all_rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def by_key(rules: tuple[Rule, ...] | None = None) -> dict[str, Rule]:
    """Rules by code (upper case) and by name (lower case); every rule when none are given."""
    keys: dict[str, Rule] = {}
    for rule in _all_rules() if rules is None else rules:
        keys[rule.code.upper()] = rule
        keys[rule.name.lower()] = rule
    return keys
