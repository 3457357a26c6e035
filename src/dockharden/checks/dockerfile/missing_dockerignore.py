"""## What it does
Flags a build context that has no `.dockerignore` (nor a `<Dockerfile>.dockerignore` next
to the Dockerfile) when the Dockerfile copies it wholesale: `COPY . ...` or `ADD . ...`.
The context is found from the project (a compose file's `build.context`, devcontainer.json,
a workflow's build step, a `docker build` command in the file's comments, the folder where
most of the copied files are (a build step may make some first), else the Dockerfile's
folder). When only folders are copied the finding is info: they take everything in them,
but not the whole context. A Dockerfile that
copies only named files, or nothing, from the context is not flagged, nor one built from
stdin (`docker build - < Dockerfile` in its comments), which has no context.

## Why is this bad?
Without it `COPY . .` sends and copies `.git`, `.venv`, `.env` files, keys, model weights
and caches: slow builds, huge layers and leaked secrets.

## Example
```text
app/
  Dockerfile      # COPY . /app
  main.py
```

## Use instead
```text
app/
  .dockerignore
  Dockerfile
  main.py
```
"""
from dockharden.dockerfile.context import NO_CONTEXT
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH906", "missing-dockerignore", None, Severity.WARNING, "The build context has no .dockerignore and is copied whole.", __doc__)
_WHOLE = frozenset({".", "./", "*", "./*", "/"})


def check(model, settings):
    context = model.context
    if context is None or context.dockerignore is not None or context.evidence == NO_CONTEXT:
        return
    copies = [c for stage in model.stages for c in stage.copies if c.from_context]
    where = f"{context.root} ({context.evidence})"
    whole = next((c for c in copies if _WHOLE.intersection(c.sources)), None)
    if whole is not None:
        message = f"the build context {where} has no .dockerignore: {whole.instruction.name} . sends and copies all of it, .git, .env files and keys included"
        yield Finding(RULE, whole.instruction.start_line, message, whole.instruction.end_line)
        return
    folder = next(((c, s) for c in copies for s in c.sources if s.lstrip("/") in context.directories), None)
    if folder is not None:
        copy, source = folder
        message = f"the build context {where} has no .dockerignore: {copy.instruction.name} {source} takes everything in that folder, caches and local files included"
        yield Finding(RULE, copy.instruction.start_line, message, copy.instruction.end_line).with_severity(Severity.INFO)
