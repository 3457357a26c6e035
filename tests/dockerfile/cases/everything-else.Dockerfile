FROM python:3.12-slim
MAINTAINER someone@example.com
STOPSIGNAL SIGTERM
EXPOSE 8000/tcp 9090
WORKDIR /app
VOLUME /data /models
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
ARG A B=2 C="x y"
ONBUILD COPY . /app
