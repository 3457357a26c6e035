FROM python:3.12-slim
RUN <<$END
body
$END
