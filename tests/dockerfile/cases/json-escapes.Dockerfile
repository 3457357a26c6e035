FROM python:3.12-slim
CMD ["say \"hi\"", "\u00e9\n"]
