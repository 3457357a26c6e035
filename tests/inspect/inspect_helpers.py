"""What the inspect tests compare: findings as (code, line, message), filtered by code prefix."""
from __future__ import annotations

from dockharden.image import ImageFacts
from dockharden.inspect_image import check_facts
from dockharden.settings import Settings


def findings(facts: ImageFacts, prefix: str = "IM", settings: Settings = Settings()) -> list[tuple[str, int, str]]:
    report = check_facts(facts, "image.tar", settings)
    return [(f.rule.code, f.line, f.message) for f in report.findings if f.rule.code.startswith(prefix)]
