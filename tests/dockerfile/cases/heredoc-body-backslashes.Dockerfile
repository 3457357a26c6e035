FROM python:3.12-slim
RUN <<EOF
pip install \
  fastapi
# not a comment to the parser
EOF
