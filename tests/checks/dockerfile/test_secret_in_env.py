"""DH601 secret-in-env: ENV values that are secrets, by name words and by value shape."""
import pytest
from dockharden.checks.dockerfile import secret_in_env
from support.lintcase import report, rule_tests

NOT_SECRETS = [
    "TOKENIZERS_PARALLELISM=false",
    "KEY_FILE=/etc/ssl/private/server.key",
    "GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305",
    "HF_TOKEN_FILE=/run/secrets/hf_token",
    "DB_PASSWORD_FILE=/run/secrets/db_password",
    "POSTGRES_PASSWORD_FILE=/run/secrets/postgres",
    "DB_PASSWORD=${DB_PASSWORD}",
    "DB_PASSWORD=",
    "MAX_TOKENS=512",
    "TOKEN_EXPIRY=3600",
    "AUTH_TOKEN_TTL=60",
    "NO_TOKEN=true",
    "ENABLE_PASSWORD_LOGIN=false",
    "SSH_PRIVATE_KEY_PATH=/run/secrets/deploy_key",
    "HF_HOME=/app/models",
    "API_KEY_HEADER=X-Api-Key",  # a trailing qualifier word: the header's name, not the key
    "AUTH_TOKEN_URL=https://auth.example.com/oauth/token",
    "SECRET_KEY_LENGTH=50",
]

SECRETS = [
    "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
    "SOME_SETTING=AKIAIOSFODNN7EXAMPLE",
    "GH=ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    'DEPLOY="-----BEGIN OPENSSH PRIVATE KEY-----"',
    "HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyz0123456",
    "OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz",
    "DB_PASSWORD=hunter2",
    "MYSQL_ROOT_PASSWORD=123456",
    "API_KEY=abc123",
    "JWT_SECRET=changeme",
    "DATABASE_URL=postgres://app:hunter2@db:5432/app",
]

PASSES = {value: f"FROM python:3.12-slim\nENV {value}\n" for value in NOT_SECRETS}

FLAGS = {value: (f"FROM python:3.12-slim\nENV {value}\n", [2]) for value in SECRETS}
FLAGS |= {
    "legacy-form": ("""
        FROM python:3.12-slim
        ENV DB_PASSWORD hunter2
    """, [2]),
    "builder-stage-counts": ("""
        FROM python:3.12-slim AS builder
        ENV GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789
        FROM python:3.12-slim
    """, [2]),
    "inherited-value-reported-once": ("""
        FROM python:3.12-slim AS base
        ENV API_KEY=abc123
        FROM base
    """, [2]),
    "secret-build-arg-copied": ("FROM python:3.12-slim\nARG password=''\nENV WHOOGLE_PASS=$password\n", [3]),
    "build-arg-copied-into-a-secret-name": ("FROM python:3.12-slim\nARG proxy\nENV PROXY_PASSWORD=${proxy}\n", [3]),
    "build-arg-of-the-stage-built-on": ("""
        FROM python:3.12-slim AS base
        ARG HF_TOKEN
        FROM base
        ENV HF_TOKEN=$HF_TOKEN
    """, [4]),
    "one-env-of-several-names": ("FROM python:3.12-slim\nARG user\nARG password\nENV APP_USER=$user \\\n    APP_PASSWORD=$password\n", [4]),
}
PASSES |= {
    "build-arg-that-is-no-secret": "FROM python:3.12-slim\nARG port=8000\nENV APP_PORT=$port\n",
    "secret-env-from-a-runtime-variable": "FROM python:3.12-slim\nENV APP_PASSWORD=$DB_PASSWORD\n",
    "arg-declared-after-the-env": "FROM python:3.12-slim\nENV APP_PASSWORD=$password\nARG password\n",
    "env-names-a-file": "FROM python:3.12-slim\nARG password\nENV PASSWORD_FILE=$password\n",
    "default-form-expects-it-unset": "FROM python:3.12-slim\nARG password\nENV APP_PASSWORD=${password:-}\n",
    "overridden-later": "FROM python:3.12-slim\nARG password\nENV APP_PASSWORD=$password\nENV APP_PASSWORD=/run/secrets/pw\n",
    "global-arg-not-redeclared": "ARG password\nFROM python:3.12-slim\nENV APP_PASSWORD=$password\n",
}

test_passes, test_flagged = rule_tests(secret_in_env, PASSES, FLAGS)


def test_a_copied_build_argument_is_told_as_such():
    findings = [(f.line, f.message) for f in report(FLAGS["secret-build-arg-copied"][0]).findings if f.rule.code == "DH601"]
    assert findings == [(3, "ENV WHOOGLE_PASS copies the build argument password into the image config: docker inspect shows "
                            "the value given at build to anyone who pulls the image; pass it when the container starts")]


from support.fixcase import fix_of, fixed  # noqa: E402


def test_fix_moves_the_value_out_of_the_file():
    text = "FROM python:3.12-slim\nENV HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyz0123456\nRUN python3 download.py\n"
    assert fixed(text, secret_in_env, unsafe=True) == (
        'FROM python:3.12-slim\nRUN --mount=type=secret,id=HF_TOKEN export HF_TOKEN="$(cat /run/secrets/HF_TOKEN)" && python3 download.py\n')
    assert fix_of(text, secret_in_env)[0] == "unsafe"


def test_no_fix_when_the_env_sets_other_keys_too():
    assert fix_of("FROM python:3.12-slim\nENV A=1 HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyz0123456\n", secret_in_env) is None
