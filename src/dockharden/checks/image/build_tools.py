"""## What it does
Flags compilers and toolchains in the final image: gcc, cc, g++, c++, clang or make along
the image's PATH, or the traces build-essential and gcc leave (/usr/share/doc/build-essential,
/usr/lib/gcc). Reported on line 0: the image as a whole.

## Why is this bad?
They add hundreds of megabytes and hand an attacker who gets a shell a way to build
exploits in place. Wheels are built in a builder stage; the final stage only runs them.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM801", "image-build-tools", "no_build_tools", Severity.ERROR, "The image ships compilers or build tools.", rule_docs(__doc__, lessons.BUILD_TOOLS))
SET_BY: tuple[str, ...] = ()


def check(facts, settings):
    if facts.build_tools:
        found = ", ".join(f"{tool.name} ({tool.path})" for tool in facts.build_tools)
        yield Finding(RULE, 0, f"build tools in the final image: {found}")
