"""DH925 legacy-key-value-format (info): `ENV KEY value` and `LABEL key value`."""
from dockharden.checks.dockerfile import legacy_key_value_format
from support.lintcase import rule_tests

PASSES = {
    "equals": 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 A="b c"\nLABEL "com.example.vendor"="ACME"\n',
    "arg-is-not-checked": "FROM python:3.12-slim\nARG A=1\n",
}
FLAGS = {
    "env": ("FROM python:3.12-slim\nENV PYTHONUNBUFFERED 1\n", [2]),
    "label-and-env": ("FROM python:3.12-slim\nLABEL maintainer me@example.com\nENV PATH /opt/venv/bin:$PATH\n", [2, 3]),
    "global-env-before-from-is-still-env": ("FROM python:3.12-slim AS a\nENV A 1\nFROM a\nENV B 2\n", [2, 4]),
}

test_passes, test_flagged = rule_tests(legacy_key_value_format, PASSES, FLAGS)
