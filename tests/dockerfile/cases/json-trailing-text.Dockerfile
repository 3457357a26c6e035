FROM python:3.12-slim
CMD ["gunicorn", "app:app"] --workers 2
ENTRYPOINT ["tini"]garbage
