"""Facts of the final image: whether it runs Python, is a Windows image, drops root."""
import pytest

from support.lintcase import model_of


@pytest.mark.parametrize("text, python", [
    ("FROM python:3.12-slim\n", True),
    ("FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY dist /usr/share/nginx/html\n", False),
    ("FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n", False),
    ("FROM node:20-slim\nCMD [\"npm\", \"start\"]\n", False),
    ("FROM golang:1.22 AS b\nFROM debian:12-slim\nCOPY --from=b /bin/app /app\nENTRYPOINT [\"/app\"]\n", False),
    ("FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3-pip\n", True),
    ("FROM python:3.12-slim AS b\nFROM debian:12-slim\nCOPY --from=b /opt/venv /opt/venv\n", True),
    ("FROM registry.example.com/runtime:1\nCMD [\"gunicorn\", \"app:app\"]\n", True),
    ("FROM registry.example.com/runtime:1\nENTRYPOINT [\"tini\", \"--\", \"python\", \"app.py\"]\n", True),
    ("FROM registry.example.com/runtime:1\nHEALTHCHECK CMD [\"python3\", \"-c\", \"print(1)\"]\n", True),
    ("FROM registry.example.com/runtime:1\nENV PYTHONPATH=/app\n", True),
    ("FROM registry.example.com/runtime:1\nCOPY requirements.txt app.py /app/\n", True),
    ("FROM registry.example.com/runtime:1\nCOPY entrypoint.sh /\n", False),
])
def test_runs_python(text, python):
    assert model_of(text).runs_python is python


@pytest.mark.parametrize("text, windows", [
    ("FROM mcr.microsoft.com/windows/servercore:ltsc2022\n", True),
    ("FROM python:3.11-windowsservercore-ltsc2022\n", True),
    ('FROM python:3.11.9\nSHELL ["powershell", "-Command"]\n', True),
    ("FROM python:3.11.9\nWORKDIR C:\\\\app\n", True),
    ("FROM python:3.12-slim\nWORKDIR /app\n", False),
])
def test_windows(text, windows):
    assert model_of(text).windows is windows


@pytest.mark.parametrize("text, drops", [
    ("FROM postgres:16\n", "postgres:16's entrypoint does (gosu postgres)"),
    ('FROM postgres:16\nENTRYPOINT ["/my-entrypoint.sh"]\n', ""),
    ('FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gosu\nENTRYPOINT ["/entry.sh"]\n',
     "its entrypoint can switch users with gosu (installed at line 2)"),
    ('FROM python:3.12-slim\nCOPY --from=tianon/gosu:1.17 /gosu /usr/local/bin/gosu\nENTRYPOINT ["/entry.sh"]\n',
     "its entrypoint can switch users with the gosu copied at line 2"),
    ('FROM python:3.12-slim\nENTRYPOINT ["gosu", "app", "python", "app.py"]\n', "its command runs gosu"),
    ('FROM python:3.12-slim\nCMD ["python", "app.py"]\n', ""),
    ('FROM python:3.12-slim\nCMD ["gunicorn", "--user", "www", "app:app"]\n', "its command runs gunicorn --user www, which switches to that user itself"),
    ('FROM python:3.12-slim\nCMD gunicorn -b :8000 -u 1001 app:app\n', "its command runs gunicorn --user 1001, which switches to that user itself"),
    ('FROM python:3.12-slim\nCMD ["python3", "-m", "gunicorn", "--us=svc", "app:app"]\n',  # argparse: a unique prefix
     "its command runs gunicorn --user svc, which switches to that user itself"),
    ('FROM python:3.12-slim\nCMD ["gunicorn", "--user", "root", "app:app"]\n', ""),
    ('FROM python:3.12-slim\nCMD ["gunicorn", "--user", "0", "app:app"]\n', ""),
    ('FROM python:3.12-slim\nCMD ["gunicorn", "--user", "$RUN_AS", "app:app"]\n', ""),  # a variable may be root
    ('FROM python:3.12-slim\nCMD ["gunicorn", "--group", "www", "app:app"]\n', ""),  # a group alone keeps the root user
    ('FROM python:3.12-slim\nCMD ["gunicorn", "-b", "-u", "app:app"]\n', ""),  # -u is -b's value here
])
def test_drops_root(text, drops):
    assert model_of(text).drops_root == drops
