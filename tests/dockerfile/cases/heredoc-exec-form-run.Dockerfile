FROM python:3.12-slim
RUN ["cat", "<<EOF"]
EOF
