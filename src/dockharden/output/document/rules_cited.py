"""The appendix: the text of every rule the document cites, so a finding's code links to what
the rule checks and why, inside the document itself (printed or offline, without docs/rules/)."""
from __future__ import annotations

from dockharden.checks.evidence.records import Evidence
from dockharden.core.vocabulary import Rule
from dockharden.output.docs import doc_section, pattern_label
from dockharden.output.document.anchors import slug

TITLE = "Rules cited"


def cited_rules(evidence: Evidence) -> list[Rule]:
    reports = [d.report for d in evidence.dockerfiles] + list(evidence.images) + [r.report for r in evidence.runtime]
    rules = {f.rule.code: f.rule for report in reports for f in report.findings}
    return [rules[code] for code in sorted(rules)]


def heading(rule: Rule) -> str:
    return f"{rule.code} {rule.name}"


def link(rule: Rule) -> str:
    """`[DH402](#dh402-copy-without-chown)`: the rule's code, linked to its text in the appendix."""
    return f"[{rule.code}](#{slug(heading(rule))})"


def section(evidence: Evidence) -> str:
    rules = cited_rules(evidence)
    if not rules:
        return ""
    intro = ("Each rule a finding above cites, as `dockharden rule CODE` prints it in full "
             "(and docs/rules/CODE.md in dockharden's repository).")
    return f"## {TITLE}\n\n{intro}\n\n" + "\n".join(_rule(rule) for rule in rules)


def _rule(rule: Rule) -> str:
    parts = [f"### {heading(rule)}", "", f"{rule.summary} Pattern: {pattern_label(rule.pattern)}.", ""]
    for title in ("Why is this bad?", "Use instead"):
        text = doc_section(rule.docs, title)
        if text:
            parts += [f"**{title}**", "", text, ""]
    return "\n".join(parts)
