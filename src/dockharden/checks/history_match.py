"""Which Dockerfile instruction made each step of an image's history.

An image keeps no Dockerfile lines, only each step's `created_by`, which names the
instruction it ran (history_text.step_instruction). The steps, oldest first, are aligned
with the instructions that built the image's stage: those of the final stage and of the
stages it is built FROM, FROM lines left out. The base image's steps come first and are
free to leave unmatched; after them, a step or an instruction left unmatched costs GAP
(an ONBUILD trigger; a builder that records no step for an ARG). A pair must agree on the
keyword and scores EXACT when the rest agrees too (a RUN's command, a COPY's destination,
the names an ENV sets), SAME_KEYWORD when it does not (a variable the builder expanded).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dockharden.knowledge.history import step_instruction

if TYPE_CHECKING:
    from dockharden.dockerfile.model import Model
    from dockharden.dockerfile.syntax import Instruction

EXACT, SAME_KEYWORD, GAP = 3, 1, 1
_ASSIGNED = re.compile(r"(?:^|\s)([A-Za-z_][A-Za-z0-9_.-]*)=")
Signature = tuple[str, object]  # (KEYWORD, what else must agree; None: nothing)


def made_by(created_by: Sequence[str], model: Model) -> tuple[Instruction | None, ...]:
    """For each history step, the instruction that made it; None for the base image's steps."""
    instructions = built_instructions(model)
    pairs = align([step_signature(text) for text in created_by], [instruction_signature(i) for i in instructions])
    found = dict(pairs)
    return tuple(instructions[found[i]] if i in found else None for i in range(len(created_by)))


def built_instructions(model: Model) -> tuple[Instruction, ...]:
    """What built the target stage's image, oldest first: its FROM chain's instructions."""
    return tuple(i for stage in reversed(model.lineage(model.final)) for i in stage.instructions[1:])


def step_signature(created_by: str) -> Signature:
    return signature(*step_instruction(created_by))


def instruction_signature(instruction: Instruction) -> Signature:
    argv = instruction.exec_form
    return signature(instruction.name, " ".join(argv) if argv is not None else instruction.args)


def signature(keyword: str, text: str) -> Signature:
    if keyword in ("RUN", "USER", "WORKDIR", "STOPSIGNAL"):
        return keyword, " ".join(text.split())
    if keyword in ("COPY", "ADD"):
        # Classic builder: `file:<hash> in /app/`; BuildKit and the Dockerfile: `app.py /app/`.
        destination = text.rpartition(" in ")[2] if " in " in text else (text.split() or [""])[-1]
        return keyword, destination.strip().rstrip("/") or "/"
    if keyword in ("ENV", "ARG", "LABEL"):
        return keyword, assigned_names(text)
    return keyword, None


def assigned_names(text: str) -> frozenset[str]:
    """`A=1 B="x y"` -> {A, B}; the legacy `A 1` and a bare `ARG A` -> {A}."""
    names = _ASSIGNED.findall(text)
    return frozenset(names) if names else frozenset(text.split()[:1])


def pair_score(step: Signature, instruction: Signature) -> int:
    if not step[0] or step[0] != instruction[0]:
        return 0
    return EXACT if step[1] is not None and step[1] == instruction[1] else SAME_KEYWORD


def align(steps: Sequence[Signature], instructions: Sequence[Signature]) -> list[tuple[int, int]]:
    """(step index, instruction index) pairs of the best-scoring alignment, in order."""
    score = _scores(steps, instructions)
    pairs, i, j = [], len(steps), len(instructions)
    while i and j:
        pair = pair_score(steps[i - 1], instructions[j - 1])
        if pair and score[i][j] == score[i - 1][j - 1] + pair:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif score[i][j] == score[i - 1][j] - GAP:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _scores(steps: Sequence[Signature], instructions: Sequence[Signature]) -> list[list[int]]:
    """score[i][j]: the best alignment of the first i steps with the first j instructions;
    steps before the first instruction (the base image) cost nothing."""
    score = [[-GAP * j for j in range(len(instructions) + 1)]]
    for step in steps:
        above, row = score[-1], [0]
        for j, instruction in enumerate(instructions, start=1):
            best = max(above[j] - GAP, row[j - 1] - GAP)
            pair = pair_score(step, instruction)
            row.append(max(best, above[j - 1] + pair) if pair else best)
        score.append(row)
    return score
