"""The load client against a local server that misbehaves on purpose: its failure kinds and retries."""
from __future__ import annotations

import asyncio
from collections import Counter

from scaffold.load.loadclient import CLOSED_BEFORE_RESPONSE, PARTIAL_RESPONSE, REFUSED, TIMEOUT, LoadPlan, free_loopback_port, run_load

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


async def _serve(behaviour, plan_for_port):
    """Run a load against a server whose `behaviour(request_number, writer)` answers each request."""
    served, handlers = Counter(), []

    async def handle(reader, writer):
        handlers.append(asyncio.current_task())
        try:
            while await reader.readuntil(b"\r\n\r\n"):
                served["requests"] += 1
                if not await behaviour(served["requests"], writer):
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        run = await run_load(plan_for_port(port))
        for handler in handlers:
            handler.cancel()
        await asyncio.gather(*handlers)
    return run, served


def _run(behaviour, **plan):
    return asyncio.run(_serve(behaviour, lambda port: LoadPlan(port, **plan)))


async def _answer(number, writer):
    writer.write(OK)
    await writer.drain()
    return True


def test_keep_alive_connections_serve_every_request():
    run, served = _run(_answer, requests=200, concurrency=5)
    assert (len(run.outcomes), run.failures, served["requests"]) == (200, [], 200)
    assert sum(not outcome.first.reused for outcome in run.outcomes) == 5  # one connection per worker
    assert [outcome.index for outcome in run.outcomes] == list(range(200))
    assert all(a.sent_at <= a.done_at for a in (o.first for o in run.outcomes))


async def _close_every_third(number, writer):
    if number % 3 == 0:
        return False  # close without a byte of response, like a server closing an idle keep-alive connection
    return await _answer(number, writer)


def test_close_before_response_fails_without_retries_and_passes_with_them():
    run, _ = _run(_close_every_third, requests=30, concurrency=1)
    assert Counter(o.first.error for o in run.outcomes) == Counter({None: 20, CLOSED_BEFORE_RESPONSE: 10})
    assert len(run.failures) == 10
    retried, _ = _run(_close_every_third, requests=30, concurrency=1, retries=2)
    assert retried.failures == []
    assert retried.first_attempt_errors() == Counter({CLOSED_BEFORE_RESPONSE: len(retried.retried)})
    assert all(len(o.attempts) == 2 and not o.attempts[1].reused for o in retried.retried)


async def _cut_mid_response(number, writer):
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nok")
    await writer.drain()
    return False


def test_partial_response_is_a_failure_and_never_retried():
    run, _ = _run(_cut_mid_response, requests=4, concurrency=1, retries=2)
    assert [(len(o.attempts), o.first.error, o.first.received) for o in run.outcomes] == [(1, PARTIAL_RESPONSE, 41)] * 4


async def _never_answer(number, writer):
    await asyncio.sleep(5)
    return False


def test_a_hanging_request_times_out():
    run, _ = _run(_never_answer, requests=2, concurrency=2, request_timeout=0.2)
    assert [o.first.error for o in run.outcomes] == [TIMEOUT, TIMEOUT]


def test_nothing_listening_is_refused():
    run = asyncio.run(run_load(LoadPlan(free_loopback_port(), requests=3, concurrency=1, retries=2)))
    assert [(len(o.attempts), o.first.error, o.first.sent_at) for o in run.outcomes] == [(1, REFUSED, None)] * 3
