FROM python:3.12-slim
COPY <<EOF /app/gunicorn.conf.py
bind = "0.0.0.0:8000"
workers = 2
EOF
COPY --chmod=755 <<run <<stop /usr/local/bin/
#!/bin/sh
exec python -m app
run
#!/bin/sh
kill 1
stop
