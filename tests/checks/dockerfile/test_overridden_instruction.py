"""DH919 overridden-instruction: a CMD, ENTRYPOINT or HEALTHCHECK a later one in its stage overrides."""
from dockharden.checks.dockerfile import overridden_instruction
from support.lintcase import report, rule_tests

PASSES = {
    "one-each": 'FROM python:3.12-slim\nENTRYPOINT ["python"]\nCMD ["app.py"]\nHEALTHCHECK CMD ["python", "-c", "1"]\n',
    "healthchecks-cmd-is-not-a-cmd": 'FROM python:3.12-slim\nHEALTHCHECK CMD ["true"]\nCMD ["python"]\n',
    "a-child-stage-overrides-its-parent": 'FROM python:3.12-slim AS base\nCMD ["a"]\nFROM base\nCMD ["b"]\n',
    "onbuild-cmd": 'FROM python:3.12-slim\nONBUILD CMD ["a"]\nCMD ["b"]\n',
}

FLAGS = {
    "two-cmds-reported-at-the-ignored-one": ('FROM python:3.12-slim\nCMD ["a"]\nRUN true\nCMD ["b"]\n', [2]),
    "each-kind": ('FROM python:3.12-slim\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nHEALTHCHECK NONE\nHEALTHCHECK CMD ["true"]\n', [2, 4]),
    "three": ('FROM python:3.12-slim\nCMD ["a"]\nCMD ["b"]\nCMD ["c"]\n', [2, 3]),
}

test_passes, test_flagged = rule_tests(overridden_instruction, PASSES, FLAGS)


def test_message_names_the_instruction_that_wins():
    (finding,) = [f for f in report('FROM python:3.12-slim\nCMD ["a"]\nCMD ["b"]\n').findings if f.rule.code == "DH919"]
    assert finding.message == "CMD overridden by the CMD on line 3: only the last one takes effect"
