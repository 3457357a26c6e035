"""DH915 package-upgrade (info): a RUN that upgrades every package of the base image."""
from dockharden.checks.dockerfile import package_upgrade
from support.lintcase import rule_tests

PASSES = {
    "install-only": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
    "upgrade-of-named-packages": "FROM debian:12\nRUN apt-get install -y --only-upgrade openssl\n",
    "dnf-upgrade-of-one-package": "FROM fedora:40\nRUN dnf upgrade -y openssl\n",
    "pip-upgrade": "FROM python:3.12-slim\nRUN pip install --upgrade pip\n",
}

FLAGS = {
    "apt-get-upgrade": ("FROM debian:12\nRUN apt-get update && apt-get -y upgrade\n", [2]),
    "dist-upgrade-with-an-option-value": ("FROM ubuntu:22.04\nRUN apt-get -o Dpkg::Options::=--force-confold dist-upgrade -y\n", [2]),
    "apk-upgrade": ("FROM alpine:3.20\nRUN apk upgrade --no-cache\n", [2]),
    "yum-update": ("FROM centos:7\nRUN yum -y update && yum clean all\n", [2]),
    "once-per-run": ("FROM debian:12\nRUN apt-get upgrade -y && apt-get dist-upgrade -y\n", [2]),
}

test_passes, test_flagged = rule_tests(package_upgrade, PASSES, FLAGS)
