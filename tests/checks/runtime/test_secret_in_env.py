"""VF601 secret-in-env-at-runtime: an environment variable of the running container holds a secret."""
from __future__ import annotations

from support.observations import findings, with_env


def test_secret_in_env():
    seen = with_env("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "TOKENIZERS_PARALLELISM=false",
                    "DB_PASSWORD_FILE=/run/secrets/db", "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D")
    assert findings(seen) == [("VF601", 6, "AWS_SECRET_ACCESS_KEY: secret-like name with a literal value")]


def test_names_that_only_look_secret_pass():
    seen = with_env("TOKENIZERS_PARALLELISM=false", "DB_PASSWORD_FILE=/run/secrets/db", "API_KEY=", "TOKEN_EXPIRY=3600")
    assert findings(seen) == []
