FROM python:3.12-slim
RUN <<E"O"F
echo $PATH
EOF
