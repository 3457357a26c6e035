"""VF402 chown-layer-in-history: a RUN chown/chmod -R step stores the files it touches again."""
from __future__ import annotations

import dataclasses

import pytest

from dockharden.runtime.observation import HistoryStep, Rewrite
from support.observations import findings, with_history

CHOWN = HistoryStep("RUN /bin/sh -c chown -R 1000:1000 /app # buildkit", 300_312)


@pytest.mark.parametrize(("step", "expected"), [
    (CHOWN, "history step 9 (RUN chown -R 1000:1000 /app) re-owns files in a layer of 300.3 kB; what it stores again "
            "was not measured (the layers could not be read); use COPY --chown instead"),
    (HistoryStep("/bin/sh -c chmod -R g+w /app", 4_000_000),
     "history step 9 (RUN chmod -R g+w /app) re-owns files in a layer of 4.0 MB; what it stores again "
     "was not measured (the layers could not be read); use COPY --chown instead"),
    (HistoryStep("|1 MODE=x /bin/sh -c cp -r /src /app && chown app /app/x", 12),
     "history step 9 (RUN cp -r /src /app && chown app /app/x) re-owns files in a layer of 12 B; what it stores "
     "again was not measured (the layers could not be read); use COPY --chown instead"),
])
def test_chown_layers_whose_layers_were_not_read(step, expected):
    assert findings(with_history(step)) == [("VF402", 8, expected)]


def test_a_measured_chown_layer_gives_the_files_and_bytes_stored_again():
    seen = dataclasses.replace(with_history(CHOWN), rewrites=(Rewrite(9, 3, 290_100, ("/app/a.py", "/app/b.py", "/app/c")),))
    assert findings(seen) == [("VF402", 8, "history step 9 (RUN chown -R 1000:1000 /app) stores 3 files again only to "
                                           "change owner or mode (/app/a.py, /app/b.py, /app/c): 290.1 kB; use COPY --chown instead")]


def test_a_chown_layer_the_layers_show_stores_nothing_again_is_not_flagged():
    # `useradd ... && chown -R app /app` while /app is still empty: the layer has bytes (the
    # account files) but none of a lower layer's files again.
    useradd = HistoryStep("RUN /bin/sh -c useradd --uid 1000 app && chown -R app:app /app # buildkit", 3_812)
    assert findings(dataclasses.replace(with_history(useradd), rewrites=())) == []
    # a rewrite measured at another step does not make this one a finding, nor that one (not a chown RUN)
    assert findings(dataclasses.replace(with_history(useradd), rewrites=(Rewrite(8, 1, 10, ("x",)),))) == []


@pytest.mark.parametrize("step", [
    HistoryStep("RUN /bin/sh -c mkdir /app/data && chown app /app/data # buildkit", 0),  # no bytes stored again
    HistoryStep("COPY --chown=1000:1000 app/ /app/ # buildkit", 5000),
    HistoryStep("/bin/sh -c #(nop)  LABEL note=chown later", 0),
    HistoryStep("RUN /bin/sh -c chmod 755 /app/run.sh # buildkit", 100),  # not recursive
])
def test_not_chown_layers(step):
    assert findings(with_history(step)) == []
