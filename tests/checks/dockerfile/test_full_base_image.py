"""DH802 full-base-image: the final stage's root image ships compilers."""
from dockharden.checks.dockerfile import full_base_image
from support.lintcase import flagged, report, rule_tests

PASSES = {
    "slim": "FROM python:3.12-slim\n",
    "alpine": "FROM python:3.12-alpine\n",
    "cuda-runtime": "FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04\n",
    "full-image-only-in-builder": "FROM python:3.12 AS builder\nFROM python:3.12-slim\n",
}

FLAGS = {
    "python-full": ("FROM python:3.12\n", [1]),
    "python-bookworm": ("FROM python:3.12-bookworm\n", [1]),
    "python-no-tag": ("FROM python\n", [1]),
    "python-with-registry": ("FROM docker.io/library/python:3.11\n", [1]),
    "cuda-devel": ("FROM nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04\n", [1]),
    "through-arg": ("ARG PY=3.12\nFROM python:${PY}\n", [2]),
    "root-of-the-from-chain": ("FROM python:3.12 AS base\nRUN echo\nFROM base\n", [1]),
}

test_passes, test_flagged = rule_tests(full_base_image, PASSES, FLAGS)


def test_windows_python_is_servercore_without_compilers():
    assert flagged('FROM python:3.11.9\nSHELL ["powershell", "-Command"]\n', full_base_image) == []


def test_info_when_the_file_says_the_compilers_are_needed_at_run_time():
    text = "# The CUDA devel base keeps nvcc for packages that compile CUDA extensions on the fly.\nFROM nvidia/cuda:12.4.1-devel-ubuntu22.04\n"
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH802"]
    assert finding.rule.severity.label == "info"


def test_tiangolos_full_images_ship_compilers():
    assert flagged("FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11\nCOPY ./app /app\n", full_base_image) == [("DH802", 1)]
    assert flagged("FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11-slim\nCOPY ./app /app\n", full_base_image) == []
