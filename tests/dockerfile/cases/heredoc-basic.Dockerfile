FROM python:3.12-slim
RUN <<EOF
set -eux
apt-get update
EOF
USER 1000
