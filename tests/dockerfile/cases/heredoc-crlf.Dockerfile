FROM python:3.12-slim
RUN <<EOF
echo hi
EOF
USER 1000
