"""IM601 secret-in-image-env: an Env value of the image is a secret."""
from __future__ import annotations

import pytest

from support.inspect_support import AWS_SECRET, GITHUB_TOKEN, GOOD_ENV, findings


@pytest.mark.parametrize(("env", "expected"), [
    ([f"AWS_SECRET_ACCESS_KEY={AWS_SECRET}"], ["Env AWS_SECRET_ACCESS_KEY: secret-like name with a literal value"]),
    ([f"SOME_SETTING={GITHUB_TOKEN}"], ["Env SOME_SETTING: value looks like a GitHub token"]),
    (["DATABASE_URL=postgres://app:hunter2@db/app"], ["Env DATABASE_URL: value looks like a password in URL"]),
    (["TOKENIZERS_PARALLELISM=false", "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
      "HF_TOKEN_FILE=/run/secrets/hf", "API_KEY=$API_KEY", "TOKEN_EXPIRY=3600"], []),
])
def test_secret_in_env(image_facts, env, expected):
    assert findings(image_facts(Env=GOOD_ENV + env), "IM6") == [("IM601", 0, message) for message in expected]
