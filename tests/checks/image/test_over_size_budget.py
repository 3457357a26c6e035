"""IM902 image-over-size-budget: the image is larger than the size budget."""
from __future__ import annotations

from dockharden.core.settings import Settings
from support.archives import file
from support.inspect_support import MB, findings


def test_size_budget(image_facts):
    facts = image_facts()
    assert findings(facts, "IM902", Settings(size_budget_mb=0)) == [
        ("IM902", 0, f"the image holds {facts.total_size} B, over the 0 MB budget"),
    ]
    assert findings(image_facts([file("big.bin", bytes(2 * MB))]), "IM902", Settings(size_budget_mb=1)) == [
        ("IM902", 0, "the image holds 2.0 MB, over the 1 MB budget"),
    ]
    assert findings(facts, "IM902") == []
