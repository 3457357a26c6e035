FROM python:3.12-slim
FOO bar
COPYY a b
RUN echo nbsp-joined
--flag only
