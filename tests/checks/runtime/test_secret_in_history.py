"""VF602 secret-in-history-at-runtime: a step of the image's history holds a secret."""
from __future__ import annotations

import dataclasses

import pytest

from dockharden.runtime.observation import HistoryStep
from support.observations import findings, with_env, with_history


def test_env_secret_shown_in_history_is_reported_once():
    secret = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    seen = dataclasses.replace(with_env(secret), history=(HistoryStep(f"ENV {secret}", 0),))
    assert [code for code, _, _ in findings(seen)] == ["VF601"]


@pytest.mark.parametrize(("step", "reason"), [
    (HistoryStep("RUN |1 TOKEN=ghp_0123456789abcdefEXAMPLE /bin/sh -c echo ok # buildkit", 10),
     "build argument TOKEN: secret-like name with a literal value"),
    (HistoryStep("|2 HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyz0123456789 MODE=x /bin/sh -c ./fetch", 10),
     "build argument HF_TOKEN: value looks like a Hugging Face token"),
    (HistoryStep("/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter22", 0), "ENV DB_PASSWORD: secret-like name with a literal value"),
    (HistoryStep("ARG API_KEY=abc123def456", 0), "ARG API_KEY: secret-like name with a literal value"),
    (HistoryStep("RUN /bin/sh -c git clone https://bob:s3cret@git.example.com/x.git # buildkit", 10),
     "the step's text holds a password in URL"),
])
def test_secrets_in_history(step, reason):
    assert findings(with_history(step)) == [("VF602", 8, f"history step 9: {reason}")]


def test_build_arg_that_is_not_a_secret():
    assert findings(with_history(HistoryStep("RUN |2 APP_VERSION=1.2.3 TOKENIZERS_PARALLELISM=false /bin/sh -c true", 1))) == []
