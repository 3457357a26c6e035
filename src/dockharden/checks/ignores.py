"""Applying ignore pragmas to findings; the pragmas' own rules (DH001, DH002) judge the result."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dockharden.core.records import frozen
from dockharden.core.vocabulary import Finding, Rule
from dockharden.dockerfile.pragmas import Pragma


@frozen
class Ignores:
    """A file's pragmas, with what judging them needs."""

    pragmas: tuple[Pragma, ...]
    known: Mapping[str, Rule]  # every rule lint knows, by code and by name
    rules: tuple[Any, ...]  # the rule modules that judge the pragmas (DH001, DH002)


@frozen
class PragmaUse:
    """The subject of the pragma rules: a file's pragmas and what they suppressed."""

    pragmas: tuple[Pragma, ...]
    used: frozenset[tuple[int, str]]
    known: Mapping[str, Rule]  # every rule lint knows, by code and by name


def suppress(findings: list[Finding], pragma_list: tuple[Pragma, ...]) -> tuple[list[Finding], frozenset[tuple[int, str]]]:
    """(the findings no pragma covers, the (pragma line, code) pairs that covered one)."""
    used: set[tuple[int, str]] = set()
    kept = []
    for finding in findings:
        hits = [(p.line, c) for p in pragma_list for c in p.codes if _matches(p, c, finding)]
        used.update(hits)
        if not hits:
            kept.append(finding)
    return kept, frozenset(used)


def _matches(pragma: Pragma, code: str, finding: Finding) -> bool:
    if not pragma.first <= finding.line <= pragma.last:
        return False
    if pragma.tool != "dockharden":  # a peer's rule ID, or a ShellCheck code hadolint's pragma names
        return code in finding.rule.peers or code == finding.rule.code
    return code.upper() == finding.rule.code.upper() or code.lower() == finding.rule.name.lower()
