"""Small images for the image-reader tests: one good, and each of the others breaks one thing.

Every Dockerfile starts FROM the local base image (passed as BASE); file contents are
fixed so the expected sizes below are exact.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

APP_PY = b'''import http.server

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/health" else 404)
        self.end_headers()
        self.wfile.write(b"ok")

http.server.ThreadingHTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
'''
DATA_BIN = random.Random(4).randbytes(300_000)
FAKE_KEY = (b"-----BEGIN OPENSSH PRIVATE KEY-----\n" + b"b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ" * 6
            + b"\n-----END OPENSSH PRIVATE KEY-----\n")
TLS_MATERIAL = b"# service identity\n" + FAKE_KEY.replace(b"OPENSSH ", b"")
BIG_FILE_BYTES = 40_000_000
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TOKEN = "ghp_0123456789abcdefEXAMPLE"
PROBE = "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=5)"


# The shapes every catalog image is read in.
VARIANTS = ("engine", "docker-save", "docker-save-stream", "oci-dir-gzip", "oci-tar-no-manifest",
            "oci-tar-zstd-stream")


@dataclass(frozen=True)
class ImageSpec:
    dockerfile: str
    files: dict[str, bytes] = field(default_factory=dict)
    classic_builder: bool = False
    build_args: dict[str, str] = field(default_factory=dict)


_APP = {"app.py": APP_PY}

IMAGES: dict[str, ImageSpec] = {
    "good": ImageSpec(f"""
FROM BASE
RUN groupadd --gid 1000 app && useradd --uid 1000 --gid 1000 --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --chown=1000:1000 app.py /app/app.py
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
EXPOSE 8000
USER 1000:1000
HEALTHCHECK --interval=30s --timeout=10s --start-period=5s --retries=3 CMD ["python3", "-c", "{PROBE}"]
LABEL org.opencontainers.image.title="good" org.opencontainers.image.version="1.0"
STOPSIGNAL SIGTERM
CMD ["python3", "/app/app.py"]
""", _APP),
    "root": ImageSpec("""
FROM BASE
WORKDIR /app
COPY app.py /app/app.py
CMD ["python3", "/app/app.py"]
""", _APP),
    "named-user": ImageSpec("""
FROM BASE
RUN useradd --create-home aiuser
USER aiuser
CMD ["python3", "-c", "print(1)"]
"""),
    "unknown-user": ImageSpec("""
FROM BASE
USER ghost
CMD ["python3", "-c", "print(1)"]
"""),
    "healthcheck-none": ImageSpec("""
FROM BASE
HEALTHCHECK NONE
CMD ["python3", "-c", "print(1)"]
"""),
    "curl-probe": ImageSpec("""
FROM BASE
HEALTHCHECK --interval=5s CMD curl -f http://localhost:8000/health || exit 1
CMD ["python3", "-c", "print(1)"]
"""),
    "chown-duplicate": ImageSpec("""
FROM BASE
WORKDIR /app
COPY app.py data.bin /app/
RUN chown -R 1000:1000 /app
USER 1000
CMD ["python3", "/app/app.py"]
""", {**_APP, "data.bin": DATA_BIN}),
    "secret-env": ImageSpec(f"""
FROM BASE
ENV AWS_SECRET_ACCESS_KEY={AWS_SECRET} TOKENIZERS_PARALLELISM=false
CMD ["python3", "-c", "print(1)"]
"""),
    "secret-arg-classic": ImageSpec("""
FROM BASE
ARG TOKEN
RUN echo "token length ${#TOKEN}" > /tmp/token-length
""", classic_builder=True, build_args={"TOKEN": TOKEN}),
    "secret-arg-buildkit": ImageSpec("""
FROM BASE
ARG TOKEN
RUN echo "token length ${#TOKEN}" > /tmp/token-length
""", build_args={"TOKEN": TOKEN}),
    "secret-files": ImageSpec("""
FROM BASE
WORKDIR /app
COPY dotenv /app/.env
COPY dotenv.example /app/.env.example
COPY fake_key /root/.ssh/id_rsa
COPY fake_key.pub /root/.ssh/id_rsa.pub
COPY aws_credentials /root/.aws/credentials
COPY tls_material /app/config/tls.txt
COPY netrc /root/.netrc
RUN rm /root/.netrc
""", {"dotenv": b"DATABASE_URL=postgres://u:p@db/app\n", "dotenv.example": b"DATABASE_URL=\n",
      "fake_key": FAKE_KEY, "fake_key.pub": b"ssh-ed25519 AAAAC3Nza example\n",
      "aws_credentials": f"[default]\naws_secret_access_key = {AWS_SECRET}\n".encode(),
      "tls_material": TLS_MATERIAL, "netrc": b"machine example.invalid login u password p\n"}),
    "gcc-final": ImageSpec("""
FROM BASE
RUN apt-get update && apt-get install -y --no-install-recommends gcc make libc6-dev \\
    && rm -rf /var/lib/apt/lists/*
"""),
    "setuid": ImageSpec("""
FROM BASE
RUN cp /usr/bin/true /usr/local/bin/helper && chmod 4755 /usr/local/bin/helper
"""),
    "shell-cmd": ImageSpec("""
FROM BASE
WORKDIR /app
COPY app.py /app/app.py
CMD python3 /app/app.py
""", _APP),
    "big": ImageSpec(f"""
FROM BASE
RUN head -c {BIG_FILE_BYTES} /dev/urandom > /var/big.bin
"""),
    "whiteouts": ImageSpec("""
FROM BASE
COPY tree/ /data/
RUN rm /data/gone.txt && rm -rf /data/old && mkdir /data/old && echo new > /data/old/c.txt \\
    && echo changed > /data/keep.txt
""", {"tree/old/a.txt": b"a" * 1000, "tree/old/b.txt": b"b" * 2000, "tree/keep.txt": b"k" * 3000,
      "tree/gone.txt": b"g" * 4000}),
}

# For the inspect tests: the good image with only its HEALTHCHECK removed.
IMAGES["no-healthcheck"] = ImageSpec(
    "".join(line for line in IMAGES["good"].dockerfile.splitlines(keepends=True) if not line.startswith("HEALTHCHECK")),
    _APP,
)
