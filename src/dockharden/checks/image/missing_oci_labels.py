"""## What it does
Notes an image without the OCI labels that say which build it is:
`org.opencontainers.image.version`, `.created` and `.revision`. Reported on line 0: the
image config has no lines.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM904", "image-missing-oci-labels", None, Severity.INFO, "The image lacks OCI version/created/revision labels.", rule_docs(__doc__, lessons.OCI_LABELS))
SET_BY: tuple[str, ...] = ()
WANTED = ("org.opencontainers.image.version", "org.opencontainers.image.created", "org.opencontainers.image.revision")


def check(facts, settings):
    labels = facts.config.labels_dict()
    missing = [key for key in WANTED if not labels.get(key)]
    if missing:
        yield Finding(RULE, 0, f"no label {', '.join(missing)}")
