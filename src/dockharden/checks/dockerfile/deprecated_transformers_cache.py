"""## What it does
Flags `TRANSFORMERS_CACHE` set in ENV.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
import re

from dockharden.core.vocabulary import Edit, Finding, Fix, Rule, Safety, Severity
from dockharden.dockerfile.edits import delete_instruction, instruction_at, matches_on_line
from dockharden.dockerfile.model import env_pairs

RULE = Rule("DH302", "deprecated-transformers-cache", "env_config", Severity.WARNING, "TRANSFORMERS_CACHE is deprecated; set HF_HOME.", rule_docs(__doc__, lessons.TRANSFORMERS_CACHE))


def check(model, settings):
    var = model.final.env.get("TRANSFORMERS_CACHE")
    if var is not None:
        yield Finding(RULE, var.line, "TRANSFORMERS_CACHE is deprecated since transformers 4.36; set HF_HOME only", fix=_fix(model, var))


_KEY = re.compile(r"(?<![\w$])TRANSFORMERS_CACHE(?=[=\s])")
_PAIR = re.compile(r"(?<![\w$])TRANSFORMERS_CACHE=(?:\"[^\"]*\"|'[^']*'|[^\s\"']*)[ \t]*")


def _fix(model, var):
    """HF_HOME in place of TRANSFORMERS_CACHE (same folder); where HF_HOME is set already, the
    TRANSFORMERS_CACHE pair (or its whole ENV) removed. None when the ENV cannot be read
    word by word (the key twice, a continuation, the legacy form with other keys)."""
    instruction = instruction_at(model.dockerfile, var.line)
    if instruction is None or instruction.name != "ENV" or instruction.start_line != instruction.end_line:
        return None
    keys = matches_on_line(model.dockerfile, var.line, _KEY)
    if len(keys) != 1:
        return None
    if "HF_HOME" not in model.final.env:
        start, end = keys[0]
        return Fix((Edit(start, end, "HF_HOME"),), Safety.SAFE, "HF_HOME in place of TRANSFORMERS_CACHE")
    pairs = matches_on_line(model.dockerfile, var.line, _PAIR)
    if len(env_pairs(instruction)) == 1:
        return Fix((delete_instruction(model.dockerfile, instruction),), Safety.SAFE, "remove TRANSFORMERS_CACHE (HF_HOME is set)")
    if len(pairs) != 1:
        return None
    return Fix((Edit(*pairs[0], ""),), Safety.SAFE, "remove TRANSFORMERS_CACHE (HF_HOME is set)")
