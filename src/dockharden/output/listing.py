"""`dockharden rules` output: pure functions from the rules to text."""
from __future__ import annotations

import json

from dockharden.core.vocabulary import Rule


def as_text(rules: tuple[Rule, ...]) -> str:
    rows = [f"{r.code}  {r.name:<32} {r.pattern or '-':<15} {r.severity.label:<8} {r.summary}{_peers(r)}" for r in rules]
    return "\n".join(rows) + "\n"


def _peers(rule: Rule) -> str:
    """` (optional) [DL3015 DS-0029]`: whether the configuration must enable it, and the peers' IDs it covers."""
    return (" (optional)" if rule.optional else "") + (f" [{' '.join(rule.peers)}]" if rule.peers else "")


def as_json(rules: tuple[Rule, ...]) -> str:
    items = [
        {"code": r.code, "name": r.name, "pattern": r.pattern, "severity": r.severity.label, "summary": r.summary,
         "peers": list(r.peers), "optional": r.optional}
        for r in rules
    ]
    return json.dumps(items, indent=2) + "\n"


def as_markdown(rules: tuple[Rule, ...]) -> str:
    head = "| Code | Name | Pattern | Severity | Summary | Peers |\n|---|---|---|---|---|---|\n"
    return head + "".join(f"| {r.code} | `{r.name}` | {r.pattern or '-'} | {r.severity.label} | {r.summary} | {', '.join(r.peers) or '-'} |\n"
                          for r in rules)


LISTINGS = {"text": as_text, "json": as_json, "markdown": as_markdown}
