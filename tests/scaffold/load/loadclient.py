"""A bounded HTTP/1.1 load client on asyncio streams, for the load tests.

Each of `concurrency` workers keeps one keep-alive connection and sends GETs until
`requests` have been sent; the whole run is cut at `overall_timeout`. Every request is
recorded, with monotonic times, so tests can say exactly which requests were in flight
at a moment (such as a `docker stop`).

Failure, precisely: a request fails unless it ends in a complete 200 response. A GET
whose connection closed before a single response byte arrived may be retried on a new
connection, at most `retries` times (RFC 9112 section 9.3.1 allows retrying idempotent
requests after a premature close; browsers, Go's net/http and nginx do it). Retries are
recorded as attempts, so the first attempts' failures stay visible.
"""
from __future__ import annotations

import asyncio
import socket
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

REFUSED = "refused"  # the TCP connection was not accepted
CLOSED_BEFORE_RESPONSE = "closed-before-response"  # connection closed or reset before any response byte
PARTIAL_RESPONSE = "partial-response"  # closed or reset after part of a response
TIMEOUT = "timeout"
RESPONSE_HEAD_LIMIT = 64 * 1024


@dataclass(frozen=True)
class LoadPlan:
    port: int
    requests: int = 2000
    concurrency: int = 20
    path: str = "/health"
    retries: int = 0
    request_timeout: float = 10.0
    overall_timeout: float = 60.0
    host: str = "127.0.0.1"


@dataclass(frozen=True)
class Attempt:
    reused: bool  # sent on a connection that had already served a response
    sent_at: float | None  # when the whole request was handed to the kernel; None: never sent
    done_at: float
    status: int | None
    received: int  # response bytes received
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200


@dataclass(frozen=True)
class Outcome:
    index: int
    attempts: tuple[Attempt, ...]

    @property
    def ok(self) -> bool:
        return self.attempts[-1].ok

    @property
    def first(self) -> Attempt:
        return self.attempts[0]


@dataclass(frozen=True)
class LoadRun:
    outcomes: tuple[Outcome, ...]
    seconds: float

    @property
    def failures(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.ok]

    @property
    def retried(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if len(outcome.attempts) > 1]

    @property
    def rate(self) -> float:
        return len(self.outcomes) / self.seconds

    def first_attempt_errors(self) -> Counter:
        return Counter(outcome.first.error for outcome in self.outcomes if not outcome.first.ok)


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer, self.served = reader, writer, 0

    def close(self) -> None:
        self.writer.close()


class _Worker:
    def __init__(self, plan: LoadPlan) -> None:
        self.plan, self.connection = plan, None
        self.request = (f"GET {plan.path} HTTP/1.1\r\nHost: {plan.host}:{plan.port}\r\n"
                        "User-Agent: dockharden-load\r\nAccept: */*\r\n\r\n").encode()

    async def outcome(self, index: int) -> Outcome:
        attempts = [await self.attempt()]
        while attempts[-1].error == CLOSED_BEFORE_RESPONSE and len(attempts) <= self.plan.retries:
            attempts.append(await self.attempt())
        return Outcome(index, tuple(attempts))

    async def attempt(self) -> Attempt:
        if self.connection is None:
            try:
                self.connection = _Connection(*await asyncio.wait_for(
                    asyncio.open_connection(self.plan.host, self.plan.port), self.plan.request_timeout))
            except (OSError, asyncio.TimeoutError):
                return Attempt(False, None, time.monotonic(), None, 0, REFUSED)
        connection = self.connection
        reused = connection.served > 0
        try:
            connection.writer.write(self.request)
            await connection.writer.drain()
        except OSError:
            return self._lost(Attempt(reused, None, time.monotonic(), None, 0, CLOSED_BEFORE_RESPONSE))
        sent_at = time.monotonic()
        return await self._response(connection, reused, sent_at)

    async def _response(self, connection: _Connection, reused: bool, sent_at: float) -> Attempt:
        received = 0
        try:
            async with asyncio.timeout(self.plan.request_timeout):
                head = await connection.reader.readuntil(b"\r\n\r\n")
                received = len(head)
                status, length, closing = _parse_head(head)
                body = await connection.reader.readexactly(length)
                received += len(body)
        except TimeoutError:  # before OSError, its base class
            return self._lost(Attempt(reused, sent_at, time.monotonic(), None, received, TIMEOUT))
        except asyncio.IncompleteReadError as error:
            received += len(error.partial)
            return self._lost(Attempt(reused, sent_at, time.monotonic(), None, received,
                                      PARTIAL_RESPONSE if received else CLOSED_BEFORE_RESPONSE))
        except (OSError, asyncio.LimitOverrunError, ValueError):
            kind = PARTIAL_RESPONSE if received else CLOSED_BEFORE_RESPONSE
            return self._lost(Attempt(reused, sent_at, time.monotonic(), None, received, kind))
        connection.served += 1
        if closing:
            self._lost(None)
        return Attempt(reused, sent_at, time.monotonic(), status, received, None)

    def _lost(self, attempt: Attempt | None) -> Attempt | None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        return attempt

    def close(self) -> None:
        self._lost(None)


def _parse_head(head: bytes) -> tuple[int, int, bool]:
    """Status, Content-Length and whether the server closes the connection after this response."""
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = dict(line.split(":", 1) for line in lines[1:] if ":" in line)
    headers = {name.strip().lower(): value.strip() for name, value in headers.items()}
    if "content-length" not in headers:
        raise ValueError("no Content-Length")
    return status, int(headers["content-length"]), headers.get("connection", "").lower() == "close"


async def run_load(plan: LoadPlan, on_done: Callable[[Outcome], None] | None = None) -> LoadRun:
    indexes = iter(range(plan.requests))
    outcomes: list[Outcome] = []

    async def work() -> None:
        worker = _Worker(plan)
        try:
            for index in indexes:
                outcome = await worker.outcome(index)
                outcomes.append(outcome)
                if on_done is not None:
                    on_done(outcome)
        finally:
            worker.close()

    started = time.monotonic()
    async with asyncio.timeout(plan.overall_timeout):
        await asyncio.gather(*(work() for _ in range(plan.concurrency)))
    return LoadRun(tuple(sorted(outcomes, key=lambda outcome: outcome.index)), time.monotonic() - started)


def load(plan: LoadPlan) -> LoadRun:
    return asyncio.run(run_load(plan))


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
