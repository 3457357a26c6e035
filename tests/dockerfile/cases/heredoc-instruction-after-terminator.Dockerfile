FROM python:3.12-slim
RUN <<EOF
echo hi
EOF
RUN echo next
COPY <<A /a
body
A
USER 1000:1000
