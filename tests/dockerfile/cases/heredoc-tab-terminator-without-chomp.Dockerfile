FROM python:3.12-slim
RUN <<EOF
body
	EOF
EOF
