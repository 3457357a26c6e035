"""DH907 privileged-port: EXPOSE below 1024 while the final stage runs as non-root."""
from dockharden.checks.dockerfile import privileged_port
from support.lintcase import rule_tests

PASSES = {
    "high-port": "FROM python:3.12-slim\nUSER 1000\nEXPOSE 8000\n",
    "root-may-bind": "FROM python:3.12-slim\nUSER root\nEXPOSE 80\n",
    "no-user-is-root": "FROM python:3.12-slim\nEXPOSE 80\n",
    "only-in-builder": "FROM python:3.12-slim AS b\nEXPOSE 80\nFROM python:3.12-slim\nUSER 1000\n",
    # a file capability lets the non-root user bind it
    "setcap": "FROM python:3.12-slim\nRUN cp /usr/local/bin/python3.12 /usr/local/bin/python3-cap && setcap CAP_NET_BIND_SERVICE=+eip /usr/local/bin/python3-cap\nUSER 1000\nEXPOSE 80 443\n",
    "setcap-lowercase": "FROM debian:12-slim\nRUN setcap 'cap_net_bind_service=+ep' /usr/sbin/nginx\nUSER 101\nEXPOSE 80\n",
}

FLAGS = {
    "port-80": ("FROM python:3.12-slim\nUSER 1000\nEXPOSE 80\n", [3]),
    "protocol-suffix": ("FROM python:3.12-slim\nUSER 1000\nEXPOSE 8000 443/tcp\n", [3]),
    "range": ("FROM python:3.12-slim\nUSER 1000\nEXPOSE 80-90\n", [3]),
    "before-user": ("FROM python:3.12-slim\nEXPOSE 80\nUSER app\n", [2]),
    "from-arg": ("FROM python:3.12-slim\nARG PORT=80\nUSER 1000\nEXPOSE ${PORT}\n", [4]),
    "inherited-from-parent": ("FROM python:3.12-slim AS base\nEXPOSE 443\nFROM base\nUSER 1000\n", [2]),
    "setcap-only-in-builder": ("FROM python:3.12-slim AS b\nRUN setcap cap_net_bind_service=+ep /usr/local/bin/python3.12\n"
                               "FROM python:3.12-slim\nUSER 1000\nEXPOSE 80\n", [5]),
    "capability-removed": ("FROM python:3.12-slim\nRUN setcap -r /usr/local/bin/python3.12\nUSER 1000\nEXPOSE 80\n", [4]),
}

test_passes, test_flagged = rule_tests(privileged_port, PASSES, FLAGS)
