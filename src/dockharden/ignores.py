"""Inline ignore pragmas: `# dockharden ignore=CODE[,CODE] -- reason` on the lines before an
instruction, `# dockharden ignore-file=CODE[,CODE] -- reason` for the whole file."""
from __future__ import annotations

import re

from dockharden.dockerfile.syntax import Dockerfile
from dockharden.records import frozen
from dockharden.vocabulary import Finding, Rule, Severity

_PRAGMA = re.compile(r"^\s*#\s*dockharden\s+(ignore|ignore-file)\s*=\s*([A-Za-z0-9_,\- ]+?)\s*(?:--\s*(.*))?$")

UNUSED_IGNORE = Rule(
    "DH001", "unused-ignore", None, Severity.WARNING, "An ignore pragma matches no finding.",
    """## What it does
Flags a `# dockharden ignore=...` pragma that suppresses nothing: the rule no longer fires
there, or the pragma names an unknown rule.

## Why is this bad?
Stale ignores hide the next real finding at that line.

## Example
```dockerfile
# dockharden ignore=DH101 -- builder needs root
USER 1000:1000
```

## Use instead
```dockerfile
USER 1000:1000
```
""",
    fixable=True,
)
IGNORE_WITHOUT_REASON = Rule(
    "DH002", "ignore-without-reason", None, Severity.WARNING, "An ignore pragma gives no reason.",
    """## What it does
Flags an ignore pragma without `-- reason`.

## Why is this bad?
An exception nobody can explain is a finding nobody will revisit.

## Example
```dockerfile
# dockharden ignore=DH906
```

## Use instead
```dockerfile
# dockharden ignore=DH906 -- the build context is generated and holds only the wheel
```
""",
)


@frozen
class Pragma:
    line: int
    codes: tuple[str, ...]
    reason: str
    first: int  # lines it covers, inclusive; 0 and 0 when it covers nothing
    last: int


def pragmas(dockerfile: Dockerfile) -> tuple[Pragma, ...]:
    matches = [(n, m) for n, text in enumerate(dockerfile.lines, start=1) if "dockharden" in text and (m := _PRAGMA.match(text))]
    if not matches:
        return ()
    starts = sorted((i.start_line, i.end_line) for i in dockerfile.instructions)
    inside = _covered(starts)
    found = []
    for number, match in matches:
        if number in inside:
            continue
        codes = tuple(c.strip() for c in match.group(2).split(",") if c.strip())
        file_wide = match.group(1) == "ignore-file"
        scope = (1, len(dockerfile.lines)) if file_wide else _next_instruction(dockerfile, number, starts)
        found.append(Pragma(number, codes, (match.group(3) or "").strip(), *scope))
    return tuple(found)


def _covered(ranges) -> set[int]:
    return {n for start, end in ranges if end > start for n in range(start + 1, end + 1)}


def _next_instruction(dockerfile: Dockerfile, line: int, starts) -> tuple[int, int]:
    """The instruction right after the pragma's comment block; a blank line breaks the tie."""
    for start, end in starts:
        if start > line:
            between = dockerfile.lines[line : start - 1]
            return (start, end) if all(t.lstrip().startswith("#") for t in between) else (0, 0)
    return (0, 0)


def apply_ignores(findings, pragma_list, known: dict[str, Rule]) -> tuple[list[Finding], list[Finding]]:
    """(kept findings, findings about the pragmas themselves)."""
    used: set[tuple[int, str]] = set()
    kept = []
    for finding in findings:
        hits = [(p.line, c) for p in pragma_list for c in p.codes if _matches(p, c, finding)]
        used.update(hits)
        if not hits:
            kept.append(finding)
    return kept, list(_pragma_findings(pragma_list, used, known))


def _matches(pragma: Pragma, code: str, finding: Finding) -> bool:
    named = code.upper() == finding.rule.code.upper() or code.lower() == finding.rule.name.lower()
    return named and pragma.first <= finding.line <= pragma.last


def _pragma_findings(pragma_list, used, known):
    for pragma in pragma_list:
        unknown = [c for c in pragma.codes if c.upper() not in known and c.lower() not in known]
        unused = [c for c in pragma.codes if c not in unknown and (pragma.line, c) not in used]
        if unknown:
            yield Finding(UNUSED_IGNORE, pragma.line, f"unknown rule {', '.join(unknown)} in ignore pragma")
        if unused:
            yield Finding(UNUSED_IGNORE, pragma.line, f"ignore={','.join(unused)} suppresses nothing")
        if not pragma.reason:
            yield Finding(IGNORE_WITHOUT_REASON, pragma.line, "ignore pragma without '-- reason'")
