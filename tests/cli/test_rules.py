"""`dockharden rules` lists every rule with the peers' rule IDs it covers."""
from __future__ import annotations

import json


def test_rules_names_the_peer_ids(run_cli):
    done = run_cli("rules", "--format", "json")
    assert done.code == 0, done.err
    rules = {item["code"]: item for item in json.loads(done.out)}
    assert rules["DH909"]["peers"] == ["DL3015", "DS-0029"]
    assert rules["DH902"]["peers"][:2] == ["DL3006", "DL3007"]
    assert rules["DH926"]["optional"] and not rules["DH909"]["optional"]
