"""docs/rules/ must be exactly what `python -m dockharden.docs` renders from the catalog."""
from __future__ import annotations

from pathlib import Path

from dockharden.docs import stale_docs

DOCS_DIR = Path(__file__).resolve().parents[2] / "docs" / "rules"


def test_committed_rule_docs_are_fresh():
    from dockharden.catalog import ALL_RULES

    stale = stale_docs(ALL_RULES, DOCS_DIR)
    assert stale == [], f"stale pages in docs/rules: {stale}; run `python -m dockharden.docs`"
