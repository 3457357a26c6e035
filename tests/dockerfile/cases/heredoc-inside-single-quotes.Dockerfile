FROM python:3.12-slim
RUN echo '<<EOF' && echo '3<<-X'
USER app
