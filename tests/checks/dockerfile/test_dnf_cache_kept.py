"""DH912 dnf-cache-kept: dnf, microdnf, yum and tdnf installs that keep their cache, in the stages that ship."""
from dockharden.checks.dockerfile import dnf_cache_kept
from support.lintcase import rule_tests

PASSES = {
    "dnf-clean-all": "FROM fedora:40\nRUN dnf install -y python3.12 && dnf clean all\n",
    "microdnf-clean-all": "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y python3 && microdnf clean all\n",
    "yum-cache-removed": "FROM centos:7\nRUN yum install -y gcc && rm -rf /var/cache/yum\n",
    "cache-mount": "FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y gcc\n",
    "clean-by-another-manager": "FROM almalinux:9\nRUN yum install -y gcc && dnf clean all\n",
    "no-install": "FROM fedora:40\nRUN dnf clean all\n",
    "install-without-packages": "FROM fedora:40\nRUN dnf install -y\n",
    "builder-stage": "FROM fedora:40 AS build\nRUN dnf install -y gcc\nFROM fedora:40\nCOPY --from=build /x /x\n",
}

FLAGS = {
    "dnf": ("FROM fedora:40\nRUN dnf install -y python3.12\n", [2]),
    "clean-before-the-install": ("FROM fedora:40\nRUN dnf clean all && dnf install -y gcc\n", [2]),
    "yum-update-of-everything": ("FROM centos:7\nRUN yum -y update\n", [2]),
    "microdnf-on-a-continuation-line": ("FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN echo start && \\\n    microdnf install -y python3\n", [3]),
    "in-the-final-stages-parent": ("FROM quay.io/pypa/manylinux_2_28_x86_64 AS base\nRUN yum install -y glog-devel\nFROM base\n", [2]),
}

test_passes, test_flagged = rule_tests(dnf_cache_kept, PASSES, FLAGS)


def test_info_when_the_install_waits_for_a_build_setting_that_is_off():
    from dockharden.core.vocabulary import Severity
    from support.lintcase import report

    text = 'FROM fedora:40\nARG DEBUG=0\nRUN if [ "$DEBUG" = 1 ]; then dnf install -y gdb; fi\n'
    assert [(f.line, f.rule.severity) for f in report(text).findings if f.rule.code == "DH912"] == [(3, Severity.INFO)]
