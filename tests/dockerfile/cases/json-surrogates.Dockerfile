FROM python:3.12-slim
CMD ["\ud800 lone", "\ud83d\ude00 pair"]
