"""VF301 missing-env-at-runtime: a required environment variable is not set in the running container."""
from __future__ import annotations

from dockharden.runtime.observation import CommandOutput, VerifyOptions
from support.observations import findings, good


def test_missing_env_one_finding_per_key():
    seen = good(env=CommandOutput(("env",), 0, "PATH=/usr/bin\nPYTHONUNBUFFERED=1\n"))
    assert findings(seen) == [("VF301", 6, "PYTHONDONTWRITEBYTECODE is not set in the container's environment")]
    options = VerifyOptions(required_env=("HF_HOME", "PYTHONUNBUFFERED"))
    assert findings(good(), options) == [("VF301", 6, "HF_HOME is not set in the container's environment")]


def test_an_empty_value_still_sets_the_key():
    seen = good(env=CommandOutput(("env",), 0, "PATH=/usr/bin\nPYTHONUNBUFFERED=\nPYTHONDONTWRITEBYTECODE=1\n"))
    assert findings(seen) == []


def test_not_judged_when_env_did_not_run():
    seen = good(env=CommandOutput(("env",), None, "container is not running"))
    assert findings(seen) == []
