FROM python:3.12-slim
RUN <<${X:-a b}
EOF
