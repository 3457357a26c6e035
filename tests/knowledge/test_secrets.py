"""One word rule for secret names, the same for the Dockerfile, image and container checks
(they all call secret_variable), and values that give the secret away whatever the name."""
import pytest

from dockharden.knowledge.secrets import is_secret_name, redact_assignments, secret_variable


@pytest.mark.parametrize("name", ["API_KEY", "HF_TOKEN", "DB_PASSWORD", "CLIENT_SECRET", "apiKey", "SECRET_KEY_BASE"])
def test_secret_names(name):
    assert is_secret_name(name)


# PASS is no password's word: nginx's uwsgi_pass and proxy_pass name upstreams
# (DefectDojo's DD_UWSGI_PASS=uwsgi_server), and compilers have passes (MIGRAPHX_DISABLE_SCHEDULE_PASS=1).
@pytest.mark.parametrize("name", ["DD_UWSGI_PASS", "MIGRAPHX_DISABLE_SCHEDULE_PASS", "PROXYPASS", "PASS_THROUGH"])
def test_pass_is_not_a_secret_word(name):
    assert not is_secret_name(name)


@pytest.mark.parametrize("name", [
    "API_KEY_HEADER", "AUTH_TOKEN_URL", "HF_TOKEN_FILE", "SECRET_KEY_LENGTH", "TOKEN_ENABLED", "PASSWORD_MIN_LENGTH",
    "JWT_SECRET_ALGORITHM", "API_KEY_NAME", "TOKENIZERS_PARALLELISM", "GPG_KEY", "AWS_ACCESS_KEY_ID",
])
def test_a_trailing_qualifier_word_names_something_about_a_secret(name):
    assert not is_secret_name(name)


@pytest.mark.parametrize("name", ["VITE_AMPLITUDE_API_KEY", "NEXT_PUBLIC_STRIPE_KEY", "REACT_APP_MAPS_API_KEY", "PUBLIC_SENTRY_TOKEN"])
def test_names_a_bundler_publishes_by_design_are_no_secrets(name):
    assert not is_secret_name(name)


def test_a_qualified_name_with_a_secret_value_is_still_a_secret():
    assert secret_variable("AUTH_TOKEN_URL", "https://user:hunter2@auth.example.com/token") == "value looks like a password in URL"


def test_redaction_never_prints_the_secret():
    text = redact_assignments("RUN |2 API_KEY=abc123secret API_KEY_HEADER=X-Api-Key /bin/sh -c ./run")
    assert "abc123secret" not in text and "API_KEY_HEADER=X-Api-Key" in text
