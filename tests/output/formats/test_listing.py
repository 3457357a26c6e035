"""`dockharden rules`: every format names the peers' rule IDs a rule covers, and whether it is optional."""
from __future__ import annotations

import json

from dockharden.core.vocabulary import Rule, Severity
from dockharden.output.listing import as_json, as_markdown, as_text

PEERED = Rule("DH909", "apt-recommends-installed", None, Severity.WARNING, "apt installs Recommends.", "", peers=("DL3015", "DS-0029"))
OPTIONAL = Rule("DH926", "unpinned-system-package", None, Severity.INFO, "An OS package has no version.", "", optional=True)
PLAIN = Rule("DH101", "root-user", "non_root_user", Severity.ERROR, "The final stage runs as root.", "")


def test_text_ends_each_row_with_optional_and_the_peer_ids():
    rows = as_text((PEERED, OPTIONAL, PLAIN)).splitlines()
    assert rows[0].endswith("apt installs Recommends. [DL3015 DS-0029]")
    assert rows[1].endswith("An OS package has no version. (optional)")
    assert rows[2].endswith("The final stage runs as root.")


def test_json_has_peers_and_optional():
    items = json.loads(as_json((PEERED, OPTIONAL)))
    assert [(i["peers"], i["optional"]) for i in items] == [(["DL3015", "DS-0029"], False), ([], True)]


def test_markdown_has_a_peers_column():
    rows = as_markdown((PEERED, PLAIN)).splitlines()
    assert rows[0].endswith("| Summary | Peers |")
    assert rows[2].endswith("| DL3015, DS-0029 |") and rows[3].endswith("| - |")
