"""Whether a rule can fix what it finds, derived from what its check returns, never declared:
a Dockerfile rule is linted on its own documented example (below a FROM when it shows none), and the fixes its findings carry
say whether it fixes, and how safely. Image and runtime findings are about built images and
running containers, which a fix cannot edit."""
from __future__ import annotations

import re
from functools import cache

from dockharden.checks.catalog import LINT_RULES
from dockharden.checks.lint import lint_text
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import Rule, Safety

_EXAMPLE = re.compile(r"^## Example\s*\n+```dockerfile\n(.*?)^```", re.M | re.S)
_FROM = re.compile(r"^\s*FROM\s", re.M | re.I)
_BASE = "FROM python:3.12-slim\n"  # for an example that shows only the lines it is about
_FIXES = Settings(fixes=True)


def fix_safety(rule: Rule) -> Safety | None:
    """The safest fix the rule offers for its own example: SAFE, UNSAFE, or None (no fix)."""
    return _fix_safeties().get(rule.code)


@cache
def _fix_safeties() -> dict[str, Safety]:
    safeties: dict[str, Safety] = {}
    for rule in LINT_RULES:
        example = _EXAMPLE.search(rule.docs)
        if example is None:
            continue
        text = example.group(1)
        report = lint_text(text if _FROM.search(text) else _BASE + text, "Dockerfile", settings=_FIXES)
        offered = {f.fix.safety for f in report.findings if f.rule.code == rule.code and f.fix is not None}
        if offered:
            safeties[rule.code] = Safety.SAFE if Safety.SAFE in offered else Safety.UNSAFE
    return safeties
