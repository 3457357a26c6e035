"""DH918 maintainer-instruction (info): the deprecated MAINTAINER."""
from dockharden.checks.dockerfile import maintainer_instruction
from support.lintcase import rule_tests

PASSES = {"label": 'FROM python:3.12-slim\nLABEL org.opencontainers.image.authors="ml@example.com"\n'}
FLAGS = {"maintainer": ("FROM python:3.12-slim\nMAINTAINER ml@example.com\n", [2]), "lower-case": ("FROM python:3.12-slim\nmaintainer me\n", [2])}

test_passes, test_flagged = rule_tests(maintainer_instruction, PASSES, FLAGS)
