"""Fix a Dockerfile snippet with one rule's fixes and keep what a test asserts on."""
from __future__ import annotations

from dockharden.checks.fixing import Choice, fix_text
from dockharden.core.settings import Settings
from support.lintcase import dockerfile


def fixed(text: str, rule_module=None, unsafe: bool = False) -> str:
    """The snippet after `fix` (only that rule's fixes when one is given)."""
    select = frozenset({rule_module.RULE.code.lower()}) if rule_module is not None else frozenset()
    result = fix_text(dockerfile(text), "Dockerfile", Choice(unsafe, select))
    assert result.error is None, result.error
    return result.fixed


def fix_of(text: str, rule_module):
    """The safety and description of the rule's one fix on the snippet (None: it offers none)."""
    from dockharden.checks.lint import lint_text

    found = [f for f in lint_text(dockerfile(text), "Dockerfile", settings=Settings(fixes=True)).findings if f.rule.code == rule_module.RULE.code]
    assert len(found) == 1, found
    return None if found[0].fix is None else (found[0].fix.safety.value, found[0].fix.description)
