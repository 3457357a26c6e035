"""## What it does
Flags `TRANSFORMERS_CACHE` set in ENV.

The fix (safe) renames it HF_HOME, or removes it where HF_HOME is set.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
import re

from dockharden.core.vocabulary import Edit, Finding, Fix, Rule, Safety, Severity
from dockharden.dockerfile.edits import delete_instruction, instruction_containing, instruction_lines, line_start, line_text, matches_on_line
from dockharden.dockerfile.model import env_pairs

RULE = Rule("DH302", "deprecated-transformers-cache", "env_config", Severity.WARNING, "TRANSFORMERS_CACHE is deprecated; set HF_HOME.", rule_docs(__doc__, lessons.TRANSFORMERS_CACHE))


def check(model, settings):
    var = model.final.env.get("TRANSFORMERS_CACHE")
    if var is not None:
        yield Finding(RULE, var.line, "TRANSFORMERS_CACHE is deprecated since transformers 4.36; set HF_HOME only", fix=(_fix(model, var) if settings.fixes else None))


_KEY = re.compile(r"(?<![\w$])TRANSFORMERS_CACHE(?=[=\s])")
_SAFE = Safety.SAFE
_REMOVE = "remove TRANSFORMERS_CACHE (HF_HOME is set)"
_PAIR_LINE = re.compile(r"[ \t]*TRANSFORMERS_CACHE=\S*[ \t]*\\[ \t]*")
_PAIR = re.compile(r"(?<![\w$])TRANSFORMERS_CACHE=(?:\"[^\"]*\"|'[^']*'|[^\s\"']*)[ \t]*")


def _fix(model, var):
    """HF_HOME in place of TRANSFORMERS_CACHE (same folder); where HF_HOME is set already, the
    TRANSFORMERS_CACHE pair removed (its line, in an ENV continued over lines; the whole ENV
    when it is the only pair). None when the key is written more than once."""
    dockerfile = model.dockerfile
    instruction = instruction_containing(dockerfile, var.line)
    if instruction is None or instruction.name != "ENV":
        return None
    lines = instruction_lines(instruction)
    keys = [span for line in lines for span in matches_on_line(dockerfile, line, _KEY)]
    if len(keys) != 1:
        return None
    if "HF_HOME" not in model.final.env:
        return Fix((Edit(*keys[0], "HF_HOME"),), _SAFE, "HF_HOME in place of TRANSFORMERS_CACHE")
    if len(env_pairs(instruction)) == 1:
        return Fix((delete_instruction(dockerfile, instruction),), _SAFE, _REMOVE)
    line = next(n for n in lines if matches_on_line(dockerfile, n, _KEY))
    pairs = matches_on_line(dockerfile, line, _PAIR)
    if len(pairs) != 1:
        return None
    if line != instruction.start_line and line != instruction.end_line and _PAIR_LINE.fullmatch(line_text(dockerfile, line)):
        return Fix((Edit(line_start(dockerfile, line), line_start(dockerfile, line + 1), ""),), _SAFE, _REMOVE)
    return Fix((Edit(*pairs[0], ""),), _SAFE, _REMOVE) if line == instruction.start_line or line_text(dockerfile, line).strip() != line_text(dockerfile, line)[pairs[0][0] - line_start(dockerfile, line):].strip() else None
