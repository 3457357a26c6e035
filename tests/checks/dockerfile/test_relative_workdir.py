"""DH920 relative-workdir: a stage's first WORKDIR is relative, as BuildKit's WorkdirRelativePath."""
from dockharden.checks.dockerfile import relative_workdir
from support.lintcase import rule_tests

PASSES = {
    "absolute": "FROM python:3.12-slim\nWORKDIR /app\nWORKDIR src\n",
    "from-a-stage-with-an-absolute-one": "FROM python:3.12-slim AS base\nWORKDIR /app\nFROM base\nWORKDIR src\n",
    "windows-drive": "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app\n",
    "variable-that-stays-unknown": "FROM python:3.12-slim\nWORKDIR $APP_HOME\n",
    "variable-that-is-absolute": "FROM python:3.12-slim\nARG HOME_DIR=/srv\nWORKDIR ${HOME_DIR}\n",
}

FLAGS = {
    "relative": ("FROM python:3.12-slim\nWORKDIR app\n", [2]),
    "only-the-first-of-a-stage": ("FROM python:3.12-slim\nWORKDIR app\nWORKDIR src\nFROM python:3.12-slim\nWORKDIR ./x\n", [2, 5]),
}

test_passes, test_flagged = rule_tests(relative_workdir, PASSES, FLAGS)
