"""DH802 full-base-image: the final stage's root image ships compilers."""
from dockharden.checks.dockerfile import full_base_image
from support.lintcase import rule_tests

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
