"""## What it does
Flags a build context that has no `.dockerignore` (nor a `<Dockerfile>.dockerignore` next
to the Dockerfile) when the Dockerfile copies it wholesale: `COPY . ...` or `ADD . ...`.
The context is found from the project (a compose file's `build.context`, devcontainer.json,
a workflow's build step, a `docker build` command in the file's comments, the folder where
most of the copied files are (a build step may make some first), else the Dockerfile's
folder). The message names what the context holds that a .dockerignore would leave out:
`.git`, `.env` files (and the `.env` that a `.env.example` or the folder's README asks for),
keys and credential files, node_modules (a package.json), virtualenvs (and the `.venv` of a
pyproject.toml's project), Python caches, and what a .gitignore in the folder says is made
there. It is info when the context is a folder below the repository root that holds none of
these (looked through up to 1,000 entries; a bigger one stays a warning): a folder of
sources, where only what is made later would leak. At the repository root it is always a
warning. When only folders are copied the finding is info: they take everything in them,
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
from dockharden.dockerfile.context_contents import WHOLE_CONTEXT
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH906", "missing-dockerignore", None, Severity.WARNING, "The build context has no .dockerignore and is copied whole.", __doc__)


def _what(context) -> str:
    """What of the context should stay out of the image: what it holds (.git, .env, node_modules
    (package.json), ...), else caches and local files."""
    return ", ".join(context.unwanted) if context.unwanted else "caches and local files"


def check(model, settings):
    context = model.context
    if context is None or context.dockerignore is not None or context.evidence == NO_CONTEXT:
        return
    copies = [c for stage in model.stages for c in stage.copies if c.from_context]
    where = f"{context.root} ({context.evidence})"
    whole = next((c for c in copies if WHOLE_CONTEXT.intersection(c.sources)), None)
    if whole is not None:
        message = f"the build context {where} has no .dockerignore: {whole.instruction.name} . sends and copies all of it"
        if context.unwanted == () and not context.repository_root:  # a folder of sources, looked through
            message += ("; it holds nothing a .dockerignore would leave out now (no .git, .env, keys, node_modules or virtualenv), "
                        "but what is made there later goes too")
            yield Finding(RULE, whole.instruction.start_line, message, whole.instruction.end_line).with_severity(Severity.INFO)
        else:
            yield Finding(RULE, whole.instruction.start_line, f"{message}, {_what(context)} included", whole.instruction.end_line)
        return
    folder = next(((c, s) for c in copies for s in c.sources if s.lstrip("/") in context.directories), None)
    if folder is not None:
        copy, source = folder
        message = f"the build context {where} has no .dockerignore: {copy.instruction.name} {source} takes everything in that folder, caches and local files included"
        yield Finding(RULE, copy.instruction.start_line, message, copy.instruction.end_line).with_severity(Severity.INFO)
