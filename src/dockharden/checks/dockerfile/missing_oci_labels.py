"""## What it does
Notes a final image without OCI labels fed by build arguments:
`org.opencontainers.image.version`, `.created` and `.revision` set from ARGs such as
APP_VERSION, BUILD_DATE and COMMIT_SHA.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH905", "missing-oci-labels", None, Severity.INFO, "No OCI version/created/revision labels from build args.", rule_docs(__doc__, lessons.OCI_LABELS))
_WANTED = ("org.opencontainers.image.version", "org.opencontainers.image.created", "org.opencontainers.image.revision")


def check(model, settings):
    labels = model.final.labels
    missing = [key for key in _WANTED if key not in labels or "$" not in labels[key][0]]
    if missing:
        yield Finding(RULE, model.final.line, f"no label from a build arg for: {', '.join(missing)}")
