"""DH923 duplicate-stage-name: two stages of one name."""
from dockharden.checks.dockerfile import duplicate_stage_name
from support.lintcase import rule_tests

PASSES = {"unique": "FROM python:3.12-slim AS build\nFROM node:22-slim AS web\n", "unnamed": "FROM python:3.12-slim\nFROM python:3.12-slim\n"}
FLAGS = {
    "same-name-in-other-casing": ("FROM python:3.12-slim AS build\nRUN true\nFROM node:22-slim AS Build\n", [3]),
    "three": ("FROM a AS x\nFROM b AS x\nFROM c AS x\n", [2, 3]),
}

test_passes, test_flagged = rule_tests(duplicate_stage_name, PASSES, FLAGS)
