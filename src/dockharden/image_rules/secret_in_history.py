"""## What it does
Flags history steps whose `created_by` holds a secret: a build argument recorded in a RUN
step (`|1 TOKEN=... /bin/sh -c ...`, as the classic builder and BuildKit both write it), an
`ENV` or `ARG` assignment with a secret value that the final Env no longer shows, or any
text shaped like a credential. The message names the step and the variable, never the
value. Reported at the history step (1-based, oldest first, as in the config's history).

## Why is this bad?
`docker history --no-trunc` prints every step to anyone who can pull the image; a build
argument used by a RUN is recorded there even though it never reaches the Env.

## Example
```dockerfile
ARG HF_TOKEN
RUN pip download --header "Authorization: Bearer $HF_TOKEN" model
```

## Use instead
```dockerfile
RUN --mount=type=secret,id=hf_token,env=HF_TOKEN pip download model
```
"""
import re
import shlex

from dockharden.secrets import secret_in_value, secret_variable
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("IM602", "secret-in-history", "no_secrets", Severity.ERROR, "A history step of the image holds a secret.", __doc__)
_ASSIGNMENT_STEP = re.compile(r"^(?:/bin/sh -c #\(nop\)\s*)?(ENV|ARG)\s+(.*)$", re.DOTALL)


def check(facts, settings):
    final_env = set(facts.config.env)
    for index, entry in enumerate(facts.history):
        reasons = sorted(set(_reasons(entry, final_env)))
        if reasons:
            yield Finding(RULE, index + 1, f"step {index + 1}: {'; '.join(reasons)}")


def _reasons(entry, final_env):
    for name, value in entry.build_args:
        if reason := secret_variable(name, value):
            yield f"build argument {name}: {reason}"
    step = _ASSIGNMENT_STEP.match(entry.created_by.strip())
    if step:
        for name, value in _assignments(step.group(2)):
            reason = secret_variable(name, value)
            if reason and (step.group(1) == "ARG" or (name, value) not in final_env):
                yield f"{step.group(1)} {name}: {reason}"
    elif kind := secret_in_value(entry.created_by):
        yield f"the step's text holds a {kind}"


def _assignments(text):
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    return [tuple(word.split("=", 1)) for word in words if "=" in word]
