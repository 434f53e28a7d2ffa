"""Admission control: a bounded number of requests in flight, a bounded queue behind them,
and `503` with `Retry-After` once the queue is full.

A burst must not freeze the server: requests beyond what the thread pool can work on wait
here, before their bodies are read, in arrival order; when `max_queued` already wait, a new
one is refused at once (the caller retries later) rather than piling up without bound.
Some paths (`/healthz`) are never queued, so they answer whatever the load.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection

import anyio
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

RETRY_AFTER_S = 1
# What a refused request gets: the API's problem+json or a page, chosen by its scope.
Refusal = Callable[[Scope], Response]


class Turns:
    """At most `slots` holders at once; at most `max_waiting` wait for a turn, first come,
    first served. Used from one event loop only."""

    def __init__(self, slots: int, max_waiting: int) -> None:
        self.free = slots
        self.max_waiting = max_waiting
        self.waiting: deque[anyio.Event] = deque()

    async def take(self) -> bool:
        """Wait for a turn; False at once when `max_waiting` already wait."""
        if self.free > 0 and not self.waiting:
            self.free -= 1
            return True
        if len(self.waiting) >= self.max_waiting:
            return False
        turn = anyio.Event()
        self.waiting.append(turn)
        try:
            await turn.wait()
        except BaseException:  # cancelled while waiting: pass on a turn it was given
            if turn in self.waiting:
                self.waiting.remove(turn)
            else:
                self.give_back()
            raise
        return True

    def give_back(self) -> None:
        """End a turn: the longest waiting gets it."""
        if self.waiting:
            self.waiting.popleft().set()
        else:
            self.free += 1


class AdmissionMiddleware:
    """Bounds the HTTP requests in flight and the queue behind them (pure ASGI)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        in_flight: int,
        max_queued: int,
        refusal: Refusal,
        unqueued: Collection[str] = (),
    ) -> None:
        self.app = app
        self.turns = Turns(in_flight, max_queued)
        self.refusal = refusal
        self.unqueued = frozenset(unqueued)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.unqueued:
            await self.app(scope, receive, send)
            return
        if not await self.turns.take():
            response = self.refusal(scope)
            response.headers["Retry-After"] = str(RETRY_AFTER_S)
            await response(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.turns.give_back()
