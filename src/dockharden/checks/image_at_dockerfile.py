"""Image findings at the Dockerfile lines that caused them (`inspect --dockerfile`).

A finding at history step N goes to the instruction that made step N (history_match). A
finding about the image's config (line 0) goes to the instruction that set what its rule
reads: of the rule's SET_BY keywords, the first the history has, and its last step; for
ENV, ARG and LABEL, the last step assigning a variable the message names. A step the
Dockerfile did not make (the base image's), and a finding no instruction sets (a missing
ENV, the image's size), point at the target stage's FROM line, where lint puts what is missing.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dockharden.checks.history_match import assigned_names, made_by
from dockharden.knowledge.history import step_instruction
from dockharden.checks.image import RULES
from dockharden.core.vocabulary import Finding

if TYPE_CHECKING:
    from dockharden.dockerfile.model import Model
    from dockharden.dockerfile.syntax import Instruction
    from dockharden.image import ImageFacts

_SET_BY = {module.RULE.code: module.SET_BY for module in RULES}
_ASSIGNMENTS = ("ENV", "ARG", "LABEL")


def at_dockerfile(findings: Sequence[Finding], facts: ImageFacts, model: Model) -> list[Finding]:
    created_by = [entry.created_by for entry in facts.history]
    instructions = made_by(created_by, model)
    steps = [step_instruction(text) for text in created_by]
    moved = []
    for finding in findings:
        step = _step(finding, steps)
        made = instructions[step] if step is not None and step < len(instructions) else None
        moved.append(_at(finding, made, model))
    return moved


def _step(finding: Finding, steps: Sequence[tuple[str, str]]) -> int | None:
    """An image finding's line is its 1-based history step; line 0 is about the config."""
    if finding.line >= 1:
        return finding.line - 1
    return setting_step(_SET_BY.get(finding.rule.code, ()), finding.message, steps)


def setting_step(keywords: tuple[str, ...], message: str, steps: Sequence[tuple[str, str]]) -> int | None:
    """The index of the step that set what a config finding is about; None if no step did."""
    for keyword in keywords:
        found = [i for i, (name, text) in enumerate(steps) if name == keyword and _about(keyword, text, message)]
        if found:
            return found[-1]
    return None


def _about(keyword: str, text: str, message: str) -> bool:
    if keyword not in _ASSIGNMENTS:
        return True
    return any(re.search(rf"(?<![\w.-]){re.escape(name)}(?![\w.-])", message) for name in assigned_names(text))


def _at(finding: Finding, instruction: Instruction | None, model: Model) -> Finding:
    start, end = (instruction.start_line, instruction.end_line) if instruction else (model.final.line, model.final.line)
    return Finding(finding.rule, start, finding.message, end if end != start else None)
