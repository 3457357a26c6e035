"""`fix`: apply the fixes that findings carry, the way ruff does.

Each pass lints the text, collects the edits of every fix it may apply, takes the fixes
whose edits do not overlap an already taken one, and applies them at once (the text between
edits copied as it is, which is what applying them bottom-up gives). Overlapping fixes wait
for the next pass, whose lint of the changed text also checks that it parses (given the
model of the text before, it does not parse again the instructions the edits left in
place, nor look for the build context again when the edits left what it is found from); passes stop
when nothing is left to apply, when the text no longer changes, or after MAX_PASSES.
Bytes outside the edited spans are never touched. A text that does not parse is never
changed, and a fix whose result would not parse is dropped (and the others kept): the
fixed text always parses.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from dockharden.checks.dockerfile import RULES
from dockharden.checks.fixability import fix_safety
from dockharden.checks.lint import UnreadableSource, check_text, describe_error, model_report, read_source, with_matrix
from dockharden.checks.running import RuleModule, run_rules
from dockharden.core.line_map import earlier_lines, mapped_line
from dockharden.core.records import cached, frozen
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import Edit, FileReport, Finding, Fix, Safety
from dockharden.dockerfile.base_images import RepositoryImages
from dockharden.dockerfile.model import Model, build_model
from dockharden.dockerfile.lines import decode
from dockharden.dockerfile.parser import parse
from dockharden.dockerfile.syntax import ParseError

MAX_PASSES = 10
_BOM = "\ufeff"


@frozen
class Choice:
    """Which fixes a run applies: unsafe ones only when asked, and only for the selected rules
    (all when `select` is empty) that `ignore` does not name; codes and names in lower case."""

    unsafe: bool = False
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()

    def wants(self, finding: Finding) -> bool:
        return finding.fix is not None and self.selects(finding) and (self.unsafe or finding.fix.safety is Safety.SAFE)

    def selects(self, finding: Finding) -> bool:
        code, name = finding.rule.code.lower(), finding.rule.name
        chosen = not self.select or code in self.select or name in self.select
        return chosen and code not in self.ignore and name not in self.ignore


@frozen
class Applied:
    """One fix that was applied: its rule, the line of its finding in the text it was applied
    to, and what it did."""

    code: str
    line: int
    description: str
    safety: Safety


@frozen
class FixResult:
    """What fixing one file gave: the text before and after, the fixes applied, and the lint
    report of the fixed text (its findings: those left; its patterns unless fixed without the
    matrix)."""

    path: str
    original: str
    fixed: str
    applied: tuple[Applied, ...]
    report: FileReport
    choice: Choice = Choice()
    bom: bool = False  # the file began with a byte order mark, which is kept

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    @property
    def error(self) -> str | None:
        return self.report.error

    @property
    def unsafe_only(self) -> tuple[Finding, ...]:
        """Findings left whose fix needs --unsafe."""
        return tuple(f for f in self.report.findings if f.fix is not None and f.fix.safety is Safety.UNSAFE
                     and not self.choice.unsafe and self.choice.selects(f))

    @property
    def available(self) -> tuple[Finding, ...]:
        """Findings left whose fix this run would apply (a fix that could not be applied)."""
        return tuple(f for f in self.report.findings if self.choice.wants(f))

    @property
    def unfixable(self) -> tuple[Finding, ...]:
        """Findings left with no fix (or one the selection leaves out)."""
        return tuple(f for f in self.report.findings if f.fix is None or not self.choice.selects(f))

    def written_text(self) -> str:
        return _BOM + self.fixed if self.bom else self.fixed

    @cached
    def earlier(self) -> tuple[int, ...]:
        """Per line of `fixed`, its line in `original` (core.line_map); only --diff and --check ask."""
        return earlier_lines(self.original, self.fixed)

    def original_line(self, line: int) -> int:
        """A line of the fixed text (a finding left) as the line of the text before the fixes."""
        return mapped_line(self.earlier, line) if self.changed else line


def fix_text(text: str, path: str, choice: Choice = Choice(), context_dir: Path | str | None = None,
             settings: Settings = Settings(), project: RepositoryImages | None = None, matrix: bool = True) -> FixResult:
    """Fix `text` in passes; the result's report is the lint of the fixed text (without its
    patterns unless `matrix`: `dockharden fix` shows none)."""
    bom = text.startswith(_BOM)
    original = current = text.removeprefix(_BOM)
    settings = replace(settings, fixes=True)
    report, model, rest = _fixers_report(current, path, context_dir, settings, project)
    applied: list[Applied] = []
    refused: set[tuple[str, str]] = set()
    for _ in range(MAX_PASSES):
        if report.error is not None:
            break
        wanted = _wanted(report, choice, refused)
        if not wanted and rest is not None:  # nothing the fixers found: the whole report, in case
            report, rest = rest(), None
            wanted = _wanted(report, choice, refused)
        if not wanted:
            break
        taken = non_overlapping(wanted)
        changed = apply_edits(current, [e for f in taken for e in _fix(f).edits])
        if changed == current:
            break
        checked, checked_model = check_text(changed, path, context_dir, settings, project, False, model)  # it checks the parse too
        if checked.error is not None:
            changed, taken = _one_at_a_time(current, path, taken, refused)
            checked, checked_model = check_text(changed, path, context_dir, settings, project, False, model)
        lines = earlier_lines(original, current) if current != original else ()
        applied += [Applied(f.rule.code, mapped_line(lines, f.line), _fix(f).description, _fix(f).safety) for f in taken]
        current, report, model, rest = changed, checked, checked_model, None
    if rest is not None:  # the text was kept: the other rules' findings on it too
        report = rest()
    if matrix and model is not None:  # the matrix only for the text that is kept
        report = with_matrix(report, model, settings)
    return FixResult(path, original, current, tuple(applied), report, choice, bom)


def _fixers_report(text: str, path: str, context_dir: Path | str | None, settings: Settings,
                   project: RepositoryImages | None) -> tuple[FileReport, Model | None, Callable[[], FileReport] | None]:
    """The first pass's report: the findings of the rules that can fix alone (those of the
    others would be thrown away with the text, which the first pass usually changes); its
    model; and how to complete it with the other rules' findings (None when it is whole)."""
    quiet = replace(settings, shellcheck=False)  # ShellCheck's findings carry no fix
    report, model = check_text(text, path, context_dir, quiet, project, False, rules=())
    if model is None:
        return report, None, None
    checked = model  # the model that the report completed later is of (mypy: not narrowed in a lambda)
    fixers, others = _rule_split()
    ran = run_rules(fixers, checked, settings)
    return model_report(checked, quiet, False, (), ran), checked, lambda: model_report(checked, settings, False, others, ran)


@cache
def _rule_split() -> tuple[tuple[RuleModule, ...], tuple[RuleModule, ...]]:
    """The Dockerfile rules that can fix what they find (their documented example says:
    checks/fixability.py), and the others."""
    fixers = tuple(module for module in RULES if fix_safety(module.RULE) is not None)
    return fixers, tuple(module for module in RULES if module not in fixers)


def _wanted(report: FileReport, choice: Choice, refused: set[tuple[str, str]]) -> list[Finding]:
    return [f for f in report.findings if choice.wants(f) and (f.rule.code, _fix(f).description) not in refused]


def _fix(finding: Finding) -> Fix:
    assert finding.fix is not None
    return finding.fix


def _one_at_a_time(text: str, path: str, taken: Sequence[Finding], refused: set[tuple[str, str]]) -> tuple[str, list[Finding]]:
    """When the fixes of a pass together make a text that does not parse: each added in turn,
    kept if the text still parses, else refused from then on (a rule's bug must not cost
    the other fixes)."""
    kept: list[Finding] = []
    for finding in taken:
        trial = apply_edits(text, [e for f in (*kept, finding) for e in _fix(f).edits])
        if parses(trial, path):
            kept.append(finding)
        else:
            refused.add((finding.rule.code, _fix(finding).description))
    return apply_edits(text, [e for f in kept for e in _fix(f).edits]), kept


def non_overlapping(findings: Sequence[Finding]) -> list[Finding]:
    """Findings whose fixes can be applied together: in order of their first edit, each one
    whose edits touch no edit already taken (the same fix twice counts once)."""
    taken: list[Finding] = []
    spans: list[Edit] = []
    seen: set[tuple[Edit, ...]] = set()
    for finding in sorted(findings, key=lambda f: (min(e.start for e in _fix(f).edits), f.rule.code)):
        edits = _fix(finding).edits
        if edits in seen or any(overlap(a, b) for a in edits for b in spans):
            continue
        seen.add(edits)
        taken.append(finding)
        spans += edits
    return taken


def overlap(a: Edit, b: Edit) -> bool:
    """Whether two edits touch the same text, or insert text at the same place (their order
    would be a guess), unless both insert whole lines: new instructions there go in the order
    of the fixes."""
    if a.start == a.end == b.start == b.end and _whole_lines(a) and _whole_lines(b):
        return False
    return a.start == b.start or (a.start < b.end and b.start < a.end)


def _whole_lines(edit: Edit) -> bool:
    return edit.text.startswith(("\n", "\r\n")) or edit.text.endswith("\n")


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """`text` with non-overlapping edits applied: the text between them is copied as it is.
    Edits at one place keep their given order."""
    pieces: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        pieces += [text[position:edit.start], edit.text]
        position = max(position, edit.end)
    pieces.append(text[position:])
    return "".join(pieces)


def parses(text: str, path: str) -> bool:
    """Whether the text parses and its stages can be modelled (the checks a fixed file must pass)."""
    try:
        build_model(parse(text, path))
    except ParseError:
        return False
    return True


def fix_files(paths: Sequence[Path], choice: Choice = Choice(), settings: Settings = Settings(), matrix: bool = True) -> list[FixResult]:
    project = RepositoryImages()  # one per batch, as lint_files has
    return [fix_file(path, choice, settings, None, project, matrix) for path in paths]


def fix_file(path: Path, choice: Choice = Choice(), settings: Settings = Settings(), display: str | None = None,
             project: RepositoryImages | None = None, matrix: bool = True) -> FixResult:
    """fix_text over a file's text; a file that cannot be read or does not parse gives a
    result with its error and no change."""
    name = display or str(path)
    try:
        data = read_source(str(path))
        text = decode(data, name)
    except UnreadableSource as error:
        return _failed(name, str(error))
    except ParseError as error:
        return _failed(name, describe_error(error))
    if data.startswith(_BOM.encode()):
        text = _BOM + text
    return fix_text(text, name, choice, os.path.dirname(str(path)) or ".", settings, project, matrix)


def _failed(name: str, message: str) -> FixResult:
    return FixResult(name, "", "", (), FileReport(name, error=message))
