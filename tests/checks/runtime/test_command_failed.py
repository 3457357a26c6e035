"""VF901 command-failed-in-container: a verification command failed inside the running container."""
from __future__ import annotations

from dockharden.checks.verify import judge
from dockharden.runtime.observation import CommandOutput, VerifyOptions
from support.observations import findings, good


def test_failed_commands_are_warnings_not_passes():
    seen = good(listing=CommandOutput(("ls", "-la", "/srv"), 2, "ls: cannot access '/srv': No such file or directory\n"))
    result = judge(seen, VerifyOptions())
    assert [(f.rule.code, f.line, f.message) for f in result.findings] == [
        ("VF901", 7, "`ls -la /srv` failed (exit 2): ls: cannot access '/srv': No such file or directory")]
    assert result.step("workdir").verdict.value == "warn"


def test_commands_that_did_not_run_are_not_failures():
    assert findings(good(working_dir="", listing=CommandOutput((), None, ""))) == []
