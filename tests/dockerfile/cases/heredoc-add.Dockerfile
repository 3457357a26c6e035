FROM python:3.12-slim
ADD <<EOF /etc/motd
hello
EOF
