"""VF402 chown-layer-in-history: a RUN chown/chmod -R step stores the files it touches again."""
from __future__ import annotations

import pytest

from dockharden.runtime.observation import HistoryStep
from support.observations import findings, with_history


@pytest.mark.parametrize(("step", "expected"), [
    (HistoryStep("RUN /bin/sh -c chown -R 1000:1000 /app # buildkit", 300_312),
     "history step 9 (RUN chown -R 1000:1000 /app) stores 300.3 kB again to change owner or mode; use COPY --chown instead"),
    (HistoryStep("/bin/sh -c chmod -R g+w /app", 4_000_000),
     "history step 9 (RUN chmod -R g+w /app) stores 4.0 MB again to change owner or mode; use COPY --chown instead"),
    (HistoryStep("|1 MODE=x /bin/sh -c cp -r /src /app && chown app /app/x", 12),
     "history step 9 (RUN cp -r /src /app && chown app /app/x) stores 12 B again to change owner or mode; "
     "use COPY --chown instead"),
])
def test_chown_layers(step, expected):
    assert findings(with_history(step)) == [("VF402", 8, expected)]


@pytest.mark.parametrize("step", [
    HistoryStep("RUN /bin/sh -c mkdir /app/data && chown app /app/data # buildkit", 0),  # no bytes stored again
    HistoryStep("COPY --chown=1000:1000 app/ /app/ # buildkit", 5000),
    HistoryStep("/bin/sh -c #(nop)  LABEL note=chown later", 0),
    HistoryStep("RUN /bin/sh -c chmod 755 /app/run.sh # buildkit", 100),  # not recursive
])
def test_not_chown_layers(step):
    assert findings(with_history(step)) == []
