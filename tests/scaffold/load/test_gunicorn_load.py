"""The gunicorn template under a bounded load on 127.0.0.1: no failed requests at the template's
defaults, while workers recycle through max-requests, and while `docker stop` arrives mid-load.

What "failed" means is defined in loadclient.py: no complete 200 response, after at most
two RFC 9112 retries of a GET whose connection closed before any response byte. Figures
(rates, retries, stop time) are printed with `pytest -s`; speed itself is not asserted.
"""
from __future__ import annotations

import asyncio
import re
import time
from collections import Counter

import pytest

from dockharden.runtime.engine import Engine
from scaffold.load.loadclient import CLOSED_BEFORE_RESPONSE, REFUSED, LoadPlan, LoadRun, load, run_load
from support import engine

pytestmark = pytest.mark.engine

REQUESTS, CONCURRENCY = 2400, 20
RECYCLING = {"GUNICORN_MAX_REQUESTS": "50", "GUNICORN_MAX_REQUESTS_JITTER": "10"}
# uvicorn notices the limit on its 0.1 s tick, so a worker serves more than 50 when fast:
# enough requests that every worker recycles during the load.
RECYCLING_REQUESTS = 4000
STOP_AFTER = 600  # completed requests before docker stop is sent
STOP_TIMEOUT = 30  # the template's graceful timeout; exit 0 proves nothing was killed


def _figures(label: str, run: LoadRun) -> str:
    return (f"{label}: {len(run.outcomes)} requests in {run.seconds:.2f} s ({run.rate:.0f} req/s), "
            f"{len(run.failures)} failed, {len(run.retried)} retried after {dict(run.first_attempt_errors())}")


def _assert_no_failures(run: LoadRun, requests: int = REQUESTS) -> None:
    assert len(run.outcomes) == requests
    assert run.failures == []
    # Only premature closes before any response byte were retried: nothing was cut mid-response.
    assert set(run.first_attempt_errors()) <= {CLOSED_BEFORE_RESPONSE}


def test_template_defaults_serve_the_load_without_failures(serve):
    served = serve()
    run = load(LoadPlan(served.port, REQUESTS, CONCURRENCY, retries=2))
    print(_figures("defaults", run))
    _assert_no_failures(run)


def test_workers_recycle_through_max_requests_without_failures(serve):
    served = serve(**RECYCLING)
    run = load(LoadPlan(served.port, RECYCLING_REQUESTS, CONCURRENCY, retries=2))
    logs = engine.docker("logs", served.name).stderr
    recycled = re.findall(r"Maximum request limit of (\d+) exceeded", logs)
    print(_figures("max-requests 50, jitter 10", run), f"; {len(recycled)} workers recycled")
    _assert_no_failures(run, RECYCLING_REQUESTS)
    assert len(recycled) >= 4, "on average every one of the 4 workers recycled during the load"
    assert {int(limit) for limit in recycled} <= set(range(50, 61))


async def _load_with_stop(plan: LoadPlan, name: str) -> tuple[LoadRun, float, float]:
    """Run the load; when STOP_AFTER requests are done, send `docker stop` (through dockharden's engine seam)."""
    halfway, done = asyncio.Event(), Counter()

    def count(outcome) -> None:
        done["requests"] += 1
        if done["requests"] == STOP_AFTER:
            halfway.set()

    loading = asyncio.create_task(run_load(plan, count))
    await halfway.wait()
    stop_sent = time.monotonic()
    await asyncio.to_thread(Engine.connect().stop, name, STOP_TIMEOUT)
    stop_seconds = time.monotonic() - stop_sent
    return await loading, stop_sent, stop_seconds


def test_docker_stop_mid_load_completes_in_flight_requests(serve):
    """In flight at the stop: fully sent before `docker stop` was sent, not yet answered. Each must
    complete with a 200. Requests sent after it may instead find the server closing its idle
    keep-alive connections or refusing new ones (no response byte at all): counted, never cut
    mid-response, never left hanging."""
    served = serve()
    plan = LoadPlan(served.port, 2000, CONCURRENCY, retries=0)
    run, stop_sent, stop_seconds = asyncio.run(_load_with_stop(plan, served.name))
    first = [outcome.first for outcome in run.outcomes]
    in_flight = [a for a in first if a.sent_at is not None and a.sent_at < stop_sent < a.done_at]
    before = [a for a in first if a.sent_at is not None and a.done_at <= stop_sent]
    after = [a for a in first if a.sent_at is None or a.sent_at >= stop_sent]
    after_kinds = Counter(a.error or str(a.status) for a in after)
    print(f"docker stop after {len(before)} requests took {stop_seconds:.2f} s; {len(in_flight)} in flight, "
          f"all {Counter(a.status for a in in_flight)}; after the stop: {dict(after_kinds)}")
    assert len(before) + len(in_flight) + len(after) == 2000
    assert len(in_flight) >= 1, "the stop must arrive while requests are in flight"
    assert [a.status for a in before + in_flight] == [200] * (len(before) + len(in_flight))
    assert set(after_kinds) <= {"200", CLOSED_BEFORE_RESPONSE, REFUSED}
    assert after_kinds[CLOSED_BEFORE_RESPONSE] + after_kinds[REFUSED] >= 1, "the server must stop taking requests"
    assert engine.inspect(served.name, "{{.State.ExitCode}} {{.State.OOMKilled}}") == "0 false"
    assert "Shutting down: Master" in engine.docker("logs", served.name).stderr
