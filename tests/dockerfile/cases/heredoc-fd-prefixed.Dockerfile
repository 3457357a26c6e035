FROM python:3.12-slim
RUN cat /dev/fd/3 3<<EOF
hello
EOF
RUN 10<<-A cat <&10
	x
	A
