FROM python:3.12-slim
RUN cat <<EOF; echo done
hello
EOF;
USER app
