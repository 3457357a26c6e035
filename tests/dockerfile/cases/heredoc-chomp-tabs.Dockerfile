FROM python:3.12-slim
RUN <<-EOT bash
	set -eux
		pip install uv
	EOT
USER app
