"""Images for the verify tests: a good one, and variants that each break exactly one thing.

Every variant is the good Dockerfile with one part replaced, so each must fail verify
with exactly the codes listed in EXPECTED and nothing else. The app handles SIGTERM: a
Python PID 1 without a handler ignores it and `docker stop` would kill it (exit 137).
"""
from __future__ import annotations

from dataclasses import dataclass, field

APP_PY = b'''import http.server
import signal
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/health" else 404)
        self.end_headers()
        self.wfile.write(b"ok")


signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
http.server.ThreadingHTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
'''
PROBE = "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=5)"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TOKEN = "ghp_0123456789abcdefEXAMPLE"
ACCOUNT = "RUN groupadd --gid {uid} app && useradd --uid {uid} --gid {uid} --no-create-home --shell /usr/sbin/nologin app"

GOOD_PARTS = {
    "from": "FROM BASE",
    "account": ACCOUNT.format(uid=1000),
    "extra": "",
    "workdir": "WORKDIR /app",
    "copy": "COPY --chown=1000:1000 app.py /app/app.py",
    "env": "ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1",
    "user": "USER 1000:1000",
    "healthcheck": f'HEALTHCHECK --interval=30s --timeout=10s --start-period=5s --retries=3 CMD ["python3", "-c", "{PROBE}"]',
    "cmd": 'CMD ["python3", "/app/app.py"]',
}


@dataclass(frozen=True)
class VerifyImage:
    changes: dict[str, str] = field(default_factory=dict)
    expected: tuple[str, ...] = ()  # the exact finding codes verify must report
    classic_builder: bool = False
    build_args: dict[str, str] = field(default_factory=dict)

    @property
    def dockerfile(self) -> str:
        parts = {**GOOD_PARTS, **self.changes}
        return "\n".join(line for line in parts.values() if line) + "\n"


IMAGES: dict[str, VerifyImage] = {
    "good": VerifyImage(),
    "root": VerifyImage({"user": ""}, ("VF101",)),
    "named-user": VerifyImage({"account": "RUN useradd --create-home aiuser", "user": "USER aiuser",
                               "copy": "COPY --chown=aiuser:aiuser app.py /app/app.py"}, ("VF103",)),
    "uid-1001": VerifyImage({"account": ACCOUNT.format(uid=1001), "user": "USER 1001:1001",
                             "copy": "COPY --chown=1001:1001 app.py /app/app.py"}, ("VF102",)),
    "no-healthcheck": VerifyImage({"healthcheck": ""}, ("VF201",)),
    "healthcheck-none": VerifyImage({"healthcheck": "HEALTHCHECK NONE"}, ("VF202",)),
    "curl-probe": VerifyImage({"healthcheck": "HEALTHCHECK --interval=5s CMD curl -f http://localhost:8000/health || exit 1"},
                              ("VF203",)),
    "exits-early": VerifyImage({"cmd": 'CMD ["python3", "-c", "raise SystemExit(3)"]'}, ("VF204",)),
    "cmd-not-found": VerifyImage({"cmd": 'CMD ["/app/serve"]'}, ("VF204",)),
    "missing-env": VerifyImage({"env": ""}, ("VF301", "VF301")),
    "foreign-owner": VerifyImage({"copy": "COPY --chown=1001:1001 app.py /app/app.py"}, ("VF401",)),
    "chown-layer": VerifyImage({"copy": "COPY app.py /app/app.py\nRUN chown -R 1000:1000 /app"}, ("VF402",)),
    # chown of a directory still empty: the layer has bytes (the account files), none stored again
    "chown-empty-dir": VerifyImage({"account": ACCOUNT.format(uid=1000) + " && mkdir -p /app/data && chown -R 1000:1000 /app"}),
    "secret-env": VerifyImage({"env": f"ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 AWS_SECRET_ACCESS_KEY={AWS_SECRET}"},
                              ("VF601",)),
    "secret-arg": VerifyImage({"extra": 'ARG TOKEN\nRUN echo "token length ${#TOKEN}" > /tmp/token-length'}, ("VF602",),
                              build_args={"TOKEN": TOKEN}),
    "secret-arg-classic": VerifyImage({"extra": 'ARG TOKEN\nRUN echo "token length ${#TOKEN}" > /tmp/token-length'},
                                      ("VF602",), classic_builder=True, build_args={"TOKEN": TOKEN}),
    "shell-form": VerifyImage({"cmd": "CMD python3 /app/app.py"}, ("VF701",)),
    "no-whoami": VerifyImage({"extra": "RUN rm /usr/bin/whoami"}, ("VF901",)),
}
BAD = tuple(name for name in IMAGES if name != "good")
