"""IM901 setuid-file-added: the image adds a setuid or setgid file."""
from __future__ import annotations

from support.archives import directory, file
from support.inspect_support import APP_LAYER, findings


def test_setuid_added_above_the_base(image_facts):
    layer = APP_LAYER + [directory("usr/local"), directory("usr/local/bin"),
                         file("usr/local/bin/helper", b"\x7fELF", mode=0o4755), file("usr/local/bin/grp", b"", mode=0o2755)]
    facts = image_facts(layer, steps=("RUN /bin/sh -c chmod u+s /usr/local/bin/helper # buildkit",))
    assert findings(facts, "IM901") == [
        ("IM901", 3, "/usr/local/bin/grp: setgid (mode 2755, owner 0:0), added by step 3 (RUN chmod u+s /usr/local/bin/helper)"),
        ("IM901", 3, "/usr/local/bin/helper: setuid (mode 4755, owner 0:0), added by step 3 (RUN chmod u+s /usr/local/bin/helper)"),
    ]
    assert findings(image_facts(), "IM901") == []  # the base image's su is the base's business
