"""The rule contract, and the one way to run a family of rules.

A rule is a module holding one immutable `RULE` and one pure `check(subject, settings)`
that yields findings (a finding may carry a fix). The subject is what the family checks: a
Dockerfile's Model, an image's ImageFacts, a container's Observation, or the use of ignore
pragmas. Every family lists its rule modules in a `RULES` tuple.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

from dockharden.checks.ignores import Ignores, PragmaUse, suppress
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import STATUS_OF_SEVERITY, Finding, Rule, Status


class RuleModule(Protocol):
    RULE: Rule

    def check(self, subject: Any, settings: Settings) -> Iterator[Finding]: ...


def check_subject(rules: Sequence[RuleModule], subject: Any, settings: Settings, ignores: Ignores | None = None,
                  found_outside: Sequence[Finding] = (), ran: Sequence[Finding] = ()) -> tuple[Finding, ...]:
    """A family's findings for one subject, in report order: disabled rules dropped, findings
    that an ignore pragma covers removed, and dockharden's own pragmas judged by their rules
    (another tool's pragma is honoured, never judged: that tool may still need it).
    `found_outside` are findings an outside program made (ShellCheck's), treated alike;
    `ran`, what run_rules gave for other rules of the family on the same subject."""
    found = [*ran, *run_rules(rules, subject, settings), *enabled(list(found_outside), settings)]
    if ignores is not None and ignores.pragmas:
        found, used = suppress(found, ignores.pragmas)
        own = tuple(pragma for pragma in ignores.pragmas if pragma.tool == "dockharden")
        found += run_rules(ignores.rules, PragmaUse(own, used, ignores.known), settings)
    return in_report_order(found)


def run_rules(rules: Sequence[RuleModule], subject: Any, settings: Settings) -> list[Finding]:
    """Every enabled rule's findings for the subject, in the order rules and findings come;
    an optional rule the settings do not enable does not run at all."""
    on = settings.enabled
    return enabled([finding for module in rules if not module.RULE.optional or module.RULE.code in on or module.RULE.name in on
                    for finding in module.check(subject, settings)], settings)


def enabled(findings: list[Finding], settings: Settings) -> list[Finding]:
    """The findings of rules that settings do not disable (by code or by name), and of
    optional rules only where settings enable them."""
    off, on = settings.disabled, settings.enabled
    return [f for f in findings if is_enabled(f.rule, off, on)] if off or any(f.rule.optional for f in findings) else findings


def is_enabled(rule: Rule, off: frozenset[str], on: frozenset[str]) -> bool:
    if rule.code in off or rule.name in off:
        return False
    return not rule.optional or rule.code in on or rule.name in on


def in_report_order(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """By line, last line, rule code and message: the order every report shows."""
    return tuple(sorted(findings, key=finding_order))


def finding_order(finding: Finding) -> tuple[int, int, str, str]:
    return finding.line, finding.last_line, finding.rule.code, finding.message


def worst_status(findings: Iterable[Finding]) -> Status:
    severities = [f.rule.severity for f in findings]
    return STATUS_OF_SEVERITY[max(severities)] if severities else Status.PASS
