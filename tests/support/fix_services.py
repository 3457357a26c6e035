"""Small services written the way users write them, for `fix`: each runs as root or as a user
it names without a UID, starts in shell form, chowns after COPY, probes with curl on an
image without curl, sets TRANSFORMERS_CACHE, switches back to root at the end, serves on
another port than 8000, or splits its command into ENTRYPOINT and CMD.

Each Dockerfile takes its base image as BASE_IMAGE (python:3.12-slim by default, so lint
knows what the image holds; the engine tests pass the local base image). The app answers
GET /health with 200 and everything else with 404, exits 0 on SIGTERM, and writes a marker
into its cache folder when one is set, so a cache folder the app cannot write fails it.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

APP_PY = '''import http.server
import os
import signal
import sys

port = int(sys.argv[sys.argv.index("--port") + 1]) if "--port" in sys.argv else int(os.environ.get("PORT", "8000"))
cache = os.environ.get("HF_HOME") or os.environ.get("TRANSFORMERS_CACHE")
if cache:
    os.makedirs(os.path.join(cache, "hub"), exist_ok=True)
    with open(os.path.join(cache, "hub", "started"), "w") as marker:
        marker.write("ok")


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/health" else 404)
        self.end_headers()
        self.wfile.write(b"ok")


signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
http.server.ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever()
'''
WSGI_PY = '''def app(environ, start_response):
    start_response("200 OK" if environ["PATH_INFO"] == "/health" else "404 Not Found", [("Content-Type", "text/plain")])
    return [b"ok"]
'''
HEAD = "ARG BASE_IMAGE=python:3.12-slim\nFROM ${BASE_IMAGE}\n"

SERVICES: dict[str, str] = {
    "root-shell-form": HEAD + """WORKDIR /app
COPY app.py .
EXPOSE 8000
CMD python3 app.py
""",
    "chown-after-copy": HEAD + """RUN useradd --uid 1000 --create-home app
WORKDIR /app
COPY app.py /app/app.py
RUN chown -R app:app /app
USER app
CMD ["python3", "app.py"]
""",
    "user-without-uid": HEAD + """RUN useradd --create-home appuser
WORKDIR /home/appuser
COPY app.py .
USER appuser
CMD python3 app.py
""",
    "curl-probe": HEAD + """WORKDIR /app
COPY app.py .
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=10s CMD curl -f http://localhost:8000/health || exit 1
CMD ["python3", "app.py"]
""",
    "transformers-cache": HEAD + """ENV TRANSFORMERS_CACHE=/models
WORKDIR /app
COPY app.py .
CMD ["python3", "app.py"]
""",
    "user-root-at-end": HEAD + """RUN useradd --uid 1000 --create-home app
WORKDIR /app
USER app
COPY app.py .
USER root
RUN mkdir -p /var/log/app
CMD ["python3", "app.py"]
""",
    "other-port": HEAD + """ENV PORT=8080
WORKDIR /app
COPY app.py .
EXPOSE 8080
CMD python3 app.py
""",
    "entrypoint-and-cmd": HEAD + """WORKDIR /app
COPY app.py .
ENTRYPOINT ["python3", "app.py"]
CMD ["--port", "8300"]
""",
    "gunicorn-shell-form": HEAD + """RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install gunicorn==23.0.0
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY wsgi.py .
EXPOSE 8000
CMD gunicorn --bind 0.0.0.0:8000 --graceful-timeout 5 wsgi:app
""",
    "gunicorn-cd-and-port": HEAD + """RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install gunicorn==23.0.0
ENV PATH=/opt/venv/bin:$PATH PORT=9000
COPY wsgi.py /srv/web/wsgi.py
EXPOSE 9000
CMD cd /srv/web && gunicorn -b 0.0.0.0:$PORT --graceful-timeout 5 wsgi:app
""",
}

# The port each service serves on, where the test asks for its endpoint.
PORTS = {"other-port": 8080, "entrypoint-and-cmd": 8300, "gunicorn-cd-and-port": 9000}


def port_of(name: str) -> int:
    return PORTS.get(name, 8000)


def write_service(name: str, folder: Path, dockerfile: str | None = None) -> Path:
    """The service's build context in `folder`: its Dockerfile (or `dockerfile`) and app."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Dockerfile").write_text(dockerfile if dockerfile is not None else SERVICES[name])
    (folder / "app.py").write_text(APP_PY)
    (folder / "wsgi.py").write_text(WSGI_PY)
    (folder / ".dockerignore").write_text("Dockerfile\n")
    return folder / "Dockerfile"


# The specification's templates that can be built here (the fourth is Alpine), on a shim of
# the local base that looks like python:3.12-slim where they need it: pip, no PEP 668
# marker, /usr/local/lib/python3.12/site-packages a link to Python 3.11's dist-packages.
SPEC_TEMPLATES = ("Dockerfile.ai", "Dockerfile.optimized-slim", "Dockerfile.production-gunicorn")
_SHIM = """FROM {base}
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip && rm -rf /var/lib/apt/lists/* \\
    && rm -f /usr/lib/python3.11/EXTERNALLY-MANAGED && ln -s /usr/bin/python3 /usr/local/bin/python \\
    && mkdir -p /usr/local/lib/python3.11/dist-packages && ln -s dist-packages /usr/local/lib/python3.11/site-packages \\
    && ln -s python3.11 /usr/local/lib/python3.12
"""
REQUIREMENTS = "fastapi==0.115.6\nuvicorn==0.32.1\ngunicorn==23.0.0\n"
MAIN_PY = 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/health")\ndef health():\n    return {"status": "ok"}\n'


def shim_dockerfile(base: str) -> str:
    return _SHIM.format(base=base)


def write_template(name: str, folder: Path, dockerfile: str | None = None) -> Path:
    """A template's build context: the Dockerfile (or `dockerfile`), the app it runs
    (main.py with /health) and its requirements."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "Dockerfile"
    path.write_text(dockerfile if dockerfile is not None else (ROOT / "examples" / "spec" / name).read_text())
    (folder / "requirements.txt").write_text(REQUIREMENTS)
    (folder / "main.py").write_text(MAIN_PY)
    return path


def on_shim(text: str, shim: str) -> str:
    """The template with its base image switched to the shim, and without `# syntax=` (no
    frontend image can be pulled here)."""
    text = re.sub(r"\A# syntax=[^\n]*\n", "", text)
    return re.sub(r"^FROM python:\S+", f"FROM {shim}", text, flags=re.M)
