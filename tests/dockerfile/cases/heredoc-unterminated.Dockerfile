FROM python:3.12-slim
RUN <<EOF
echo never closed
