"""DH924 from-as-casing (info): `FROM ... as`, as BuildKit's FromAsCasing."""
from dockharden.checks.dockerfile import from_as_casing
from support.lintcase import rule_tests

PASSES = {
    "both-upper": "FROM python:3.12-slim AS build\n",
    "both-lower": "from python:3.12-slim as build\n",
    "mixed-case-from-is-another-check": "From python:3.12-slim as build\n",
    "no-stage-name": "FROM python:3.12-slim\n",
}
FLAGS = {
    "upper-from-lower-as": ("FROM python:3.12-slim as build\n", [1]),
    "lower-from-upper-as": ("from python:3.12-slim AS build\n", [1]),
}

test_passes, test_flagged = rule_tests(from_as_casing, PASSES, FLAGS)
