"""docs/rules/ must be exactly what `python -m dockharden.output.docs` renders from the catalog."""
from __future__ import annotations

from pathlib import Path

from dockharden.output.docs import _rules_and_fixes, stale_docs

DOCS_DIR = Path(__file__).resolve().parents[3] / "docs" / "rules"


def test_committed_rule_docs_are_fresh():
    rules, fixes = _rules_and_fixes()
    stale = stale_docs(rules, fixes, DOCS_DIR)
    assert stale == [], f"stale pages in docs/rules: {stale}; run `python -m dockharden.output.docs`"
