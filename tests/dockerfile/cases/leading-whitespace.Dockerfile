   FROM python:3.12-slim
		RUN echo indented
  	# comment
    USER 1000
