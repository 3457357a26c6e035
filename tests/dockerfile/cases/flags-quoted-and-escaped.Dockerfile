FROM python:3.12-slim
COPY --chown="app user" --chmod='755' a b
COPY --from=build\ er a b
RUN --mount=type=cache,target=/root/.cache \
    --mount=type=secret,id=token pip install -r requirements.txt
COPY -- --not-a-flag /dst
COPY --link --from="" a b
COPY --"" x y
