"""What `fix` prints: per file, the fixes applied, those available only with --unsafe and the
findings without a fix; and the unified diff of `fix --diff`."""
from __future__ import annotations

import difflib
from collections.abc import Sequence

from dockharden.checks.fixing import FixResult
from dockharden.core.printable import printable
from dockharden.core.text import plural
from dockharden.core.vocabulary import Finding


def render_summary(results: Sequence[FixResult], written: bool) -> str:
    """One block per file that has something to say, then a totals line. `written`: the
    files were rewritten (else --diff or --check: the fixes would be applied). A fix is at its
    line in the file as it was; a finding left at its line in the file as it now is: the
    rewritten file, or with --diff and --check the file as it was."""
    verb = "fixed" if written else "would fix"
    blocks = [_file_block(result, verb, written) for result in results if result.error is None]
    lines = [line for block in blocks for line in block]
    lines.append(_totals(results, verb))
    return "\n".join(lines) + "\n"


def _file_block(result: FixResult, verb: str, written: bool) -> list[str]:
    path = printable(result.path)
    if not (result.applied or result.report.findings):
        return []
    at = (lambda line: line) if written else result.original_line
    lines = [f"{path}: {verb} {plural(len(result.applied), 'finding')}"]
    lines += [f"  {verb:<9} {a.code} line {a.line}: {printable(a.description)}" for a in result.applied]
    lines += [_finding_line("unsafe", f, at(f.line), f" (fix with --unsafe: {printable(f.fix.description)})" if f.fix else "")
              for f in result.unsafe_only]
    lines += [_finding_line("not fixed", f, at(f.line), " (its fix could not be applied)") for f in result.available]
    lines += [_finding_line("no fix", f, at(f.line), "") for f in result.unfixable]
    return lines


def _finding_line(label: str, finding: Finding, line: int, note: str) -> str:
    return f"  {label:<9} {finding.rule.code} line {line}: {printable(finding.message)}{note}"


def _totals(results: Sequence[FixResult], verb: str) -> str:
    good = [r for r in results if r.error is None]
    applied = sum(len(r.applied) for r in good)
    changed = sum(1 for r in good if r.changed)
    unsafe = sum(len(r.unsafe_only) for r in good)
    left = sum(len(r.unfixable) + len(r.available) for r in good)
    text = f"{verb.capitalize()} {plural(applied, 'finding')} in {changed} of {plural(len(good), 'file')}"
    if unsafe:
        text += f"; {unsafe} more with --unsafe"
    text += f"; {left} without a fix"
    errors = len(results) - len(good)
    return text + (f"; {plural(errors, 'file')} not fixed (errors)" if errors else "") + "."


def render_diff(results: Sequence[FixResult]) -> str:
    """A unified diff of every changed file (`--- a/PATH`, `+++ b/PATH`, as git writes them)."""
    parts: list[str] = []
    for result in results:
        if result.error is None and result.changed:
            parts += difflib.unified_diff(result.original.splitlines(keepends=True), result.fixed.splitlines(keepends=True),
                                          f"a/{result.path}", f"b/{result.path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in parts)
