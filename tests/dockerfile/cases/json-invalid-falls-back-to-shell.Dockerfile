FROM python:3.12-slim
CMD ["python", "-m"
RUN ['single', 'quotes']
ENTRYPOINT ["a",]
