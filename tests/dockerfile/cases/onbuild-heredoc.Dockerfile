FROM python:3.12-slim
ONBUILD RUN <<EOF
pip install -r requirements.txt
EOF
USER app
