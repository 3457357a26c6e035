FROM python:3.12-slim
COPY --chmod=644 \
    # comment in the head
    <<EOF /etc/app.conf
key=value
EOF
