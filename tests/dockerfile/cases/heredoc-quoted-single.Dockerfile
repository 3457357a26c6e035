FROM python:3.12-slim
RUN <<'EOF'
echo "$HOME"
EOF
