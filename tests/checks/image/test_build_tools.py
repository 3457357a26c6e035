"""IM801 image-build-tools: the image ships compilers or build tools."""
from __future__ import annotations

from support.archives import directory, file
from support.inspect_support import APP_LAYER, findings


def test_build_tools(image_facts):
    tools = APP_LAYER + [file("usr/bin/gcc", b"\x7fELF", mode=0o755), file("usr/bin/make", b"\x7fELF", mode=0o755),
                         directory("usr/lib"), directory("usr/lib/gcc")]
    assert findings(image_facts(tools), "IM8") == [
        ("IM801", 0, "build tools in the final image: gcc (/usr/bin/gcc), make (/usr/bin/make), gcc-toolchain (/usr/lib/gcc)"),
    ]
    assert findings(image_facts(), "IM8") == []
