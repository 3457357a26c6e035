"""From what the runner saw to a VerifyResult: run the rules, then give each step its verdict."""
from __future__ import annotations

from dockharden.matrix import worst_status
from dockharden.verification.plan import STEPS, StepSpec
from dockharden.verification.records import Observation, Step, VerifyOptions, VerifyResult
from dockharden.verification.steps import SHOWN
from dockharden.verify_rules import VERIFY_RULE_MODULES
from dockharden.vocabulary import Finding, Status


def judge(seen: Observation, options: VerifyOptions, disabled: frozenset[str] = frozenset()) -> VerifyResult:
    findings = sorted(
        (finding for module in VERIFY_RULE_MODULES for finding in module.check(seen, options)
         if not {finding.rule.code, finding.rule.name} & disabled),
        key=lambda finding: (finding.line, finding.rule.code, finding.message),
    )
    steps = tuple(_step(number, spec, seen, options, findings) for number, spec in enumerate(STEPS, start=1))
    return VerifyResult(seen.image, seen.image_id, seen.container, steps, tuple(findings))


def _step(number: int, spec: StepSpec, seen: Observation, options: VerifyOptions, findings: list[Finding]) -> Step:
    shown = SHOWN[spec.name](seen, options)
    own = [finding for finding in findings if finding.line == number]
    verdict = worst_status(own) if own or shown.checked else Status.NOT_CHECKED
    command = spec.command.format(image=seen.image, container=seen.container,
                                  workdir=seen.working_dir or "WORKDIR", stop_timeout=options.stop_timeout)
    return Step(number, spec.name, spec.title, command, shown.executed, shown.output, verdict, shown.detail)
